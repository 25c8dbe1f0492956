package queue

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"healthsynx/internal/audit"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/vitals"
)

// Database is what the service needs of the database: *db.DB, or a wrapper around it
// (the tests count the queries a list issues).
type Database interface {
	db.Querier
	InTx(ctx context.Context, fn func(tx *db.Tx) error) error
}

// Auditor records who changed or opened a queue entry (audit.Log does).
type Auditor interface {
	Record(ctx context.Context, q db.Querier, e audit.Event) error
	RecordAsync(e audit.Event)
}

// Service holds the queue use cases. Callers have passed the route's permission check;
// the service applies the object rules (which entries a role sees and may change).
type Service struct {
	DB       Database
	Patients *patients.Service
	Vitals   *vitals.Service
	Audit    Auditor
	// Biller charges the consultation when a visit ends; nil until a billing module is
	// wired (see ConsultationBiller).
	Biller ConsultationBiller
	// OnChange, when set, is called after every committed change of an entry (live
	// updates). It runs on the request's goroutine: it must not block.
	OnChange func(ev Event)
	// Location is the hospital's time zone, for "today" (nil: UTC).
	Location *time.Location
}

// DefaultDepartment is the department whose queue a patient joins when nobody says
// which (the original's demo data has it).
const DefaultDepartment = "Doctor"

// WaitingLimit bounds the unpaginated lists: the waiting list (E-41) and the doctor's
// dashboard (E-13).
const WaitingLimit = 200

// WaitingPage is how many waiting patients the waiting list returns unless asked for
// more (?limit=, up to WaitingLimit): a full waiting room was 380 KB per call, and a
// doctor acts on the first few.
const WaitingPage = 50

// PharmacyWindow is how far back the pharmacy desk sees entries sent to it.
const PharmacyWindow = 24 * time.Hour

// Scope values of the list.
const (
	ScopeOpen = "open" // visits not over (the default)
	ScopeAll  = "all"  // every entry, closed ones too (administrators)
)

// ListFilter narrows the queue list.
type ListFilter struct {
	Scope     string
	Status    Status // "" for every status of the scope
	PatientID int64
}

// MsgScopeAll refuses ?scope=all to the roles that see only their own part of the queue.
const MsgScopeAll = "Only administrators can list every entry."

// view is the part of the queue a caller sees (E-38): doctors their department's waiting
// patients and the patients they hold; the pharmacy, lab and imaging desks the patients
// sent to them; nurses and administrators every open entry, and administrators closed
// ones too with scope=all.
func view(p *auth.Principal, lf ListFilter) (filter, error) {
	f := filter{patientID: lf.PatientID}
	if lf.Scope != "" && lf.Scope != ScopeOpen && lf.Scope != ScopeAll {
		return f, errs.Field("scope", "\""+lf.Scope+"\" is not a valid choice.")
	}
	if lf.Status != "" && !lf.Status.Valid() {
		return f, errs.Field("status", "\""+string(lf.Status)+"\" is not a valid choice.")
	}
	admin := p.FullAccess() || p.Role == auth.RoleHospitalAdmin
	if lf.Scope == ScopeAll && !admin {
		return f, errs.Field("scope", MsgScopeAll)
	}
	switch {
	case admin && lf.Scope == ScopeAll:
	case admin, p.Role == auth.RoleNurse:
		f.statuses = openStatuses
	case p.Role == auth.RoleDoctor:
		f.doctor = &doctorView{departmentID: p.DepartmentID, userID: p.UserID}
	case p.Role == auth.RolePharmacist:
		f.statuses = []Status{SentToPharmacy}
		f.closedSince = db.Now().Add(-PharmacyWindow)
	case p.Role == auth.RoleLabTech:
		f.statuses = []Status{SentToLab}
	case p.Role == auth.RoleImagingTech:
		f.statuses = []Status{SentToImaging}
	default:
		f.statuses = []Status{} // sees nothing
	}
	if lf.Status != "" {
		if f.statuses == nil || slices.Contains(f.statuses, lf.Status) {
			f.statuses = []Status{lf.Status}
		} else {
			f.statuses = []Status{} // a status outside the caller's view: nothing
		}
	}
	return f, nil
}

// sees reports whether the caller may open entry e: administrators and nurses any;
// doctors those waiting in their department and those they hold or held; the desks
// those currently sent to them.
func sees(p *auth.Principal, e entry) bool {
	switch {
	case p.FullAccess(), p.Role == auth.RoleHospitalAdmin, p.Role == auth.RoleNurse:
		return true
	case p.Role == auth.RoleDoctor:
		return e.DoctorID == p.UserID || (e.Status == Waiting && e.DepartmentID == p.DepartmentID)
	case p.Role == auth.RolePharmacist:
		return e.Status == SentToPharmacy
	case p.Role == auth.RoleLabTech:
		return e.Status == SentToLab
	case p.Role == auth.RoleImagingTech:
		return e.Status == SentToImaging
	}
	return false
}

// mayChange reports whether the caller may move entry e: administrators any; a doctor
// an entry waiting in their department or one they hold. Others never get here (the
// route needs QueueManage).
func mayChange(p *auth.Principal, e entry) bool {
	if p.FullAccess() {
		return true
	}
	return p.Role == auth.RoleDoctor && (e.DoctorID == p.UserID || (e.Status == Waiting && e.DepartmentID == p.DepartmentID))
}

// List returns one page of the caller's view of the queue, newest first (as the
// original), in four queries whatever the page size.
func (s *Service) List(ctx context.Context, p *auth.Principal, lf ListFilter, page *web.PageRequest) ([]Entry, int, error) {
	f, err := view(p, lf)
	if err != nil {
		return nil, 0, err
	}
	if f.statuses != nil && len(f.statuses) == 0 {
		return []Entry{}, 0, page.Resolve(0)
	}
	n, err := countEntries(ctx, s.DB, f)
	if err != nil {
		return nil, 0, errs.Wrap("queue.List", err)
	}
	if err := page.Resolve(n); err != nil {
		return nil, 0, err
	}
	rows, err := listEntries(ctx, s.DB, f, newestFirst, page.Size, page.Offset())
	if err != nil {
		return nil, 0, errs.Wrap("queue.List", err)
	}
	out, err := s.entries(ctx, s.DB, p, rows)
	return out, n, errs.Wrap("queue.List", err)
}

// Waiting returns the first limit (1 to WaitingLimit) waiting patients the caller may
// call, next first: highest NEWS2 band, then urgent, then longest waiting (E-41), and
// how many wait in all. Doctors see their department's; nurses and administrators
// every department's; the desks none. Four queries, whatever the limit.
func (s *Service) Waiting(ctx context.Context, p *auth.Principal, limit int) ([]Entry, int, error) {
	switch {
	case limit < 1:
		return nil, 0, errs.Field("limit", "Ensure this value is greater than or equal to 1.")
	case limit > WaitingLimit:
		return nil, 0, errs.Field("limit", fmt.Sprintf("Ensure this value is less than or equal to %d.", WaitingLimit))
	}
	f := filter{statuses: []Status{Waiting}}
	switch {
	case p.FullAccess(), p.Role == auth.RoleHospitalAdmin, p.Role == auth.RoleNurse:
	case p.Role == auth.RoleDoctor:
		f.doctor = &doctorView{departmentID: p.DepartmentID, userID: p.UserID}
	default:
		return []Entry{}, 0, nil
	}
	n, err := countEntries(ctx, s.DB, f)
	if err != nil {
		return nil, 0, errs.Wrap("queue.Waiting", err)
	}
	rows, err := listEntries(ctx, s.DB, f, nextFirst, limit, 0)
	if err != nil {
		return nil, 0, errs.Wrap("queue.Waiting", err)
	}
	out, err := s.entries(ctx, s.DB, p, rows)
	return out, n, errs.Wrap("queue.Waiting", err)
}

// Get returns one entry the caller may see; any other is NotFound. Opening an entry
// shows the patient's record, so it is audited.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id int64) (Entry, error) {
	e, err := getEntry(ctx, s.DB, id)
	if db.IsNoRows(err) || (err == nil && !sees(p, e)) {
		return Entry{}, errs.E(errs.NotFound, web.MsgNotFound)
	}
	if err != nil {
		return Entry{}, errs.Wrap("queue.Get", err)
	}
	out, err := s.entries(ctx, s.DB, p, []entry{e})
	if err != nil {
		return Entry{}, errs.Wrap("queue.Get", err)
	}
	s.Audit.RecordAsync(event(ctx, p, audit.ActionView, e, "queue entry"))
	return out[0], nil
}

// Visit is a queue entry as other modules name it (consultation notes, billing).
type Visit struct {
	ID           int64
	PatientID    int64
	DoctorID     int64 // 0 when none
	DepartmentID int64 // 0 when none
	Department   string
	Doctor       string // the doctor's name, "" when none
	Status       Status
	CreatedAt    time.Time
}

// Visits returns the given entries keyed by id, in one query, through q (the caller's
// transaction or the database).
func (s *Service) Visits(ctx context.Context, q db.Querier, ids []int64) (map[int64]Visit, error) {
	out := make(map[int64]Visit, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := entriesByIDs(ctx, q, ids)
	if err != nil {
		return nil, errs.Wrap("queue.Visits", err)
	}
	for _, e := range rows {
		out[e.ID] = Visit{ID: e.ID, PatientID: e.PatientID, DoctorID: e.DoctorID, DepartmentID: e.DepartmentID,
			Department: e.DepartmentName, Doctor: e.DoctorName, Status: e.Status, CreatedAt: e.CreatedAt}
	}
	return out, nil
}

// changed publishes e once the transaction commits.
func (s *Service) changed(tx *db.Tx, e entry) {
	if s.OnChange == nil {
		return
	}
	ev := Event{DepartmentID: e.DepartmentID, EntryID: e.ID, PatientID: e.PatientID, Status: e.Status}
	tx.AfterCommit(func() { s.OnChange(ev) })
}

// event is an audit event of the caller about entry e. The request id ties it to the
// access log line of the request, which has the client address.
func event(ctx context.Context, p *auth.Principal, action audit.Action, e entry, detail string) audit.Event {
	return audit.Event{ActorID: p.UserID, ActorUsername: p.Username, ActorRole: p.Role, Action: action,
		ObjectType: "queue_entry", ObjectID: strconv.FormatInt(e.ID, 10), PatientID: e.PatientID,
		RequestID: web.RequestID(ctx), Detail: detail}
}
