package billing

import (
	"context"
	"time"

	"healthsynx/internal/audit"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
)

// Invoice returns one invoice with its lines, payments and totals by category.
func (s *Service) Invoice(ctx context.Context, id int64) (InvoiceDetail, error) {
	inv, err := getInvoice(ctx, s.DB, id, false)
	if db.IsNoRows(err) {
		return InvoiceDetail{}, notFound
	}
	if err != nil {
		return InvoiceDetail{}, errs.Wrap("billing.Invoice", err)
	}
	d, err := s.detail(ctx, inv)
	return d, errs.Wrap("billing.Invoice", err)
}

// detail reads what an invoice shows: three queries, however many lines it has.
func (s *Service) detail(ctx context.Context, inv Invoice) (InvoiceDetail, error) {
	who, err := s.patientOf(ctx, s.DB, inv.PatientID)
	if err != nil {
		return InvoiceDetail{}, err
	}
	charges, err := invoiceCharges(ctx, s.DB, inv.ID, false)
	if err != nil {
		return InvoiceDetail{}, err
	}
	pays, err := invoicePayments(ctx, s.DB, inv.ID)
	if err != nil {
		return InvoiceDetail{}, err
	}
	d := InvoiceDetail{InvoiceView: s.invoiceView(inv, who), CategoryTotals: byCategory(charges),
		Lines: make([]Record, len(charges)), Payments: make([]PaymentView, len(pays))}
	for i, c := range charges {
		d.Lines[i] = s.recordView(c, who)
	}
	for i, p := range pays {
		d.Payments[i] = s.paymentView(p, who)
	}
	return d, nil
}

// Invoices returns one page of invoices matching f, newest first.
func (s *Service) Invoices(ctx context.Context, f InvoiceFilter, p Paging) (Listing[InvoiceView], error) {
	var rows []Invoice
	out := Listing[InvoiceView]{Paging: p}
	var err error
	if p.Keyset {
		rows, err = listInvoices(ctx, s.DB, f, p.After, p.Size+1)
		rows, out.Next, out.Prev = page(rows, p.After, p.Size, func(i Invoice) (time.Time, int64) { return i.CreatedAt, i.ID })
	} else {
		if out.Count, err = countInvoices(ctx, s.DB, f); err == nil {
			if err = out.Paging.Page.Resolve(out.Count); err != nil {
				return out, err
			}
			rows, err = listInvoicesAt(ctx, s.DB, f, out.Paging.Page.Size, out.Paging.Page.Offset())
		}
	}
	if err != nil {
		return out, errs.Wrap("billing.Invoices", err)
	}
	who, err := s.people(ctx, s.DB, patientIDs(rows, func(i Invoice) int64 { return i.PatientID }))
	out.Items = make([]InvoiceView, len(rows))
	for i, inv := range rows {
		out.Items[i] = s.invoiceView(inv, who[inv.PatientID])
	}
	return out, errs.Wrap("billing.Invoices", err)
}

// Issue hands a draft invoice to the patient; issuing an issued invoice changes nothing.
// (Taking a payment issues an invoice too.)
func (s *Service) Issue(ctx context.Context, by audit.Event, id int64) (InvoiceDetail, error) {
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		inv, err := lockInvoice(ctx, tx, id)
		if err != nil {
			return err
		}
		if inv.Status == Voided {
			return errs.E(errs.Conflict, MsgInvoiceVoid)
		}
		if inv.IssuedAt != nil {
			return nil
		}
		now := db.Now()
		inv.IssuedAt = &now
		if err := settleInvoice(ctx, tx, &inv, now); err != nil {
			return err
		}
		return s.logChange(ctx, tx, event(by, audit.ActionUpdate, objInvoice, inv.ID, inv.PatientID, "issued"))
	})
	if err != nil {
		return InvoiceDetail{}, errs.Wrap("billing.Issue", err)
	}
	return s.Invoice(ctx, id)
}

// VoidInvoice cancels a whole invoice (administrators only, with a reason): each live
// charge is voided with its reversal, and the invoice stays, void, for the record. An
// invoice with money on it is refunded first, so that no payment is left on a void
// invoice. The visit's later charges open a new invoice.
func (s *Service) VoidInvoice(ctx context.Context, by audit.Event, id int64, reason string) (InvoiceDetail, error) {
	reason, err := checkReason(reason)
	if err != nil {
		return InvoiceDetail{}, err
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		inv, err := lockInvoice(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case inv.Status == Voided:
			return errs.E(errs.Conflict, MsgInvoiceVoid)
		case inv.Paid > 0:
			return errs.E(errs.Conflict, MsgRefundFirst)
		}
		charges, err := invoiceCharges(ctx, tx, inv.ID, true)
		if err != nil {
			return err
		}
		day := s.localDay(db.Now())
		for _, c := range charges {
			if c.State == Unpaid || c.State == Paid {
				if err := voidCharge(ctx, tx, &c, by.ActorID, reason, day); err != nil {
					return err
				}
			}
		}
		now := db.Now()
		inv.VoidedAt, inv.VoidedBy, inv.VoidReason = &now, by.ActorID, reason
		if err := settleInvoice(ctx, tx, &inv, now); err != nil {
			return err
		}
		return s.logChange(ctx, tx, event(by, audit.ActionUpdate, objInvoice, inv.ID, inv.PatientID, "void: "+reason))
	})
	if err != nil {
		return InvoiceDetail{}, errs.Wrap("billing.VoidInvoice", err)
	}
	return s.Invoice(ctx, id)
}
