package billing

import (
	"context"
	"database/sql"
	"time"

	"healthsynx/internal/platform/db"
)

const priceColumns = "p.id, p.kind, p.code, p.name, p.amount, p.effective_from, p.created_by, p.created_at"

func scanPrice(row scanner) (Price, error) {
	var p Price
	var by sql.NullInt64
	err := row.Scan(&p.ID, &p.Kind, &p.Code, &p.Name, &p.Amount, &p.EffectiveFrom, &by, &p.CreatedAt)
	p.CreatedBy = by.Int64
	p.EffectiveFrom, p.CreatedAt = p.EffectiveFrom.UTC(), p.CreatedAt.UTC()
	return p, err
}

// priceAt is the version of an item in force at t: the latest that took effect by then.
func priceAt(ctx context.Context, q db.Querier, key PriceKey, t time.Time) (Price, error) {
	return scanPrice(q.QueryRow(ctx, "SELECT "+priceColumns+` FROM billing_prices p
		WHERE p.kind = ? AND p.code = ? AND p.effective_from <= ? ORDER BY p.effective_from DESC LIMIT 1`,
		string(key.Kind), key.Code, t.UTC()))
}

func insertPrice(ctx context.Context, q db.Querier, p *Price) error {
	id, err := q.InsertID(ctx, `INSERT INTO billing_prices (kind, code, name, amount, effective_from, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, string(p.Kind), p.Code, p.Name, int64(p.Amount), p.EffectiveFrom, nullID(p.CreatedBy), p.CreatedAt)
	p.ID = id
	return err
}

// PriceFilter selects price-list entries: those in force at At, or with Code set, every
// version of that item.
type PriceFilter struct {
	At   time.Time
	Kind PriceKind
	Code string
}

// inForce is the condition "no later version of the item has taken effect by ?".
const inForce = `p.effective_from <= ? AND NOT EXISTS (SELECT 1 FROM billing_prices n
	WHERE n.kind = p.kind AND n.code = p.code AND n.effective_from > p.effective_from AND n.effective_from <= ?)`

func (f PriceFilter) where() ([]string, []any) {
	var conds []string
	var args []any
	if f.Kind != "" {
		conds, args = append(conds, "p.kind = ?"), append(args, string(f.Kind))
	}
	if f.Code != "" {
		conds, args = append(conds, "p.code = ?"), append(args, f.Code)
		return conds, args
	}
	return append(conds, inForce), append(args, f.At.UTC(), f.At.UTC())
}

// listPrices returns a page of the list ordered by section and code (versions of one
// item newest first).
func listPrices(ctx context.Context, q db.Querier, f PriceFilter, limit, offset int) ([]Price, error) {
	conds, args := f.where()
	return db.Collect(scanPrice)(q.Query(ctx, "SELECT "+priceColumns+" FROM billing_prices p"+whereClause(conds)+
		" ORDER BY p.kind, p.code, p.effective_from DESC LIMIT ? OFFSET ?", append(args, limit, offset)...))
}

func countPrices(ctx context.Context, q db.Querier, f PriceFilter) (int, error) {
	conds, args := f.where()
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM billing_prices p"+whereClause(conds), args...).Scan(&n)
	return n, err
}
