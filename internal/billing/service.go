package billing

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"healthsynx/internal/audit"
	"healthsynx/internal/departments"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// Service holds the billing use cases. Callers have passed the route's permission check;
// the service applies the object rules (a paid record is locked, a patient sees only
// their own) and runs every change in one transaction, under the invoice's row lock.
type Service struct {
	DB          *db.DB
	Audit       *audit.Log
	Patients    *patients.Service
	Departments *departments.Service

	Currency string         // ISO 4217 code printed beside every amount
	Hospital string         // printed on invoices and receipts
	Location *time.Location // the hospital's time zone: its days are the report's days
}

// localDay is the hospital's calendar day of t, as stored in local_day.
func (s *Service) localDay(t time.Time) string { return t.In(s.location()).Format(time.DateOnly) }

func (s *Service) location() *time.Location {
	if s.Location == nil {
		return time.UTC
	}
	return s.Location
}

// actor starts the audit event of a request: who, from where, under which request id.
func (s *Service) actor(r *http.Request) audit.Event {
	if s.Audit == nil {
		return audit.Event{}
	}
	return s.Audit.FromRequest(r)
}

// logChange appends a change to the audit log in the change's transaction.
func (s *Service) logChange(ctx context.Context, tx *db.Tx, e audit.Event) error {
	if s.Audit == nil {
		return nil
	}
	return s.Audit.Record(ctx, tx, e)
}

// logRead notes that someone read a patient's financial record, without making them
// wait for the log.
func (s *Service) logRead(e audit.Event) {
	if s.Audit != nil {
		s.Audit.RecordAsync(e)
	}
}

// event completes the audit event of a request for one object of a patient's.
func event(by audit.Event, action audit.Action, objectType string, id, patientID int64, detail string) audit.Event {
	by.Action, by.ObjectType, by.ObjectID, by.PatientID, by.Detail = action, objectType, strconv.FormatInt(id, 10), patientID, detail
	return by
}

// Audit object types.
const (
	objRecord  = "billing_record"
	objInvoice = "invoice"
	objPayment = "payment"
	objPrice   = "price"
)

// notFound is the answer for an object that does not exist, or that the caller may not
// know exists (another patient's).
var notFound = errs.E(errs.NotFound, web.MsgNotFound)

// people names the patients of a page in one query, whatever its length.
func (s *Service) people(ctx context.Context, q db.Querier, ids []int64) (map[int64]patients.Patient, error) {
	return s.Patients.Patients(ctx, q, ids)
}

// settleInvoice brings an invoice's figures and its charges' paid flags up to date
// after its charges or its money changed. The caller holds the invoice's lock.
func settleInvoice(ctx context.Context, tx *db.Tx, inv *Invoice, now time.Time) error {
	charges, err := invoiceCharges(ctx, tx, inv.ID, true)
	if err != nil {
		return err
	}
	var lines []line
	var live []Charge
	for _, c := range charges {
		if c.State == Unpaid || c.State == Paid {
			lines = append(lines, line{id: c.ID, amount: c.Amount, paid: c.PaidAmount})
			live = append(live, c)
		}
	}
	inv.Total = 0
	for i, l := range settle(lines, inv.Paid) {
		inv.Total += l.amount
		state := Unpaid
		if l.paid >= l.amount {
			state = Paid
		}
		if l.paid != live[i].PaidAmount || state != live[i].State {
			if err := setChargePaid(ctx, tx, l.id, l.paid, state); err != nil {
				return err
			}
		}
	}
	inv.Status = inv.status()
	inv.UpdatedAt = now
	return saveInvoice(ctx, tx, *inv)
}

// lockChargeInvoice locks the invoice of a charge, then the charge: the order every
// change takes, so that two changes never wait for each other crosswise.
func lockChargeInvoice(ctx context.Context, tx *db.Tx, id int64) (Charge, Invoice, error) {
	c, err := getCharge(ctx, tx, id, false)
	if db.IsNoRows(err) {
		return c, Invoice{}, notFound
	}
	if err != nil {
		return c, Invoice{}, err
	}
	inv, err := getInvoice(ctx, tx, c.InvoiceID, true)
	if err != nil {
		return c, inv, err
	}
	c, err = getCharge(ctx, tx, id, true)
	return c, inv, err
}
