package billing

import (
	"context"
	"fmt"
	"strings"
	"time"

	"healthsynx/internal/audit"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
)

// PaymentInput is a payment taken at the desk. The fields a method does not use are
// ignored.
type PaymentInput struct {
	// Method is cash (the default), card, mobile_money or insurance.
	Method *string `json:"method"`
	// Amount is required on an invoice payment; mark-paid pays what the record lacks.
	Amount *MoneyInput `json:"amount"`
	// Reference is the mobile-money transaction code (required, unique) or a card's
	// authorisation code (optional).
	Reference    *string `json:"reference"`
	Insurer      *string `json:"insurer"`
	MemberNumber *string `json:"member_number"`
}

// RefundInput gives money back: administrators only, always with a reason.
type RefundInput struct {
	Method    *string     `json:"method"`
	Amount    *MoneyInput `json:"amount"`
	Reference *string     `json:"reference"`
	Reason    *string     `json:"reason"`
}

const (
	referenceMax = 64
	insurerMax   = 100
	memberMax    = 50
)

// check validates the method and its details into p; withAmount also reads the amount.
func (in PaymentInput) check(p *Payment, withAmount bool) error {
	f := errs.Fields{}
	p.Method = Cash
	if in.Method != nil && *in.Method != "" {
		p.Method = Method(*in.Method)
		valid.Choice(f, "method", *in.Method, methodNames())
	}
	if withAmount {
		p.Amount = ParseMoney(f, "amount", in.Amount)
	}
	switch p.Method {
	case MobileMoney:
		p.Reference = valid.OptionalString(f, "reference", in.Reference, referenceMax)
		if p.Reference == "" && !f.Has("reference") {
			f.Add("reference", msgReferenceNeeded)
		}
	case Card:
		p.Reference = valid.OptionalString(f, "reference", in.Reference, referenceMax)
	case Insurance:
		p.Insurer = valid.OptionalString(f, "insurer", in.Insurer, insurerMax)
		if p.Insurer == "" && !f.Has("insurer") {
			f.Add("insurer", msgInsurerNeeded)
		}
		p.MemberNumber = valid.OptionalString(f, "member_number", in.MemberNumber, memberMax)
		if p.MemberNumber == "" && !f.Has("member_number") {
			f.Add("member_number", msgMemberNeeded)
		}
	}
	return f.Err()
}

// Pay takes a payment on an invoice. The invoice's row is locked while the balance is
// checked and the payment recorded, so two payments that together exceed the balance
// cannot both pass: the second sees the first and is refused. Overpayment is refused.
func (s *Service) Pay(ctx context.Context, by audit.Event, invoiceID int64, in PaymentInput) (PaymentView, error) {
	p := Payment{Kind: KindPayment, ReceivedBy: by.ActorID}
	if err := in.check(&p, true); err != nil {
		return PaymentView{}, err
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		inv, err := lockInvoice(ctx, tx, invoiceID)
		if err != nil {
			return err
		}
		if err := payable(inv); err != nil {
			return err
		}
		if p.Amount > inv.Balance() {
			return errs.Field("amount", fmt.Sprintf("The amount is more than the balance of this invoice, %s %s: the patient cannot pay more than they owe.",
				inv.Balance().Display(), s.Currency))
		}
		return s.receive(ctx, tx, by, &inv, &p, nil)
	})
	if err != nil {
		return PaymentView{}, errs.Wrap("billing.Pay", err)
	}
	return s.Payment(ctx, p.ID)
}

// MarkPaid records full payment of one record (E-59): what remains to pay on it, by the
// method given (cash by default). A record already paid is refused, not paid twice.
func (s *Service) MarkPaid(ctx context.Context, by audit.Event, chargeID int64, in PaymentInput) (Payment, error) {
	p := Payment{Kind: KindPayment, ReceivedBy: by.ActorID, ChargeID: chargeID}
	if err := in.check(&p, false); err != nil {
		return p, err
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		c, inv, err := lockChargeInvoice(ctx, tx, chargeID)
		if err != nil {
			return err
		}
		switch {
		case c.State == Reversal:
			return errs.E(errs.Conflict, MsgReversal)
		case c.State == Void:
			return errs.E(errs.Conflict, MsgAlreadyVoid)
		case c.State == Paid:
			return errs.E(errs.Conflict, MsgAlreadyPaid)
		}
		if err := payable(inv); err != nil {
			return err
		}
		p.Amount = c.Amount - c.PaidAmount
		return s.receive(ctx, tx, by, &inv, &p, &c)
	})
	return p, errs.Wrap("billing.MarkPaid", err)
}

// receive records a payment on a locked invoice; for a mark-paid, the payment covers
// the record first, the rest of the invoice keeping what it had.
func (s *Service) receive(ctx context.Context, tx *db.Tx, by audit.Event, inv *Invoice, p *Payment, settles *Charge) error {
	now := db.Now()
	p.InvoiceID, p.PatientID, p.CreatedAt, p.LocalDay = inv.ID, inv.PatientID, now, s.localDay(now)
	err := insertPayment(ctx, tx, p)
	if strings.Contains(db.ViolatedConstraint(err), "reference_key") {
		return errs.Field("reference", MsgDuplicateRef)
	}
	if err != nil {
		return err
	}
	if settles != nil {
		if err := setChargePaid(ctx, tx, settles.ID, settles.Amount, Paid); err != nil {
			return err
		}
	}
	inv.Paid += p.Amount
	if inv.IssuedAt == nil {
		inv.IssuedAt = &now // taking money hands the invoice over
	}
	if err := settleInvoice(ctx, tx, inv, now); err != nil {
		return err
	}
	return s.logChange(ctx, tx, event(by, audit.ActionCreate, objPayment, p.ID, p.PatientID,
		fmt.Sprintf("%s %s %s on %s", p.Kind, p.Amount, p.Method, inv.Number())))
}

// payable refuses money for an invoice that cannot take it.
func payable(inv Invoice) error {
	switch {
	case inv.Status == Voided:
		return errs.E(errs.Conflict, MsgInvoiceVoid)
	case inv.Balance() == 0:
		return errs.E(errs.Conflict, MsgNothingToPay)
	}
	return nil
}

// Refund gives money back from an invoice (administrators only): its own entry, with a
// reason and a receipt number. At most what was paid on the invoice can be refunded.
func (s *Service) Refund(ctx context.Context, by audit.Event, invoiceID int64, in RefundInput) (PaymentView, error) {
	p := Payment{Kind: KindRefund, ReceivedBy: by.ActorID}
	if err := (PaymentInput{Method: in.Method, Amount: in.Amount, Reference: in.Reference}).check(&p, true); err != nil {
		return PaymentView{}, err
	}
	reason := ""
	if in.Reason != nil {
		reason = *in.Reason
	}
	reason, err := checkReason(reason)
	if err != nil {
		return PaymentView{}, err
	}
	p.Reason = reason
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		inv, err := lockInvoice(ctx, tx, invoiceID)
		if err != nil {
			return err
		}
		if p.Amount > inv.Paid {
			return errs.Field("amount", fmt.Sprintf("The refund is more than the %s %s paid on this invoice.", inv.Paid.Display(), s.Currency))
		}
		now := db.Now()
		p.InvoiceID, p.PatientID, p.CreatedAt, p.LocalDay = inv.ID, inv.PatientID, now, s.localDay(now)
		if err := insertPayment(ctx, tx, &p); err != nil {
			return err
		}
		inv.Paid -= p.Amount
		if err := settleInvoice(ctx, tx, &inv, now); err != nil {
			return err
		}
		return s.logChange(ctx, tx, event(by, audit.ActionCreate, objPayment, p.ID, p.PatientID,
			fmt.Sprintf("refund %s %s on %s: %s", p.Amount, p.Method, inv.Number(), reason)))
	})
	if err != nil {
		return PaymentView{}, errs.Wrap("billing.Refund", err)
	}
	return s.Payment(ctx, p.ID)
}

// lockInvoice locks an invoice for a change.
func lockInvoice(ctx context.Context, tx *db.Tx, id int64) (Invoice, error) {
	inv, err := getInvoice(ctx, tx, id, true)
	if db.IsNoRows(err) {
		return inv, notFound
	}
	return inv, err
}

// Payment returns one payment or refund.
func (s *Service) Payment(ctx context.Context, id int64) (PaymentView, error) {
	p, err := getPayment(ctx, s.DB, id)
	if db.IsNoRows(err) {
		return PaymentView{}, notFound
	}
	if err != nil {
		return PaymentView{}, errs.Wrap("billing.Payment", err)
	}
	who, err := s.people(ctx, s.DB, []int64{p.PatientID})
	return s.paymentView(p, who[p.PatientID]), errs.Wrap("billing.Payment", err)
}

// Payments returns one keyset page of payments and refunds matching f, newest first.
func (s *Service) Payments(ctx context.Context, f PaymentFilter, p Paging) (Listing[PaymentView], error) {
	p.Keyset = true // a new list: no page numbers to keep
	out := Listing[PaymentView]{Paging: p}
	rows, err := listPayments(ctx, s.DB, f, p.After, p.Size+1)
	if err != nil {
		return out, errs.Wrap("billing.Payments", err)
	}
	rows, out.Next, out.Prev = page(rows, p.After, p.Size, func(p Payment) (time.Time, int64) { return p.CreatedAt, p.ID })
	who, err := s.people(ctx, s.DB, patientIDs(rows, func(p Payment) int64 { return p.PatientID }))
	out.Items = make([]PaymentView, len(rows))
	for i, p := range rows {
		out.Items[i] = s.paymentView(p, who[p.PatientID])
	}
	return out, errs.Wrap("billing.Payments", err)
}

// patientIDs collects the patients of a page.
func patientIDs[T any](rows []T, id func(T) int64) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

// patientOf names one patient, archived or not, for a document about them.
func (s *Service) patientOf(ctx context.Context, q db.Querier, id int64) (patients.Patient, error) {
	who, err := s.people(ctx, q, []int64{id})
	return who[id], err
}
