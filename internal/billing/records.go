package billing

import (
	"context"
	"fmt"
	"time"

	"healthsynx/internal/audit"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
)

// RecordInput is the writable part of a billing record (E-56, E-57). Only billing
// officers and administrators write records; `paid` follows from payments and is not
// writable (B-14), nor is the patient of an existing record.
type RecordInput struct {
	Patient     *int64      `json:"patient"`
	Amount      *MoneyInput `json:"amount"`
	Category    *string     `json:"category"`
	Description *string     `json:"description"`
	Paid        *bool       `json:"paid"`
}

// CreateCharge records a manual charge. It goes on the patient's invoice of the day
// (charges of a visit come from the events of that visit).
func (s *Service) CreateCharge(ctx context.Context, by audit.Event, in RecordInput) (Record, error) {
	f := errs.Fields{}
	if in.Patient == nil {
		f.Add("patient", valid.MsgRequired)
	}
	c := Charge{Category: Other, State: Unpaid, CreatedBy: by.ActorID}
	c.Amount = ParseMoney(f, "amount", in.Amount)
	in.applyText(f, &c)
	if in.Paid != nil && *in.Paid {
		f.Add("paid", MsgPaidReadOnly)
	}
	if err := f.Err(); err != nil {
		return Record{}, err
	}
	var who patients.Patient
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		ref, err := s.Patients.Ref(ctx, tx, *in.Patient)
		if errs.Is(err, errs.NotFound) {
			return errs.Field("patient", fmt.Sprintf(msgNoPatient, *in.Patient))
		}
		if err != nil {
			return err
		}
		who = patients.Patient{ID: ref.ID, FullName: ref.FullName, MRN: ref.MRN}
		c.PatientID = ref.ID
		c.CreatedAt = db.Now()
		c.LocalDay = s.localDay(c.CreatedAt)
		err = s.addCharge(ctx, tx, &c, func() (bool, error) { return true, insertCharge(ctx, tx, &c) })
		if err != nil {
			return err
		}
		return s.logChange(ctx, tx, event(by, audit.ActionCreate, objRecord, c.ID, c.PatientID, c.Amount.String()+" "+string(c.Category)))
	})
	return s.recordView(c, who), errs.Wrap("billing.CreateCharge", err)
}

// applyText validates the category and description into c; absent fields keep c's.
func (in RecordInput) applyText(f errs.Fields, c *Charge) {
	if in.Category != nil {
		c.Category = Category(*in.Category)
		valid.Choice(f, "category", *in.Category, categoryNames())
	}
	if in.Description != nil {
		c.Description = valid.OptionalString(f, "description", in.Description, descriptionMax)
	}
	if c.Description == "" {
		c.Description = c.Category.Label()
	}
}

// UpdateCharge changes an unpaid record: its amount, category or description. A record
// with any payment on it is locked (IsBillingOrAdmin's intent: billing may not modify a
// paid record); a mistake there is voided by an administrator. partial (PATCH) leaves
// absent fields; PUT needs the patient and the amount, as the original's serializer did.
func (s *Service) UpdateCharge(ctx context.Context, by audit.Event, id int64, in RecordInput, partial bool) (Record, error) {
	var c Charge
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var inv Invoice
		var err error
		c, inv, err = lockChargeInvoice(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := changeable(c); err != nil {
			return err
		}
		f := errs.Fields{}
		switch {
		case in.Patient == nil && !partial:
			f.Add("patient", valid.MsgRequired)
		case in.Patient != nil && *in.Patient != c.PatientID:
			f.Add("patient", MsgNotChangeable)
		}
		if in.Amount != nil || !partial {
			c.Amount = ParseMoney(f, "amount", in.Amount)
		}
		in.applyText(f, &c)
		if in.Paid != nil && *in.Paid {
			f.Add("paid", MsgPaidReadOnly)
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := updateCharge(ctx, tx, c); err != nil {
			return err
		}
		if err := settleInvoice(ctx, tx, &inv, db.Now()); err != nil {
			return err
		}
		return s.logChange(ctx, tx, event(by, audit.ActionUpdate, objRecord, c.ID, c.PatientID, c.Amount.String()+" "+string(c.Category)))
	})
	if err != nil {
		return Record{}, errs.Wrap("billing.UpdateCharge", err)
	}
	return s.Charge(ctx, c.ID)
}

// changeable refuses a change to a record that is no longer open to one.
func changeable(c Charge) error {
	switch {
	case c.State == Reversal:
		return errs.E(errs.Conflict, MsgReversal)
	case c.State == Void:
		return errs.E(errs.Conflict, MsgAlreadyVoid)
	case c.State == Paid || c.PaidAmount > 0:
		return errs.E(errs.Forbidden, MsgLocked)
	}
	return nil
}

// VoidCharge cancels a record (administrators only, with a reason). Nothing is deleted:
// the record is marked void and a reversal of the opposite amount is recorded beside it.
// What was paid on it stays on the invoice, where it covers the other charges or, if
// none is open, becomes credit for a refund.
func (s *Service) VoidCharge(ctx context.Context, by audit.Event, id int64, reason string) (Record, error) {
	reason, err := checkReason(reason)
	if err != nil {
		return Record{}, err
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		c, inv, err := lockChargeInvoice(ctx, tx, id)
		if err != nil {
			return err
		}
		switch c.State {
		case Reversal:
			return errs.E(errs.Conflict, MsgReversal)
		case Void:
			return errs.E(errs.Conflict, MsgAlreadyVoid)
		}
		if err := voidCharge(ctx, tx, &c, by.ActorID, reason, s.localDay(db.Now())); err != nil {
			return err
		}
		if err := settleInvoice(ctx, tx, &inv, *c.VoidedAt); err != nil {
			return err
		}
		return s.logChange(ctx, tx, event(by, audit.ActionUpdate, objRecord, c.ID, c.PatientID, "void: "+reason))
	})
	if err != nil {
		return Record{}, errs.Wrap("billing.VoidCharge", err)
	}
	return s.Charge(ctx, id)
}

// voidCharge records the reversal of c and marks c void; the caller holds the invoice's
// lock and settles it afterwards.
func voidCharge(ctx context.Context, tx *db.Tx, c *Charge, byID int64, reason, day string) error {
	now := db.Now()
	rev := Charge{
		InvoiceID: c.InvoiceID, PatientID: c.PatientID, QueueEntryID: c.QueueEntryID, DepartmentID: c.DepartmentID,
		Category: c.Category, Description: clip(fmt.Sprintf("Reversal of record %d: %s", c.ID, c.Description), descriptionMax),
		Amount: -c.Amount, State: Reversal, ReversesID: c.ID, CreatedBy: byID, VoidReason: reason,
		LocalDay: day, CreatedAt: now,
	}
	if err := insertCharge(ctx, tx, &rev); err != nil {
		return err
	}
	c.State, c.VoidedAt, c.VoidedBy, c.VoidReason, c.ReversalID = Void, &now, byID, reason, rev.ID
	return markVoid(ctx, tx, *c)
}

// checkReason trims a void or refund reason and refuses a blank one.
func checkReason(reason string) (string, error) {
	reason = oneLine(reason)
	f := errs.Fields{}
	if reason == "" {
		f.Add("reason", MsgReasonRequired)
	}
	valid.MaxLen(f, "reason", reason, reasonMax)
	return reason, f.Err()
}

// Charge returns one record.
func (s *Service) Charge(ctx context.Context, id int64) (Record, error) {
	c, err := getCharge(ctx, s.DB, id, false)
	if db.IsNoRows(err) {
		return Record{}, notFound
	}
	if err != nil {
		return Record{}, errs.Wrap("billing.Charge", err)
	}
	who, err := s.people(ctx, s.DB, []int64{c.PatientID})
	return s.recordView(c, who[c.PatientID]), errs.Wrap("billing.Charge", err)
}

// Charges returns one page of records matching f, newest first.
func (s *Service) Charges(ctx context.Context, f ChargeFilter, p Paging) (Listing[Record], error) {
	var rows []Charge
	out := Listing[Record]{Paging: p}
	var err error
	if p.Keyset {
		rows, err = listCharges(ctx, s.DB, f, p.After, p.Size+1)
		rows, out.Next, out.Prev = page(rows, p.After, p.Size, func(c Charge) (time.Time, int64) { return c.CreatedAt, c.ID })
	} else {
		if out.Count, err = countCharges(ctx, s.DB, f); err == nil {
			if err = out.Paging.Page.Resolve(out.Count); err != nil {
				return out, err
			}
			rows, err = listChargesAt(ctx, s.DB, f, out.Paging.Page.Size, out.Paging.Page.Offset())
		}
	}
	if err != nil {
		return out, errs.Wrap("billing.Charges", err)
	}
	who, err := s.people(ctx, s.DB, patientIDs(rows, func(c Charge) int64 { return c.PatientID }))
	out.Items = make([]Record, len(rows))
	for i, c := range rows {
		out.Items[i] = s.recordView(c, who[c.PatientID])
	}
	return out, errs.Wrap("billing.Charges", err)
}
