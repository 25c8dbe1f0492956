package queue_test

import (
	"fmt"
	"sync"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/queue/queuetest"
)

// all sends n requests at once (each goroutine waits at a barrier, then sends) and
// returns the replies in order.
func all(n int, send func(i int) queuetest.Reply) []queuetest.Reply {
	out := make([]queuetest.Reply, n)
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			out[i] = send(i)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	return out
}

// Twenty doctors calling the next patient at once each get a different patient, or
// "the queue is empty" once nobody is left: never the same patient twice.
func TestTwentyDoctorsCallNextAtOnce(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		const doctors, patients = 20, 25
		waitingIDs := map[int64]bool{}
		for i := range patients {
			waitingIDs[c.triage(t, c.patient(fmt.Sprintf("p%02d", i)), map[string]any{"pulse_rate": 60 + i})] = true
		}
		clients := make([]*apitest.Client, doctors)
		for i := range clients {
			_, clients[i] = queuetest.Staff(e, auth.RoleDoctor, fmt.Sprintf("dr%02d", i), c.dept)
		}
		claimed := map[int64]int{} // entry → the doctor who got it
		callAll := func() (got, empty int) {
			replies := all(doctors, func(i int) queuetest.Reply {
				return queuetest.Send(e, clients[i], "POST", "/doctors/queue/next/", nil)
			})
			for i, r := range replies {
				if r.Err != nil || r.Status != 200 {
					t.Fatalf("doctor %d: %d %s %v", i, r.Status, r.Body, r.Err)
				}
				entry, _ := r.JSON()["entry"].(map[string]any)
				if entry == nil {
					if r.JSON()["detail"] != "The queue is empty." {
						t.Fatalf("doctor %d: %s", i, r.Body)
					}
					empty++
					continue
				}
				id := int64(entry["id"].(float64))
				if prev, dup := claimed[id]; dup {
					t.Fatalf("entry %d given to doctors %d and %d", id, prev, i)
				}
				if !waitingIDs[id] {
					t.Fatalf("doctor %d got entry %d, which was not waiting", i, id)
				}
				claimed[id] = i
				got++
			}
			return got, empty
		}
		// 25 waiting: each of the 20 gets a different patient.
		if got, empty := callAll(); got != doctors || empty != 0 {
			t.Fatalf("first round: %d claimed, %d empty; want %d, 0", got, empty, doctors)
		}
		// 5 left: 5 doctors get one, 15 hear the queue is empty.
		if got, empty := callAll(); got != patients-doctors || empty != 2*doctors-patients {
			t.Fatalf("second round: %d claimed, %d empty", got, empty)
		}
		// The database agrees: every entry with a doctor, no doctor holding the same entry twice.
		holders := map[int64]int64{}
		for _, en := range list(t, c.adm, "&status=with_doctor") {
			if en.CalledAt == nil || en.Doctor == nil {
				t.Fatalf("claimed entry without doctor or call time: %+v", en)
			}
			holders[en.ID] = *en.Doctor
		}
		if len(holders) != patients {
			t.Fatalf("%d entries with a doctor, want %d", len(holders), patients)
		}
	})
}

// Ten sets of vitals recorded at once for one patient leave exactly one open entry,
// which every answer names; ten add_to_queue at once open none more.
func TestConcurrentVitalsOneOpenEntry(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		patient := c.patient("amina")
		replies := all(10, func(i int) queuetest.Reply {
			return queuetest.Send(e, c.nurse, "POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", patient),
				map[string]any{"temperature": 36.5, "pulse_rate": 70 + i})
		})
		entries := map[float64]bool{}
		for i, r := range replies {
			if r.Err != nil || r.Status != 201 {
				t.Fatalf("vitals %d: %d %s %v", i, r.Status, r.Body, r.Err)
			}
			entries[r.JSON()["queue_entry"].(map[string]any)["id"].(float64)] = true
		}
		open := list(t, c.adm, fmt.Sprintf("&patient=%d", patient))
		if len(open) != 1 || len(entries) != 1 || !entries[float64(open[0].ID)] {
			t.Fatalf("open entries %v; the answers named %v", ids(open), entries)
		}
		res := c.doctor.Do("GET", fmt.Sprintf("/patients/api/patients/%d/vitals/", patient), nil)
		var sets []map[string]any
		res.Decode(&sets)
		if len(sets) != 10 || open[0].Vitals == nil || int64(sets[0]["id"].(float64)) != open[0].Vitals.ID {
			t.Fatalf("%d sets stored; the entry carries %+v, the newest is %v", len(sets), open[0].Vitals, sets[0]["id"])
		}

		other := c.patient("baraka")
		c.triage(t, other, map[string]any{"pulse_rate": 80})
		first := list(t, c.adm, fmt.Sprintf("&patient=%d", other))[0].ID
		for _, s := range []string{"with_doctor", "completed"} {
			if res := setStatus(c.doctor, first, s); res.Status != 200 {
				t.Fatalf("→ %s: %d", s, res.Status)
			}
		}
		replies = all(10, func(int) queuetest.Reply {
			return queuetest.Send(e, c.nurse, "POST", fmt.Sprintf("/patients/api/patients/%d/add_to_queue/", other), nil)
		})
		created := 0
		for i, r := range replies {
			switch {
			case r.Err == nil && r.Status == 201:
				created++
			case r.Err == nil && r.Status == 200 && r.JSON()["info"] == "Patient already in queue.":
			default:
				t.Fatalf("add_to_queue %d: %d %s %v", i, r.Status, r.Body, r.Err)
			}
		}
		if open := list(t, c.adm, fmt.Sprintf("&patient=%d", other)); created != 1 || len(open) != 1 {
			t.Fatalf("%d created, %d open entries", created, len(open))
		}
	})
}
