package live

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
)

// crossInstance is the product's promise: a change on one instance shows on another's
// dashboards within a second.
const crossInstance = time.Second

func next(t *testing.T, s *Subscription, within time.Duration, what string) Event {
	t.Helper()
	select {
	case ev, ok := <-s.Events():
		if !ok {
			t.Fatalf("%s: the subscription closed", what)
		}
		return ev
	case <-time.After(within):
		t.Fatalf("%s: nothing within %s", what, within)
	}
	return Event{}
}

func expect(t *testing.T, s *Subscription, within time.Duration, want string) {
	t.Helper()
	if got := summary([]Event{next(t, s, within, want)}); got != want {
		t.Fatalf("received %q, want %q", got, want)
	}
}

// TestTwoInstancesOnPostgres runs two hubs, each with its own pool, on one database, as
// two instances of the application would.
func TestTwoInstancesOnPostgres(t *testing.T) {
	if os.Getenv(dbtest.EnvPostgres) == "" {
		t.Skip(dbtest.EnvPostgres + " is not set")
	}
	url := dbtest.NewURL(t, db.Postgres)
	ctx := context.Background()
	pools := make([]*db.DB, 2)
	for i := range pools {
		d, err := db.Open(ctx, url, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		pools[i] = d
	}
	noLeaks(t) // the pools' own goroutines started above
	a, b := New(pools[0].Pool, Options{}), New(pools[1].Pool, Options{})
	defer a.Close()
	defer b.Close()
	onA, onB := a.Subscribe("queue:dept:3"), b.Subscribe("queue:dept:3")

	// Each listener announces itself with a reset once LISTEN is in place.
	a.Start(ctx)
	b.Start(ctx)
	expect(t, onA, wait, "reset")
	expect(t, onB, wait, "reset")

	a.Publish(ctx, "queue:dept:3", []byte(`{"waiting":4}`))
	expect(t, onB, crossInstance, `queue:dept:3={"waiting":4}`)

	// Exactly once. Notifications arrive in the order they were sent, so a duplicate
	// would come before the marker that follows. A's own notifications come back to it
	// too, and must be ignored: the marker from B arrives after them.
	a.Publish(ctx, "queue:dept:3", []byte("a-marker"))
	expect(t, onB, crossInstance, "queue:dept:3=a-marker")
	b.Publish(ctx, "queue:dept:3", []byte("b-marker"))
	expect(t, onB, wait, "queue:dept:3=b-marker")
	for _, want := range []string{`queue:dept:3={"waiting":4}`, "queue:dept:3=a-marker", "queue:dept:3=b-marker"} {
		expect(t, onA, crossInstance, want)
	}

	t.Run("data too large for a notification arrives as a signal, on both", func(t *testing.T) {
		big := bytes.Repeat([]byte("x"), MaxData+1)
		a.Publish(ctx, "queue:dept:3", big)
		for _, s := range []*Subscription{onA, onB} {
			if ev := next(t, s, crossInstance, "oversized"); ev.Topic != "queue:dept:3" || ev.Data != nil {
				t.Errorf("oversized data arrived as %d bytes on %s; want nil", len(ev.Data), ev.Topic)
			}
		}
	})

	t.Run("the largest event fits a notification", func(t *testing.T) {
		// A topic of control characters is the worst case for JSON escaping.
		topic := strings.Repeat("\x01", MaxTopic)
		data := bytes.Repeat([]byte{0xff}, MaxData)
		payload, _ := json.Marshal(notice{Instance: a.id, Topic: topic, Data: data})
		if len(payload) >= 8000 {
			t.Fatalf("worst-case payload is %d bytes; PostgreSQL takes fewer than 8000", len(payload))
		}
		s := b.Subscribe(topic)
		defer s.Close()
		a.Publish(ctx, topic, data)
		if ev := next(t, s, crossInstance, "largest"); !bytes.Equal(ev.Data, data) {
			t.Errorf("received %d bytes, want the %d sent", len(ev.Data), len(data))
		}
	})

	t.Run("the listener reconnects after its connection is killed", func(t *testing.T) {
		var killed int
		err := pools[0].QueryRowContext(ctx, `SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN %'`).Scan(&killed)
		if err != nil {
			t.Fatal(err)
		}
		if killed != 2 {
			t.Fatalf("terminated %d listening connections, want both hubs'", killed)
		}
		// Whatever was sent while B was away is lost to it: it tells its subscribers
		// to reload, once it listens again.
		expect(t, onB, wait, "reset")
		a.Publish(ctx, "queue:dept:3", []byte("after"))
		expect(t, onB, crossInstance, "queue:dept:3=after")
	})

	t.Run("a hub that has closed still announces changes", func(t *testing.T) {
		a.Close() // shutting down: requests in flight may still commit changes
		a.Publish(ctx, "queue:dept:3", []byte("during shutdown"))
		expect(t, onB, crossInstance, "queue:dept:3=during shutdown")
	})
}
