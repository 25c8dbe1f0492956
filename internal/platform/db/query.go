package db

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	sqlite "modernc.org/sqlite"
)

// Querier is what stores use: a *DB or a *Tx. SQL uses `?` placeholders on every engine.
type Querier interface {
	Exec(ctx context.Context, query string, args ...any) (sql.Result, error)
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	// InsertID runs an INSERT into a table with an `id` key and returns the new id.
	InsertID(ctx context.Context, query string, args ...any) (int64, error)
	Dialect() Engine
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Rebind turns `?` placeholders into `$1, $2, …` for PostgreSQL. Queries never contain a
// literal `?` in a string constant: values always travel as arguments.
func Rebind(e Engine, query string) string {
	if e != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

func exec(ctx context.Context, x execer, e Engine, q string, args []any) (sql.Result, error) {
	return x.ExecContext(ctx, Rebind(e, q), args...)
}

func insertID(ctx context.Context, x execer, e Engine, q string, args []any) (int64, error) {
	if e == Postgres {
		var id int64
		err := x.QueryRowContext(ctx, Rebind(e, q)+" RETURNING id", args...).Scan(&id)
		return id, err
	}
	res, err := x.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func (d *DB) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return exec(ctx, d.DB, d.Engine, q, args)
}
func (d *DB) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return d.DB.QueryContext(ctx, Rebind(d.Engine, q), args...)
}
func (d *DB) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return d.DB.QueryRowContext(ctx, Rebind(d.Engine, q), args...)
}
func (d *DB) InsertID(ctx context.Context, q string, args ...any) (int64, error) {
	return insertID(ctx, d.DB, d.Engine, q, args)
}
func (d *DB) Dialect() Engine { return d.Engine }

// Tx is a transaction that knows its engine and can run work after it commits.
type Tx struct {
	tx          *sql.Tx
	engine      Engine
	afterCommit []func()
}

func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return exec(ctx, t.tx, t.engine, q, args)
}
func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, Rebind(t.engine, q), args...)
}
func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, Rebind(t.engine, q), args...)
}
func (t *Tx) InsertID(ctx context.Context, q string, args ...any) (int64, error) {
	return insertID(ctx, t.tx, t.engine, q, args)
}
func (t *Tx) Dialect() Engine { return t.engine }

// AfterCommit registers fn to run once the transaction has committed (for example to
// publish a live update). It never runs if the transaction rolls back.
func (t *Tx) AfterCommit(fn func()) { t.afterCommit = append(t.afterCommit, fn) }

// InTx runs fn in a transaction, committing if it returns nil and rolling back otherwise.
// A deadlock or serialization failure reported by the engine is retried a few times.
func (d *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		err = d.inTxOnce(ctx, fn)
		if err == nil || !IsRetryable(err) || ctx.Err() != nil {
			return err
		}
	}
	return err
}

func (d *DB) inTxOnce(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqltx, err := d.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	t := &Tx{tx: sqltx, engine: d.Engine}
	defer func() {
		if p := recover(); p != nil {
			_ = sqltx.Rollback()
			panic(p)
		}
	}()
	if err = fn(t); err != nil {
		_ = sqltx.Rollback()
		return err
	}
	if err = sqltx.Commit(); err != nil {
		return err
	}
	for _, f := range t.afterCommit {
		f()
	}
	return nil
}

// IsUniqueViolation reports whether err is a unique-constraint violation on any engine.
func IsUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	var my *mysql.MySQLError
	if errors.As(err, &my) {
		return my.Number == 1062
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		c := lite.Code()
		return c == 2067 || c == 1555 // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// IsForeignKeyViolation reports a write refused because other rows still refer to the
// row (or a reference to a row that does not exist), on any engine.
func IsForeignKeyViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23503"
	}
	var my *mysql.MySQLError
	if errors.As(err, &my) {
		return my.Number == 1451 || my.Number == 1452
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		return lite.Code() == 787 // SQLITE_CONSTRAINT_FOREIGNKEY
	}
	return false
}

// ViolatedConstraint names what a unique violation hit, as the engine reports it: the
// index name on PostgreSQL and MySQL, "table.column" on SQLite. Match it with
// strings.Contains on a column or index name. "" when err is not a unique violation.
// (After a violation PostgreSQL refuses further statements in the transaction, so the
// caller cannot ask the database which value clashed: the error must tell.)
func ViolatedConstraint(err error) string {
	if !IsUniqueViolation(err) {
		return ""
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.ConstraintName
	}
	return err.Error()
}

// IsRetryable reports a deadlock or serialization failure that a retry may resolve.
func IsRetryable(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "40001" || pg.Code == "40P01"
	}
	var my *mysql.MySQLError
	if errors.As(err, &my) {
		return my.Number == 1213 || my.Number == 1205
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		c := lite.Code() & 0xff
		return c == 5 || c == 6 // SQLITE_BUSY, SQLITE_LOCKED
	}
	return false
}

// ForUpdate is the row-locking suffix for a SELECT inside a transaction. SQLite needs
// none: a write transaction there already holds the database lock (_txlock=immediate).
func ForUpdate(q Querier) string {
	if q.Dialect() == SQLite {
		return ""
	}
	return " FOR UPDATE"
}

// ForUpdateSkipLocked locks the selected rows and skips rows other transactions hold.
func ForUpdateSkipLocked(q Querier) string {
	if q.Dialect() == SQLite {
		return ""
	}
	return " FOR UPDATE SKIP LOCKED"
}

// ILike is the case-insensitive LIKE operator of the engine (MySQL's and SQLite's LIKE
// already ignore case for the collations we use).
func ILike(q Querier) string {
	if q.Dialect() == Postgres {
		return "ILIKE"
	}
	return "LIKE"
}

// LikeEscape is the ESCAPE clause that goes with EscapeLike. The escape character is `!`
// because a backslash means different things in MySQL and standard SQL string literals.
const LikeEscape = " ESCAPE '!'"

// EscapeLike escapes the LIKE wildcards in s; use with LikeEscape.
func EscapeLike(s string) string {
	r := strings.NewReplacer(`!`, `!!`, `%`, `!%`, `_`, `!_`)
	return r.Replace(s)
}

// Placeholders returns "?, ?, …" with n placeholders.
func Placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}
