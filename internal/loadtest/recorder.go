package loadtest

import (
	"slices"
	"sync"
	"time"
)

// recorder gathers a sustained run's calls by operation.
type recorder struct {
	mu    sync.Mutex
	ops   map[string]*result
	start time.Time
}

func newRecorder() *recorder { return &recorder{ops: map[string]*result{}, start: time.Now()} }

// add records a call of operation name: its time when it succeeded, its error if not.
func (rc *recorder) add(name string, took time.Duration, err error) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	r := rc.ops[name]
	if r == nil {
		r = &result{}
		rc.ops[name] = r
	}
	if err != nil {
		r.errors++
		if r.firstErr == nil {
			r.firstErr = err
		}
		return
	}
	r.latencies = append(r.latencies, took)
}

// totals is the number of calls and of failures so far.
func (rc *recorder) totals() (calls, errors int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, r := range rc.ops {
		calls += len(r.latencies) + r.errors
		errors += r.errors
	}
	return calls, errors
}

// flowOrder is the order of the report: the clinical flow, then the reads.
var flowOrder = []string{"register a patient", "record vitals + enqueue", "call the next patient", "open a chart (3 requests)",
	"write a note", "complete consultation + bill", "take a payment", "search: name prefix", "search: MRN",
	"search: phone prefix", "doctor's queue", "waiting list", "billing history: first page",
	"billing history: deep page", "billing history: one patient"}

// rows are the figures by operation, with their budgets.
func (rc *recorder) rows() []SustainedRow {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	elapsed := time.Since(rc.start)
	var out []SustainedRow
	for _, name := range flowOrder {
		r, ok := rc.ops[name]
		if !ok {
			continue
		}
		res := *r
		res.latencies = slices.Clone(r.latencies)
		slices.Sort(res.latencies)
		res.elapsed = elapsed
		row := SustainedRow{Name: name, result: res}
		for _, op := range operations {
			if op.name == name {
				row.Budget = op.budget
			}
		}
		out = append(out, row)
	}
	return out
}
