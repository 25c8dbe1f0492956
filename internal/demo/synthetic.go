package demo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"healthsynx/internal/app"
	"healthsynx/internal/audit"
	"healthsynx/internal/identity"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/db"
)

// The synthetic hospital: a large, realistic history generated straight into the
// tables, for measuring the system at the size of a real hospital (docs/PERFORMANCE.md).
// Patients come from the hospital's communities, at plausible ages; over two years they
// visit with the conditions of a general outpatient department; each visit has its
// vitals (NEWS2 scored by the vitals module), its place in the queue, a doctor's note
// with ICD-10 diagnoses, and a bill that the desk mostly collected. Every stored form —
// MRN, search keys, priorities, invoice keys, settled amounts — is the one the modules
// would store.
//
// Rows are written many at a time (COPY on PostgreSQL, multi-row INSERTs elsewhere), a
// batch of patients per transaction. Running it again adds as many patients again,
// with ids above those in use (see reserve): it never changes a row it did not write.
// The generated history is not in the audit log, which records what people did; one
// event records that it was generated.

// Synthetic is a synthetic hospital to generate.
type Synthetic struct {
	Patients int
	// Seed chooses the hospital: the same seed on the same database, with the same
	// Until, generates the same rows.
	Seed uint64
	// Until is the end of the two years of history; zero means now, to the hour.
	Until time.Time
	// Progress receives a line every few seconds; nil for none.
	Progress io.Writer
}

// Generated is what a run wrote.
type Generated struct {
	Rows    map[string]int // by table
	Elapsed time.Duration
}

// batchPatients is how many patients go in one transaction: large enough to amortise
// a transaction and its COPYs, small enough that each of the few batches in flight
// (about 16 rows per patient) takes tens of megabytes.
const batchPatients = 5000

// Synthesize generates the hospital into a's database.
func Synthesize(ctx context.Context, a *app.App, s Synthetic) (Generated, error) {
	start := time.Now()
	out := Generated{Rows: map[string]int{}}
	if s.Patients <= 0 {
		return out, nil
	}
	until := s.Until
	if until.IsZero() {
		until = time.Now().UTC().Truncate(time.Hour)
	}
	h, err := readHospital(ctx, a, until)
	if err != nil {
		return out, fmt.Errorf("synthetic hospital: %w", err)
	}
	// The salt makes a second run on the same database a different crowd of people.
	var salt int64
	if err := a.DB.QueryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM users").Scan(&salt); err != nil {
		return out, err
	}
	if salt+int64(s.Patients) > patients.MaxMRNID {
		return out, fmt.Errorf("synthetic hospital: %d more patients would take account ids past %d, the last a medical record number holds",
			s.Patients, patients.MaxMRNID)
	}
	pl := newPlanner(s.Seed, uint64(salt), until, h.loc)
	var counts [numTables]int
	for i := range s.Patients {
		for t, n := range pl.plan(i).counts() {
			counts[t] += n
		}
	}
	base, err := reserve(ctx, a.DB, counts)
	if err != nil {
		return out, fmt.Errorf("synthetic hospital: reserving ids: %w", err)
	}
	if base[tUsers]+int64(s.Patients) > patients.MaxMRNID {
		return out, fmt.Errorf("synthetic hospital: account ids would pass %d, the last a medical record number holds", patients.MaxMRNID)
	}
	clash, err := findClashes(ctx, a.DB, base, counts)
	if err != nil {
		return out, fmt.Errorf("synthetic hospital: reading the values in use: %w", err)
	}
	g := &generator{h: h, pl: pl, d: newDice(), seed: s.Seed, salt: uint64(salt), last: base, keys: map[string]string{},
		clash: clash, until: until}
	total := 0
	for _, n := range counts {
		total += n
	}
	written, err := load(ctx, a.DB, g, s.Patients, total, s.Progress)
	for t, n := range written {
		out.Rows[tables[t].name] = n
	}
	out.Elapsed = time.Since(start)
	if written[tUsers] > 0 {
		err = errors.Join(err, record(ctx, a, s, base, written, err))
	}
	if err == nil && a.DB.Engine == db.Postgres {
		err = vacuum(ctx, a.DB)
	}
	return out, err
}

// vacuum does at once what autovacuum would do to the filled tables some time later:
// statistics, without which the planner guesses at tables it last saw nearly empty,
// and the visibility map, without which an index-only scan (counting a name's
// matches) still reads every matching row from the table — 50 ms instead of 0.5 ms
// for a common surname at a million patients.
func vacuum(ctx context.Context, d *db.DB) error {
	names := make([]string, len(tables))
	for t, tb := range tables {
		names[t] = tb.name
	}
	_, err := d.Exec(ctx, "VACUUM (ANALYZE) "+strings.Join(names, ", "))
	return err
}

// writers is how many sinks write at once. PostgreSQL runs each COPY in a backend of
// its own, one core each, so two keep both cores busy while the generator (a fraction
// of a core) runs beside them; SQLite has one writer at a time.
func writers(e db.Engine) int {
	if e == db.Postgres {
		return 2
	}
	return 1
}

// load runs the pipeline: one goroutine generates batches while the sinks write the
// ones before. It returns the rows written, by table.
func load(ctx context.Context, d *db.DB, g *generator, n, total int, report io.Writer) (written [numTables]int, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var sinks []sink
	defer func() {
		for _, sk := range sinks {
			err = errors.Join(err, sk.close())
		}
	}()
	for range writers(d.Engine) {
		sk, err := newSink(ctx, d)
		if err != nil {
			return written, err
		}
		sinks = append(sinks, sk)
	}
	// Every batch is in one of the channels or in hand, so sending to free never blocks.
	full, free := make(chan *batch, len(sinks)), make(chan *batch, len(sinks)+1)
	for range cap(free) {
		free <- &batch{}
	}
	go generate(ctx, g, n, full, free)
	var p *progress
	if report != nil {
		p = startProgress(report, n, total)
		defer p.finish()
	}
	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		firstErr error
	)
	for _, sk := range sinks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range full {
				if ctx.Err() == nil {
					if err := sk.write(ctx, b); err != nil {
						mu.Lock()
						firstErr = cmp.Or(firstErr, err)
						mu.Unlock()
						cancel()
					} else {
						mu.Lock()
						for t := range written {
							written[t] += b.count(t)
						}
						mu.Unlock()
						if p != nil {
							p.add(b.patients, b.size())
						}
					}
				}
				free <- b
			}
		}()
	}
	wg.Wait()
	return written, cmp.Or(firstErr, ctx.Err())
}

// generate fills batches of consecutive patients, in order, until n are made or ctx
// ends.
func generate(ctx context.Context, g *generator, n int, full chan<- *batch, free <-chan *batch) {
	defer close(full)
	for first := 0; first < n; first += batchPatients {
		var b *batch
		select {
		case b = <-free:
		case <-ctx.Done():
			return
		}
		b.reset()
		for i := first; i < min(first+batchPatients, n); i++ {
			g.patient(b, i)
		}
		select {
		case full <- b:
		case <-ctx.Done():
			return
		}
	}
}

// record writes the one audit event of the run: who generated what, with the seed,
// whether it finished or stopped part-way.
func record(ctx context.Context, a *app.App, s Synthetic, base [numTables]int64, written [numTables]int, failure error) error {
	var parts []string
	for t, n := range written {
		if t != tProfiles && n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", tables[t].name, n))
		}
	}
	e := audit.Event{ActorUsername: identity.System.Username, ActorRole: identity.System.Role, Action: audit.ActionCreate,
		ObjectType: "synthetic_hospital", ObjectID: fmt.Sprintf("users %d-%d", base[tUsers]+1, base[tUsers]+int64(written[tUsers])),
		Detail: fmt.Sprintf("synthetic hospital generated (seed %d): %s", s.Seed, strings.Join(parts, ", "))}
	if failure != nil {
		e.Outcome, e.Detail = audit.Failed, e.Detail+"; stopped: "+failure.Error()
	}
	return a.Audit.Record(context.WithoutCancel(ctx), a.DB, e)
}
