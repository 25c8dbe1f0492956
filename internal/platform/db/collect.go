package db

import "database/sql"

// Scanner is a *sql.Row or *sql.Rows. It is an alias, so a scan function written for
// the anonymous interface{ Scan(...any) error } is a func(Scanner).
type Scanner = interface{ Scan(dest ...any) error }

// Collect turns a row scanner into one that reads every row of a query's result and
// closes it; it takes the query's two results as they come:
//
//	db.Collect(scanThing)(q.Query(ctx, …))
//
// The slice is never nil, so an empty list renders as [] in JSON.
func Collect[T any](scan func(Scanner) (T, error)) func(*sql.Rows, error) ([]T, error) {
	return func(rows *sql.Rows, err error) ([]T, error) {
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out := []T{}
		for rows.Next() {
			v, err := scan(rows)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, rows.Err()
	}
}
