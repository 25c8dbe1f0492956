package demo

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"healthsynx/internal/platform/db"
)

// copySink writes with COPY (PostgreSQL), on a pool connection of its own. The load
// commits without waiting for the WAL flush (synchronous_commit off, this session
// only): a crash could lose the last batches, never corrupt what was committed.
type copySink struct {
	conn *pgxpool.Conn
}

func newCopySink(ctx context.Context, d *db.DB) (*copySink, error) {
	conn, err := d.Pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "SET synchronous_commit = off"); err != nil {
		conn.Release()
		return nil, err
	}
	return &copySink{conn: conn}, nil
}

func (s *copySink) write(ctx context.Context, b *batch) error {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // after Commit it does nothing
	for t, tb := range tables {
		n, cols, vals := b.count(t), len(tb.columns), b.rows[t]
		if n == 0 {
			continue
		}
		rows := pgx.CopyFromSlice(n, func(i int) ([]any, error) { return vals[i*cols : (i+1)*cols], nil })
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{tb.name}, tb.columns, rows); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

func (s *copySink) close() error {
	defer s.conn.Release()
	ctx := context.Background()
	_, err := s.conn.Exec(ctx, "RESET synchronous_commit")
	if err != nil {
		s.conn.Conn().Close(ctx) // the pool drops a closed connection rather than lend it
	}
	return err
}
