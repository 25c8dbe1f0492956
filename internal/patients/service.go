package patients

import (
	"context"
	"strconv"
	"time"

	"healthsynx/internal/audit"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// Service holds the patient use cases.
type Service struct {
	DB *db.DB
	// Identity creates the patient's account, sets its password and (de)activates it.
	Identity *identity.Service
	Audit    *audit.Log
	// Location is the hospital's time zone: a date of birth may be today there.
	Location *time.Location

	sections []Section
}

// Caller is who asks: the principal the object rules look at, and the audit event
// the request starts (audit.Log.FromRequest), which the service completes.
type Caller struct {
	Principal *auth.Principal
	Audit     audit.Event
}

// today is the hospital's date, at midnight UTC as dates are stored.
func (s *Service) today() time.Time {
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := time.Now().In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// record appends a change of patient id to the audit log inside tx.
func (s *Service) record(ctx context.Context, tx *db.Tx, c Caller, action audit.Action, id int64, detail string) error {
	e := c.Audit
	e.Action, e.ObjectType, e.ObjectID, e.PatientID, e.Detail = action, "patient", strconv.FormatInt(id, 10), id, detail
	return s.Audit.Record(ctx, tx, e)
}

// viewed records, without making the reader wait, that c read patient id's record.
func (s *Service) viewed(c Caller, id int64) {
	e := c.Audit
	e.Action, e.ObjectType, e.ObjectID, e.PatientID = audit.ActionView, "patient", strconv.FormatInt(id, 10), id
	s.Audit.RecordAsync(e)
}

// notFound is the answer for a patient the caller may not know of.
func notFound() error { return errs.E(errs.NotFound, web.MsgNotFound) }

// Get returns one patient and records the read. An archived patient is found only by
// those who may restore it.
func (s *Service) Get(ctx context.Context, c Caller, id int64) (Patient, error) {
	p, err := getPatient(ctx, s.DB, id, false)
	if db.IsNoRows(err) || err == nil && p.Archived && !auth.Allows(c.Principal, auth.PatientsRestore) {
		return Patient{}, notFound()
	}
	if err != nil {
		return Patient{}, errs.Wrap("patients.Get", err)
	}
	s.viewed(c, id)
	return p, nil
}

// live returns a patient who is not archived, without recording a read.
func (s *Service) live(ctx context.Context, id int64) (Patient, error) {
	p, err := getPatient(ctx, s.DB, id, false)
	if db.IsNoRows(err) || err == nil && p.Archived {
		return Patient{}, notFound()
	}
	return p, errs.Wrap("patients.live", err)
}

// Me returns the caller's own patient record.
func (s *Service) Me(ctx context.Context, c Caller) (Patient, error) {
	p, err := getPatient(ctx, s.DB, c.Principal.UserID, false)
	if db.IsNoRows(err) {
		return p, notFound()
	}
	return p, errs.Wrap("patients.Me", err)
}
