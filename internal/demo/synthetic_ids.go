package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"healthsynx/internal/platform/db"
)

// Ids. The generator writes its rows with their ids, so that a visit can point at its
// vitals and a charge at its invoice without asking the database for each. Before it
// writes anything it reserves, in every table, a range of exactly as many ids as its
// plans need, above every id in use, by moving the table's sequence past the range
// under a lock: a server running meanwhile takes its ids above the range, and running
// the generator again adds a new hospital's worth of patients above the first. (On
// MySQL the move is not locked against other writers: generate while nothing else
// writes.)

// reserve moves each table's sequence past counts[t] new ids and returns, per table,
// the last id in use before the range: the range is base+1 … base+counts[t].
func reserve(ctx context.Context, d *db.DB, counts [numTables]int) (base [numTables]int64, err error) {
	switch d.Engine {
	case db.SQLite:
		err = d.InTx(ctx, func(tx *db.Tx) error { return reserveSQLite(ctx, tx, counts, &base) })
	case db.Postgres:
		err = d.InTx(ctx, func(tx *db.Tx) error { return reservePostgres(ctx, tx, counts, &base) })
	default:
		err = reserveMySQL(ctx, d, counts, &base)
	}
	base[tProfiles] = base[tUsers] // a profile's id is its account's
	return base, err
}

// reserveSQLite sets sqlite_sequence, which AUTOINCREMENT reads, in a transaction that
// holds the database's write lock (it begins IMMEDIATE).
func reserveSQLite(ctx context.Context, tx *db.Tx, counts [numTables]int, base *[numTables]int64) error {
	for t, tb := range tables {
		if !tb.sequenced {
			continue
		}
		var maxID, seq int64
		if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+tb.name).Scan(&maxID); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, "SELECT seq FROM sqlite_sequence WHERE name = ?", tb.name).Scan(&seq)
		if err != nil && !db.IsNoRows(err) {
			return err
		}
		base[t] = max(maxID, seq)
		end := base[t] + int64(counts[t])
		res, err := tx.Exec(ctx, "UPDATE sqlite_sequence SET seq = ? WHERE name = ?", end, tb.name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			continue
		}
		if _, err := tx.Exec(ctx, "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", tb.name, end); err != nil {
			return err
		}
	}
	return nil
}

// reservePostgres locks the tables against inserts (which take their ids from the
// sequences only once they hold the table), then sets each identity sequence past its
// range.
func reservePostgres(ctx context.Context, tx *db.Tx, counts [numTables]int, base *[numTables]int64) error {
	var names []string
	for _, tb := range tables {
		if tb.sequenced {
			names = append(names, tb.name)
		}
	}
	if _, err := tx.Exec(ctx, "LOCK TABLE "+strings.Join(names, ", ")+" IN SHARE ROW EXCLUSIVE MODE"); err != nil {
		return err
	}
	for t, tb := range tables {
		if !tb.sequenced {
			continue
		}
		var maxID, last int64
		if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+tb.name).Scan(&maxID); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `SELECT COALESCE(last_value, 0) FROM pg_sequences
			WHERE schemaname || '.' || sequencename = pg_get_serial_sequence(?, 'id')`, tb.name).Scan(&last)
		if err != nil {
			return fmt.Errorf("the sequence of %s: %w", tb.name, err)
		}
		base[t] = max(maxID, last)
		if counts[t] == 0 {
			continue
		}
		if _, err := tx.Exec(ctx, "SELECT setval(pg_get_serial_sequence(?, 'id'), ?)", tb.name, base[t]+int64(counts[t])); err != nil {
			return err
		}
	}
	return nil
}

// reserveMySQL raises each table's AUTO_INCREMENT past its range.
func reserveMySQL(ctx context.Context, d *db.DB, counts [numTables]int, base *[numTables]int64) error {
	for t, tb := range tables {
		if !tb.sequenced {
			continue
		}
		var maxID int64
		var next sql.NullInt64
		if err := d.QueryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+tb.name).Scan(&maxID); err != nil {
			return err
		}
		err := d.QueryRow(ctx, "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", tb.name).Scan(&next)
		if err != nil {
			return err
		}
		base[t] = max(maxID, next.Int64-1)
		if _, err := d.Exec(ctx, fmt.Sprintf("ALTER TABLE %s AUTO_INCREMENT = %d", tb.name, base[t]+int64(counts[t])+1)); err != nil {
			return err
		}
	}
	return nil
}

// clashes are the new ids whose generated unique values (a username, an email, a
// national id, a mobile money reference) someone has already typed in for an
// existing row. The codes are invertible (synthetic_codes.go), so each existing value
// names the one id that would make it again; those few ids get another value.
type clashes struct {
	usernames, nationalIDs, references map[int64]bool
}

// findClashes reads the unique values in use and marks the ids in the reserved
// ranges that would repeat one.
func findClashes(ctx context.Context, d *db.DB, base [numTables]int64, counts [numTables]int) (clashes, error) {
	c := clashes{usernames: map[int64]bool{}, nationalIDs: map[int64]bool{}, references: map[int64]bool{}}
	in := func(t int, id int64) bool { return id > base[t] && id <= base[t]+int64(counts[t]) }
	err := scan(ctx, d, "SELECT username FROM users UNION ALL SELECT email_key FROM users WHERE email_key IS NOT NULL", func(s string) {
		// a username ends "-code", an email's local part ".code"
		s = strings.ToLower(strings.SplitN(s, "@", 2)[0])
		if i := strings.LastIndexAny(s, "-."); i >= 0 {
			if id, ok := usernameCode.id(s[i+1:]); ok && in(tUsers, id) {
				c.usernames[id] = true
			}
		}
	})
	if err != nil {
		return c, err
	}
	err = scan(ctx, d, "SELECT national_id_key FROM patient_profiles WHERE national_id_key IS NOT NULL", func(s string) {
		id, ok := nationalIDCode.id(s)
		if !ok && strings.HasPrefix(s, "A") {
			id, ok = passportCode.id(s[1:])
		}
		if ok && in(tUsers, id) {
			c.nationalIDs[id] = true
		}
	})
	if err != nil {
		return c, err
	}
	err = scan(ctx, d, "SELECT reference_key FROM billing_payments WHERE reference_key IS NOT NULL", func(s string) {
		if len(s) > mobileMoneyCode.width {
			if id, ok := mobileMoneyCode.id(s[len(s)-mobileMoneyCode.width:]); ok && in(tPayments, id) {
				c.references[id] = true
			}
		}
	})
	return c, err
}

// scan calls fn with each value of a one-column query.
func scan(ctx context.Context, d *db.DB, query string, fn func(string)) error {
	rows, err := d.Query(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		fn(s)
	}
	return rows.Err()
}
