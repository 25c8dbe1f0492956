package loadtest

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// instances watches the servers of a sustained run through their /metrics (and their
// /proc status when their process ids are given): resident memory, goroutines and the
// database pool's connections.
type instances struct {
	urls []string
	pids []int
	http *http.Client

	mu      sync.Mutex
	samples [][]sample // by instance
}

// sample is an instance's figures at one moment.
type sample struct {
	label      string // "before", "after", or the time into the run
	rss        int64  // bytes
	goroutines int
	open, used int // database connections open, and in use
	err        error
}

// InstanceReport is one instance's figures over a sustained run.
type InstanceReport struct {
	URL     string
	Samples []sample
	PeakRSS int64 // VmHWM when the process id is known, else the highest sample
}

func newInstances(urls []string, pids []int, hc *http.Client) *instances {
	return &instances{urls: urls, pids: pids, http: hc, samples: make([][]sample, len(urls))}
}

// every samples each instance every period until ctx ends.
func (in *instances) every(ctx context.Context, period time.Duration, start time.Time) {
	every(ctx, period, func() {
		// A read the end of the run cuts short is still a sample.
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		in.sample(sctx, time.Since(start).Round(time.Second).String())
	})
}

// sample reads every instance now.
func (in *instances) sample(ctx context.Context, label string) {
	for i, u := range in.urls {
		s := in.read(ctx, u)
		s.label = label
		if i < len(in.pids) && in.pids[i] > 0 {
			if rss, err := procStatus(in.pids[i], "VmRSS"); err == nil {
				s.rss = rss
			}
		}
		in.mu.Lock()
		in.samples[i] = append(in.samples[i], s)
		in.mu.Unlock()
	}
}

// read takes an instance's figures from its /metrics.
func (in *instances) read(ctx context.Context, base string) sample {
	var s sample
	req, err := http.NewRequestWithContext(ctx, "GET", strings.TrimRight(base, "/")+"/metrics", nil)
	if err != nil {
		return sample{err: err}
	}
	resp, err := in.http.Do(req)
	if err != nil {
		return sample{err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return sample{err: fmt.Errorf("%s/metrics: %s", base, resp.Status)}
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok || strings.HasPrefix(name, "#") {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			continue
		}
		switch name {
		case "process_resident_memory_bytes":
			s.rss = int64(f)
		case "go_goroutines":
			s.goroutines = int(f)
		case `go_sql_open_connections{db_name="main"}`:
			s.open = int(f)
		case `go_sql_in_use_connections{db_name="main"}`:
			s.used = int(f)
		}
	}
	s.err = sc.Err()
	return s
}

// reports are the samples by instance, with each one's peak memory.
func (in *instances) reports() []InstanceReport {
	in.mu.Lock()
	defer in.mu.Unlock()
	out := make([]InstanceReport, len(in.urls))
	for i, u := range in.urls {
		r := InstanceReport{URL: u, Samples: append([]sample(nil), in.samples[i]...)}
		for _, s := range r.Samples {
			r.PeakRSS = max(r.PeakRSS, s.rss)
		}
		if i < len(in.pids) && in.pids[i] > 0 {
			if hwm, err := procStatus(in.pids[i], "VmHWM"); err == nil {
				r.PeakRSS = max(r.PeakRSS, hwm)
			}
		}
		out[i] = r
	}
	return out
}

// first and last are the samples taken before and after the run.
func (r InstanceReport) first() sample { return r.Samples[0] }
func (r InstanceReport) last() sample  { return r.Samples[len(r.Samples)-1] }

// goroutineSlack is how many more goroutines than before the run an instance may have
// after it without counting as growth (the runtime's and the pool's own come and go).
const goroutineSlack = 10

// Grew reports whether the instance kept goroutines the run started, or a connection
// still in use. The pool's idle connections may stay open (up to its limit), with the
// goroutine some drivers run for each (MySQL's): those are not counted as growth.
func (r InstanceReport) Grew() bool {
	if len(r.Samples) < 2 {
		return false
	}
	b, a := r.first(), r.last()
	return a.goroutines-a.open > b.goroutines-b.open+goroutineSlack || a.used > 0
}
