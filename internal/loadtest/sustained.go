package loadtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"healthsynx/internal/billing"
	"healthsynx/internal/platform/db"
)

// A sustained run replays the hospital's day for a fixed time: desk nurses find,
// register and triage patients, doctors call them, open their charts, write notes and
// see them out (which bills the consultation), the billing desk takes the payments, and
// the rest of the staff read (searches, charts, the queue, the billing history). Each
// client pauses between its steps, as people at a screen do. Clients are spread over
// one or more instances of the server; the run watches each instance's memory,
// goroutines and database connections, and checks afterwards that no patient was
// handed to two doctors and no visit was charged twice.

// SustainedOptions set up a sustained run.
type SustainedOptions struct {
	URLs     []string      // the instances, on the loopback interface; clients are spread over them
	PIDs     []int         // their process ids, for their memory (optional, in the order of URLs)
	Clients  int           // concurrent clients
	Duration time.Duration // of the run
	Think    time.Duration // a client's mean pause between steps
	Seed     uint64

	// Doctors is how many doctor accounts the doctors' clients use: loadtest-dr-01, …,
	// created in the doctors' department through the API as Admin when missing.
	Doctors  int
	Admin    string
	Nurse    string
	Cashier  string
	Password string

	// Sample is how often each instance's figures are read.
	Sample time.Duration
	// ProbeEvery is how often, with two instances or more, a queue change made through
	// one instance is timed until it reaches a live page served by another.
	ProbeEvery time.Duration

	Progress io.Writer
}

// maxWaiting is the waiting room the desk nurses keep: above it they read instead of
// triaging more patients, so that the run reaches a steady state instead of a queue
// that grows for ten minutes.
const maxWaiting = 150

// roles are how many of n clients play each part.
type roles struct{ doctors, nurses, cashiers, readers int }

func split(n, doctorAccounts int) roles {
	r := roles{doctors: max(1, n/5), nurses: max(1, n*3/10), cashiers: max(1, n/10)}
	r.doctors = min(r.doctors, doctorAccounts)
	r.readers = max(0, n-r.doctors-r.nurses-r.cashiers)
	return r
}

// sustained is a run's shared state.
type sustained struct {
	o     SustainedOptions
	d     *db.DB
	s     *subjects
	rec   *recorder
	envs  []*env // one per instance
	stamp string // makes this run's usernames and references unique

	waiting atomic.Int64 // patients triaged and not yet called, as the clients count them
	seen    chan visit   // visits seen out, for the billing desk
	serial  atomic.Int64

	mu        sync.Mutex
	calledBy  map[int64]string // queue entry → the doctor "call next" gave it to
	doubles   []int64          // entries handed out twice
	completed []int64
	paid      int
}

// visit is a consultation a doctor has seen out.
type visit struct {
	entry, patient int64
}

// SustainedReport is what a sustained run measured.
type SustainedReport struct {
	Engine    db.Engine
	Patients  int // at the start
	Options   SustainedOptions
	Roles     roles
	Rows      []SustainedRow
	Instances []InstanceReport
	Probes    []time.Duration // live-update delays between instances
	ProbeErrs int
	ProbeErr  error // the first
	Elapsed   time.Duration

	Called, Completed, Paid int
	Doubles                 []int64 // entries handed to two doctors (must be none)
	ChargedTwice            []int64 // visits with more than one consultation charge (must be none)
	Uncharged               []int64 // visits seen out with no consultation charge (must be none)
}

// SustainedRow is one operation's figures over the run.
type SustainedRow struct {
	Name   string
	Budget time.Duration
	result
}

// RunSustained runs the sustained load. d is the instances' shared database.
func RunSustained(ctx context.Context, d *db.DB, loc *time.Location, o SustainedOptions) (SustainedReport, error) {
	rep := SustainedReport{Engine: d.Engine, Options: o}
	if len(o.URLs) == 0 {
		return rep, errors.New("name at least one server")
	}
	if len(o.URLs) > 1 && d.Engine != db.Postgres {
		return rep, fmt.Errorf("several instances share one database, and their live updates, only on PostgreSQL; this is %s", d.Engine)
	}
	var s *subjects
	var err error
	if rep.Patients, s, err = prepare(ctx, d, o.URLs, o.Seed); err != nil {
		return rep, err
	}
	run := &sustained{o: o, d: d, s: s, rec: newRecorder(), stamp: strconv.FormatInt(time.Now().Unix()%1e8, 36),
		seen: make(chan visit, 10000), calledBy: map[int64]string{}}
	rep.Roles = split(o.Clients, o.Doctors)
	if err := run.signIn(ctx, loc); err != nil {
		return rep, err
	}
	watch := newInstances(o.URLs, o.PIDs, run.envs[0].nurse.http)
	watch.sample(ctx, "before")

	rctx, stop := context.WithTimeout(ctx, o.Duration)
	defer stop()
	var wg sync.WaitGroup
	start := time.Now()
	go watch.every(rctx, o.Sample, start)
	if len(o.URLs) > 1 && o.ProbeEvery > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep.Probes, rep.ProbeErrs, rep.ProbeErr = run.probe(rctx)
		}()
	}
	for w := range o.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run.client(rctx, w, rep.Roles)
		}()
	}
	if o.Progress != nil {
		go run.progress(rctx, start)
	}
	wg.Wait()
	rep.Elapsed = time.Since(start)

	// Afterwards: let the instances settle with the load's connections closed.
	for _, e := range run.envs {
		e.nurse.http.CloseIdleConnections()
	}
	select {
	case <-ctx.Done():
		return rep, ctx.Err()
	case <-time.After(settle):
	}
	watch.sample(ctx, "after")
	rep.Instances = watch.reports()
	rep.Rows = run.rec.rows()
	rep.Called, rep.Completed, rep.Paid, rep.Doubles = len(run.calledBy), len(run.completed), run.paid, run.doubles
	rep.ChargedTwice, rep.Uncharged, err = chargesOf(ctx, d, run.completed)
	return rep, err
}

// settle is how long the instances are left alone before the figures "after".
const settle = 5 * time.Second

// signIn signs the staff in on every instance and creates the doctors' accounts that
// are missing.
func (run *sustained) signIn(ctx context.Context, loc *time.Location) error {
	o := run.o
	doctors := make([]string, o.Doctors)
	for i := range doctors {
		doctors[i] = fmt.Sprintf("loadtest-dr-%02d", i+1)
	}
	hc := newHTTPClient(o.Clients + 4)
	admin, err := signIn(ctx, hc, o.URLs[0], o.Admin, o.Password)
	if err != nil {
		return err
	}
	for i, u := range doctors {
		if err := ensureDoctor(ctx, admin, u, o.Password, run.s.department, i+1); err != nil {
			return err
		}
	}
	for _, url := range o.URLs {
		e, err := signInAll(ctx, Options{URL: url, Clients: o.Clients, Doctors: doctors, Nurse: o.Nurse, Cashier: o.Cashier,
			Password: o.Password}, run.d, run.s, loc)
		if err != nil {
			return err
		}
		run.envs = append(run.envs, e)
	}
	return nil
}

// ensureDoctor creates a doctor's account in the department unless it exists.
func ensureDoctor(ctx context.Context, admin *client, username, password string, department int64, n int) error {
	err := admin.do(ctx, "POST", "/users/users/", map[string]any{
		"username": username, "password": password, "role": "doctor", "department": department,
		"first_name": "Load", "last_name": fmt.Sprintf("Doctor %02d", n), "email": username + "@example.org",
		"license_number": fmt.Sprintf("LT-%s", username), "specialization": "General practice"}, nil)
	var se *statusError
	if errors.As(err, &se) && se.status == 400 && strings.Contains(se.body, "username") {
		return nil // there already
	}
	if err != nil {
		return fmt.Errorf("creating the doctor %s: %w", username, err)
	}
	return nil
}

// client is one member of staff working until ctx ends. Clients are spread over the
// instances in turn.
func (run *sustained) client(ctx context.Context, w int, r roles) {
	e := run.envs[w%len(run.envs)]
	rnd := rand.New(rand.NewPCG(run.o.Seed, uint64(w)+1))
	pause := func() bool {
		// Uniform between 0 and twice the mean.
		t := time.NewTimer(time.Duration(rnd.Int64N(int64(2*run.o.Think) + 1)))
		defer t.Stop()
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			return true
		}
	}
	if !pause() { // start spread out
		return
	}
	var step func(context.Context, *env, int, *rand.Rand)
	switch {
	case w < r.doctors:
		step = run.doctorStep
	case w < r.doctors+r.nurses:
		step = run.nurseStep
	case w < r.doctors+r.nurses+r.cashiers:
		step = run.cashierStep
	default:
		step = run.readerStep
	}
	for ctx.Err() == nil {
		step(ctx, e, w, rnd)
		if !pause() {
			return
		}
	}
}

// timed runs call as operation name and records its time or its failure. A call cut off
// by the end of the run is not a result.
func (run *sustained) timed(ctx context.Context, name string, call func() error) error {
	t := time.Now()
	err := call()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	run.rec.add(name, time.Since(t), err)
	return err
}

// nurseStep: find the patient (they are new), register them, record their vitals. When
// the waiting room is full, the nurse reads instead.
func (run *sustained) nurseStep(ctx context.Context, e *env, w int, r *rand.Rand) {
	if run.waiting.Load() >= maxWaiting {
		run.readerStep(ctx, e, w, r)
		return
	}
	n := run.serial.Add(1)
	first, last := pick(r, givenNames), pick(r, familyNames)
	if run.timed(ctx, "search: name prefix", func() error {
		return e.nurse.get(ctx, searchPath(strings.ToLower(first)+" "+strings.ToLower(last[:2])), nil)
	}) != nil {
		return
	}
	var p struct {
		ID int64 `json:"id"`
	}
	if run.timed(ctx, "register a patient", func() error {
		return e.nurse.do(ctx, "POST", "/patients/api/patients/", map[string]any{
			"first_name": first, "last_name": last, "gender": pick(r, []string{"female", "male"}),
			"dob":   time.Date(1940+r.IntN(84), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
			"phone": fmt.Sprintf("07%02d%06d", r.IntN(100), n%1e6)}, &p)
	}) != nil {
		return
	}
	if run.timed(ctx, "record vitals + enqueue", func() error {
		return e.nurse.do(ctx, "POST", "/patients/api/patients/"+strconv.FormatInt(p.ID, 10)+"/record_vitals/", vitalsBody(r), nil)
	}) == nil {
		run.waiting.Add(1)
	}
}

// vitalsBody is a plausible triage: mostly well, some unwell.
func vitalsBody(r *rand.Rand) map[string]any {
	unwell := r.IntN(10) == 0
	body := map[string]any{
		"temperature": json.Number(fmt.Sprintf("%d.%d", 36+r.IntN(2), r.IntN(10))), "pulse_rate": 60 + r.IntN(40), "respiratory_rate": 12 + r.IntN(8),
		"systolic_bp": 105 + r.IntN(40), "diastolic_bp": 65 + r.IntN(20), "spo2": 95 + r.IntN(5),
		"consciousness": "A", "weight": 50 + r.IntN(40),
	}
	if unwell {
		body["temperature"], body["pulse_rate"], body["respiratory_rate"], body["spo2"] = json.Number("38.9"), 118, 24, 92
	}
	return body
}

// doctorStep: call the next patient; if there is one, open their chart, write the note
// and see them out.
func (run *sustained) doctorStep(ctx context.Context, e *env, w int, r *rand.Rand) {
	doc := e.doctors[w%len(e.doctors)]
	var next struct {
		Entry *struct {
			ID      int64 `json:"id"`
			Patient struct {
				ID int64 `json:"id"`
			} `json:"patient"`
		} `json:"entry"`
	}
	if run.timed(ctx, "call the next patient", func() error {
		return doc.do(ctx, "POST", "/doctors/queue/next/", nil, &next)
	}) != nil || next.Entry == nil {
		return
	}
	entry, patient := next.Entry.ID, next.Entry.Patient.ID
	run.waiting.Add(-1)
	run.mu.Lock()
	if _, twice := run.calledBy[entry]; twice {
		run.doubles = append(run.doubles, entry)
	}
	run.calledBy[entry] = doc.username
	run.mu.Unlock()

	if run.timed(ctx, "open a chart (3 requests)", func() error { return openChart(ctx, doc, patient) }) != nil {
		return
	}
	code := pick(r, []string{"J06.9", "A09.0", "B54", "I10", "E11.9", "J18.9", "N39.0", "K29.7"})
	if run.timed(ctx, "write a note", func() error {
		return doc.do(ctx, "POST", "/doctors/notes/", map[string]any{
			"patient": patient, "queue_item": entry, "history": "Seen in clinic.", "examination": "As recorded.",
			"plan": "Review if not better.", "diagnoses": []map[string]string{{"code": code}}}, nil)
	}) != nil {
		return
	}
	if run.timed(ctx, "complete consultation + bill", func() error {
		return doc.do(ctx, "POST", "/doctors/queue/"+strconv.FormatInt(entry, 10)+"/update_status/",
			map[string]string{"status": "completed"}, nil)
	}) != nil {
		return
	}
	run.mu.Lock()
	run.completed = append(run.completed, entry)
	run.mu.Unlock()
	select {
	case run.seen <- visit{entry: entry, patient: patient}:
	default: // the desk is far behind: the bill waits
	}
}

// cashierStep: take the payment for a visit seen out, or read the billing history
// while nobody is at the desk.
func (run *sustained) cashierStep(ctx context.Context, e *env, w int, r *rand.Rand) {
	var v visit
	select {
	case v = <-run.seen:
	default:
		run.read(ctx, "billing history: first page", e, w, r)
		return
	}
	var invoices struct {
		Results []struct {
			ID      int64  `json:"id"`
			Visit   *int64 `json:"visit"`
			Balance string `json:"balance"`
		} `json:"results"`
	}
	if run.timed(ctx, "billing history: one patient", func() error {
		return e.cashier.get(ctx, "/billing/invoices/?patient="+strconv.FormatInt(v.patient, 10), &invoices)
	}) != nil {
		return
	}
	for _, inv := range invoices.Results {
		if inv.Visit == nil || *inv.Visit != v.entry {
			continue
		}
		ref := fmt.Sprintf("LT%s%07d", strings.ToUpper(run.stamp), run.serial.Add(1))
		if run.timed(ctx, "take a payment", func() error {
			return e.cashier.do(ctx, "POST", "/billing/invoices/"+strconv.FormatInt(inv.ID, 10)+"/payments/",
				map[string]any{"method": "mobile_money", "amount": inv.Balance, "reference": ref}, nil)
		}) == nil {
			run.mu.Lock()
			run.paid++
			run.mu.Unlock()
		}
		return
	}
	run.rec.add("take a payment", 0, fmt.Errorf("no invoice for visit %d of patient %d", v.entry, v.patient))
}

// reads are what the rest of the staff do, by name of the budget operation.
var reads = []string{"search: name prefix", "search: MRN", "search: phone prefix", "open a chart (3 requests)",
	"doctor's queue", "waiting list", "billing history: first page", "billing history: deep page",
	"billing history: one patient"}

// readerStep does one of the reads.
func (run *sustained) readerStep(ctx context.Context, e *env, w int, r *rand.Rand) {
	run.read(ctx, pick(r, reads), e, w, r)
}

// read does the budget operation name as its phase does.
func (run *sustained) read(ctx context.Context, name string, e *env, w int, r *rand.Rand) {
	op := operationNamed(name)
	run.timed(ctx, name, func() error { return op.api(ctx, e, w, r) })
}

// progress prints a line a minute.
func (run *sustained) progress(ctx context.Context, start time.Time) {
	every(ctx, time.Minute, func() {
		calls, errs := run.rec.totals()
		run.mu.Lock()
		defer run.mu.Unlock()
		fmt.Fprintf(run.o.Progress, "sustained: %s, %d calls, %d errors, %d seen out, %d paid, about %d waiting\n",
			time.Since(start).Round(time.Second), calls, errs, len(run.completed), run.paid, run.waiting.Load())
	})
}

// chargesOf checks the consultation charges of the visits seen out: exactly one each.
func chargesOf(ctx context.Context, d *db.DB, entries []int64) (twice, none []int64, err error) {
	for len(entries) > 0 {
		batch := entries[:min(len(entries), 500)]
		entries = entries[len(batch):]
		keys := make([]any, len(batch))
		byKey := make(map[string]int64, len(batch))
		for i, id := range batch {
			k := billing.ConsultationCauseKey(id)
			keys[i], byKey[k] = k, id
		}
		rows, err := d.Query(ctx, "SELECT cause_key, COUNT(*) FROM billing_charges WHERE cause_key IN ("+
			db.Placeholders(len(keys))+") GROUP BY cause_key", keys...)
		if err != nil {
			return nil, nil, err
		}
		found := map[string]bool{}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return nil, nil, err
			}
			found[k] = true
			if n > 1 {
				twice = append(twice, byKey[k])
			}
		}
		if err := rows.Close(); err != nil {
			return nil, nil, err
		}
		for k, id := range byKey {
			if !found[k] {
				none = append(none, id)
			}
		}
	}
	return twice, none, nil
}

// Failed reports whether the run broke a rule: a failed call, a patient handed to two
// doctors, a visit charged twice or not at all, a live update that never arrived.
func (rep SustainedReport) Failed() bool {
	for _, r := range rep.Rows {
		if r.errors > 0 {
			return true
		}
	}
	return len(rep.Doubles) > 0 || len(rep.ChargedTwice) > 0 || len(rep.Uncharged) > 0 || rep.ProbeErrs > 0
}

// The names the desk nurses register new patients with.
var (
	givenNames  = []string{"Amina", "Baraka", "Chebet", "Daudi", "Esther", "Faith", "Grace", "Hassan", "Imani", "Juma", "Kamau", "Lydia", "Mercy", "Njeri", "Otieno", "Wanjiru", "Zawadi", "Achieng", "Kipchoge", "Mwangi"}
	familyNames = []string{"Otieno", "Wanjiku", "Kiprotich", "Mutua", "Ochieng", "Kariuki", "Njoroge", "Wafula", "Omondi", "Chebet", "Mwangi", "Kimani", "Akinyi", "Barasa", "Nyambura", "Ruto", "Odhiambo", "Kamau"}
)
