package billing

import (
	"context"
	"slices"
	"strings"
	"time"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// The SQL of the module. Every list is ordered newest first on (created_at, id) and
// paged by keyset (see keyset) or, for the original's page numbers, by offset; each
// filter has an index that starts with it and ends with (created_at, id).

// nullID stores the id 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// scanner is a *sql.Row or *sql.Rows.
type scanner = db.Scanner

// insertOnce inserts a row whose unique column key may already hold the value, and
// reports whether it did. A clash is an answer, not an error: the row is there. It never
// fails the caller's transaction, which on PostgreSQL a unique violation would (the
// whole transaction is then refused), so PostgreSQL and SQLite skip the row with ON
// CONFLICT DO NOTHING; MySQL fails only the statement and the transaction goes on.
func insertOnce(ctx context.Context, tx *db.Tx, insert, key string, args ...any) (id int64, inserted bool, err error) {
	if tx.Dialect() == db.MySQL {
		id, err = tx.InsertID(ctx, insert, args...)
		if db.IsUniqueViolation(err) {
			return 0, false, nil
		}
		return id, err == nil, err
	}
	err = tx.QueryRow(ctx, insert+" ON CONFLICT ("+key+") DO NOTHING RETURNING id", args...).Scan(&id)
	if db.IsNoRows(err) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// ensureRow inserts a row unless its unique column key already holds the value, so that
// the caller can then lock it. On MySQL a clash is turned into a no-op update, which
// takes the row's exclusive lock at once: a failed insert would take a shared lock
// instead, and two transactions both upgrading theirs to lock the row would deadlock.
func ensureRow(ctx context.Context, tx *db.Tx, insert, key string, args ...any) error {
	clash := " ON CONFLICT (" + key + ") DO NOTHING"
	if tx.Dialect() == db.MySQL {
		clash = " ON DUPLICATE KEY UPDATE " + key + " = " + key
	}
	_, err := tx.Exec(ctx, insert+clash, args...)
	return err
}

// keyset is a position in a newest-first list: the (created_at, id) of the row the page
// starts after. Before asks for the rows just above it instead (the previous page).
type keyset struct {
	at     time.Time
	id     int64
	before bool
}

var errInvalidCursor = errs.E(errs.NotFound, "Invalid cursor")

// parseKeyset reads a cursor (nil: the first page). The cursor's key is the row's
// created_at; an unreadable one is the original's 404 for a bad page.
func parseKeyset(c *web.Cursor) (*keyset, error) {
	if c == nil {
		return nil, nil
	}
	at, err := time.Parse(time.RFC3339Nano, c.Key)
	if err != nil {
		return nil, errInvalidCursor
	}
	return &keyset{at: at.UTC(), id: c.ID, before: c.Reverse}, nil
}

// cursorAt is the cursor of a row: the page after it, or (before) the page above it.
func cursorAt(at time.Time, id int64, before bool) *web.Cursor {
	return &web.Cursor{Key: at.UTC().Format(time.RFC3339Nano), ID: id, Reverse: before}
}

// where adds the keyset condition on the table alias t and returns the ORDER BY that
// goes with it. The condition leads with a plain range on created_at, which every
// engine's planner turns into an index range, and settles ties on id in the filter.
func (k *keyset) where(t string, conds []string, args []any) ([]string, []any, string) {
	desc := " ORDER BY " + t + ".created_at DESC, " + t + ".id DESC"
	if k == nil {
		return conds, args, desc
	}
	if k.before {
		conds = append(conds, "("+t+".created_at >= ? AND ("+t+".created_at > ? OR "+t+".id > ?))")
		return conds, append(args, k.at, k.at, k.id), " ORDER BY " + t + ".created_at, " + t + ".id"
	}
	conds = append(conds, "("+t+".created_at <= ? AND ("+t+".created_at < ? OR "+t+".id < ?))")
	return conds, append(args, k.at, k.at, k.id), desc
}

// whereClause joins conditions into a WHERE clause ("" for none).
func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// page trims the size+1 rows of a keyset query to one page and works out the cursors of
// its neighbours (nil at either end). key gives a row's position.
func page[T any](rows []T, k *keyset, size int, key func(T) (time.Time, int64)) (out []T, next, prev *web.Cursor) {
	more := len(rows) > size
	if more {
		rows = rows[:size]
	}
	if len(rows) == 0 {
		return rows, nil, nil
	}
	if k != nil && k.before {
		// Paging back: the rows came oldest first; more means newer rows remain above.
		slices.Reverse(rows)
		at, id := key(rows[len(rows)-1])
		next = cursorAt(at, id, false)
		if more {
			at, id = key(rows[0])
			prev = cursorAt(at, id, true)
		}
		return rows, next, prev
	}
	if more {
		at, id := key(rows[len(rows)-1])
		next = cursorAt(at, id, false)
	}
	if k != nil {
		at, id := key(rows[0])
		prev = cursorAt(at, id, true)
	}
	return rows, next, prev
}
