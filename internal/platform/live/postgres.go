package live

import (
	"context"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// channel is the PostgreSQL notification channel every instance's hub listens on.
const channel = "live_events"

const (
	notifyTimeout = 5 * time.Second
	// probeEvery: a listener that has heard nothing this long pings its connection, so
	// that one dropped silently (a NAT, a failover) is noticed and replaced.
	probeEvery   = 30 * time.Second
	probeTimeout = 5 * time.Second
	retryMin     = 250 * time.Millisecond
	retryMax     = 10 * time.Second
)

// notice is a notification's payload. Data travels base64-encoded in JSON: at most
// MaxData bytes (5,464 encoded) plus a topic of MaxTopic bytes (1,200 at worst, escaped)
// stays under PostgreSQL's 8000-byte limit.
type notice struct {
	Instance string `json:"i"`
	Topic    string `json:"t"`
	Data     []byte `json:"d,omitempty"`
}

// notify tells the other instances. It outlives the caller's request: the change has
// committed, and the other instances must hear of it even if the client has gone.
func (h *Hub) notify(ctx context.Context, topic string, data []byte) {
	payload, err := json.Marshal(notice{Instance: h.id, Topic: topic, Data: data})
	if err != nil {
		slog.ErrorContext(ctx, "live: cannot encode the notification", "topic", topic, "err", err)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	if _, err := h.pool.Exec(ctx, "SELECT pg_notify($1, $2)", channel, string(payload)); err != nil {
		slog.WarnContext(ctx, "live: cannot tell the other instances", "topic", topic, "err", err)
	}
}

// listen relays the other instances' notifications to local subscribers until ctx
// ends, reconnecting with backoff whenever the connection drops.
func (h *Hub) listen(ctx context.Context) {
	wait := retryMin
	for {
		listened, err := h.listenOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		if listened {
			wait = retryMin
		}
		// Jitter keeps instances that lost the database together from returning together.
		pause := wait + rand.N(wait/2)
		slog.Warn("live: not listening for other instances' events; retrying", "err", err, "retry_in", pause)
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		wait = min(2*wait, retryMax)
	}
}

// listenOnce listens on one connection until it fails; listened reports whether LISTEN
// succeeded.
func (h *Hub) listenOnce(ctx context.Context) (listened bool, err error) {
	pc, err := h.pool.Acquire(ctx)
	if err != nil {
		return false, err
	}
	// The connection leaves the pool for good: a listening session must not run other
	// queries, nor go back to the pool with notifications piling up in it.
	conn := pc.Hijack()
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = conn.Close(cctx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+channel); err != nil {
		return false, err
	}
	// Whatever was published while nobody listened is lost: subscribers must reload.
	h.gap()
	for {
		wctx, cancel := context.WithTimeout(ctx, probeEvery)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			h.receive(n.Payload)
		case ctx.Err() != nil:
			return true, ctx.Err()
		case pgconn.Timeout(err):
			pctx, cancel := context.WithTimeout(ctx, probeTimeout)
			err = conn.Ping(pctx)
			cancel()
			if err != nil {
				return true, err
			}
		default:
			return true, err
		}
	}
}

// receive delivers another instance's event. Its own were delivered when published.
func (h *Hub) receive(payload string) {
	var n notice
	if err := json.Unmarshal([]byte(payload), &n); err != nil || !validTopic(n.Topic) {
		slog.Warn("live: ignoring a malformed notification", "payload", payload, "err", err)
		return
	}
	if n.Instance == h.id {
		return
	}
	h.deliver(n.Topic, n.Data)
}
