package queue_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"healthsynx/internal/apitest"
	"healthsynx/internal/app"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
	"healthsynx/internal/platform/live/livetest"
)

const streamWait = 5 * time.Second // generous: each wait ends when its event arrives

// openStream opens a page's event stream as the holder of token.
func openStream(t *testing.T, base, path, token string) *livetest.Stream {
	t.Helper()
	req, err := http.NewRequest("GET", base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return livetest.Open(t, req)
}

// until reads messages until one holds want, failing the test after streamWait.
func until(t *testing.T, s *livetest.Stream, want string) livetest.Message {
	t.Helper()
	deadline := time.Now().Add(streamWait)
	for time.Now().Before(deadline) {
		if m := s.Next(time.Until(deadline)); strings.Contains(m.Data, want) {
			return m
		}
	}
	t.Fatalf("no message with %q within %s", want, streamWait)
	return livetest.Message{}
}

// The doctor's queue and the triage summary follow the queue as it changes: each
// stream starts with the whole part (a reset) and sends it again, from the database,
// after every change, holding no connection while idle.
func TestQueuePagesUpdateLive(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		doctor := openStream(t, e.URL, "/app/queue/live/", c.doctor.Token)
		nurse := openStream(t, e.URL, "/app/queue/live/summary/", c.nurse.Token)
		if m := doctor.Next(streamWait); m.Event != "reset" || !strings.Contains(m.Data, "Nobody is waiting") {
			t.Fatalf("the doctor's first message: %+v", m)
		}
		if m := nurse.Next(streamWait); m.Event != "reset" || !strings.Contains(m.Data, `<a href="/app/queue/">0</a>`) {
			t.Fatalf("the nurse's first message: %+v", m)
		}
		if n := e.App.DB.Stats().InUse; n != 0 {
			t.Errorf("%d database connections in use by idle streams, want 0", n)
		}

		c.triage(t, c.patient("amina"), map[string]any{"pulse_rate": 120, "spo2": 92})
		if m := until(t, doctor, "Pat amina"); m.Event != "" || !strings.Contains(m.Data, "Waiting: 1") {
			t.Errorf("the doctor's update: %+v", m)
		}
		until(t, nurse, `<a href="/app/queue/">1</a>`)

		// A patient of another department changes the nurse's summary, not the doctor's queue.
		c.triage(t, c.patient("child"), map[string]any{"pulse_rate": 90, "department": c.other})
		until(t, nurse, "Pat child")
		if res := c.doctor.Do("POST", "/doctors/queue/next/", nil); res.Status != 200 {
			t.Fatalf("call next: %d %s", res.Status, res.Body)
		}
		if m := until(t, doctor, "With you: 1"); strings.Contains(m.Data, "Pat child") {
			t.Errorf("the doctor's queue shows another department's patient:\n%s", m.Data)
		}
	})
}

// On PostgreSQL, a doctor whose page is served by another instance sees the change too:
// the hubs relay events through LISTEN/NOTIFY.
func TestQueuePagesUpdateAcrossInstances(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		if engine != db.Postgres {
			continue
		}
		e := apitest.New(t, engine)
		c := newClinic(t, e)
		second, err := app.Open(context.Background(), e.App.Config)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { second.Close() })
		srv := httptest.NewServer(second.Handler())
		t.Cleanup(srv.Close)

		doctor := openStream(t, srv.URL, "/app/queue/live/", c.doctor.Token)
		doctor.Next(streamWait)
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		second.Live.Start(ctx)
		// The reset of the new listener says it listens: events from now on arrive.
		if m := doctor.Next(streamWait); m.Event != "reset" {
			t.Fatalf("want the listener's reset, got %+v", m)
		}
		c.triage(t, c.patient("amina"), map[string]any{"pulse_rate": 120})
		until(t, doctor, "Pat amina")
	}
}
