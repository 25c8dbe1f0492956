package demo

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"

	"healthsynx/internal/platform/db"
)

// A sink writes batches, each in one transaction, so that what a stopped load leaves
// is whole patients.
type sink interface {
	write(ctx context.Context, b *batch) error
	close() error
}

func newSink(ctx context.Context, d *db.DB) (sink, error) {
	if d.Engine == db.Postgres {
		return newCopySink(ctx, d)
	}
	return newInsertSink(ctx, d)
}

// insertSink writes with multi-row INSERTs (SQLite, MySQL), on a connection of its own.
type insertSink struct {
	conn    *sql.Conn
	engine  db.Engine
	maxRows int // rows per statement at most
	// maxParams is the engine's limit on the parameters of one statement.
	maxParams int
}

// On SQLite the load runs with synchronous=OFF and a 1 GiB page cache: a crash of the
// machine mid-load could lose the last transactions, never the database (the WAL keeps
// it consistent), and nothing else is waiting on them. close restores the settings the
// connection was opened with (internal/platform/db).
var (
	sqliteLoadPragmas    = []string{"PRAGMA synchronous = OFF", "PRAGMA cache_size = -1048576"}
	sqliteRestorePragmas = []string{"PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -32000"}
)

func newInsertSink(ctx context.Context, d *db.DB) (*insertSink, error) {
	conn, err := d.Conn(ctx)
	if err != nil {
		return nil, err
	}
	s := &insertSink{conn: conn, engine: d.Engine, maxRows: 1000, maxParams: 65_535}
	if d.Engine == db.SQLite {
		s.maxRows, s.maxParams = 500, 32_766
		if err := s.pragmas(ctx, sqliteLoadPragmas); err != nil {
			conn.Close()
			return nil, err
		}
	}
	return s, nil
}

func (s *insertSink) pragmas(ctx context.Context, list []string) error {
	for _, p := range list {
		if _, err := s.conn.ExecContext(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

func (s *insertSink) write(ctx context.Context, b *batch) error {
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit it does nothing
	stmts := map[[2]int]*sql.Stmt{}
	for t, tb := range tables {
		cols := len(tb.columns)
		per := min(s.maxRows, s.maxParams/cols)
		vals := b.rows[t]
		for off, n := 0, b.count(t); off < n; off += per {
			k := min(per, n-off)
			st, ok := stmts[[2]int{t, k}]
			if !ok {
				if st, err = tx.PrepareContext(ctx, insertSQL(tb, k)); err != nil {
					return err
				}
				stmts[[2]int{t, k}] = st
			}
			if _, err := st.ExecContext(ctx, vals[off*cols:(off+k)*cols]...); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

// insertSQL inserts rows rows into the table.
func insertSQL(tb table, rows int) string {
	row := "(" + db.Placeholders(len(tb.columns)) + ")"
	return "INSERT INTO " + tb.name + " (" + strings.Join(tb.columns, ", ") + ") VALUES " +
		strings.Repeat(row+", ", rows-1) + row
}

func (s *insertSink) close() error {
	if s.engine == db.SQLite {
		// The connection goes back to the pool: it must serve as the others do, or not at
		// all (a driver.ErrBadConn from Raw makes the pool close it).
		if err := s.pragmas(context.Background(), sqliteRestorePragmas); err != nil {
			_ = s.conn.Raw(func(any) error { return driver.ErrBadConn })
			s.conn.Close()
			return err
		}
	}
	return s.conn.Close()
}
