package queue

import (
	"context"
	"fmt"

	"healthsynx/internal/audit"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/vitals"
)

// Messages of the original's add_to_queue (E-34).
const (
	MsgNoVitals       = "No vitals recorded yet."
	MsgAlreadyInQueue = "Patient already in queue."
)

// invalidPK is the original's message for an id that names nothing (DRF's).
func invalidPK(id int64) string { return fmt.Sprintf("Invalid pk \"%d\" - object does not exist.", id) }

// Triage implements vitals.Triage: a patient whose vitals were just recorded joins the
// waiting queue, or their open entry takes the new vitals and the priority of their
// NEWS2 risk (W-1, B-24). The department is the one asked for, else the open entry's,
// else DefaultDepartment if it exists, else none. A department asked for moves a
// waiting entry; an entry already with the doctor keeps its department.
func (s *Service) Triage(ctx context.Context, tx *db.Tx, p *auth.Principal, set vitals.Set, pl vitals.Placement) (vitals.Queued, error) {
	dept, err := s.placement(ctx, tx, pl.Department)
	if err != nil {
		return vitals.Queued{}, err
	}
	now := db.Now()
	urgent := pl.Urgent != nil && *pl.Urgent
	fresh := entry{PatientID: set.PatientID, VitalsID: set.ID, DepartmentID: dept.id, Status: Waiting,
		Priority: priority(set.Risk(), urgent), Urgent: urgent, CreatedAt: now, WaitingSince: now, UpdatedAt: now}
	e, existing, err := s.open(ctx, tx, p, fresh)
	if err != nil || !existing {
		return queued(e, false), err
	}
	carried, err := s.newest(ctx, tx, e, set)
	if err != nil {
		return vitals.Queued{}, err
	}
	e.VitalsID, e.UpdatedAt = carried.ID, now
	if pl.Urgent != nil {
		e.Urgent = *pl.Urgent
	}
	e.Priority = priority(carried.Risk(), e.Urgent)
	from := e.DepartmentID
	if dept.asked && e.Status == Waiting {
		e.DepartmentID = dept.id
	}
	if err := refresh(ctx, tx, e); err != nil {
		return vitals.Queued{}, err
	}
	s.changed(tx, e)
	if from != e.DepartmentID {
		// the entry left a department: its queue must drop the row too
		left := e
		left.DepartmentID = from
		s.changed(tx, left)
	}
	return queued(e, true), s.Audit.Record(ctx, tx, event(ctx, p, audit.ActionUpdate, e, "queue entry refreshed with new vitals"))
}

// newest is the set an open entry should carry: the newer of its own and set. Sets
// recorded at once for one patient reach the entry in the order their transactions get
// its lock, not the order they were taken; the entry keeps the latest taken, the one
// the patient's history shows first.
func (s *Service) newest(ctx context.Context, tx *db.Tx, e entry, set vitals.Set) (vitals.Set, error) {
	if e.VitalsID == 0 {
		return set, nil
	}
	current, err := s.Vitals.Lock(ctx, tx, e.VitalsID)
	if err != nil || set.After(current) {
		return set, err
	}
	return current, nil
}

func queued(e entry, refreshed bool) vitals.Queued {
	q := vitals.Queued{ID: e.ID, Status: string(e.Status), Priority: e.Priority, Refreshed: refreshed}
	if e.DepartmentID != 0 {
		id := e.DepartmentID
		q.Department = &id
	}
	return q
}

// department is where a new entry goes: id 0 is no department; asked is true when the
// client named it (and it then also moves a waiting entry).
type department struct {
	id    int64
	asked bool
}

// placement checks the department a client asked for, or finds DefaultDepartment.
func (s *Service) placement(ctx context.Context, q db.Querier, asked *int64) (department, error) {
	if asked == nil {
		id, err := departmentByName(ctx, q, DefaultDepartment)
		return department{id: id}, err
	}
	ok, err := departmentExists(ctx, q, *asked)
	if err != nil {
		return department{}, err
	}
	if !ok {
		return department{}, errs.Field("department", invalidPK(*asked))
	}
	return department{id: *asked, asked: true}, nil
}

// open gives the patient the new entry fresh, or returns their open entry, locked, with
// existing true. Two transactions may both find no open entry; the unique index lets
// only one insert, and the other then finds and returns the entry that won.
func (s *Service) open(ctx context.Context, tx *db.Tx, p *auth.Principal, fresh entry) (e entry, existing bool, err error) {
	e, err = lockOpenEntry(ctx, tx, fresh.PatientID)
	if err == nil || !db.IsNoRows(err) {
		return e, err == nil, err
	}
	inserted, err := insertOpen(ctx, tx, &fresh)
	if err != nil {
		return fresh, false, err
	}
	if !inserted {
		e, err = lockOpenedEntry(ctx, tx, fresh.PatientID)
		return e, true, err
	}
	s.changed(tx, fresh)
	return fresh, false, s.Audit.Record(ctx, tx, event(ctx, p, audit.ActionCreate, fresh, "patient queued"))
}

// PlacementInput is the optional body of add_to_queue.
type PlacementInput struct {
	Department *int64 `json:"department"`
	Urgent     *bool  `json:"urgent"`
}

// AddToQueue queues a registered patient with their latest vitals (E-34). created is
// false when the patient already had an open entry, which is left as it is. Race-free:
// two calls at once open one entry (B-8).
func (s *Service) AddToQueue(ctx context.Context, p *auth.Principal, patientID int64, in PlacementInput) (out Entry, created bool, err error) {
	var id int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		ref, err := s.Patients.Ref(ctx, tx, patientID)
		if err != nil {
			return err
		}
		latest, ok, err := s.Vitals.Latest(ctx, tx, ref.ID)
		if err != nil {
			return err
		}
		if !ok {
			return &errs.Error{Kind: errs.Invalid, Key: "error", Message: MsgNoVitals}
		}
		dept, err := s.placement(ctx, tx, in.Department)
		if err != nil {
			return err
		}
		urgent := in.Urgent != nil && *in.Urgent
		now := db.Now()
		e, existing, err := s.open(ctx, tx, p, entry{PatientID: ref.ID, VitalsID: latest.ID, DepartmentID: dept.id,
			Status: Waiting, Priority: priority(latest.Risk(), urgent), Urgent: urgent, CreatedAt: now, WaitingSince: now, UpdatedAt: now})
		id, created = e.ID, !existing
		return err
	})
	if err != nil {
		return Entry{}, false, errs.Wrap("queue.AddToQueue", err)
	}
	out, err = s.fetch(ctx, p, id)
	return out, created, err
}

// CreateInput is the body of POST /doctors/queue/ (E-39).
type CreateInput struct {
	Patient *int64 `json:"patient"`
	// Vitals is one of the patient's sets; absent: their latest, if any.
	Vitals     *int64 `json:"vitals"`
	Department *int64 `json:"department"`
	Urgent     *bool  `json:"urgent"`
}

// Create queues a patient (E-39, which the original could not do: B-10). A patient who
// already has an open entry is refused.
func (s *Service) Create(ctx context.Context, p *auth.Principal, in CreateInput) (Entry, error) {
	if in.Patient == nil {
		return Entry{}, errs.Field("patient", "This field is required.")
	}
	var id int64
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		ref, err := s.Patients.Ref(ctx, tx, *in.Patient)
		if errs.Is(err, errs.NotFound) {
			return errs.Field("patient", invalidPK(*in.Patient))
		}
		if err != nil {
			return err
		}
		set, err := s.createVitals(ctx, tx, ref.ID, in.Vitals)
		if err != nil {
			return err
		}
		dept, err := s.placement(ctx, tx, in.Department)
		if err != nil {
			return err
		}
		urgent := in.Urgent != nil && *in.Urgent
		now := db.Now()
		e, existing, err := s.open(ctx, tx, p, entry{PatientID: ref.ID, VitalsID: set.ID, DepartmentID: dept.id,
			Status: Waiting, Priority: priority(set.Risk(), urgent), Urgent: urgent, CreatedAt: now, WaitingSince: now, UpdatedAt: now})
		if err == nil && existing {
			return errs.Field("patient", MsgAlreadyInQueue)
		}
		id = e.ID
		return err
	})
	if err != nil {
		return Entry{}, errs.Wrap("queue.Create", err)
	}
	return s.fetch(ctx, p, id)
}

// createVitals is the set a new entry carries: the one named, which must be the
// patient's, else the patient's latest; a zero Set when there is none.
func (s *Service) createVitals(ctx context.Context, tx *db.Tx, patientID int64, named *int64) (vitals.Set, error) {
	if named == nil {
		set, _, err := s.Vitals.Latest(ctx, tx, patientID)
		return set, err
	}
	set, err := s.Vitals.Get(ctx, tx, *named)
	if errs.Is(err, errs.NotFound) || (err == nil && set.PatientID != patientID) {
		return set, errs.Field("vitals", invalidPK(*named))
	}
	return set, err
}

// fetch reads an entry after its transaction committed, with its names, for the answer.
func (s *Service) fetch(ctx context.Context, p *auth.Principal, id int64) (Entry, error) {
	e, err := getEntry(ctx, s.DB, id)
	if err != nil {
		return Entry{}, errs.Wrap("queue.fetch", err)
	}
	out, err := s.entries(ctx, s.DB, p, []entry{e})
	if err != nil {
		return Entry{}, errs.Wrap("queue.fetch", err)
	}
	return out[0], nil
}
