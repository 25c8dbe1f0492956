// Package loadtest measures the operations of PRODUCT §6 against a running server: for
// each, a phase of concurrent clients through the real HTTP API (sign-in, middleware,
// JSON), then a phase of the operation's core statements run directly on the same
// database, so that each figure sits beside what the database alone takes. It reports
// p50, p95, p99, throughput and the server's peak memory per operation.
//
// It only talks to a server on this machine, runs each phase for a bounded time and
// number of calls, and stops by itself. Its writes are the application's own (vitals
// recorded, patients called and seen out, consultations charged); its direct writes
// are rolled back.
package loadtest

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/queue"
)

// Options set up a run.
type Options struct {
	URL      string        // the server, on the loopback interface
	Clients  int           // concurrent clients in each phase
	Duration time.Duration // of each phase (API, then direct)
	MaxCalls int           // per phase at most
	PID      int           // the server's process id, for its memory; 0: read /metrics
	Seed     uint64
	// Only, when not empty, runs the operations whose names contain it.
	Only string

	// The demo staff the clients sign in as, and their password.
	Doctors  []string
	Nurse    string
	Cashier  string
	Password string

	// Progress receives a line per phase; nil for none.
	Progress io.Writer
}

// Report is what a run measured.
type Report struct {
	Engine   db.Engine
	Patients int
	Options  Options
	Rows     []Row
	PeakRSS  int64 // the server's peak resident memory, in bytes
	// Waiting is how many patients waited in the doctors' department while the queue
	// was read.
	Waiting int
	Started time.Time
}

// Row is one operation's figures.
type Row struct {
	Name        string
	Budget      time.Duration
	Clients     int // concurrent clients in its phases
	API, Direct result
	RSS         int64 // the server's peak resident memory during the API phase
}

// Run measures every operation. d is the server's database, opened by the caller.
func Run(ctx context.Context, d *db.DB, loc *time.Location, o Options) (Report, error) {
	rep := Report{Engine: d.Engine, Options: o, Started: time.Now()}
	var s *subjects
	var err error
	if rep.Patients, s, err = prepare(ctx, d, []string{o.URL}, o.Seed); err != nil {
		return rep, err
	}
	e, err := signInAll(ctx, o, d, s, loc)
	if err != nil {
		return rep, err
	}
	e.called = make(chan calledEntry, o.MaxCalls)
	mem := &memory{pid: o.PID, url: e.nurse.base, http: e.nurse.http}
	mctx, stop := context.WithCancel(ctx)
	defer stop()
	go mem.watch(mctx)
	var sampled int64
	for i, op := range operations {
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
		if !strings.Contains(op.name, o.Only) {
			continue
		}
		row := Row{Name: op.name, Budget: op.budget, Clients: o.Clients}
		if op.byDoctor {
			row.Clients = min(o.Clients, len(e.doctors))
		}
		// Direct first: its writes are rolled back, and the API's that follow change
		// the rows the direct statements would otherwise trip on.
		row.Direct = phase(ctx, row.Clients, o.Duration, o.MaxCalls, o.Seed+uint64(i)<<8, func(ctx context.Context, w int, r *rand.Rand) error {
			return op.direct(ctx, e, w, r)
		})
		if op.readsQueue {
			if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM queue_entries WHERE status = ? AND department_id = ?",
				string(queue.Waiting), s.department).Scan(&rep.Waiting); err != nil {
				return rep, err
			}
		}
		mem.takePeak()
		row.API = phase(ctx, row.Clients, o.Duration, o.MaxCalls, o.Seed+uint64(i)<<8|1, func(ctx context.Context, w int, r *rand.Rand) error {
			return op.api(ctx, e, w, r)
		})
		row.RSS = mem.takePeak()
		sampled = max(sampled, row.RSS)
		rep.Rows = append(rep.Rows, row)
		if o.Progress != nil {
			fmt.Fprintf(o.Progress, "loadtest: %-32s api p95 %8s (%d calls, %d errors)   direct p95 %8s\n", op.name,
				ms(row.API.percentile(95)), len(row.API.latencies), row.API.errors, ms(row.Direct.percentile(95)))
		}
	}
	rep.PeakRSS = mem.highWater(sampled)
	return rep, nil
}

// prepare checks that every server is on this machine, counts the patients and draws
// the subjects.
func prepare(ctx context.Context, d *db.DB, urls []string, seed uint64) (int, *subjects, error) {
	for _, u := range urls {
		if _, err := CheckLoopback(u); err != nil {
			return 0, nil, err
		}
	}
	var n int
	if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM patient_profiles").Scan(&n); err != nil {
		return 0, nil, err
	}
	s, err := readSubjects(ctx, d, rand.New(rand.NewPCG(seed, 0)))
	return n, s, err
}

// every calls fn every period until ctx ends.
func every(ctx context.Context, period time.Duration, fn func()) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn()
		}
	}
}

// signInAll signs in the staff the operations act as.
func signInAll(ctx context.Context, o Options, d *db.DB, s *subjects, loc *time.Location) (*env, error) {
	hc := newHTTPClient(o.Clients + 2)
	e := &env{d: d, s: s, loc: loc, ids: map[*client]int64{}}
	as := func(username string) (*client, error) {
		c, err := signIn(ctx, hc, o.URL, username, o.Password)
		if err != nil {
			return nil, err
		}
		var id int64
		if err := d.QueryRow(ctx, "SELECT id FROM users WHERE username = ?", username).Scan(&id); err != nil {
			return nil, fmt.Errorf("user %s: %w", username, err)
		}
		e.ids[c] = id
		return c, nil
	}
	var err error
	for _, u := range o.Doctors {
		c, err := as(u)
		if err != nil {
			return nil, err
		}
		e.doctors = append(e.doctors, c)
	}
	if len(e.doctors) == 0 {
		return nil, fmt.Errorf("name at least one doctor to sign in as")
	}
	if e.nurse, err = as(o.Nurse); err != nil {
		return nil, err
	}
	if e.cashier, err = as(o.Cashier); err != nil {
		return nil, err
	}
	return e, nil
}
