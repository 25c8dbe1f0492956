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

// ScanID reads a row of one id column: db.Collect(db.ScanID)(q.Query(ctx, "SELECT id …")).
func ScanID(s Scanner) (int64, error) {
	var id int64
	err := s.Scan(&id)
	return id, err
}

// Args turns values into query arguments, for an IN (db.Placeholders(len(vals))) list.
func Args[T any](vals []T) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = v
	}
	return out
}
