package live

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// queued takes every event waiting in the subscription. Publish queues synchronously, so
// after it returns there is nothing in flight.
func queued(s *Subscription) []Event {
	var out []Event
	for {
		select {
		case ev, ok := <-s.Events():
			if !ok {
				return out
			}
			out = append(out, ev)
		default:
			return out
		}
	}
}

func summary(evs []Event) string {
	var parts []string
	for _, ev := range evs {
		if ev.Reset {
			parts = append(parts, "reset")
			continue
		}
		parts = append(parts, ev.Topic+"="+string(ev.Data))
	}
	return strings.Join(parts, " ")
}

func publish(h *Hub, topic string, data ...string) {
	for _, d := range data {
		h.Publish(context.Background(), topic, []byte(d))
	}
}

// noLeaks fails the test if the goroutines started since it was called have not all
// ended by the time the test's cleanups run.
func noLeaks(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				t.Errorf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
				return
			}
			time.Sleep(10 * time.Millisecond) // nothing to wait on: goroutines end in their own time
		}
	})
}

// logs captures what is logged during the test.
func logs(t *testing.T) *logBuffer {
	b := &logBuffer{}
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(b, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })
	return b
}

type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestFanOutKeepsOrderAndTopics(t *testing.T) {
	h := New(nil, Options{})
	defer h.Close()
	a1, a2 := h.Subscribe("queue:1"), h.Subscribe("queue:1")
	b := h.Subscribe("queue:2")
	both := h.Subscribe("queue:2", "queue:1", "queue:1") // a repeated topic counts once

	publish(h, "queue:1", "x")
	publish(h, "queue:2", "y")
	publish(h, "queue:1", "z")
	publish(h, "queue:3", "nobody")

	for _, c := range []struct {
		name string
		sub  *Subscription
		want string
	}{
		{"first on queue:1", a1, "queue:1=x queue:1=z"},
		{"second on queue:1", a2, "queue:1=x queue:1=z"},
		{"queue:2", b, "queue:2=y"},
		{"both", both, "queue:1=x queue:2=y queue:1=z"},
	} {
		got := queued(c.sub)
		if s := summary(got); s != c.want {
			t.Errorf("%s received %q, want %q", c.name, s, c.want)
		}
		for i := 1; i < len(got); i++ {
			prev, _ := h.position(got[i-1].ID)
			cur, _ := h.position(got[i].ID)
			if cur <= prev {
				t.Errorf("%s: id %s after %s: ids must increase", c.name, got[i].ID, got[i-1].ID)
			}
		}
	}
}

func TestConcurrentPublishersEachSubscriberSeesIncreasingIDs(t *testing.T) {
	h := New(nil, Options{Buffer: 10000})
	defer h.Close()
	subs := []*Subscription{h.Subscribe("t"), h.Subscribe("t"), h.Subscribe("t", "u")}
	var wg sync.WaitGroup
	for p := range 8 {
		wg.Go(func() {
			for i := range 100 {
				topic := "t"
				if i%2 == 1 {
					topic = "u"
				}
				publish(h, topic, fmt.Sprint(p, ".", i))
			}
		})
	}
	wg.Wait()
	for i, want := range []int{400, 400, 800} {
		got := queued(subs[i])
		if len(got) != want {
			t.Errorf("subscriber %d received %d events, want %d", i, len(got), want)
		}
		for j := 1; j < len(got); j++ {
			prev, _ := h.position(got[j-1].ID)
			cur, _ := h.position(got[j].ID)
			if cur <= prev {
				t.Fatalf("subscriber %d: id %s after %s", i, got[j].ID, got[j-1].ID)
			}
		}
	}
}

func TestSlowSubscriberNeverBlocksThePublisher(t *testing.T) {
	h := New(nil, Options{Buffer: 4})
	defer h.Close()
	slow := h.Subscribe("t") // never reads while the publisher runs

	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 1; i <= 100; i++ {
			publish(h, "t", fmt.Sprint(i))
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Publish blocked on a subscriber that does not read")
	}

	// It gets one Reset in place of what it could not hold, then the latest events.
	got := queued(slow)
	if len(got) == 0 || !got[0].Reset {
		t.Fatalf("the slow subscriber received %q; want a reset first", summary(got))
	}
	for i, ev := range got[1:] {
		if ev.Reset {
			t.Fatalf("a second reset in %q", summary(got))
		}
		if want := fmt.Sprint(100 - len(got) + 2 + i); string(ev.Data) != want {
			t.Errorf("after the reset: %q; want the latest events, ending at 100", summary(got))
			break
		}
	}
	if len(got) > 4 {
		t.Errorf("%d events queued with a buffer of 4", len(got))
	}
	// The reset stands for every event up to its own id: resuming from there loses nothing.
	resumed := h.SubscribeAfter(got[0].ID, "t")
	defer resumed.Close()
	if r, want := summary(queued(resumed)), summary(got[1:]); r != want {
		t.Errorf("resuming from the reset's id replays %q, want %q", r, want)
	}
}

func TestSubscribeAfterReplaysWhatWasMissed(t *testing.T) {
	h := New(nil, Options{})
	defer h.Close()
	seen := h.Subscribe("a")
	publish(h, "a", "1")
	last := queued(seen)[0].ID
	seen.Close()

	publish(h, "b", "2")
	publish(h, "a", "3")
	publish(h, "c", "4")

	one := h.SubscribeAfter(last, "a")
	defer one.Close()
	two := h.SubscribeAfter(last, "b", "a")
	defer two.Close()
	publish(h, "a", "5") // live events follow the replay, nothing in between is lost

	if got := summary(queued(one)); got != "a=3 a=5" {
		t.Errorf("resumed on a: %q, want %q", got, "a=3 a=5")
	}
	if got := summary(queued(two)); got != "b=2 a=3 a=5" {
		t.Errorf("resumed on a and b: %q, want %q", got, "b=2 a=3 a=5")
	}
}

func TestSubscribeAfterResetsWhenEventsCannotBeReplayed(t *testing.T) {
	// Each case gets a hub with History 3, Buffer 8 and a clock it may move, and returns
	// the id a client resumes from on topic "t".
	for _, c := range []struct {
		name  string
		setup func(h *Hub, clock *time.Time) string
		reset bool
	}{
		{"no id (a new page)", func(h *Hub, _ *time.Time) string { return "" }, true},
		{"another instance's id", func(h *Hub, _ *time.Time) string { return "0123456789ab-1" }, true},
		{"a malformed id", func(h *Hub, _ *time.Time) string { return h.id + "-x" }, true},
		{"an id from the future", func(h *Hub, _ *time.Time) string { return h.eventID(h.seq + 1) }, true},
		{"up to date", func(h *Hub, _ *time.Time) string { return seen(h) }, false},
		{"behind, within the history", func(h *Hub, _ *time.Time) string {
			id := seen(h)
			publish(h, "t", "1", "2", "3")
			return id
		}, false},
		{"behind, past the history", func(h *Hub, _ *time.Time) string {
			id := seen(h)
			publish(h, "t", "1", "2", "3", "4") // History 3: "1" is dropped
			return id
		}, true},
		{"events on other topics only", func(h *Hub, _ *time.Time) string {
			id := seen(h)
			publish(h, "other", "1", "2", "3", "4", "5", "6", "7", "8", "9")
			return id
		}, false},
		{"events expired", func(h *Hub, clock *time.Time) string {
			id := seen(h)
			publish(h, "t", "1")
			*clock = clock.Add(6 * time.Minute)
			publish(h, "other", "2") // the expiry sweep runs on Publish
			return id
		}, true},
		{"events not yet expired", func(h *Hub, clock *time.Time) string {
			id := seen(h)
			publish(h, "t", "1")
			*clock = clock.Add(4 * time.Minute)
			publish(h, "other", "2")
			return id
		}, false},
		{"across a listener gap", func(h *Hub, _ *time.Time) string {
			id := seen(h)
			h.gap() // events from other instances may have been lost
			return id
		}, true},
		{"from the gap's own reset", func(h *Hub, _ *time.Time) string {
			seen(h)
			h.gap()
			return h.eventID(h.seq)
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
			h := New(nil, Options{History: 3, MaxAge: 5 * time.Minute, Buffer: 8, now: func() time.Time { return clock }})
			defer h.Close()
			lastID := c.setup(h, &clock)
			s := h.SubscribeAfter(lastID, "t")
			defer s.Close()
			got := queued(s)
			isReset := len(got) == 1 && got[0].Reset
			if isReset != c.reset {
				t.Errorf("got %q, want reset=%v", summary(got), c.reset)
			}
			if isReset && got[0].ID != h.eventID(h.seq) {
				t.Errorf("the reset has id %s, want the current position %s", got[0].ID, h.eventID(h.seq))
			}
		})
	}
}

// seen publishes an event on "t" and returns its id, as a client that received it has.
func seen(h *Hub) string {
	s := h.Subscribe("t")
	defer s.Close()
	publish(h, "t", "seen")
	return queued(s)[0].ID
}

func TestSubscribeAfterDoesNotReplayMoreThanTheBuffer(t *testing.T) {
	h := New(nil, Options{Buffer: 4})
	defer h.Close()
	s := h.Subscribe("t")
	publish(h, "t", "0")
	last := queued(s)[0].ID
	s.Close()
	publish(h, "t", "1", "2", "3")
	if got := summary(queued(h.SubscribeAfter(last, "t"))); got != "t=1 t=2 t=3" {
		t.Errorf("three behind: %q", got)
	}
	publish(h, "t", "4")
	if got := summary(queued(h.SubscribeAfter(last, "t"))); got != "reset" {
		t.Errorf("four behind with a buffer of four: %q, want a reset", got)
	}
}

func TestExpiryForgetsIdleTopics(t *testing.T) {
	clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	h := New(nil, Options{MaxAge: time.Minute, now: func() time.Time { return clock }})
	defer h.Close()
	for i := range 100 {
		publish(h, fmt.Sprint("user:", i), "x")
	}
	watched := h.Subscribe("user:7")
	defer watched.Close()
	clock = clock.Add(2 * time.Minute)
	publish(h, "user:1000", "y")
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.topics) != 2 || h.topics["user:7"] == nil || len(h.topics["user:7"].history) != 0 {
		t.Errorf("after expiry %d topics remain; want user:7 (subscribed, history empty) and user:1000", len(h.topics))
	}
}

func TestDataIsCopiedAndBounded(t *testing.T) {
	h := New(nil, Options{})
	defer h.Close()
	s := h.Subscribe("t")
	buf := []byte("original")
	h.Publish(context.Background(), "t", buf)
	copy(buf, "mutated!")
	h.Publish(context.Background(), "t", bytes.Repeat([]byte("a"), MaxData))
	h.Publish(context.Background(), "t", bytes.Repeat([]byte("a"), MaxData+1))
	h.Publish(context.Background(), "t", []byte{})
	got := queued(s)
	if len(got) != 4 {
		t.Fatalf("got %d events, want 4", len(got))
	}
	if string(got[0].Data) != "original" {
		t.Errorf("data %q: the hub must keep its own copy", got[0].Data)
	}
	if len(got[1].Data) != MaxData {
		t.Errorf("MaxData bytes arrive as %d bytes", len(got[1].Data))
	}
	if got[2].Data != nil || got[3].Data != nil {
		t.Errorf("oversized and empty data should arrive as nil: %d, %d bytes", len(got[2].Data), len(got[3].Data))
	}
}

func TestInvalidTopicsAreDropped(t *testing.T) {
	log := logs(t)
	h := New(nil, Options{})
	defer h.Close()
	long := strings.Repeat("x", MaxTopic+1)
	s := h.Subscribe("", long, "\xff")
	defer s.Close()
	publish(h, "", "a")
	publish(h, long, "b")
	publish(h, "\xff", "c")
	if got := queued(s); len(got) != 0 {
		t.Errorf("events on invalid topics were delivered: %q", summary(got))
	}
	if n := strings.Count(log.String(), "event dropped"); n != 3 {
		t.Errorf("%d dropped events logged, want 3:\n%s", n, log)
	}
}

func TestCloseEndsSubscriptions(t *testing.T) {
	noLeaks(t)
	h := New(nil, Options{})
	s := h.Subscribe("t")
	h.Close()
	if _, ok := <-s.Events(); ok {
		t.Error("a subscription stays open after Close")
	}
	s.Close()
	h.Close()
	publish(h, "t", "after close")
	late := h.SubscribeAfter("", "t")
	if _, ok := <-late.Events(); ok {
		t.Error("a subscription made after Close is open")
	}
	late.Close()
}
