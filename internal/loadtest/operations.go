package loadtest

import (
	"context"
	"math/rand/v2"
	"net/url"
	"strconv"
	"time"

	"healthsynx/internal/platform/db"
)

// The operations of PRODUCT §6, each as a client does it through the API and as its
// core statements run directly (direct.go), with its p95 budget. They run in this
// order: recording vitals fills the doctors' queue that the queue reads then show in
// full (up to the 400 patients drawn), and that calling and seeing out then empty.

// env is what the operations share: the signed-in staff, the database, the subjects,
// and the patients the doctors have called and not yet seen out.
type env struct {
	doctors []*client
	nurse   *client
	cashier *client
	ids     map[*client]int64 // each client's user id
	d       *db.DB
	s       *subjects
	loc     *time.Location
	// called holds the entries "call next" gave a doctor, for "complete" to finish.
	called chan calledEntry
}

type calledEntry struct {
	id     int64
	doctor *client
}

type operation struct {
	name   string
	budget time.Duration // p95; 0 when §6 sets none
	// byDoctor runs one client per doctor account, each as that doctor: a doctor calls
	// and sees out one patient at a time.
	byDoctor bool
	// readsQueue marks the reads whose cost grows with the doctors' waiting list.
	readsQueue bool
	api        func(ctx context.Context, e *env, w int, r *rand.Rand) error
	direct     func(ctx context.Context, e *env, w int, r *rand.Rand) error
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func (e *env) doctor(r *rand.Rand) *client { return pick(r, e.doctors) }

func searchPath(q string) string { return "/patients/api/patients/?search=" + url.QueryEscape(q) }

var operations = []operation{
	{name: "search: name prefix", budget: 50 * time.Millisecond,
		api: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return e.nurse.get(ctx, searchPath(pick(r, e.s.nameQueries)), nil)
		},
		direct: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return searchName(ctx, e.d, pick(r, e.s.nameQueries))
		}},
	{name: "search: MRN", budget: 50 * time.Millisecond,
		api: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return e.nurse.get(ctx, searchPath(pick(r, e.s.patients).mrn), nil)
		},
		direct: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return searchMRN(ctx, e.d, pick(r, e.s.patients).mrn)
		}},
	{name: "search: phone prefix", budget: 50 * time.Millisecond,
		api: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return e.nurse.get(ctx, searchPath(pick(r, e.s.phones)), nil)
		},
		direct: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return searchPhone(ctx, e.d, pick(r, e.s.phones))
		}},
	{name: "open a chart (3 requests)", budget: 50 * time.Millisecond,
		api: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return openChart(ctx, e.doctor(r), pick(r, e.s.patients).id)
		},
		direct: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return chart(ctx, e.d, pick(r, e.s.patients).id)
		}},
	{name: "billing history: first page", budget: 20 * time.Millisecond,
		api: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return e.cashier.get(ctx, "/billing/billing/?cursor=", nil)
		},
		direct: func(ctx context.Context, e *env, _ int, r *rand.Rand) error { return charges(ctx, e.d, nil, 0) }},
	{name: "billing history: deep page", budget: 20 * time.Millisecond,
		api: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return e.cashier.get(ctx, "/billing/billing/?cursor="+pick(r, e.s.deep).cursor(), nil)
		},
		direct: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			p := pick(r, e.s.deep)
			return charges(ctx, e.d, &p, 0)
		}},
	{name: "billing history: one patient", budget: 20 * time.Millisecond,
		api: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return e.cashier.get(ctx, "/billing/billing/?cursor=&patient="+strconv.FormatInt(pick(r, e.s.patients).id, 10), nil)
		},
		direct: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return charges(ctx, e.d, nil, pick(r, e.s.patients).id)
		}},
	{name: "record vitals + enqueue", budget: 30 * time.Millisecond,
		api: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			body := map[string]any{"temperature": 36.5 + float64(r.IntN(20))/10, "pulse_rate": 60 + r.IntN(40),
				"respiratory_rate": 14 + r.IntN(6), "systolic_bp": 110 + r.IntN(30), "diastolic_bp": 70 + r.IntN(15),
				"spo2": 95 + r.IntN(5), "consciousness": "A", "weight": 60 + r.IntN(20)}
			path := "/patients/api/patients/" + strconv.FormatInt(pick(r, e.s.patients).id, 10) + "/record_vitals/"
			return e.nurse.do(ctx, "POST", path, body, nil)
		},
		direct: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return recordVitals(ctx, e.d, pick(r, e.s.patients).id, e.ids[e.nurse], e.s.department, r)
		}},
	{name: "doctor's queue", budget: 20 * time.Millisecond, readsQueue: true,
		api: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return e.doctor(r).get(ctx, "/doctors/queue/", nil)
		},
		direct: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return doctorQueue(ctx, e.d, e.s.department, e.ids[e.doctor(r)])
		}},
	{name: "waiting list", budget: 20 * time.Millisecond, readsQueue: true,
		api: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return e.doctor(r).get(ctx, "/doctors/queue/waiting/", nil)
		},
		direct: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			return waitingList(ctx, e.d, e.s.department)
		}},
	{name: "call the next patient", byDoctor: true,
		api: func(ctx context.Context, e *env, w int, _ *rand.Rand) error {
			c := e.doctors[w%len(e.doctors)]
			var out struct {
				Entry *struct {
					ID int64 `json:"id"`
				} `json:"entry"`
			}
			if err := c.do(ctx, "POST", "/doctors/queue/next/", nil, &out); err != nil {
				return err
			}
			if out.Entry == nil {
				return errExhausted
			}
			select {
			case e.called <- calledEntry{id: out.Entry.ID, doctor: c}:
			default: // enough called for the next phase
			}
			return nil
		},
		direct: func(ctx context.Context, e *env, w int, _ *rand.Rand) error {
			return callNext(ctx, e.d, e.s.department, e.ids[e.doctors[w%len(e.doctors)]])
		}},
	{name: "complete consultation + bill", budget: 50 * time.Millisecond, byDoctor: true,
		api: func(ctx context.Context, e *env, _ int, r *rand.Rand) error {
			var c calledEntry
			select {
			case c = <-e.called:
			default:
				return errExhausted
			}
			path := "/doctors/queue/" + strconv.FormatInt(c.id, 10) + "/update_status/"
			return c.doctor.do(ctx, "POST", path, map[string]string{"status": "completed"}, nil)
		},
		direct: func(ctx context.Context, e *env, w int, r *rand.Rand) error {
			return complete(ctx, e.d, pick(r, e.s.patients).id, e.s.department, e.ids[e.doctors[w%len(e.doctors)]], today(e.loc))
		}},
}

// openChart reads a patient's profile, vitals and last 20 notes, as the chart page does.
func openChart(ctx context.Context, c *client, patient int64) error {
	id := strconv.FormatInt(patient, 10)
	for _, path := range []string{"/patients/api/patients/" + id + "/", "/patients/api/patients/" + id + "/vitals/",
		"/doctors/notes/?page_size=20&patient=" + id} {
		if err := c.get(ctx, path, nil); err != nil {
			return err
		}
	}
	return nil
}

// operationNamed is the operation called name; it panics on a name that is not one.
func operationNamed(name string) operation {
	for _, op := range operations {
		if op.name == name {
			return op
		}
	}
	panic("loadtest: no operation " + name)
}
