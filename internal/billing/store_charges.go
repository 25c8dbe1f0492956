package billing

import (
	"context"
	"database/sql"
	"time"

	"healthsynx/internal/platform/db"
)

const chargeColumns = `c.id, c.invoice_id, c.patient_id, c.queue_entry_id, c.department_id, c.category, c.description,
	c.amount, c.paid_amount, c.state, c.cause_key, c.price_id, c.reverses_id, c.reversal_id, c.voided_at, c.voided_by,
	c.void_reason, c.created_by, c.local_day, c.created_at`

func scanCharge(row scanner) (Charge, error) {
	var c Charge
	var queue, dept, price, reverses, reversal, voidedBy, createdBy sql.NullInt64
	var cause sql.NullString
	err := row.Scan(&c.ID, &c.InvoiceID, &c.PatientID, &queue, &dept, &c.Category, &c.Description,
		&c.Amount, &c.PaidAmount, &c.State, &cause, &price, &reverses, &reversal, &c.VoidedAt, &voidedBy,
		&c.VoidReason, &createdBy, &c.LocalDay, &c.CreatedAt)
	c.QueueEntryID, c.DepartmentID, c.PriceID = queue.Int64, dept.Int64, price.Int64
	c.ReversesID, c.ReversalID, c.VoidedBy, c.CreatedBy = reverses.Int64, reversal.Int64, voidedBy.Int64, createdBy.Int64
	c.CauseKey = cause.String
	c.CreatedAt = c.CreatedAt.UTC()
	if c.VoidedAt != nil {
		t := c.VoidedAt.UTC()
		c.VoidedAt = &t
	}
	return c, err
}

const insertChargeSQL = `INSERT INTO billing_charges (invoice_id, patient_id, queue_entry_id, department_id, category,
	description, amount, paid_amount, state, cause_key, price_id, reverses_id, created_by, void_reason, local_day, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func chargeArgs(c *Charge) []any {
	var cause any
	if c.CauseKey != "" {
		cause = c.CauseKey
	}
	return []any{c.InvoiceID, c.PatientID, nullID(c.QueueEntryID), nullID(c.DepartmentID), string(c.Category),
		c.Description, int64(c.Amount), int64(c.PaidAmount), string(c.State), cause, nullID(c.PriceID),
		nullID(c.ReversesID), nullID(c.CreatedBy), c.VoidReason, c.LocalDay, c.CreatedAt}
}

// insertCharge stores a charge that has no cause (manual charges, reversals).
func insertCharge(ctx context.Context, tx *db.Tx, c *Charge) error {
	id, err := tx.InsertID(ctx, insertChargeSQL, chargeArgs(c)...)
	c.ID = id
	return err
}

// insertCausedCharge stores a charge unless its cause already charged; the unique
// index on cause_key decides, so concurrent reports of one event charge once.
func insertCausedCharge(ctx context.Context, tx *db.Tx, c *Charge) (bool, error) {
	id, inserted, err := insertOnce(ctx, tx, insertChargeSQL, "cause_key", chargeArgs(c)...)
	c.ID = id
	return inserted, err
}

// getCharge reads one charge; with lock it holds the row for the transaction.
func getCharge(ctx context.Context, q db.Querier, id int64, lock bool) (Charge, error) {
	query := "SELECT " + chargeColumns + " FROM billing_charges c WHERE c.id = ?"
	if lock {
		query += db.ForUpdate(q)
	}
	return scanCharge(q.QueryRow(ctx, query, id))
}

// invoiceCharges lists every charge of an invoice, reversals included, in the order
// they were made. It is not paged: settlement needs them all, and an invoice is one
// visit's (a long admission's included) or one day's. With lock the rows are held:
// settlement rewrites them.
func invoiceCharges(ctx context.Context, q db.Querier, invoiceID int64, lock bool) ([]Charge, error) {
	query := "SELECT " + chargeColumns + " FROM billing_charges c WHERE c.invoice_id = ? ORDER BY c.id"
	if lock {
		query += db.ForUpdate(q)
	}
	return db.Collect(scanCharge)(q.Query(ctx, query, invoiceID))
}

// setChargePaid records settlement's result for one charge.
func setChargePaid(ctx context.Context, tx *db.Tx, id int64, paid Money, state State) error {
	_, err := tx.Exec(ctx, "UPDATE billing_charges SET paid_amount = ?, state = ? WHERE id = ?", int64(paid), string(state), id)
	return err
}

// updateCharge saves the changeable fields of an unpaid charge.
func updateCharge(ctx context.Context, tx *db.Tx, c Charge) error {
	_, err := tx.Exec(ctx, "UPDATE billing_charges SET category = ?, description = ?, amount = ? WHERE id = ?",
		string(c.Category), c.Description, int64(c.Amount), c.ID)
	return err
}

// markVoid voids a charge and links it to its reversal.
func markVoid(ctx context.Context, tx *db.Tx, c Charge) error {
	_, err := tx.Exec(ctx, "UPDATE billing_charges SET state = ?, voided_at = ?, voided_by = ?, void_reason = ?, reversal_id = ? WHERE id = ?",
		string(Void), c.VoidedAt, nullID(c.VoidedBy), c.VoidReason, c.ReversalID, c.ID)
	return err
}

// ChargeFilter selects charges; zero fields select everything.
type ChargeFilter struct {
	PatientID int64
	InvoiceID int64
	Category  Category
	State     State
	Since     time.Time // created at or after
	Until     time.Time // created before
}

func (f ChargeFilter) where() ([]string, []any) {
	var conds []string
	var args []any
	add := func(cond string, v any) {
		conds = append(conds, cond)
		args = append(args, v)
	}
	if f.PatientID != 0 {
		add("c.patient_id = ?", f.PatientID)
	}
	if f.InvoiceID != 0 {
		add("c.invoice_id = ?", f.InvoiceID)
	}
	if f.Category != "" {
		add("c.category = ?", string(f.Category))
	}
	if f.State != "" {
		add("c.state = ?", string(f.State))
	}
	if !f.Since.IsZero() {
		add("c.created_at >= ?", f.Since.UTC())
	}
	if !f.Until.IsZero() {
		add("c.created_at < ?", f.Until.UTC())
	}
	return conds, args
}

// listCharges returns up to limit charges matching f from the keyset position k.
func listCharges(ctx context.Context, q db.Querier, f ChargeFilter, k *keyset, limit int) ([]Charge, error) {
	conds, args := f.where()
	conds, args, order := k.where("c", conds, args)
	return db.Collect(scanCharge)(q.Query(ctx, "SELECT "+chargeColumns+" FROM billing_charges c"+whereClause(conds)+order+" LIMIT ?",
		append(args, limit)...))
}

// listChargesAt returns one page of charges by offset (the original's page numbers).
func listChargesAt(ctx context.Context, q db.Querier, f ChargeFilter, limit, offset int) ([]Charge, error) {
	conds, args := f.where()
	return db.Collect(scanCharge)(q.Query(ctx, "SELECT "+chargeColumns+" FROM billing_charges c"+whereClause(conds)+
		" ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?", append(args, limit, offset)...))
}

func countCharges(ctx context.Context, q db.Querier, f ChargeFilter) (int, error) {
	conds, args := f.where()
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM billing_charges c"+whereClause(conds), args...).Scan(&n)
	return n, err
}

// CategoryTotal is the sum of one category's charges.
type CategoryTotal struct {
	Category Category
	Total    Money
}

// categoryTotals sums every charge by category, reversals included (so a void charge
// nets to nothing), ordered by category as the original sorted them.
func categoryTotals(ctx context.Context, q db.Querier) ([]CategoryTotal, error) {
	return db.Collect(scanCategoryTotal)(q.Query(ctx, "SELECT c.category, SUM(c.amount) FROM billing_charges c GROUP BY c.category ORDER BY c.category"))
}

func scanCategoryTotal(row scanner) (CategoryTotal, error) {
	var t CategoryTotal
	err := row.Scan(&t.Category, &t.Total)
	return t, err
}

// countByState counts the charges in one state (the state index answers it).
func countByState(ctx context.Context, q db.Querier, s State) (int, error) {
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM billing_charges WHERE state = ?", string(s)).Scan(&n)
	return n, err
}
