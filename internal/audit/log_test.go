package audit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
)

// recordInTx records e in a transaction of its own, as a module's write would.
func recordInTx(t *testing.T, l *Log, d *db.DB, e Event) {
	t.Helper()
	ctx := context.Background()
	if err := d.InTx(ctx, func(tx *db.Tx) error { return l.Record(ctx, tx, e) }); err != nil {
		t.Fatalf("record: %v", err)
	}
}

func storedSeqs(t *testing.T, d *db.DB) []int64 {
	t.Helper()
	rows, err := d.Query(context.Background(), "SELECT seq FROM audit_events ORDER BY seq")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func idOf(t *testing.T, d *db.DB, seq int64) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRow(context.Background(), "SELECT id FROM audit_events WHERE seq = ?", seq).Scan(&id); err != nil {
		t.Fatalf("id of seq %d: %v", seq, err)
	}
	return id
}

func mustVerify(t *testing.T, l *Log, events int64) {
	t.Helper()
	res, err := l.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Broken != nil || res.Events != events {
		t.Fatalf("Verify = %d events, broken %+v; want %d intact", res.Events, res.Broken, events)
	}
}

func upTo(n int64) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(i + 1)
	}
	return out
}

func TestRecordRollsBackWithTheChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l := New(d, false)
		stop := errors.New("the change failed")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if err := l.Record(ctx, tx, Event{Action: ActionUpdate, ObjectType: "patient", ObjectID: "7", PatientID: 7}); err != nil {
				return err
			}
			return stop
		})
		if !errors.Is(err, stop) {
			t.Fatalf("InTx = %v", err)
		}
		if got := storedSeqs(t, d); len(got) != 0 {
			t.Fatalf("rolled-back event is stored: seqs %v", got)
		}
		mustVerify(t, l, 0)
		// The head rolled back too: the next event is seq 1.
		recordInTx(t, l, d, Event{Action: ActionUpdate, ObjectType: "patient", ObjectID: "7", PatientID: 7})
		if got := storedSeqs(t, d); !slices.Equal(got, []int64{1}) {
			t.Fatalf("seqs = %v, want [1]", got)
		}
		mustVerify(t, l, 1)
	})
}

func TestRecordOutsideATransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l := New(d, false)
		if err := l.Record(ctx, d, Event{Action: ActionLoginFailed, ActorUsername: "mallory", Outcome: Failed}); err != nil {
			t.Fatal(err)
		}
		if err := l.Record(ctx, d, Event{ObjectType: "patient"}); err == nil {
			t.Fatal("an event without an action was accepted")
		}
		if got := storedSeqs(t, d); !slices.Equal(got, []int64{1}) {
			t.Fatalf("seqs = %v, want [1]", got)
		}
		mustVerify(t, l, 1)
	})
}

// Concurrent writers queue up on the head lock: one unbroken chain, no fork, no gap.
func TestConcurrentRecordsFormOneChain(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l := New(d, false)
		const n = 50
		var wg sync.WaitGroup
		errc := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errc <- d.InTx(ctx, func(tx *db.Tx) error {
					return l.Record(ctx, tx, Event{ActorID: int64(i + 1), Action: ActionUpdate, ObjectType: "vitals", ObjectID: fmt.Sprint(i), PatientID: 7})
				})
			}()
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			if err != nil {
				t.Fatal(err)
			}
		}
		if got := storedSeqs(t, d); !slices.Equal(got, upTo(n)) {
			t.Fatalf("seqs = %v, want 1..%d", got, n)
		}
		mustVerify(t, l, n)
	})
}

// Text that the engines would refuse or alter is cleaned before it is hashed, so the
// chain verifies after the round trip through each database.
func TestAwkwardTextRoundTrips(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := New(d, false)
		recordInTx(t, l, d, Event{Action: ActionView, ActorUsername: "wanjirũ 🩺", Detail: "nul\x00 bad\xff " + strings.Repeat("ñ", 600),
			ObjectID: "  spaced  ", ClientIP: "2001:db8::1"})
		mustVerify(t, l, 1)
	})
}

// seedChain records five events, the third one denied.
func seedChain(t *testing.T, l *Log, d *db.DB) {
	t.Helper()
	for i := 1; i <= 5; i++ {
		e := Event{ActorID: 2, ActorUsername: "nurse.achieng", ActorRole: "nurse", Action: ActionView,
			ObjectType: "patient", ObjectID: "7", PatientID: 7, Detail: fmt.Sprintf("event %d", i)}
		if i == 3 {
			e.Outcome = Denied
		}
		recordInTx(t, l, d, e)
	}
	mustVerify(t, l, 5)
}

func TestVerifyFindsTheFirstBrokenLink(t *testing.T) {
	cases := []struct {
		name    string
		tamper  func(t *testing.T, d *db.DB)
		seq     int64
		noID    bool // the break is at an event that no longer exists
		reason  string
		checked int64
	}{
		{"detail changed", sqlTamper("UPDATE audit_events SET detail = 'nothing happened' WHERE seq = 3"), 3, false, "altered", 2},
		{"outcome changed", sqlTamper("UPDATE audit_events SET outcome = 'success' WHERE seq = 3"), 3, false, "altered", 2},
		{"actor removed", sqlTamper("UPDATE audit_events SET actor_id = NULL WHERE seq = 2"), 2, false, "altered", 1},
		{"event deleted", sqlTamper("DELETE FROM audit_events WHERE seq = 3"), 4, false, "seq=3", 2},
		{"last event deleted", sqlTamper("DELETE FROM audit_events WHERE seq = 5"), 5, true, "missing", 4},
		{"event rewritten with a fresh hash", rehash(3), 4, false, "prev_hash", 3},
		{"head moved back", sqlTamper("UPDATE audit_head SET seq = 4, hash = (SELECT hash FROM audit_events WHERE seq = 4)"), 5, false, "beyond the chain head", 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				l := New(d, false)
				seedChain(t, l, d)
				var id int64
				if !c.noID {
					id = idOf(t, d, c.seq)
				}
				c.tamper(t, d)
				res, err := l.Verify(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				b := res.Broken
				if b == nil {
					t.Fatalf("Verify found the tampered chain intact (%d events)", res.Events)
				}
				if b.Seq != c.seq || b.ID != id || !strings.Contains(b.Reason, c.reason) || res.Events != c.checked {
					t.Fatalf("Verify = %d checked, break %+v; want %d checked, seq=%d id=%d, reason containing %q",
						res.Events, *b, c.checked, c.seq, id, c.reason)
				}
			})
		})
	}
}

func sqlTamper(query string) func(t *testing.T, d *db.DB) {
	return func(t *testing.T, d *db.DB) {
		t.Helper()
		if _, err := d.Exec(context.Background(), query); err != nil {
			t.Fatalf("tamper: %v", err)
		}
	}
}

// rehash changes an event and gives it the hash its new contents deserve, as a tamperer
// who knows the encoding would: the link to the next event gives it away.
func rehash(seq int64) func(t *testing.T, d *db.DB) {
	return func(t *testing.T, d *db.DB) {
		t.Helper()
		ctx := context.Background()
		s, err := scan(d.QueryRow(ctx, "SELECT "+columns+" FROM audit_events WHERE seq = ?", seq))
		if err != nil {
			t.Fatal(err)
		}
		s.Detail = "nothing happened"
		if _, err := d.Exec(ctx, "UPDATE audit_events SET detail = ?, hash = ? WHERE seq = ?", s.Detail, chainHash(s.Seq, s.Event, s.PrevHash), seq); err != nil {
			t.Fatalf("tamper: %v", err)
		}
	}
}
