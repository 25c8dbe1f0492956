package queue

import (
	"context"
	"fmt"

	"healthsynx/internal/audit"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// Messages of the original's update_status (E-42) and send_to_pharmacy (E-35).
const (
	MsgInvalidStatus    = "Invalid status value."
	MsgMustBeWithDoctor = "Patient must be with doctor before sending to pharmacy."
	MsgSentToPharmacy   = "Patient sent to pharmacy. Consultation fee added."
	MsgOnlyDoctorsCall  = "Only a doctor can call the next patient."
	MsgQueueEmpty       = "The queue is empty."
)

// StatusUpdatedMessage is the original's answer to update_status.
func StatusUpdatedMessage(status Status, username string) string {
	return fmt.Sprintf("Queue status updated to '%s' for patient %s.", status, username)
}

// UpdateStatus moves an entry through the state machine (E-42). A doctor who moves an
// entry becomes its doctor; other callers leave the doctor as it is (B-9).
func (s *Service) UpdateStatus(ctx context.Context, p *auth.Principal, id int64, to Status) (Entry, error) {
	if !to.Valid() {
		return Entry{}, &errs.Error{Kind: errs.Invalid, Key: "error", Message: MsgInvalidStatus}
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		e, err := s.lockChangeable(ctx, tx, p, id)
		if err != nil {
			return err
		}
		_, err = s.transition(ctx, tx, p, e, to, "")
		return err
	})
	if err != nil {
		return Entry{}, errs.Wrap("queue.UpdateStatus", err)
	}
	return s.fetch(ctx, p, id)
}

// SendToPharmacy ends the visit of a patient who is with the doctor and sends them to
// the pharmacy (E-35); the consultation is charged in the same transaction.
func (s *Service) SendToPharmacy(ctx context.Context, p *auth.Principal, id int64) (Entry, error) {
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		e, err := s.lockChangeable(ctx, tx, p, id)
		if err != nil {
			return err
		}
		_, err = s.transition(ctx, tx, p, e, SentToPharmacy, MsgMustBeWithDoctor)
		return err
	})
	if err != nil {
		return Entry{}, errs.Wrap("queue.SendToPharmacy", err)
	}
	return s.fetch(ctx, p, id)
}

// ResultsBack returns a patient away at the lab or imaging to the waiting queue, inside
// the caller's transaction (the lab and imaging modules call it when results are out).
// The entry keeps its doctor, who is offered the patient first.
func (s *Service) ResultsBack(ctx context.Context, tx *db.Tx, p *auth.Principal, id int64) error {
	e, err := lockEntry(ctx, tx, id)
	if db.IsNoRows(err) {
		return errs.E(errs.NotFound, web.MsgNotFound)
	}
	if err != nil {
		return errs.Wrap("queue.ResultsBack", err)
	}
	_, err = s.transition(ctx, tx, p, e, Waiting, "")
	return err
}

// UpdateInput is the body of PUT and PATCH /doctors/queue/{id}/ (E-40); both change only
// the fields given. The status moves through the state machine; doctor must be an active
// doctor's user id (it cannot be removed); urgent re-orders the entry within its band.
type UpdateInput struct {
	Status *Status `json:"status"`
	Doctor *int64  `json:"doctor"`
	Urgent *bool   `json:"urgent"`
}

// Update changes an entry (E-40). Nothing but these fields can change: the patient, the
// vitals and the times are the record of the visit (B-14).
func (s *Service) Update(ctx context.Context, p *auth.Principal, id int64, in UpdateInput) (Entry, error) {
	f := errs.Fields{}
	if in.Status != nil && !in.Status.Valid() {
		f.Add("status", "\""+string(*in.Status)+"\" is not a valid choice.")
	}
	if err := f.Err(); err != nil {
		return Entry{}, err
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		e, err := s.lockChangeable(ctx, tx, p, id)
		if err != nil {
			return err
		}
		assigning := in.Doctor != nil || in.Urgent != nil
		if assigning {
			if e, err = s.assign(ctx, tx, e, in); err != nil {
				return err
			}
		}
		if in.Status != nil && *in.Status != e.Status {
			if _, err = s.transition(ctx, tx, p, e, *in.Status, ""); err != nil {
				return err
			}
		}
		if !assigning {
			return nil
		}
		// Recorded last: the audit chain stays locked until the transaction ends.
		return s.Audit.Record(ctx, tx, event(ctx, p, audit.ActionUpdate, e, "doctor or urgency changed"))
	})
	if err != nil {
		return Entry{}, errs.Wrap("queue.Update", err)
	}
	return s.fetch(ctx, p, id)
}

// MsgVisitOver refuses to change the doctor or urgency of a visit that is over.
const MsgVisitOver = "This visit is over: its doctor and urgency are part of its record."

// assign sets the doctor and the urgent flag of an open entry, before any status change
// of the same request (a doctor who then moves the entry becomes its doctor).
func (s *Service) assign(ctx context.Context, tx *db.Tx, e entry, in UpdateInput) (entry, error) {
	if !e.Status.Open() {
		return e, &errs.Error{Kind: errs.Invalid, Key: "error", Message: MsgVisitOver}
	}
	if in.Doctor != nil {
		ok, err := isActiveDoctor(ctx, tx, *in.Doctor)
		if err != nil {
			return e, err
		}
		if !ok {
			return e, errs.Field("doctor", invalidPK(*in.Doctor))
		}
		e.DoctorID = *in.Doctor
	}
	if in.Urgent != nil {
		e.Urgent = *in.Urgent
		e.Priority = withUrgent(e.Priority, e.Urgent)
	}
	e.UpdatedAt = db.Now()
	if err := assign(ctx, tx, e); err != nil {
		return e, err
	}
	s.changed(tx, e)
	return e, nil
}

// lockChangeable locks an entry the caller may change; any other is NotFound, as an
// entry outside the caller's part of the queue is not theirs to know.
func (s *Service) lockChangeable(ctx context.Context, tx *db.Tx, p *auth.Principal, id int64) (entry, error) {
	e, err := lockEntry(ctx, tx, id)
	if db.IsNoRows(err) || (err == nil && !mayChange(p, e)) {
		return entry{}, errs.E(errs.NotFound, web.MsgNotFound)
	}
	return e, err
}

// transition moves the locked entry e to status to, in tx: the state machine decides
// (refused: msg, or a generic message, with the allowed statuses); a doctor caller
// becomes the entry's doctor; the visit's times are kept; a move that ends the time with
// the doctor charges the consultation, once, in this transaction.
func (s *Service) transition(ctx context.Context, tx *db.Tx, p *auth.Principal, e entry, to Status, msg string) (entry, error) {
	from := e.Status
	if !from.CanBecome(to) {
		return e, transitionError(from, to, msg)
	}
	now := db.Now()
	e.Status, e.UpdatedAt = to, now
	if p.Role == auth.RoleDoctor {
		e.DoctorID = p.UserID
	}
	switch {
	case to == WithDoctor:
		e.CalledAt = &now
	case to == Waiting:
		e.WaitingSince = now
	case !to.Open():
		e.CompletedAt = &now
	}
	n, err := move(ctx, tx, e, from)
	if err != nil {
		return e, err
	}
	if n != 1 {
		// The lock makes this unreachable on every engine; should a caller ever forget to
		// lock, a lost race must still not move (or bill) the entry twice.
		return e, transitionError(from, to, msg)
	}
	if endsConsultation(from, to) && s.Biller != nil {
		visit := CompletedVisit{QueueEntryID: e.ID, PatientID: e.PatientID, DoctorID: e.DoctorID,
			DepartmentID: e.DepartmentID, CompletedAt: now, Status: to}
		if err := s.Biller.ChargeConsultation(ctx, tx, visit); err != nil {
			return e, err
		}
	}
	s.changed(tx, e)
	return e, s.Audit.Record(ctx, tx, event(ctx, p, audit.ActionUpdate, e, fmt.Sprintf("status %s → %s", from, to)))
}

// How CallNext looks for a patient: callBatch candidates per look, callLooks looks.
const (
	callBatch = 10
	callLooks = 5
)

// CallNext gives the calling doctor the next patient of their department: the waiting
// entry of highest priority that has waited longest, among those no other doctor holds
// (a patient back from the lab goes to their own doctor first). The entry becomes
// with_doctor, the caller its doctor, now its called time. ok is false when nobody is
// waiting.
//
// Two doctors calling at once never get the same patient, on any engine: each candidate
// is locked by id, skipping those another transaction holds, and must still be waiting;
// the claim is a conditional update of that row. When every candidate is held, the
// doctor waits for the first to be decided, then looks again in a fresh transaction
// (whose reads see the claims committed meanwhile).
func (s *Service) CallNext(ctx context.Context, p *auth.Principal) (out Entry, ok bool, err error) {
	if p.Role != auth.RoleDoctor {
		return Entry{}, false, errs.E(errs.Invalid, MsgOnlyDoctorsCall)
	}
	for range callLooks {
		var id int64
		empty := false
		err = s.DB.InTx(ctx, func(tx *db.Tx) error {
			id, empty = 0, false
			ids, err := candidates(ctx, tx, p.DepartmentID, p.UserID, callBatch)
			if err != nil || len(ids) == 0 {
				empty = err == nil
				return err
			}
			e, err := s.firstFree(ctx, tx, ids)
			if db.IsNoRows(err) {
				return nil // all taken meanwhile: look again
			}
			if err != nil {
				return err
			}
			if _, err := s.transition(ctx, tx, p, e, WithDoctor, ""); err != nil {
				return err
			}
			id = e.ID
			return nil
		})
		switch {
		case err != nil:
			return Entry{}, false, errs.Wrap("queue.CallNext", err)
		case empty:
			return Entry{}, false, nil
		case id != 0:
			out, err = s.fetch(ctx, p, id)
			return out, err == nil, err
		}
	}
	return Entry{}, false, errs.E(errs.Unavailable, "Too many doctors are calling at once; try again.")
}

// firstFree locks the first of ids that is still waiting and free. If other
// transactions hold them all, it waits for the first one's: a rolled-back claim leaves
// it waiting (and it is returned); a committed one does not (sql.ErrNoRows).
func (s *Service) firstFree(ctx context.Context, tx *db.Tx, ids []int64) (entry, error) {
	for _, id := range ids {
		e, err := lockWaiting(ctx, tx, id, true)
		if !db.IsNoRows(err) {
			return e, err
		}
	}
	return lockWaiting(ctx, tx, ids[0], false)
}
