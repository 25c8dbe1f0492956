package billing

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
)

// ChargeConsultation charges a completed consultation, in the transaction that
// completes it, once per visit whichever path completes it (the queue module calls it
// from every path). The fee is the department's from the price list in force when the
// visit ended, else the hospital's default fee, else DefaultConsultationFee.
func (s *Service) ChargeConsultation(ctx context.Context, tx *db.Tx, v Visit) error {
	return s.ChargeFor(ctx, tx, Cause{
		Key: ConsultationCauseKey(v.QueueEntryID), PatientID: v.PatientID, QueueEntryID: v.QueueEntryID,
		DepartmentID: v.DepartmentID, Category: Consultation, Item: ConsultationItem(v.DepartmentID),
		Fallback: DefaultConsultationFee, Description: consultationText, At: v.CompletedAt, ByUserID: v.DoctorID,
	})
}

// ChargeFor charges the patient for what cause describes, in the caller's transaction:
// the charge commits or rolls back with the event that caused it. A cause already
// charged is not charged again; that is not an error, so an event may be reported twice.
func (s *Service) ChargeFor(ctx context.Context, tx *db.Tx, cause Cause) error {
	if err := cause.check(); err != nil {
		return errs.Wrap("billing.ChargeFor", err)
	}
	at := cause.At
	if at.IsZero() {
		at = db.Now()
	}
	at = at.UTC().Truncate(time.Microsecond)
	price, err := s.priceOf(ctx, tx, cause.Item, cause.Fallback, at)
	if err != nil {
		return errs.Wrap("billing.ChargeFor", err)
	}
	if _, err := s.Patients.Ref(ctx, tx, cause.PatientID); err != nil {
		return errs.Wrap("billing.ChargeFor", fmt.Errorf("patient %d: %w", cause.PatientID, err))
	}
	c := Charge{
		PatientID: cause.PatientID, QueueEntryID: cause.QueueEntryID, DepartmentID: cause.DepartmentID,
		Category: cause.Category, Description: cause.Description, Amount: price.Amount * Money(max(cause.Quantity, 1)),
		State: Unpaid, CauseKey: cause.Key, PriceID: price.ID, CreatedBy: cause.ByUserID,
		LocalDay: s.localDay(at), CreatedAt: at,
	}
	if c.Description == "" {
		c.Description = price.Name
	}
	if cause.Quantity > 1 {
		c.Description = fmt.Sprintf("%s × %d", c.Description, cause.Quantity)
	}
	c.Description = clip(c.Description, descriptionMax)
	err = s.addCharge(ctx, tx, &c, func() (bool, error) { return insertCausedCharge(ctx, tx, &c) })
	return errs.Wrap("billing.ChargeFor", err)
}

// check refuses a cause that another module built wrongly: a programming error, not
// something the user can correct.
func (c Cause) check() error {
	switch {
	case c.Key == "" || len(c.Key) > causeKeyMax:
		return fmt.Errorf("cause key %q must have 1 to %d characters", c.Key, causeKeyMax)
	case c.PatientID <= 0:
		return errors.New("cause has no patient")
	case !c.Category.valid():
		return fmt.Errorf("cause %s: unknown category %q", c.Key, c.Category)
	case c.Quantity < 0:
		return fmt.Errorf("cause %s: negative quantity", c.Key)
	}
	return nil
}

// priceOf is the price of an item at t. A consultation falls back to the hospital's
// default fee; then, for any item, fallback prices it if set.
func (s *Service) priceOf(ctx context.Context, q db.Querier, item PriceKey, fallback Money, t time.Time) (Price, error) {
	p, err := priceAt(ctx, q, item, t)
	if db.IsNoRows(err) && item.Kind == PriceConsultation && item.Code != DefaultCode {
		p, err = priceAt(ctx, q, ConsultationItem(0), t)
	}
	if !db.IsNoRows(err) {
		return p, err
	}
	if fallback <= 0 {
		return p, fmt.Errorf("the price list has no %s %q", item.Kind, item.Code)
	}
	return Price{Kind: item.Kind, Code: item.Code, Name: item.Kind.Category().Label(), Amount: fallback}, nil
}

// addCharge puts a new charge on its open invoice: it locks (or opens) the invoice,
// inserts the charge with insert, and settles the invoice if insert added it.
func (s *Service) addCharge(ctx context.Context, tx *db.Tx, c *Charge, insert func() (bool, error)) error {
	inv, err := lockOpenInvoice(ctx, tx, c.PatientID, c.QueueEntryID, c.LocalDay, c.CreatedAt)
	if err != nil {
		return err
	}
	c.InvoiceID = inv.ID
	added, err := insert()
	if err != nil || !added {
		return err
	}
	return settleInvoice(ctx, tx, &inv, c.CreatedAt)
}

// clip cuts s to at most n characters.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// oneLine makes a reason or a description printable on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
