package billing

import (
	"context"
	"database/sql"

	"healthsynx/internal/platform/db"
)

// Revenue is billed as the charges' net amount on the hospital day they were made
// (a reversal counts on the day of the void) and collected as payments less refunds on
// the day the money moved. Both group on the stored local_day, so a report needs no
// time-zone arithmetic in SQL, which every engine spells differently.

// dayFigure is one day's billing or collection.
type dayFigure struct {
	day     string
	amount  Money
	charges int
}

func scanDayFigure(row scanner) (dayFigure, error) {
	var d dayFigure
	err := row.Scan(&d.day, &d.amount, &d.charges)
	return d, err
}

// billedByDay sums the charges of each day from through to (both included).
func billedByDay(ctx context.Context, q db.Querier, from, to string) ([]dayFigure, error) {
	return db.Collect(scanDayFigure)(q.Query(ctx, `SELECT c.local_day, SUM(c.amount), SUM(CASE WHEN c.state = 'reversal' THEN 0 ELSE 1 END)
		FROM billing_charges c WHERE c.local_day >= ? AND c.local_day <= ? GROUP BY c.local_day`, from, to))
}

// collectedByDay sums the money kept on each day from through to.
func collectedByDay(ctx context.Context, q db.Querier, from, to string) ([]dayFigure, error) {
	return db.Collect(scanDayFigure)(q.Query(ctx, `SELECT p.local_day, SUM(CASE WHEN p.kind = 'refund' THEN -p.amount ELSE p.amount END), COUNT(*)
		FROM billing_payments p WHERE p.local_day >= ? AND p.local_day <= ? GROUP BY p.local_day`, from, to))
}

// departmentFigure is what one department billed over a period.
type departmentFigure struct {
	departmentID int64
	billed       Money
	charges      int
}

func scanDepartmentFigure(row scanner) (departmentFigure, error) {
	var d departmentFigure
	var dept sql.NullInt64
	err := row.Scan(&dept, &d.billed, &d.charges)
	d.departmentID = dept.Int64
	return d, err
}

// billedByDepartment sums the charges of each department over the days from through to.
func billedByDepartment(ctx context.Context, q db.Querier, from, to string) ([]departmentFigure, error) {
	return db.Collect(scanDepartmentFigure)(q.Query(ctx, `SELECT c.department_id, SUM(c.amount), SUM(CASE WHEN c.state = 'reversal' THEN 0 ELSE 1 END)
		FROM billing_charges c WHERE c.local_day >= ? AND c.local_day <= ? GROUP BY c.department_id`, from, to))
}
