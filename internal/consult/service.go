package consult

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"healthsynx/internal/audit"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/queue"
)

// Database is what the service needs of the database: *db.DB, or a wrapper around it
// (the tests count the queries a list issues).
type Database interface {
	db.Querier
	InTx(ctx context.Context, fn func(tx *db.Tx) error) error
}

// Auditor records who wrote or read a patient's notes (audit.Log does).
type Auditor interface {
	Record(ctx context.Context, q db.Querier, e audit.Event) error
	RecordAsync(e audit.Event)
}

// Service holds the consultation use cases. Callers have passed the route's permission
// check (NotesRead: doctors and nurses; NotesWrite: doctors).
type Service struct {
	DB       Database
	Patients *patients.Service
	Queue    *queue.Service
	Audit    Auditor
}

// invalidPK is the original's message for an id that names nothing (DRF's).
func invalidPK(id int64) string { return fmt.Sprintf("Invalid pk \"%d\" - object does not exist.", id) }

// Create stores a note signed by the caller about one of the patient's visits, with its
// coded diagnoses, in one transaction (E-44).
func (s *Service) Create(ctx context.Context, p *auth.Principal, in Input) (Note, error) {
	d, err := in.validate()
	if err != nil {
		return Note{}, err
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := s.Patients.Ref(ctx, tx, d.patientID); errs.Is(err, errs.NotFound) {
			return errs.Field("patient", invalidPK(d.patientID))
		} else if err != nil {
			return err
		}
		visits, err := s.Queue.Visits(ctx, tx, []int64{d.queueID})
		if err != nil {
			return err
		}
		v, ok := visits[d.queueID]
		if !ok {
			return errs.Field("queue_item", invalidPK(d.queueID))
		}
		if v.PatientID != d.patientID {
			return errs.Field("queue_item", MsgOtherPatient)
		}
		now := db.Now()
		if id, err = insertNote(ctx, tx, d, p.UserID, now); err != nil {
			return err
		}
		for _, c := range d.diagnoses {
			if err := insertDiagnosis(ctx, tx, id, d.patientID, c, now); err != nil {
				return err
			}
		}
		return s.Audit.Record(ctx, tx, event(ctx, p, audit.ActionCreate, id, d.patientID, "note signed"))
	})
	if err != nil {
		return Note{}, errs.Wrap("consult.Create", err)
	}
	return s.note(ctx, id)
}

// AddAddendum adds text to a note, signed by the caller (E-45's replacement): any
// doctor may add to any note, as colleagues add to a shared record; the note itself
// never changes.
func (s *Service) AddAddendum(ctx context.Context, p *auth.Principal, noteID int64, in AddendumInput) (Addendum, error) {
	text, err := in.text()
	if err != nil {
		return Addendum{}, err
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		n, err := getNote(ctx, tx, noteID)
		if db.IsNoRows(err) {
			return errs.E(errs.NotFound, web.MsgNotFound)
		}
		if err != nil {
			return err
		}
		if id, err = insertAddendum(ctx, tx, n.ID, p.UserID, text, db.Now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, event(ctx, p, audit.ActionUpdate, n.ID, n.PatientID, "addendum signed"))
	})
	if err != nil {
		return Addendum{}, errs.Wrap("consult.AddAddendum", err)
	}
	a, err := getAddendum(ctx, s.DB, id)
	return a.view(), errs.Wrap("consult.AddAddendum", err)
}

// Get returns one note and records the read.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id int64) (Note, error) {
	n, err := s.note(ctx, id)
	if err != nil {
		return Note{}, err
	}
	s.Audit.RecordAsync(event(ctx, p, audit.ActionView, n.ID, n.Patient, ""))
	return n, nil
}

// note reads one note with everything it shows.
func (s *Service) note(ctx context.Context, id int64) (Note, error) {
	row, err := getNote(ctx, s.DB, id)
	if db.IsNoRows(err) {
		return Note{}, errs.E(errs.NotFound, web.MsgNotFound)
	}
	if err != nil {
		return Note{}, errs.Wrap("consult.note", err)
	}
	out, err := s.notes(ctx, []noteRow{row})
	if err != nil {
		return Note{}, errs.Wrap("consult.note", err)
	}
	return out[0], nil
}

// NoteFilter narrows the notes list.
type NoteFilter struct {
	PatientID int64
	QueueID   int64
}

// List returns one page of notes, newest first, in six queries whatever the page size,
// and records a read for each patient whose notes it shows.
func (s *Service) List(ctx context.Context, p *auth.Principal, f NoteFilter, page *web.PageRequest) ([]Note, int, error) {
	nf := noteFilter{patientID: f.PatientID, queueID: f.QueueID}
	n, err := countNotes(ctx, s.DB, nf)
	if err != nil {
		return nil, 0, errs.Wrap("consult.List", err)
	}
	if err := page.Resolve(n); err != nil {
		return nil, 0, err
	}
	rows, err := listNotes(ctx, s.DB, nf, page.Size, page.Offset())
	if err != nil {
		return nil, 0, errs.Wrap("consult.List", err)
	}
	out, err := s.notes(ctx, rows)
	if err != nil {
		return nil, 0, errs.Wrap("consult.List", err)
	}
	s.recordReads(ctx, p, out)
	return out, n, nil
}

// recordReads records one read per patient of a page of notes, naming the notes read.
func (s *Service) recordReads(ctx context.Context, p *auth.Principal, notes []Note) {
	byPatient := map[int64][]string{}
	var order []int64
	for _, n := range notes {
		if _, seen := byPatient[n.Patient]; !seen {
			order = append(order, n.Patient)
		}
		byPatient[n.Patient] = append(byPatient[n.Patient], strconv.FormatInt(n.ID, 10))
	}
	for _, patient := range order {
		s.Audit.RecordAsync(event(ctx, p, audit.ActionView, 0, patient, "notes "+strings.Join(byPatient[patient], ", ")))
	}
}

// notes builds the representations of rows: the patients' names, the visits, the coded
// diagnoses and the addenda, each in one query.
func (s *Service) notes(ctx context.Context, rows []noteRow) ([]Note, error) {
	out := make([]Note, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	noteIDs := make([]int64, len(rows))
	patientIDs := make([]int64, len(rows))
	queueIDs := make([]int64, len(rows))
	for i, r := range rows {
		noteIDs[i], patientIDs[i], queueIDs[i] = r.ID, r.PatientID, r.QueueID
	}
	pts, err := s.Patients.Patients(ctx, s.DB, patientIDs)
	if err != nil {
		return nil, err
	}
	visits, err := s.Queue.Visits(ctx, s.DB, queueIDs)
	if err != nil {
		return nil, err
	}
	dx, err := diagnosesOf(ctx, s.DB, noteIDs)
	if err != nil {
		return nil, err
	}
	add, err := addendaOf(ctx, s.DB, noteIDs)
	if err != nil {
		return nil, err
	}
	for i, r := range rows {
		patientName := pts[r.PatientID].FullName
		v := visits[r.QueueID]
		n := Note{ID: r.ID, Doctor: r.DoctorName, DoctorID: r.DoctorID, Patient: r.PatientID, PatientName: patientName,
			QueueItem: r.QueueID, QueueInfo: QueueInfo{ID: v.ID, Status: string(v.Status), Patient: patientName, CreatedAt: web.Time(v.CreatedAt)},
			History: r.History, Examination: r.Examination, Plan: r.Plan, Diagnosis: r.Diagnosis, Prescription: r.Prescription,
			Diagnoses: append([]Code{}, dx[r.ID]...), Addenda: []Addendum{}, CreatedAt: web.Time(r.CreatedAt)}
		for _, a := range add[r.ID] {
			n.Addenda = append(n.Addenda, a.view())
		}
		out[i] = n
	}
	return out, nil
}

// Visits returns one page of the caller's own visit summaries, the latest first: the
// visits a doctor wrote a note about. Only a patient has any; an administrator, who may
// call every route, gets none. Five queries whatever the page size.
func (s *Service) Visits(ctx context.Context, p *auth.Principal, page *web.PageRequest) ([]VisitSummary, int, error) {
	if p.Role != auth.RolePatient {
		return []VisitSummary{}, 0, page.Resolve(0)
	}
	n, err := countVisits(ctx, s.DB, p.UserID)
	if err != nil {
		return nil, 0, errs.Wrap("consult.Visits", err)
	}
	if err := page.Resolve(n); err != nil {
		return nil, 0, err
	}
	queueIDs, err := visitsWithNotes(ctx, s.DB, p.UserID, page.Size, page.Offset())
	if err != nil || len(queueIDs) == 0 {
		return []VisitSummary{}, n, errs.Wrap("consult.Visits", err)
	}
	out, err := s.summaries(ctx, queueIDs)
	return out, n, errs.Wrap("consult.Visits", err)
}

// summaries builds the summaries of the given visits, in their order.
func (s *Service) summaries(ctx context.Context, queueIDs []int64) ([]VisitSummary, error) {
	visits, err := s.Queue.Visits(ctx, s.DB, queueIDs)
	if err != nil {
		return nil, err
	}
	rows, err := notesOfVisits(ctx, s.DB, queueIDs)
	if err != nil {
		return nil, err
	}
	noteIDs := make([]int64, len(rows))
	for i, r := range rows {
		noteIDs[i] = r.ID
	}
	dx, err := diagnosesOf(ctx, s.DB, noteIDs)
	if err != nil {
		return nil, err
	}
	out := make([]VisitSummary, len(queueIDs))
	index := map[int64]int{}
	plans := make([][]string, len(queueIDs))
	for i, id := range queueIDs {
		v := visits[id]
		out[i] = VisitSummary{Visit: id, Date: web.Time(v.CreatedAt), Department: v.Department, Doctor: v.Doctor, Diagnoses: []Code{}}
		index[id] = i
	}
	for _, r := range rows {
		i := index[r.QueueID]
		if out[i].Doctor == "" {
			out[i].Doctor = r.DoctorName
		}
		if r.Plan != "" {
			plans[i] = append(plans[i], r.Plan)
		}
		for _, c := range dx[r.ID] {
			if !slices.Contains(out[i].Diagnoses, c) {
				out[i].Diagnoses = append(out[i].Diagnoses, c)
			}
		}
	}
	for i := range out {
		out[i].Plan = strings.Join(plans[i], "\n\n")
	}
	return out, nil
}

// event is an audit event of the caller about a patient's notes. The request id ties it
// to the access log line of the request, which has the client address.
func event(ctx context.Context, p *auth.Principal, action audit.Action, id, patientID int64, detail string) audit.Event {
	e := audit.Event{ActorID: p.UserID, ActorUsername: p.Username, ActorRole: p.Role, Action: action,
		ObjectType: "consultation_note", PatientID: patientID, RequestID: web.RequestID(ctx), Detail: detail}
	if id != 0 {
		e.ObjectID = strconv.FormatInt(id, 10)
	}
	return e
}
