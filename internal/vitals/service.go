package vitals

import (
	"context"
	"strconv"

	"healthsynx/internal/audit"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// HistoryLimit bounds a patient's vitals history (E-33 is unpaginated, as the original).
const HistoryLimit = 200

// Database is what the service needs of the database: *db.DB, or a wrapper around it
// (the tests count the queries a list issues).
type Database interface {
	db.Querier
	InTx(ctx context.Context, fn func(tx *db.Tx) error) error
}

// Auditor records who read or wrote a patient's vitals (audit.Log does).
type Auditor interface {
	Record(ctx context.Context, q db.Querier, e audit.Event) error
	RecordAsync(e audit.Event)
}

// Triage puts a patient whose vitals were just recorded in the doctor queue, or refreshes
// their open entry, inside the transaction that recorded them. queue.Service implements
// it; vitals cannot import the queue, which shows vitals. It must use only tx.
type Triage interface {
	Triage(ctx context.Context, tx *db.Tx, p *auth.Principal, s Set, pl Placement) (Queued, error)
}

// Queued is the queue entry that recording vitals opened or refreshed.
type Queued struct {
	ID         int64  `json:"id"`
	Status     string `json:"status"`
	Department *int64 `json:"department"`
	Priority   int    `json:"priority"`
	// Refreshed is true when the patient already had an open entry, which now carries
	// these vitals and their priority.
	Refreshed bool `json:"refreshed"`
}

// Service holds the vitals use cases. Callers have passed the route's permission check.
type Service struct {
	DB       Database
	Patients *patients.Service
	Audit    Auditor
	Queue    Triage
}

// Recorded is the result of recording vitals.
type Recorded struct {
	Vitals Vitals
	Queue  Queued
}

// Record stores a set of vitals for a registered patient and queues the patient, in one
// transaction: both happen or neither (W-1, B-7).
func (s *Service) Record(ctx context.Context, p *auth.Principal, patientID int64, in Input) (Recorded, error) {
	set, pl, err := in.Validate()
	if err != nil {
		return Recorded{}, err
	}
	var out Recorded
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		ref, err := s.Patients.Ref(ctx, tx, patientID)
		if err != nil {
			return err
		}
		set.PatientID, set.RecordedBy, set.RecordedAt = ref.ID, p.UserID, db.Now()
		if err := insert(ctx, tx, &set); err != nil {
			return err
		}
		q, err := s.Queue.Triage(ctx, tx, p, set, pl)
		if err != nil {
			return err
		}
		out = Recorded{Vitals: set.View(), Queue: q}
		return s.Audit.Record(ctx, tx, event(ctx, p, audit.ActionCreate, set.ID, ref.ID, "vitals recorded"))
	})
	return out, errs.Wrap("vitals.Record", err)
}

// History returns a patient's vitals, newest first, at most HistoryLimit sets. Archived
// patients keep their history; an unknown patient is NotFound.
func (s *Service) History(ctx context.Context, p *auth.Principal, patientID int64) ([]Vitals, error) {
	known, err := s.Patients.Patients(ctx, s.DB, []int64{patientID})
	if err != nil {
		return nil, errs.Wrap("vitals.History", err)
	}
	if _, ok := known[patientID]; !ok {
		return nil, errs.E(errs.NotFound, web.MsgNotFound)
	}
	sets, err := ofPatient(ctx, s.DB, patientID, HistoryLimit)
	if err != nil {
		return nil, errs.Wrap("vitals.History", err)
	}
	s.Audit.RecordAsync(event(ctx, p, audit.ActionView, 0, patientID, "vitals history"))
	return views(sets), nil
}

// Mine returns the caller's own vitals, newest first, at most HistoryLimit sets. Only a
// patient has any; an administrator, who may call every route, gets none.
func (s *Service) Mine(ctx context.Context, p *auth.Principal) ([]Vitals, error) {
	if p.Role != auth.RolePatient {
		return []Vitals{}, nil
	}
	sets, err := ofPatient(ctx, s.DB, p.UserID, HistoryLimit)
	return views(sets), errs.Wrap("vitals.Mine", err)
}

// Latest returns the patient's newest set; ok is false when none was recorded.
func (s *Service) Latest(ctx context.Context, q db.Querier, patientID int64) (set Set, ok bool, err error) {
	sets, err := ofPatient(ctx, q, patientID, 1)
	if err != nil || len(sets) == 0 {
		return Set{}, false, errs.Wrap("vitals.Latest", err)
	}
	return sets[0], true, nil
}

// ByIDs returns the representations of the given sets in one query, keyed by id, for
// lists that nest vitals.
func (s *Service) ByIDs(ctx context.Context, q db.Querier, ids []int64) (map[int64]Vitals, error) {
	out := make(map[int64]Vitals, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	sets, err := byIDs(ctx, q, ids)
	if err != nil {
		return nil, errs.Wrap("vitals.ByIDs", err)
	}
	for _, set := range sets {
		out[set.ID] = set.View()
	}
	return out, nil
}

// Get returns one set, or NotFound.
func (s *Service) Get(ctx context.Context, q db.Querier, id int64) (Set, error) {
	set, err := get(ctx, q, id)
	if db.IsNoRows(err) {
		return set, errs.E(errs.NotFound, web.MsgNotFound)
	}
	return set, errs.Wrap("vitals.Get", err)
}

// Lock reads one set inside tx and locks it. Unlike a plain read, a locking read sees
// what committed after the transaction began on every engine (MySQL's plain reads see
// the transaction's snapshot): use it for a set named by a row the caller has locked.
func (s *Service) Lock(ctx context.Context, tx *db.Tx, id int64) (Set, error) {
	set, err := lock(ctx, tx, id)
	if db.IsNoRows(err) {
		return set, errs.E(errs.NotFound, web.MsgNotFound)
	}
	return set, errs.Wrap("vitals.Lock", err)
}

func views(sets []Set) []Vitals {
	out := make([]Vitals, len(sets))
	for i, set := range sets {
		out[i] = set.View()
	}
	return out
}

// event is an audit event of the caller about a patient's vitals. The request id ties it
// to the access log line of the request, which has the client address.
func event(ctx context.Context, p *auth.Principal, action audit.Action, id, patientID int64, detail string) audit.Event {
	e := audit.Event{ActorID: p.UserID, ActorUsername: p.Username, ActorRole: p.Role, Action: action,
		ObjectType: "vitals", PatientID: patientID, RequestID: web.RequestID(ctx), Detail: detail}
	if id != 0 {
		e.ObjectID = strconv.FormatInt(id, 10)
	}
	return e
}
