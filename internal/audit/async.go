package audit

import (
	"context"
	"log/slog"
)

const (
	// defaultQueueCap bounds the events waiting for the writer.
	defaultQueueCap = 4096
	// maxBatch bounds the events written in one transaction.
	maxBatch = 200
)

// Start runs the writer behind RecordAsync until Close. The writer keeps ctx's values
// but not its cancellation: it must outlive a cancelled server context long enough to
// flush what the last requests queued.
func (l *Log) Start(ctx context.Context) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.queue != nil {
		return
	}
	l.queue = make(chan Event, l.queueCap)
	l.done = make(chan struct{})
	go l.drain(context.WithoutCancel(ctx), l.queue, l.done)
}

// Close stops the writer once every queued event is written. Events recorded afterwards
// are written synchronously.
func (l *Log) Close() {
	l.mu.Lock()
	q, done := l.queue, l.done
	l.queue = nil
	l.mu.Unlock()
	if q == nil {
		return
	}
	// No sender holds the read lock any more, and new ones see no queue: closing is safe.
	close(q)
	<-done
}

// RecordAsync records a read without making the reader wait for the database: the event
// is queued and written, with others, by the writer that Start runs. Nothing is dropped:
// when the queue is full (the writer is behind) or no writer runs, the event is written
// before RecordAsync returns, and an event the database refuses is logged in full.
func (l *Log) RecordAsync(e Event) {
	if err := e.normalize(); err != nil {
		notStored(context.Background(), err, e)
		return
	}
	l.mu.RLock()
	queued := false
	if l.queue != nil {
		select {
		case l.queue <- e:
			queued = true
		default:
		}
	}
	l.mu.RUnlock()
	if !queued {
		l.store(context.Background(), []Event{e})
	}
}

// drain writes queued events in batches until q is closed and empty.
func (l *Log) drain(ctx context.Context, q <-chan Event, done chan<- struct{}) {
	defer close(done)
	batch := make([]Event, 0, maxBatch)
	for e := range q {
		batch = append(batch[:0], e)
	fill:
		for len(batch) < maxBatch {
			select {
			case e, ok := <-q:
				if !ok {
					break fill
				}
				batch = append(batch, e)
			default:
				break fill
			}
		}
		l.store(ctx, batch)
	}
}

// store writes events in one transaction; if that fails, each event goes to the process
// log in full, so that it is not lost and can be re-entered.
func (l *Log) store(ctx context.Context, events []Event) {
	err := l.write(ctx, events...)
	if err == nil {
		return
	}
	for _, e := range events {
		notStored(ctx, err, e)
	}
}

func notStored(ctx context.Context, err error, e Event) {
	slog.ErrorContext(ctx, "audit event not stored", "err", err,
		"at", e.At, "actor_id", e.ActorID, "actor_username", e.ActorUsername, "actor_role", e.ActorRole,
		"action", e.Action, "object_type", e.ObjectType, "object_id", e.ObjectID, "patient_id", e.PatientID,
		"outcome", e.Outcome, "client_ip", e.ClientIP, "request_id", e.RequestID, "detail", e.Detail)
}
