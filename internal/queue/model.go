// Package queue is the doctor queue (PRODUCT §3.6, E-13, E-34, E-35, E-38..E-42): one
// open entry per patient, a state machine for the visit, "call next" that never gives
// two doctors the same patient, and the consultation charge when a visit ends.
package queue

import (
	"fmt"
	"slices"
	"time"

	"healthsynx/internal/platform/errs"
	"healthsynx/internal/vitals"
)

// Status is where a visit stands.
type Status string

const (
	Waiting        Status = "waiting"
	WithDoctor     Status = "with_doctor"
	SentToLab      Status = "sent_to_lab"
	SentToImaging  Status = "sent_to_imaging"
	SentToPharmacy Status = "sent_to_pharmacy"
	Completed      Status = "completed"
	// Cancelled ends a visit that never reached a doctor (the patient left): entries are
	// never deleted.
	Cancelled Status = "cancelled"
)

// Statuses lists every status.
var Statuses = []Status{Waiting, WithDoctor, SentToLab, SentToImaging, SentToPharmacy, Completed, Cancelled}

// openStatuses are the statuses of a visit that is not over: the patient is waiting,
// with the doctor, or away at the lab or imaging and coming back.
var openStatuses = []Status{Waiting, WithDoctor, SentToLab, SentToImaging}

// transitions is the state machine. Closed statuses (pharmacy, completed, cancelled)
// lead nowhere.
var transitions = map[Status][]Status{
	Waiting:       {WithDoctor, Cancelled},
	WithDoctor:    {SentToLab, SentToImaging, SentToPharmacy, Completed},
	SentToLab:     {Waiting},
	SentToImaging: {Waiting},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Open reports whether a visit in status s is not over.
func (s Status) Open() bool { return slices.Contains(openStatuses, s) }

// Next lists the statuses s may move to (never nil, so that it encodes as []).
func (s Status) Next() []Status { return append([]Status{}, transitions[s]...) }

// CanBecome reports whether the state machine allows s → t.
func (s Status) CanBecome(t Status) bool { return slices.Contains(transitions[s], t) }

// endsConsultation reports a move that ends the time with the doctor, which is what the
// consultation fee pays for: with_doctor → completed or sent_to_pharmacy. The lab and
// imaging bring the patient back to the doctor, so leaving for them does not end it.
func endsConsultation(from, to Status) bool {
	return from == WithDoctor && (to == Completed || to == SentToPharmacy)
}

// JSONSchema lists the statuses for the OpenAPI spec.
func (Status) JSONSchema() map[string]any {
	names := make([]string, len(Statuses))
	for i, s := range Statuses {
		names[i] = string(s)
	}
	return map[string]any{"type": "string", "enum": names}
}

// priority orders waiting patients: the NEWS2 risk band first (high 3, medium 2,
// low-medium 1, low 0), then the urgent flag. It is one integer so that the queue index
// (status, department_id, priority, waiting_since) serves "next patient" directly.
func priority(r vitals.Risk, urgent bool) int {
	p := r.Band() * 2
	if urgent {
		p++
	}
	return p
}

// withUrgent is priority p with the urgent flag set to urgent, the band kept.
func withUrgent(p int, urgent bool) int {
	p -= p % 2
	if urgent {
		p++
	}
	return p
}

// entry is a queue entry as stored, with the names its lists show.
type entry struct {
	ID           int64
	PatientID    int64
	VitalsID     int64 // 0 when none
	DepartmentID int64 // 0 when none
	DoctorID     int64 // 0 when none
	Status       Status
	Priority     int
	Urgent       bool
	CreatedAt    time.Time
	WaitingSince time.Time
	CalledAt     *time.Time
	CompletedAt  *time.Time
	UpdatedAt    time.Time

	DepartmentName string
	DoctorName     string
}

// Event is a change of the queue, published after its transaction commits (see
// Service.OnChange). Live pages use it to refresh the department's queue.
type Event struct {
	DepartmentID int64 // 0 for the entries of no department
	EntryID      int64
	PatientID    int64
	Status       Status
}

// transitionError refuses a move the state machine does not allow: 400 {"error": msg,
// "allowed": [...]} naming the statuses allowed from where the entry stands (B-9). An
// empty msg is the generic message.
func transitionError(from, to Status, msg string) error {
	if msg == "" {
		msg = fmt.Sprintf("Cannot change the status from '%s' to '%s'.", from, to)
	}
	allowed := []string{}
	for _, s := range from.Next() {
		allowed = append(allowed, string(s))
	}
	return &errs.Error{Kind: errs.Conflict, Key: "error", Message: msg, Fields: map[string][]string{"allowed": allowed}}
}
