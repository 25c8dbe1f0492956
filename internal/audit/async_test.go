package audit

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
)

// viewsFrom records n reads from several goroutines at once, as concurrent requests would.
func viewsFrom(l *Log, n int) {
	var wg sync.WaitGroup
	for w := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 10 {
				l.RecordAsync(Event{ActorID: 3, Action: ActionView, ObjectType: "patient", ObjectID: fmt.Sprint(i), PatientID: 7})
			}
		}()
	}
	wg.Wait()
}

func TestRecordAsyncWritesEveryEventByClose(t *testing.T) {
	for _, queueCap := range []int{defaultQueueCap, 1} { // 1: the queue is nearly always full
		t.Run(fmt.Sprintf("queue %d", queueCap), func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				ctx, cancel := context.WithCancel(context.Background())
				l := New(d, false)
				l.queueCap = queueCap
				l.Start(ctx)
				viewsFrom(l, 300)
				cancel() // the server's context ends first at shutdown; the writer must not
				l.Close()
				mustVerify(t, l, 300)
				// After Close nothing is queued: the event is written before RecordAsync returns.
				l.RecordAsync(Event{Action: ActionView, PatientID: 7})
				mustVerify(t, l, 301)
			})
		})
	}
}

func TestRecordAsyncWithoutWriterWritesAtOnce(t *testing.T) {
	d := dbtest.New(t, db.SQLite)
	l := New(d, false)
	l.RecordAsync(Event{Action: ActionView, PatientID: 7})
	mustVerify(t, l, 1)
}

// An event the database refuses is not dropped silently: the process log carries it whole.
func TestUnstorableEventIsLoggedInFull(t *testing.T) {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })

	d := dbtest.New(t, db.SQLite)
	l := New(d, false)
	d.Close()
	l.RecordAsync(Event{Action: ActionExport, ActorUsername: "billing.otieno", PatientID: 7, Detail: "invoice history"})
	for _, want := range []string{`"msg":"audit event not stored"`, `"action":"export"`, `"actor_username":"billing.otieno"`, `"patient_id":7`, `"detail":"invoice history"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, buf.String())
		}
	}
}
