package queue_test

import (
	"testing"

	"healthsynx/internal/queue"
)

// TestStateMachine lists every move between two statuses and whether it is allowed.
func TestStateMachine(t *testing.T) {
	allowed := map[queue.Status][]queue.Status{
		queue.Waiting:       {queue.WithDoctor, queue.Cancelled},
		queue.WithDoctor:    {queue.SentToLab, queue.SentToImaging, queue.SentToPharmacy, queue.Completed},
		queue.SentToLab:     {queue.Waiting},
		queue.SentToImaging: {queue.Waiting},
	}
	for _, from := range queue.Statuses {
		for _, to := range queue.Statuses {
			want := false
			for _, a := range allowed[from] {
				want = want || a == to
			}
			if got := from.CanBecome(to); got != want {
				t.Errorf("%s → %s allowed = %v, want %v", from, to, got, want)
			}
		}
		if got := len(from.Next()); got != len(allowed[from]) || from.Next() == nil {
			t.Errorf("%s.Next() = %v, want %v (never nil)", from, from.Next(), allowed[from])
		}
	}
	open := map[queue.Status]bool{queue.Waiting: true, queue.WithDoctor: true, queue.SentToLab: true, queue.SentToImaging: true}
	for _, s := range queue.Statuses {
		if s.Open() != open[s] || !s.Valid() {
			t.Errorf("%s: open %v valid %v", s, s.Open(), s.Valid())
		}
	}
	if queue.Status("deleted").Valid() {
		t.Error("an unknown status is valid")
	}
}
