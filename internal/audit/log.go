package audit

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// Log is the audit log. It has no way to change or remove an event: the only writes
// are appends.
type Log struct {
	db         *db.DB
	trustProxy bool // read the client address from X-Forwarded-For (see web.ClientIP)

	// The RecordAsync queue; nil while no writer runs (see async.go).
	mu       sync.RWMutex
	queue    chan Event
	done     chan struct{}
	queueCap int
}

// New returns the log stored in d. trustProxy is the server's HEALTHSYNX_TRUST_PROXY.
func New(d *db.DB, trustProxy bool) *Log {
	return &Log{db: d, trustProxy: trustProxy, queueCap: defaultQueueCap}
}

// FromRequest starts an event with what the request knows: the signed-in actor, the
// client address and the request id. The caller adds the action, object and outcome.
func (l *Log) FromRequest(r *http.Request) Event {
	e := Event{ClientIP: web.ClientIP(r, l.trustProxy), RequestID: web.RequestID(r.Context())}
	if p := auth.FromContext(r.Context()); p != nil {
		e.ActorID, e.ActorUsername, e.ActorRole = p.UserID, p.Username, p.Role
	}
	return e
}

// Record appends e to the log. q should be the caller's *db.Tx, so that the event
// commits or rolls back with the change it describes; record as the last step, since
// the chain stays locked until that transaction ends. Given the *db.DB instead, the event
// is written in a transaction of its own.
func (l *Log) Record(ctx context.Context, q db.Querier, e Event) error {
	if err := e.normalize(); err != nil {
		return errs.Wrap("audit.Record", err)
	}
	if tx, ok := q.(*db.Tx); ok {
		return errs.Wrap("audit.Record", appendEvents(ctx, tx, e))
	}
	return errs.Wrap("audit.Record", l.write(ctx, e))
}

// write appends events in one transaction of their own.
func (l *Log) write(ctx context.Context, events ...Event) error {
	return l.db.InTx(ctx, func(tx *db.Tx) error { return appendEvents(ctx, tx, events...) })
}

// page returns one keyset page of events matching f, newest first, and the cursors of
// the pages after and before it (nil at either end).
func (l *Log) page(ctx context.Context, f Filter, c *web.Cursor, size int) (rows []stored, next, prev *web.Cursor, err error) {
	var below, above int64
	if c != nil && c.Reverse {
		above = c.ID
	} else if c != nil {
		below = c.ID
	}
	rows, err = list(ctx, l.db, f, below, above, size+1)
	if err != nil {
		return nil, nil, nil, errs.Wrap("audit.page", err)
	}
	more := len(rows) > size
	if more {
		rows = rows[:size]
	}
	if len(rows) == 0 {
		return rows, nil, nil, nil
	}
	if above > 0 {
		// Paging back: the rows came oldest first, the cursor's own event lies below
		// them, and more means newer events remain above.
		slices.Reverse(rows)
		next = &web.Cursor{ID: rows[len(rows)-1].ID}
		if more {
			prev = &web.Cursor{ID: rows[0].ID, Reverse: true}
		}
		return rows, next, prev, nil
	}
	if more {
		next = &web.Cursor{ID: rows[len(rows)-1].ID}
	}
	if below > 0 {
		prev = &web.Cursor{ID: rows[0].ID, Reverse: true}
	}
	return rows, next, prev, nil
}

// verifyBatch bounds the events Verify holds in memory at once.
const verifyBatch = 1000

// Verify walks the chain in order, recomputing every hash, and reports the first link
// that does not hold: an altered, inserted or deleted event. It reads in batches, so it
// runs in constant memory however long the log is, and it may run while events are
// being recorded (those after the head it first reads are left for the next run).
func (l *Log) Verify(ctx context.Context) (Result, error) {
	headSeq, headHash, err := head(ctx, l.db)
	if err != nil {
		return Result{}, errs.Wrap("audit.Verify", err)
	}
	var last, lastID int64
	prev := genesis
	for last < headSeq {
		batch, err := chainPage(ctx, l.db, last, headSeq, verifyBatch)
		if err != nil {
			return Result{}, errs.Wrap("audit.Verify", err)
		}
		if len(batch) == 0 {
			break
		}
		for _, s := range batch {
			if b := checkLink(s, last, prev); b != nil {
				return Result{Events: last, Broken: b}, nil
			}
			last, lastID, prev = s.Seq, s.ID, s.Hash
		}
	}
	switch {
	case last < headSeq:
		return Result{Events: last, Broken: &Break{Seq: last + 1,
			Reason: fmt.Sprintf("the event is missing: the log ends at seq=%d but its head is at seq=%d", last, headSeq)}}, nil
	case prev != headHash:
		return Result{Events: last, Broken: &Break{Seq: last, ID: lastID,
			Reason: "the hash kept in the chain head does not match this event"}}, nil
	}
	id, seq, err := beyondHead(ctx, l.db)
	if err == nil {
		return Result{Events: last, Broken: &Break{Seq: seq, ID: id,
			Reason: fmt.Sprintf("the event lies beyond the chain head (seq=%d): it was not appended through the log", headSeq)}}, nil
	}
	if !db.IsNoRows(err) {
		return Result{}, errs.Wrap("audit.Verify", err)
	}
	return Result{Events: last}, nil
}

// checkLink checks that s follows the event (prevSeq, prevHash) and matches its hash.
func checkLink(s stored, prevSeq int64, prevHash string) *Break {
	b := &Break{Seq: s.Seq, ID: s.ID}
	switch {
	case s.Seq != prevSeq+1:
		b.Reason = fmt.Sprintf("the event before it (seq=%d) is missing", prevSeq+1)
	case s.PrevHash != prevHash:
		b.Reason = "its prev_hash does not match the hash of the event before it"
	case chainHash(s.Seq, s.Event, s.PrevHash) != s.Hash:
		b.Reason = "its contents do not match its hash: the event was altered"
	default:
		return nil
	}
	return b
}
