package audit

import (
	"context"
	"database/sql"
	"strings"

	"healthsynx/internal/platform/db"
)

const columns = "id, seq, at, actor_id, actor_username, actor_role, action, object_type, object_id, patient_id, outcome, client_ip, request_id, detail, prev_hash, hash"

func scan(row interface{ Scan(...any) error }) (stored, error) {
	var s stored
	var actor, patient sql.NullInt64
	err := row.Scan(&s.ID, &s.Seq, &s.At, &actor, &s.ActorUsername, &s.ActorRole, &s.Action,
		&s.ObjectType, &s.ObjectID, &patient, &s.Outcome, &s.ClientIP, &s.RequestID, &s.Detail,
		&s.PrevHash, &s.Hash)
	s.ActorID, s.PatientID = actor.Int64, patient.Int64
	s.At = s.At.UTC()
	return s, err
}

// nullID stores the id 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// appendEvents extends the chain inside tx. It locks the head row first, so concurrent
// writers on PostgreSQL and MySQL wait for each other; reading the newest event instead
// would let two READ COMMITTED transactions extend the chain from the same event and
// fork it. The lock is held until the caller's transaction ends.
func appendEvents(ctx context.Context, tx *db.Tx, events ...Event) error {
	var seq int64
	var prev string
	if err := tx.QueryRow(ctx, "SELECT seq, hash FROM audit_head WHERE id = 1"+db.ForUpdate(tx)).Scan(&seq, &prev); err != nil {
		return err
	}
	for _, e := range events {
		seq++
		hash := chainHash(seq, e, prev)
		_, err := tx.Exec(ctx, "INSERT INTO audit_events (seq, at, actor_id, actor_username, actor_role, action, object_type, object_id, patient_id, outcome, client_ip, request_id, detail, prev_hash, hash) VALUES ("+db.Placeholders(15)+")",
			seq, e.At, nullID(e.ActorID), e.ActorUsername, string(e.ActorRole), string(e.Action), e.ObjectType, e.ObjectID,
			nullID(e.PatientID), string(e.Outcome), e.ClientIP, e.RequestID, e.Detail, prev, hash)
		if err != nil {
			return err
		}
		prev = hash
	}
	_, err := tx.Exec(ctx, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, prev)
	return err
}

func head(ctx context.Context, q db.Querier) (seq int64, hash string, err error) {
	err = q.QueryRow(ctx, "SELECT seq, hash FROM audit_head WHERE id = 1").Scan(&seq, &hash)
	return seq, hash, err
}

// chainPage returns up to limit events with after < seq <= through, in chain order.
func chainPage(ctx context.Context, q db.Querier, after, through int64, limit int) ([]stored, error) {
	return db.Collect(scan)(q.Query(ctx, "SELECT "+columns+" FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?", after, through, limit))
}

// beyondHead finds an event past the head. Writers move the head in the transaction that
// inserts, and one statement reads one snapshot, so no honest event is ever found here.
func beyondHead(ctx context.Context, q db.Querier) (id, seq int64, err error) {
	err = q.QueryRow(ctx, "SELECT id, seq FROM audit_events WHERE seq > (SELECT seq FROM audit_head WHERE id = 1) ORDER BY seq LIMIT 1").Scan(&id, &seq)
	return id, seq, err
}

// list returns up to limit events matching f, newest first, with ids below belowID when
// it is set. With aboveID set instead it returns the events just above it, oldest first:
// the page before a cursor, which the caller turns round.
func list(ctx context.Context, q db.Querier, f Filter, belowID, aboveID int64, limit int) ([]stored, error) {
	var where []string
	var args []any
	add := func(cond string, vals ...any) {
		where = append(where, cond)
		args = append(args, vals...)
	}
	if f.PatientID != 0 {
		add("patient_id = ?", f.PatientID)
	}
	if f.ActorID != 0 {
		add("actor_id = ?", f.ActorID)
	}
	if len(f.Actions) > 0 {
		vals := make([]any, len(f.Actions))
		for i, a := range f.Actions {
			vals[i] = string(a)
		}
		add("action IN ("+db.Placeholders(len(vals))+")", vals...)
	}
	if !f.Since.IsZero() {
		add("at >= ?", f.Since.UTC())
	}
	if !f.Until.IsZero() {
		add("at < ?", f.Until.UTC())
	}
	order := " ORDER BY id DESC"
	switch {
	case belowID > 0:
		add("id < ?", belowID)
	case aboveID > 0:
		add("id > ?", aboveID)
		order = " ORDER BY id"
	}
	query := "SELECT " + columns + " FROM audit_events"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	return db.Collect(scan)(q.Query(ctx, query+order+" LIMIT ?", append(args, limit)...))
}
