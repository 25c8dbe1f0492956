package queue_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/queue"
	"healthsynx/internal/queue/queuetest"
)

// waitingPage reads the client's waiting list with the query and returns it with its
// X-Total-Count.
func waitingPage(t *testing.T, c *apitest.Client, query string) ([]entryJSON, int) {
	t.Helper()
	res := c.Do("GET", "/doctors/queue/waiting/"+query, nil)
	if res.Status != 200 {
		t.Fatalf("GET waiting%s: %d %s", query, res.Status, res.Body)
	}
	total, err := strconv.Atoi(res.Header.Get(queue.HeaderTotalCount))
	if err != nil {
		t.Fatalf("GET waiting%s: %s %q: %v", query, queue.HeaderTotalCount, res.Header.Get(queue.HeaderTotalCount), err)
	}
	var out []entryJSON
	res.Decode(&out)
	return out, total
}

// The waiting list returns the first WaitingPage patients in call order unless ?limit=
// asks for another number, and says in X-Total-Count how many wait in the caller's view
// (E-41).
func TestWaitingListLimit(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		const n = queue.WaitingPage + 10
		// In call order: the last to arrive has a high NEWS2 and the one before is
		// urgent, so both go before everyone who came earlier.
		var arrivals []int64
		for i := range n - 2 {
			arrivals = append(arrivals, c.triage(t, c.patient(fmt.Sprintf("p%02d", i)), map[string]any{"pulse_rate": 80, "temperature": 37}))
		}
		urgent := c.triage(t, c.patient("urgent"), map[string]any{"pulse_rate": 80, "temperature": 37, "urgent": true})
		high := c.triage(t, c.patient("high"), map[string]any{"pulse_rate": 140, "respiratory_rate": 30, "temperature": 40})
		want := append([]int64{high, urgent}, arrivals...)
		_, peds := queuetest.Staff(e, auth.RoleDoctor, "drpeds", c.other)
		theirs := c.triage(t, c.patient("child"), map[string]any{"pulse_rate": 80, "department": c.other})

		for _, tc := range []struct {
			query string
			want  []int64
		}{
			{"", want[:queue.WaitingPage]},
			{"?limit=5", want[:5]},
			{"?limit=1", want[:1]},
			{fmt.Sprintf("?limit=%d", queue.WaitingLimit), want},
		} {
			got, total := waitingPage(t, c.doctor, tc.query)
			if !slices.Equal(ids(got), tc.want) || total != n {
				t.Errorf("waiting%s: %d entries %v of %d; want %v of %d", tc.query, len(got), ids(got), total, tc.want, n)
			}
		}
		// Each caller counts their own view: another department's doctor, the nurse
		// every department, a desk nothing.
		if got, total := waitingPage(t, peds, "?limit=5"); !slices.Equal(ids(got), []int64{theirs}) || total != 1 {
			t.Errorf("pediatrics: %v of %d; want [%d] of 1", ids(got), total, theirs)
		}
		if got, total := waitingPage(t, c.nurse, "?limit=3"); !slices.Equal(ids(got), want[:3]) || total != n+1 {
			t.Errorf("nurse: %v of %d; want %v of %d", ids(got), total, want[:3], n+1)
		}
		lab := e.As(auth.RoleLabTech, "labtech")
		if got, total := waitingPage(t, lab, ""); got == nil || len(got) != 0 || total != 0 {
			t.Errorf("lab desk: %v of %d; want [] of 0", got, total)
		}
	})
}

// A limit that is not an integer from 1 to WaitingLimit is a 400 naming limit.
func TestWaitingListBadLimit(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		c.triage(t, c.patient("amina"), map[string]any{"pulse_rate": 80})
		for query, msg := range map[string]string{
			"?limit=0":   "Ensure this value is greater than or equal to 1.",
			"?limit=-3":  "Ensure this value is greater than or equal to 1.",
			"?limit=201": "Ensure this value is less than or equal to 200.",
			"?limit=x":   "A valid integer is required.",
			"?limit=2.5": "A valid integer is required.",
		} {
			res := c.doctor.Do("GET", "/doctors/queue/waiting/"+query, nil)
			var body map[string][]string
			res.Decode(&body)
			if res.Status != 400 || len(body) != 1 || !slices.Equal(body["limit"], []string{msg}) {
				t.Errorf("waiting%s: %d %s; want 400 {\"limit\": [%q]}", query, res.Status, res.Body, msg)
			}
		}
	})
}
