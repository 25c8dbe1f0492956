package billing

import (
	"sort"
	"time"

	"healthsynx/internal/patients"
	"healthsynx/internal/platform/web"
)

// Record is a charge as the original's billing API showed it (E-55..E-57), with what
// HealthSynx adds after created_at.
type Record struct {
	ID          int64  `json:"id"`
	Patient     int64  `json:"patient"`
	PatientName string `json:"patient_name"`
	PatientID   int64  `json:"patient_id"`
	Category    string `json:"category"`
	Description string `json:"description"`
	Amount      Money  `json:"amount"`
	Paid        bool   `json:"paid"`
	CreatedAt   string `json:"created_at"`

	// Status is unpaid, partially_paid, paid, void or reversal.
	Status        string `json:"status"`
	AmountPaid    Money  `json:"amount_paid"`
	Currency      string `json:"currency"`
	Invoice       int64  `json:"invoice"`
	InvoiceNumber string `json:"invoice_number"`
	// Visit is the queue entry the charge belongs to; null for a manual charge.
	Visit *int64 `json:"visit"`
	// Reverses is, on a reversal, the charge it cancels; ReversedBy, on a void charge,
	// its reversal.
	Reverses   *int64  `json:"reverses"`
	ReversedBy *int64  `json:"reversed_by"`
	VoidedAt   *string `json:"voided_at"`
	VoidReason string  `json:"void_reason"`
	// At is created_at in the hospital's time zone, for the pages.
	At time.Time `json:"-"`
}

// CategoryLabel is the category as people read it.
func (r Record) CategoryLabel() string { return Category(r.Category).Label() }

func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// recordView shows a charge; p names its patient (patient_name is the original's
// "First Last", or the username).
func (s *Service) recordView(c Charge, p patients.Patient) Record {
	return Record{
		ID: c.ID, Patient: c.PatientID, PatientName: p.FullName, PatientID: c.PatientID,
		Category: string(c.Category), Description: c.Description, Amount: c.Amount, Paid: c.IsPaid(),
		CreatedAt: web.Time(c.CreatedAt), Status: c.Status(), AmountPaid: c.PaidAmount, Currency: s.Currency,
		Invoice: c.InvoiceID, InvoiceNumber: InvoiceNumber(c.InvoiceID), Visit: optionalID(c.QueueEntryID),
		Reverses: optionalID(c.ReversesID), ReversedBy: optionalID(c.ReversalID), VoidedAt: web.TimePtr(c.VoidedAt),
		VoidReason: c.VoidReason, At: c.CreatedAt.In(s.location()),
	}
}

// InvoiceView is an invoice in a list.
type InvoiceView struct {
	ID          int64  `json:"id"`
	Number      string `json:"number"`
	Patient     int64  `json:"patient"`
	PatientName string `json:"patient_name"`
	MRN         string `json:"mrn"`
	// Visit is the queue entry whose charges the invoice gathers; null for a patient's
	// charges of one day that belong to no visit.
	Visit    *int64  `json:"visit"`
	Day      string  `json:"day"`
	Status   string  `json:"status"`
	IssuedAt *string `json:"issued_at"`
	Total    Money   `json:"total"`
	Paid     Money   `json:"paid"`
	Balance  Money   `json:"balance"`
	// Credit is what was paid beyond the charges (after a paid charge was voided); a
	// refund settles it.
	Credit     Money   `json:"credit"`
	Currency   string  `json:"currency"`
	VoidedAt   *string `json:"voided_at"`
	VoidReason string  `json:"void_reason"`
	CreatedAt  string  `json:"created_at"`
	// At and Issued are created_at and issued_at in the hospital's time zone, for the
	// pages.
	At     time.Time  `json:"-"`
	Issued *time.Time `json:"-"`
}

func (s *Service) invoiceView(i Invoice, p patients.Patient) InvoiceView {
	v := InvoiceView{
		ID: i.ID, Number: i.Number(), Patient: i.PatientID, PatientName: p.FullName, MRN: p.MRN,
		Visit: optionalID(i.QueueEntryID), Day: i.LocalDay, Status: string(i.Status), IssuedAt: web.TimePtr(i.IssuedAt),
		Total: i.Total, Paid: i.Paid, Balance: i.Balance(), Credit: i.Credit(), Currency: s.Currency,
		VoidedAt: web.TimePtr(i.VoidedAt), VoidReason: i.VoidReason, CreatedAt: web.Time(i.CreatedAt),
		At: i.CreatedAt.In(s.location()),
	}
	if i.IssuedAt != nil {
		t := i.IssuedAt.In(s.location())
		v.Issued = &t
	}
	return v
}

// CategoryAmount is one category's total.
type CategoryAmount struct {
	Category string `json:"category"`
	Label    string `json:"label"`
	Total    Money  `json:"total"`
}

// InvoiceDetail is one invoice with its charges, its payments and its totals by category.
type InvoiceDetail struct {
	InvoiceView
	Lines          []Record         `json:"lines"`
	Payments       []PaymentView    `json:"payments"`
	CategoryTotals []CategoryAmount `json:"category_totals"`
}

// byCategory totals charges by category, in category order; void charges and their
// reversals cancel out and leave no line.
func byCategory(charges []Charge) []CategoryAmount {
	sums := map[Category]Money{}
	for _, c := range charges {
		sums[c.Category] += c.Amount
	}
	var out []CategoryAmount
	for cat, total := range sums {
		if total != 0 {
			out = append(out, CategoryAmount{Category: string(cat), Label: cat.Label(), Total: total})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Category < out[j].Category })
	if out == nil {
		out = []CategoryAmount{}
	}
	return out
}

// PaymentView is a payment or a refund with its receipt number.
type PaymentView struct {
	ID            int64  `json:"id"`
	ReceiptNumber string `json:"receipt_number"`
	// Kind is payment or refund.
	Kind          string `json:"kind"`
	Invoice       int64  `json:"invoice"`
	InvoiceNumber string `json:"invoice_number"`
	Patient       int64  `json:"patient"`
	PatientName   string `json:"patient_name"`
	Method        string `json:"method"`
	Amount        Money  `json:"amount"`
	Currency      string `json:"currency"`
	Reference     string `json:"reference"`
	Insurer       string `json:"insurer"`
	MemberNumber  string `json:"member_number"`
	// Record is the billing record a mark-paid settled; null for a payment on the invoice.
	Record     *int64 `json:"record"`
	Reason     string `json:"reason"`
	ReceivedBy *int64 `json:"received_by"`
	CreatedAt  string `json:"created_at"`
	// At is created_at in the hospital's time zone, for the pages.
	At time.Time `json:"-"`
}

// MethodLabel is the method as people read it.
func (p PaymentView) MethodLabel() string { return Method(p.Method).Label() }

func (s *Service) paymentView(p Payment, who patients.Patient) PaymentView {
	return PaymentView{
		ID: p.ID, ReceiptNumber: p.Number(), Kind: string(p.Kind), Invoice: p.InvoiceID, InvoiceNumber: InvoiceNumber(p.InvoiceID),
		Patient: p.PatientID, PatientName: who.FullName, Method: string(p.Method), Amount: p.Amount, Currency: s.Currency,
		Reference: p.Reference, Insurer: p.Insurer, MemberNumber: p.MemberNumber, Record: optionalID(p.ChargeID),
		Reason: p.Reason, ReceivedBy: optionalID(p.ReceivedBy), CreatedAt: web.Time(p.CreatedAt),
		At: p.CreatedAt.In(s.location()),
	}
}

// PriceView is a price-list entry.
type PriceView struct {
	ID            int64  `json:"id"`
	Kind          string `json:"kind"`
	Code          string `json:"code"`
	Name          string `json:"name"`
	Amount        Money  `json:"amount"`
	Currency      string `json:"currency"`
	EffectiveFrom string `json:"effective_from"`
	CreatedAt     string `json:"created_at"`
}

func (s *Service) priceView(p Price) PriceView {
	return PriceView{ID: p.ID, Kind: string(p.Kind), Code: p.Code, Name: p.Name, Amount: p.Amount, Currency: s.Currency,
		EffectiveFrom: web.Time(p.EffectiveFrom), CreatedAt: web.Time(p.CreatedAt)}
}
