package demo

import (
	"math"
	"math/bits"
	"time"

	"healthsynx/internal/queue"
)

// A patient's plan is the skeleton of their history: when they came, what for, what
// happened and when, and so how many rows of each table they make. It is drawn from a
// stream of its own, before and apart from the details (names, measurements, texts),
// so that the generator can count every table's rows in a cheap first pass, reserve
// exactly that many ids, and then fill in the same plans with their details.

// history is how far back the synthetic hospital's records go.
const historyDays = 730

// The rules of a visit's course.
const (
	cancelledPct = 3  // the patient left before a doctor saw them
	nurseLedPct  = 5  // a nurses' clinic visit: no doctor, no note
	urgentPct    = 4  // flagged urgent at triage
	chronicPct   = 14 // of adults: a condition they keep coming back for
	archivedPer  = 3  // per thousand patients: archived (duplicate, moved, deceased)
	admitBasePct = 5  // admitted for observation whatever the condition
	wardRound    = 4 * time.Hour
)

// visitPlan is one visit.
type visitPlan struct {
	cond     *condition
	nurseLed bool
	urgent   bool
	status   queue.Status

	arrived  time.Time // triage: the first vitals and the queue entry
	rechecks int       // further sets while waiting
	called   time.Time // zero while waiting
	tests    uint8     // cond.tests ordered, as bits
	resulted time.Time // the tests' results (and charges); the patient waits again
	recalled time.Time // called back after the results
	done     time.Time // completed, sent to the pharmacy or cancelled; zero while open

	diagnoses  int
	addendum   time.Time // zero: none
	prescribed int       // medicines the doctor prescribed
	medicines  int       // of those, dispensed (each charged)
	dispensed  time.Time
	wardObs    int // observations on the ward after the visit (an admission)

	issued   time.Time   // the invoice handed over unpaid; zero: a draft, or paid
	payments []time.Time // each payment's time
	partial  bool        // the payments leave a balance
}

// noted is a visit with a consultation note (and coded diagnoses).
func (v *visitPlan) noted() bool {
	return !v.nurseLed && (v.status == queue.Completed || v.status == queue.SentToPharmacy)
}

// billed is a visit whose consultation was charged: it ended with the doctor or nurse.
func (v *visitPlan) billed() bool {
	return v.status == queue.Completed || v.status == queue.SentToPharmacy
}

// charges is the number of charges on the visit's invoice.
func (v *visitPlan) charges() int {
	if !v.billed() {
		return 0
	}
	return 1 + bits.OnesCount8(v.tests) + v.medicines
}

// lastCharge is when the visit's invoice got its last charge.
func (v *visitPlan) lastCharge() time.Time {
	if v.medicines > 0 {
		return v.dispensed
	}
	return v.done
}

// patientPlan is one patient.
type patientPlan struct {
	age        int // at registration, in years
	female     bool
	chronic    *condition
	registered time.Time
	visits     []visitPlan
	archived   time.Time // zero: live
	inpatient  bool      // admitted at the end of the history
}

// planner draws plans. It is reused from patient to patient to spare allocations.
type planner struct {
	seed, salt uint64
	until      time.Time // the end of the history: now, to the hour
	loc        *time.Location
	d          dice
	p          patientPlan
}

func newPlanner(seed, salt uint64, until time.Time, loc *time.Location) *planner {
	return &planner{seed: seed, salt: salt, until: until, loc: loc, d: newDice()}
}

// plan draws the plan of the run's i-th patient; it stays valid until the next call.
func (pl *planner) plan(i int) *patientPlan {
	d := pl.d
	d.reset(pl.seed, pl.salt, i, 0)
	p := &pl.p
	*p = patientPlan{visits: p.visits[:0]}
	p.female = d.chance(54)
	p.age = drawAge(d)
	if p.age >= 30 && d.chance(chronicPct) {
		p.chronic = conditionByCode[chronicCodes[d.IntN(len(chronicCodes))]]
		if !p.chronic.fits(p.age, p.female) {
			p.chronic = nil
		}
	}
	// Newer patients are more numerous: the hospital has grown over the two years.
	u := d.Float64()
	if d.chance(50) {
		u = math.Sqrt(u)
	}
	first := pl.arrival(d, int(u*(historyDays+1)))
	if !first.Before(pl.until) { // later today than now: came yesterday instead
		first = first.Add(-24 * time.Hour)
	}
	p.registered = first.Add(-d.minutes(3, 20))
	more, every := 0.2, 150.0 // the chance of one more visit, and the mean days between
	if p.chronic != nil {
		more, every = 0.8, 60
	}
	at := first
	for at.Before(pl.until) {
		p.visits = append(p.visits, visitPlan{})
		v := &p.visits[len(p.visits)-1]
		pl.visit(d, p, v, at)
		if v.done.IsZero() || d.Float64() >= more || len(p.visits) >= 24 {
			break
		}
		gap := max(7, d.ExpFloat64()*every)
		next := v.done.Add(time.Duration(v.wardObs+1) * wardRound)
		at = pl.arrival(d, dayOf(pl, next)+int(gap))
	}
	if last := &p.visits[len(p.visits)-1]; last.wardObs > 0 {
		p.inpatient = !last.done.Add(time.Duration(last.wardObs+1) * wardRound).Before(pl.until)
	}
	if end := p.visits[len(p.visits)-1].done; !end.IsZero() && d.IntN(1000) < archivedPer {
		if at := end.Add(time.Duration(d.between(10, 200)) * 24 * time.Hour); at.Before(pl.until) {
			p.archived = at
		}
	}
	return p
}

// drawAge draws an age from an outpatient department's age pyramid: many children,
// fewer elderly.
func drawAge(d dice) int {
	switch n := d.IntN(100); {
	case n < 4:
		return 0
	case n < 14:
		return d.between(1, 4)
	case n < 30:
		return d.between(5, 14)
	case n < 48:
		return d.between(15, 24)
	case n < 65:
		return d.between(25, 34)
	case n < 77:
		return d.between(35, 44)
	case n < 86:
		return d.between(45, 54)
	case n < 93:
		return d.between(55, 64)
	}
	return d.between(65, 95)
}

// hourWeights is when patients arrive, by local hour: mornings busiest, a few at night.
var hourWeights = [24]int{1, 1, 1, 1, 1, 2, 4, 10, 16, 16, 14, 12, 10, 10, 11, 10, 8, 6, 4, 3, 2, 2, 1, 1}

var hourTotal = func() (n int) {
	for _, w := range hourWeights {
		n += w
	}
	return n
}()

// arrival is a time on the day'th day of the history (0 is the first), at an hour
// patients come, in the hospital's time zone.
func (pl *planner) arrival(d dice, day int) time.Time {
	n := d.IntN(hourTotal)
	hour := 0
	for n >= hourWeights[hour] {
		n -= hourWeights[hour]
		hour++
	}
	start := pl.until.In(pl.loc)
	return time.Date(start.Year(), start.Month(), start.Day()-historyDays+day, hour, d.IntN(60), d.IntN(60), 0, pl.loc).UTC()
}

// dayOf is the day of the history that t falls on.
func dayOf(pl *planner, t time.Time) int {
	return historyDays - int(pl.until.Sub(t).Hours()/24)
}

// visit draws the course of one visit arriving at at. Whatever would happen after the
// end of the history has not happened yet: the visit is still open, the medicines not
// yet dispensed, the invoice not yet paid.
func (pl *planner) visit(d dice, p *patientPlan, v *visitPlan, at time.Time) {
	v.arrived = at
	v.cond = pl.condition(d, p)
	v.urgent = d.chance(urgentPct)
	v.nurseLed = d.chance(nurseLedPct)
	if v.cond.signs != (signs{}) && d.chance(60) {
		v.rechecks = 1 + btoi(d.chance(25))
	} else if d.chance(15) {
		v.rechecks = 1
	}
	v.called = at.Add(d.minutes(5, 20) + time.Duration(d.ExpFloat64()*float64(30*time.Minute)))
	if d.chance(cancelledPct) {
		v.status, v.done = queue.Cancelled, at.Add(d.minutes(60, 180))
		v.called = time.Time{}
		pl.cut(v)
		return
	}
	if !v.nurseLed {
		for i, o := range v.cond.tests {
			if d.chance(o.chance) {
				v.tests |= 1 << i
			}
		}
	}
	if v.tests != 0 {
		v.resulted = v.called.Add(d.minutes(40, 130))
		v.recalled = v.resulted.Add(d.minutes(5, 40))
		v.done = v.recalled.Add(d.minutes(5, 12))
	} else {
		v.done = v.called.Add(d.minutes(8, 25))
	}
	v.status = queue.Completed
	if !v.nurseLed && len(v.cond.medicines) > 0 && d.chance(35) {
		v.status, v.prescribed = queue.SentToPharmacy, min(1+btoi(d.chance(20)), len(v.cond.medicines))
		v.medicines = v.prescribed
		v.dispensed = v.done.Add(d.minutes(10, 40))
	}
	v.diagnoses = 1 + btoi(d.chance(20)) + btoi(d.chance(5))
	if d.chance(2) {
		v.addendum = v.done.Add(time.Duration(d.between(20, 120)) * time.Hour)
	}
	// Besides the condition's own rate, a few of every kind are kept in for observation,
	// more of the old.
	if d.chance(v.cond.admit + admitBasePct + 6*btoi(p.age >= 65)) {
		v.wardObs = d.between(1, 8) * int(24*time.Hour/wardRound)
	}
	pl.bill(d, v)
	pl.cut(v)
}

// condition is what brings the patient this time: often their chronic condition, else
// an acute one that fits their age and sex.
func (pl *planner) condition(d dice, p *patientPlan) *condition {
	if p.chronic != nil && d.chance(60) {
		return p.chronic
	}
	mu := &menus[ageBand(p.age)][btoi(p.female)]
	for range 3 {
		n := d.IntN(mu.cum[len(mu.cum)-1])
		lo, hi := 0, len(mu.cum)-1
		for lo < hi {
			if m := (lo + hi) / 2; mu.cum[m] > n {
				hi = m
			} else {
				lo = m + 1
			}
		}
		if c := mu.conds[lo]; c.fits(p.age, p.female) {
			return c
		}
	}
	return conditionByCode["J06.9"]
}

// bill draws what happens to the visit's invoice: most are paid at the desk the same
// day, some in two instalments, a few are left issued or as drafts.
func (pl *planner) bill(d dice, v *visitPlan) {
	last := v.lastCharge()
	switch n := d.IntN(100); {
	case n < 80:
		v.payments = append(v.payments[:0], last.Add(d.minutes(5, 45)))
	case n < 88:
		first := last.Add(d.minutes(5, 45))
		v.payments = append(v.payments[:0], first, first.Add(time.Duration(d.between(24, 30*24))*time.Hour))
	case n < 91:
		v.payments, v.partial = append(v.payments[:0], last.Add(d.minutes(5, 45))), true
	case n < 96:
		v.payments, v.issued = v.payments[:0], last.Add(d.minutes(5, 30))
	default:
		v.payments = v.payments[:0]
	}
}

// cut leaves out what happens after the end of the history.
func (pl *planner) cut(v *visitPlan) {
	until := pl.until
	for v.rechecks > 0 && !v.arrived.Add(time.Duration(v.rechecks)*10*time.Minute).Before(until) {
		v.rechecks--
	}
	if v.done.Before(until) {
		if v.medicines > 0 && !v.dispensed.Before(until) {
			v.medicines = 0
		}
		if !v.addendum.Before(until) {
			v.addendum = time.Time{}
		}
		for len(v.payments) > 0 && !v.payments[len(v.payments)-1].Before(until) {
			v.payments, v.partial = v.payments[:len(v.payments)-1], true
		}
		if len(v.payments) == 0 {
			v.partial = false
		}
		if !v.issued.Before(until) {
			v.issued = time.Time{}
		}
		for v.wardObs > 0 && !v.done.Add(time.Duration(v.wardObs)*wardRound).Before(until) {
			v.wardObs--
		}
		return
	}
	// Still open: waiting, or with the doctor since the first call.
	open := *v
	*v = visitPlan{cond: open.cond, nurseLed: open.nurseLed, urgent: open.urgent, arrived: open.arrived,
		rechecks: open.rechecks, status: queue.Waiting, payments: open.payments[:0]}
	if !open.called.IsZero() && open.called.Before(until) {
		v.status, v.called = queue.WithDoctor, open.called
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// counts are the rows a plan makes in each table.
func (p *patientPlan) counts() (c [numTables]int) {
	c[tUsers], c[tProfiles] = 1, 1
	for i := range p.visits {
		v := &p.visits[i]
		c[tQueue]++
		c[tVitals] += 1 + v.rechecks + v.wardObs
		if v.noted() {
			c[tNotes]++
			c[tDiagnoses] += v.diagnoses
			if !v.addendum.IsZero() {
				c[tAddenda]++
			}
		}
		if v.billed() {
			c[tInvoices]++
			c[tCharges] += v.charges()
			c[tPayments] += len(v.payments)
		}
	}
	return c
}
