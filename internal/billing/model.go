// Package billing charges patients for their care and collects payment (PRODUCT §3.10):
// a price list versioned by date, charges made by the events that cause them (exactly
// once each), an invoice per visit, payments and refunds with receipts, invoice and
// receipt PDFs, voids that leave a reversal, revenue reports and the billing desk.
//
// The original's billing records (E-55..E-59) are the charges; their paths and shapes
// are kept. Nothing financial is ever deleted: a mistake is voided, with a reason, by an
// administrator, and the reversal stands beside the charge it cancels.
package billing

import (
	"fmt"
	"time"
)

// Category is what a charge is for.
type Category string

const (
	Consultation Category = "consultation"
	Lab          Category = "lab"
	Imaging      Category = "imaging"
	Pharmacy     Category = "pharmacy"
	Other        Category = "other"
)

// Categories lists the categories in the order of the original's choices, imaging added
// (B-12: diagnostic fees were filed as consultations).
var Categories = []Category{Consultation, Pharmacy, Lab, Imaging, Other}

// Label is the category as people read it (the original's choice labels).
func (c Category) Label() string {
	switch c {
	case Consultation:
		return "Consultation"
	case Pharmacy:
		return "Pharmacy & Medicine"
	case Lab:
		return "Laboratory"
	case Imaging:
		return "Imaging"
	case Other:
		return "Other"
	}
	return string(c)
}

func (c Category) valid() bool {
	for _, x := range Categories {
		if x == c {
			return true
		}
	}
	return false
}

func categoryNames() []string {
	out := make([]string, len(Categories))
	for i, c := range Categories {
		out[i] = string(c)
	}
	return out
}

// State is where a charge stands. A partly paid charge is unpaid: the desk still has to
// collect it (its amount_paid says how much is in).
type State string

const (
	Unpaid   State = "unpaid"
	Paid     State = "paid"
	Void     State = "void"     // cancelled by an administrator; its reversal stands beside it
	Reversal State = "reversal" // the negative entry that cancels a void charge
)

// Charge is one billing record: something the patient is charged for.
type Charge struct {
	ID           int64
	InvoiceID    int64
	PatientID    int64
	QueueEntryID int64 // the visit; 0 for none
	DepartmentID int64 // for revenue by department; 0 for none
	Category     Category
	Description  string
	Amount       Money // negative for a reversal
	PaidAmount   Money // how much of Amount the invoice's payments cover
	State        State
	CauseKey     string // the event that made it, unique; "" for a manual charge
	PriceID      int64  // the price-list entry it was priced from; 0 for none
	ReversesID   int64  // for a reversal: the charge it cancels
	ReversalID   int64  // for a void charge: its reversal
	VoidedAt     *time.Time
	VoidedBy     int64
	VoidReason   string
	CreatedBy    int64 // 0 for the system
	LocalDay     string
	CreatedAt    time.Time
}

// IsPaid is the original's `paid` flag: the charge is fully covered (a void charge keeps
// the flag it had when it was voided).
func (c Charge) IsPaid() bool {
	return c.State == Paid || c.State == Void && c.Amount > 0 && c.PaidAmount >= c.Amount
}

// Status is the charge's state as the pages and the API show it, with a partly paid
// charge told apart.
func (c Charge) Status() string {
	if c.State == Unpaid && c.PaidAmount > 0 {
		return "partially_paid"
	}
	return string(c.State)
}

// InvoiceStatus is where an invoice stands.
type InvoiceStatus string

const (
	Draft         InvoiceStatus = "draft" // charges gathering; not yet handed to the patient
	Issued        InvoiceStatus = "issued"
	PartiallyPaid InvoiceStatus = "partially_paid"
	FullyPaid     InvoiceStatus = "paid"
	Voided        InvoiceStatus = "void"
)

// InvoiceStatuses lists the statuses in workflow order.
var InvoiceStatuses = []InvoiceStatus{Draft, Issued, PartiallyPaid, FullyPaid, Voided}

// Invoice gathers the charges of one visit, or those of a patient's day that belong to
// no visit (manual charges), and the payments against them.
type Invoice struct {
	ID           int64
	PatientID    int64
	QueueEntryID int64 // 0 for a day invoice
	LocalDay     string
	Status       InvoiceStatus
	Total        Money // the live charges
	Paid         Money // payments less refunds
	IssuedAt     *time.Time
	VoidedAt     *time.Time
	VoidedBy     int64
	VoidReason   string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Number is the invoice number printed on it.
func (i Invoice) Number() string { return InvoiceNumber(i.ID) }

// InvoiceNumber formats an invoice id as its number, "INV-000042".
func InvoiceNumber(id int64) string { return fmt.Sprintf("INV-%06d", id) }

// Balance is what remains to pay; never negative.
func (i Invoice) Balance() Money { return max(i.Total-i.Paid, 0) }

// Credit is what the patient paid beyond the charges (after an administrator voided a
// paid charge); a refund settles it.
func (i Invoice) Credit() Money { return max(i.Paid-i.Total, 0) }

// status derives the status from the amounts: it is stored only so that lists can
// filter on it.
func (i Invoice) status() InvoiceStatus {
	switch {
	case i.VoidedAt != nil:
		return Voided
	case i.Paid > 0 && i.Paid >= i.Total:
		return FullyPaid
	case i.Paid > 0:
		return PartiallyPaid
	case i.IssuedAt != nil:
		return Issued
	}
	return Draft
}

// Method is how money moved.
type Method string

const (
	Cash        Method = "cash"
	Card        Method = "card"
	MobileMoney Method = "mobile_money"
	Insurance   Method = "insurance"
)

// Methods lists the payment methods.
var Methods = []Method{Cash, Card, MobileMoney, Insurance}

// Label is the method as people read it.
func (m Method) Label() string {
	switch m {
	case Cash:
		return "Cash"
	case Card:
		return "Card"
	case MobileMoney:
		return "Mobile money"
	case Insurance:
		return "Insurance"
	}
	return string(m)
}

func methodNames() []string {
	out := make([]string, len(Methods))
	for i, m := range Methods {
		out[i] = string(m)
	}
	return out
}

// PaymentKind tells money in from money given back.
type PaymentKind string

const (
	KindPayment PaymentKind = "payment"
	KindRefund  PaymentKind = "refund"
)

// Payment is money received against an invoice, or given back (a refund): each is its
// own entry with its own receipt number, never an edit of another.
type Payment struct {
	ID           int64
	InvoiceID    int64
	PatientID    int64
	Kind         PaymentKind
	Method       Method
	Amount       Money // positive for both kinds
	Reference    string
	Insurer      string
	MemberNumber string
	ChargeID     int64 // the record a mark-paid settled; 0 for a payment on the invoice
	Reason       string
	ReceivedBy   int64
	LocalDay     string
	CreatedAt    time.Time
}

// Number is the receipt number: RCT-… for a payment, RFD-… for a refund.
func (p Payment) Number() string {
	if p.Kind == KindRefund {
		return fmt.Sprintf("RFD-%06d", p.ID)
	}
	return fmt.Sprintf("RCT-%06d", p.ID)
}

// Visit is a consultation that has ended: the queue module hands it over, with its
// transaction, when the doctor completes it (whichever path completes it).
type Visit struct {
	QueueEntryID, PatientID, DoctorID, DepartmentID int64
	CompletedAt                                     time.Time
}

// Cause is an event that charges the patient: a completed consultation, a test
// resulted, a medicine dispensed. Its Key names the event and is unique, so the event
// charges once however often (or however concurrently) it is reported.
type Cause struct {
	Key          string // e.g. "lab:order:42"; at most 100 characters
	PatientID    int64
	QueueEntryID int64 // the visit whose invoice gathers the charge; 0 for none
	DepartmentID int64
	Category     Category
	Item         PriceKey // priced from the list in force at At
	Quantity     int      // units of Item; 0 means 1
	// Fallback prices the charge when the list has no entry for Item; zero means the
	// list must have one.
	Fallback    Money
	Description string    // defaults to the price's name
	At          time.Time // when it happened; zero means now
	ByUserID    int64     // who caused it (the doctor, the technician); 0 for the system
}

// ConsultationCauseKey names the charge of a completed consultation.
func ConsultationCauseKey(queueEntryID int64) string {
	return fmt.Sprintf("consultation:queue:%d", queueEntryID)
}

// Fixed texts and defaults.
const (
	// DefaultConsultationFee is charged when neither the department nor the hospital has a
	// consultation fee in the price list: the original's fixed fee (W-4).
	DefaultConsultationFee Money = 120000
	consultationText             = "Doctor Consultation Fee"

	descriptionMax = 255
	reasonMax      = 500
	causeKeyMax    = 100
)

// Messages.
const (
	MsgAlreadyPaid     = "This billing record is already paid."
	MsgLocked          = "A paid billing record is locked: an administrator can void it, with a reason."
	MsgAlreadyVoid     = "This billing record is already void."
	MsgReversal        = "A reversal cannot be changed or voided."
	MsgReasonRequired  = "Give a reason: it is kept with the record."
	MsgNotChangeable   = "This field cannot be changed."
	MsgPaidReadOnly    = "A record becomes paid when its payment is recorded: use mark-paid, or take a payment on its invoice."
	MsgInvoiceVoid     = "This invoice is void."
	MsgNothingToPay    = "This invoice has nothing left to pay."
	MsgDuplicateRef    = "A payment with this transaction reference is already recorded."
	MsgRefundFirst     = "Refund what was paid on this invoice before voiding it."
	msgNoPatient       = "Invalid pk \"%d\" - object does not exist."
	msgReferenceNeeded = "Enter the transaction reference of the mobile money payment."
	msgInsurerNeeded   = "Enter the insurer."
	msgMemberNeeded    = "Enter the member number."
)
