// Package live carries change events from the code that makes a change to the pages
// that show it, over Server-Sent Events.
//
// A Hub fans events out by topic ("queue:dept:3", "user:42") to local subscribers, keeps
// a short history so that a reconnecting client catches up, and on PostgreSQL relays every
// event to the other instances through LISTEN/NOTIFY. On SQLite and MySQL events stay in
// the process that published them: running several instances needs PostgreSQL.
//
// Events are hints, never the record: the database is. A subscriber that may have missed
// events receives a Reset and renders the current state from the database.
package live

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgxpool"
)

const (
	// MaxData is the most data an event carries. Larger data is replaced by nil, on this
	// instance as on the others, so that a module behaves the same on one instance as on
	// many: PostgreSQL limits a notification to 8000 bytes.
	MaxData = 4096
	// MaxTopic is the longest topic name.
	MaxTopic = 200
)

// Event is one change on a topic, or a Reset.
type Event struct {
	// ID is the event's position in this hub's stream; a stream sends it as the SSE id.
	ID    string
	Topic string // "" for a Reset
	// Data is what the publisher sent: nil when it sent none or more than MaxData bytes.
	// Subscribers share it and must not modify it.
	Data []byte
	// Reset tells the subscriber that it may have missed events: render the current state.
	Reset bool
}

// Options tune a Hub; the zero value takes the defaults.
type Options struct {
	History   int           // events kept per topic for reconnecting clients (1000)
	MaxAge    time.Duration // how long they are kept (5 minutes)
	Buffer    int           // events queued for one subscriber before it is reset (64)
	Heartbeat time.Duration // a stream sends a comment after this much silence (15 s)
	// Lifetime ends a stream after this long (10 minutes). The browser reconnects at once
	// and is authenticated again, so a signed-out or deactivated user stops receiving.
	Lifetime time.Duration

	now func() time.Time // the clock, replaced in tests
}

func (o Options) withDefaults() Options {
	if o.History <= 0 {
		o.History = 1000
	}
	if o.MaxAge <= 0 {
		o.MaxAge = 5 * time.Minute
	}
	if o.Buffer <= 0 {
		o.Buffer = 64
	}
	if o.Heartbeat <= 0 {
		o.Heartbeat = 15 * time.Second
	}
	if o.Lifetime <= 0 {
		o.Lifetime = 10 * time.Minute
	}
	if o.now == nil {
		o.now = time.Now
	}
	return o
}

// Hub fans events out to subscribers. Its methods are safe for concurrent use.
type Hub struct {
	opts Options
	pool *pgxpool.Pool // nil: this instance only
	// id tells this hub's notifications from other instances' and its event ids from
	// those of another instance or an earlier run of this one.
	id string

	mu     sync.Mutex
	seq    uint64 // the position of the latest event
	topics map[string]*topic
	subs   map[*Subscription]struct{}
	// floor is the lowest position the history can still resume from: events after an
	// older one have expired, or were lost while the listener was reconnecting.
	floor      uint64
	swept      time.Time
	closed     bool
	stopListen context.CancelFunc
	listener   sync.WaitGroup
}

// New returns a hub. With a pool (PostgreSQL) it relays events between instances once
// started; with nil it delivers to this instance's subscribers only.
func New(pool *pgxpool.Pool, opts Options) *Hub {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	o := opts.withDefaults()
	return &Hub{
		opts:   o,
		pool:   pool,
		id:     hex.EncodeToString(b),
		topics: map[string]*topic{},
		subs:   map[*Subscription]struct{}{},
		swept:  o.now(),
	}
}

// Start begins listening for the other instances' events (PostgreSQL only) until ctx
// ends or the hub closes. Local delivery works without it.
func (h *Hub) Start(ctx context.Context) {
	if h.pool == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed || h.stopListen != nil {
		return
	}
	ctx, h.stopListen = context.WithCancel(ctx)
	h.listener.Go(func() { h.listen(ctx) })
}

// Close ends every subscription, so that open streams finish, and stops listening. It
// returns once the listener has stopped. A Publish after Close still reaches the other
// instances: a change committed during shutdown is announced.
func (h *Hub) Close() {
	h.mu.Lock()
	if !h.closed {
		h.closed = true
		for s := range h.subs {
			s.closeLocked()
		}
		h.topics = nil
	}
	stop := h.stopListen
	h.mu.Unlock()
	if stop != nil {
		stop()
	}
	h.listener.Wait()
}

// Publish delivers data on topic to this instance's subscribers and, on PostgreSQL, to
// the other instances'. Call it after the change has committed. It never fails the
// caller: live updates are hints, and a failure to reach the other instances is logged.
func (h *Hub) Publish(ctx context.Context, topic string, data []byte) {
	if !validTopic(topic) {
		slog.ErrorContext(ctx, "live: event dropped: the topic must be 1 to 200 bytes of UTF-8", "topic", topic)
		return
	}
	if len(data) == 0 || len(data) > MaxData {
		data = nil
	} else {
		data = bytes.Clone(data) // the caller may reuse its buffer; subscribers keep this one
	}
	h.deliver(topic, data)
	if h.pool != nil {
		h.notify(ctx, topic, data)
	}
}

// UserTopic is the topic of one user's own events, such as their notifications.
func UserTopic(userID int64) string { return "user:" + strconv.FormatInt(userID, 10) }

func validTopic(t string) bool {
	return t != "" && len(t) <= MaxTopic && utf8.ValidString(t)
}

// deliver gives the event its position, records it for reconnecting clients and queues
// it for the topic's subscribers.
func (h *Hub) deliver(name string, data []byte) {
	now := h.opts.now()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.seq++
	ev := Event{ID: h.eventID(h.seq), Topic: name, Data: data}
	t := h.topicLocked(name)
	t.record(entry{ev: ev, seq: h.seq, at: now}, h.opts.History)
	for s := range t.subs {
		s.offer(ev)
	}
	h.expireLocked(now)
}

// gap tells every subscriber that events may have been lost (the listener was away),
// and stops the history from resuming across the gap.
func (h *Hub) gap() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.seq++
	h.floor = h.seq
	reset := Event{ID: h.eventID(h.seq), Reset: true}
	for s := range h.subs {
		s.offer(reset)
	}
}

func (h *Hub) eventID(seq uint64) string { return h.id + "-" + strconv.FormatUint(seq, 10) }

// position reads an event id this hub gave out.
func (h *Hub) position(id string) (uint64, bool) {
	rest, ok := strings.CutPrefix(id, h.id+"-")
	if !ok {
		return 0, false
	}
	seq, err := strconv.ParseUint(rest, 10, 64)
	return seq, err == nil
}
