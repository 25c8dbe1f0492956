package billing

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"healthsynx/internal/platform/db"
)

const invoiceColumns = `i.id, i.patient_id, i.queue_entry_id, i.local_day, i.status, i.total, i.paid, i.issued_at,
	i.voided_at, i.voided_by, i.void_reason, i.created_at, i.updated_at`

func scanInvoice(row scanner) (Invoice, error) {
	var i Invoice
	var queue, voidedBy sql.NullInt64
	err := row.Scan(&i.ID, &i.PatientID, &queue, &i.LocalDay, &i.Status, &i.Total, &i.Paid, &i.IssuedAt,
		&i.VoidedAt, &voidedBy, &i.VoidReason, &i.CreatedAt, &i.UpdatedAt)
	i.QueueEntryID, i.VoidedBy = queue.Int64, voidedBy.Int64
	i.CreatedAt, i.UpdatedAt = i.CreatedAt.UTC(), i.UpdatedAt.UTC()
	for _, t := range []**time.Time{&i.IssuedAt, &i.VoidedAt} {
		if *t != nil {
			u := (*t).UTC()
			*t = &u
		}
	}
	return i, err
}

// openKey names the open invoice a charge belongs on: its visit's, or for a charge of
// no visit, the patient's invoice of that day. The key is unique while the invoice is
// open and cleared when it is voided, so that concurrent charges of one visit find or
// create the same invoice, and a voided invoice makes way for a new one.
func openKey(patientID, queueEntryID int64, localDay string) string {
	if queueEntryID != 0 {
		return fmt.Sprintf("visit:%d", queueEntryID)
	}
	return fmt.Sprintf("day:%d:%s", patientID, localDay)
}

// lockOpenInvoice finds or creates the open invoice for a charge and locks it for the
// transaction. The insert leaves an invoice already there; the locking read that
// follows sees the invoice whichever transaction made it (a locking read sees the
// latest committed row even under MySQL's repeatable read).
func lockOpenInvoice(ctx context.Context, tx *db.Tx, patientID, queueEntryID int64, localDay string, now time.Time) (Invoice, error) {
	key := openKey(patientID, queueEntryID, localDay)
	err := ensureRow(ctx, tx, `INSERT INTO billing_invoices (patient_id, queue_entry_id, open_key, local_day, status,
		total, paid, void_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0, '', ?, ?)`, "open_key",
		patientID, nullID(queueEntryID), key, localDay, string(Draft), now, now)
	if err != nil {
		return Invoice{}, err
	}
	return scanInvoice(tx.QueryRow(ctx, "SELECT "+invoiceColumns+" FROM billing_invoices i WHERE i.open_key = ?"+db.ForUpdate(tx), key))
}

// getInvoice reads one invoice; with lock it holds the row: every change of an invoice's
// charges or money happens under this lock, taken before any of its charges.
func getInvoice(ctx context.Context, q db.Querier, id int64, lock bool) (Invoice, error) {
	query := "SELECT " + invoiceColumns + " FROM billing_invoices i WHERE i.id = ?"
	if lock {
		query += db.ForUpdate(q)
	}
	return scanInvoice(q.QueryRow(ctx, query, id))
}

// saveInvoice writes the figures and the state of an invoice.
func saveInvoice(ctx context.Context, tx *db.Tx, i Invoice) error {
	var key any
	if i.VoidedAt == nil {
		key = openKey(i.PatientID, i.QueueEntryID, i.LocalDay)
	}
	_, err := tx.Exec(ctx, `UPDATE billing_invoices SET status = ?, total = ?, paid = ?, issued_at = ?, voided_at = ?,
		voided_by = ?, void_reason = ?, open_key = ?, updated_at = ? WHERE id = ?`,
		string(i.Status), int64(i.Total), int64(i.Paid), i.IssuedAt, i.VoidedAt, nullID(i.VoidedBy), i.VoidReason, key, i.UpdatedAt, i.ID)
	return err
}

// InvoiceFilter selects invoices; zero fields select everything.
type InvoiceFilter struct {
	PatientID int64
	Status    InvoiceStatus
	Since     time.Time
	Until     time.Time
}

func (f InvoiceFilter) where() ([]string, []any) {
	var conds []string
	var args []any
	if f.PatientID != 0 {
		conds, args = append(conds, "i.patient_id = ?"), append(args, f.PatientID)
	}
	if f.Status != "" {
		conds, args = append(conds, "i.status = ?"), append(args, string(f.Status))
	}
	if !f.Since.IsZero() {
		conds, args = append(conds, "i.created_at >= ?"), append(args, f.Since.UTC())
	}
	if !f.Until.IsZero() {
		conds, args = append(conds, "i.created_at < ?"), append(args, f.Until.UTC())
	}
	return conds, args
}

func listInvoices(ctx context.Context, q db.Querier, f InvoiceFilter, k *keyset, limit int) ([]Invoice, error) {
	conds, args := f.where()
	conds, args, order := k.where("i", conds, args)
	return db.Collect(scanInvoice)(q.Query(ctx, "SELECT "+invoiceColumns+" FROM billing_invoices i"+whereClause(conds)+order+" LIMIT ?",
		append(args, limit)...))
}

func listInvoicesAt(ctx context.Context, q db.Querier, f InvoiceFilter, limit, offset int) ([]Invoice, error) {
	conds, args := f.where()
	return db.Collect(scanInvoice)(q.Query(ctx, "SELECT "+invoiceColumns+" FROM billing_invoices i"+whereClause(conds)+
		" ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?", append(args, limit, offset)...))
}

func countInvoices(ctx context.Context, q db.Querier, f InvoiceFilter) (int, error) {
	conds, args := f.where()
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM billing_invoices i"+whereClause(conds), args...).Scan(&n)
	return n, err
}
