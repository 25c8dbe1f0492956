package billing

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"healthsynx/internal/platform/db"
)

const paymentColumns = `p.id, p.invoice_id, p.patient_id, p.kind, p.method, p.amount, p.reference, p.insurer,
	p.member_number, p.charge_id, p.reason, p.received_by, p.local_day, p.created_at`

func scanPayment(row scanner) (Payment, error) {
	var p Payment
	var charge, by sql.NullInt64
	err := row.Scan(&p.ID, &p.InvoiceID, &p.PatientID, &p.Kind, &p.Method, &p.Amount, &p.Reference, &p.Insurer,
		&p.MemberNumber, &charge, &p.Reason, &by, &p.LocalDay, &p.CreatedAt)
	p.ChargeID, p.ReceivedBy = charge.Int64, by.Int64
	p.CreatedAt = p.CreatedAt.UTC()
	return p, err
}

// referenceKey makes a mobile-money transaction reference unique regardless of case
// and spacing: the same transaction cannot be recorded twice. Other references (card
// authorisation codes) repeat across banks and are not keyed.
func referenceKey(p Payment) any {
	if p.Kind != KindPayment || p.Method != MobileMoney || p.Reference == "" {
		return nil
	}
	return "mm:" + strings.ToUpper(strings.Join(strings.Fields(p.Reference), ""))
}

// insertPayment stores a payment or a refund. A reference already recorded is a
// unique violation on billing_payments_reference_key.
func insertPayment(ctx context.Context, tx *db.Tx, p *Payment) error {
	id, err := tx.InsertID(ctx, `INSERT INTO billing_payments (invoice_id, patient_id, kind, method, amount, reference,
		reference_key, insurer, member_number, charge_id, reason, received_by, local_day, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.InvoiceID, p.PatientID, string(p.Kind), string(p.Method), int64(p.Amount), p.Reference, referenceKey(*p),
		p.Insurer, p.MemberNumber, nullID(p.ChargeID), p.Reason, nullID(p.ReceivedBy), p.LocalDay, p.CreatedAt)
	p.ID = id
	return err
}

func getPayment(ctx context.Context, q db.Querier, id int64) (Payment, error) {
	return scanPayment(q.QueryRow(ctx, "SELECT "+paymentColumns+" FROM billing_payments p WHERE p.id = ?", id))
}

// invoicePayments lists the payments and refunds of an invoice, oldest first (all of
// them, as the invoice shows them).
func invoicePayments(ctx context.Context, q db.Querier, invoiceID int64) ([]Payment, error) {
	return db.Collect(scanPayment)(q.Query(ctx, "SELECT "+paymentColumns+" FROM billing_payments p WHERE p.invoice_id = ? ORDER BY p.id", invoiceID))
}

// PaymentFilter selects payments; zero fields select everything.
type PaymentFilter struct {
	PatientID int64
	InvoiceID int64
	Since     time.Time
	Until     time.Time
}

func (f PaymentFilter) where() ([]string, []any) {
	var conds []string
	var args []any
	if f.PatientID != 0 {
		conds, args = append(conds, "p.patient_id = ?"), append(args, f.PatientID)
	}
	if f.InvoiceID != 0 {
		conds, args = append(conds, "p.invoice_id = ?"), append(args, f.InvoiceID)
	}
	if !f.Since.IsZero() {
		conds, args = append(conds, "p.created_at >= ?"), append(args, f.Since.UTC())
	}
	if !f.Until.IsZero() {
		conds, args = append(conds, "p.created_at < ?"), append(args, f.Until.UTC())
	}
	return conds, args
}

func listPayments(ctx context.Context, q db.Querier, f PaymentFilter, k *keyset, limit int) ([]Payment, error) {
	conds, args := f.where()
	conds, args, order := k.where("p", conds, args)
	return db.Collect(scanPayment)(q.Query(ctx, "SELECT "+paymentColumns+" FROM billing_payments p"+whereClause(conds)+order+" LIMIT ?",
		append(args, limit)...))
}

// collected is the money kept over the given hospital days (from through to, both
// included; "" leaves that end open): payments less refunds.
func collected(ctx context.Context, q db.Querier, from, to string) (Money, error) {
	conds := []string{}
	var args []any
	if from != "" {
		conds, args = append(conds, "p.local_day >= ?"), append(args, from)
	}
	if to != "" {
		conds, args = append(conds, "p.local_day <= ?"), append(args, to)
	}
	var m Money
	err := q.QueryRow(ctx, "SELECT COALESCE(SUM(CASE WHEN p.kind = 'refund' THEN -p.amount ELSE p.amount END), 0) FROM billing_payments p"+
		whereClause(conds), args...).Scan(&m)
	return m, err
}
