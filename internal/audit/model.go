// Package audit is the append-only, hash-chained record of who read or changed which
// record, with what result (PRODUCT §3.14). Other modules record events through Log;
// admins search the log and a patient sees who viewed their record.
package audit

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/web"
)

// Action is what the actor did.
type Action string

const (
	ActionView           Action = "view"
	ActionCreate         Action = "create"
	ActionUpdate         Action = "update"
	ActionArchive        Action = "archive"
	ActionRestore        Action = "restore"
	ActionDelete         Action = "delete"
	ActionLogin          Action = "login"
	ActionLoginFailed    Action = "login_failed"
	ActionLogout         Action = "logout"
	ActionExport         Action = "export"
	ActionPasswordChange Action = "password_change"
)

// Outcome is how the attempt ended.
type Outcome string

const (
	Success Outcome = "success"
	Denied  Outcome = "denied" // refused by the policy or an object-level rule
	Failed  Outcome = "failed" // allowed, but it did not succeed (bad password, invalid input)
)

// Event is one audited action, as a module reports it.
type Event struct {
	At            time.Time // when it happened; zero means now
	ActorID       int64     // the signed-in user; 0 for none (anonymous, the system)
	ActorUsername string
	ActorRole     auth.Role
	Action        Action
	ObjectType    string // what kind of record: "patient", "vitals", "invoice", …
	ObjectID      string
	PatientID     int64 // the patient whose record this concerns (their user id); 0 for none
	Outcome       Outcome
	ClientIP      string
	RequestID     string
	Detail        string // a short note for the reader of the log; never clinical content
}

// Column sizes of audit_events (migrations/0003_audit.sql).
const (
	maxUsername  = 150
	maxRole      = 20
	maxAction    = 32
	maxObject    = 64
	maxClientIP  = 45
	maxRequestID = 64
	maxDetail    = 500
)

// normalize fills in the defaults and makes every string storable on every engine, so
// that the hash is computed over exactly what the database will hand back. Over-long
// text is cut rather than refused: a long note must never fail the change it describes.
func (e *Event) normalize() error {
	if e.Action == "" {
		return errors.New("audit: event has no action")
	}
	switch e.Outcome {
	case "":
		e.Outcome = Success
	case Success, Denied, Failed:
	default:
		return errors.New("audit: unknown outcome " + string(e.Outcome))
	}
	if e.At.IsZero() {
		e.At = db.Now()
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.ActorUsername = clean(e.ActorUsername, maxUsername)
	e.ActorRole = auth.Role(clean(string(e.ActorRole), maxRole))
	e.Action = Action(clean(string(e.Action), maxAction))
	e.ObjectType = clean(e.ObjectType, maxObject)
	e.ObjectID = clean(e.ObjectID, maxObject)
	e.ClientIP = clean(e.ClientIP, maxClientIP)
	e.RequestID = clean(e.RequestID, maxRequestID)
	e.Detail = clean(e.Detail, maxDetail)
	return nil
}

// clean replaces what PostgreSQL or MySQL would refuse or alter (invalid UTF-8, NUL) and
// cuts s to at most n characters.
func clean(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// stored is an event as the chain holds it.
type stored struct {
	ID, Seq  int64
	PrevHash string
	Hash     string
	Event
}

// Filter selects events; zero fields select everything.
type Filter struct {
	PatientID int64
	ActorID   int64
	Actions   []Action
	Since     time.Time // at or after
	Until     time.Time // before
}

// Entry is an event as the audit API shows it to admins.
type Entry struct {
	ID            int64  `json:"id"`
	Seq           int64  `json:"seq"`
	At            string `json:"at"`
	ActorID       *int64 `json:"actor_id"`
	ActorUsername string `json:"actor_username"`
	ActorRole     string `json:"actor_role"`
	Action        string `json:"action"`
	ObjectType    string `json:"object_type"`
	ObjectID      string `json:"object_id"`
	PatientID     *int64 `json:"patient_id"`
	Outcome       string `json:"outcome"`
	ClientIP      string `json:"client_ip"`
	RequestID     string `json:"request_id"`
	Detail        string `json:"detail"`
}

// RecordView is one read of a patient's record as the patient sees it: who and when,
// without the staff-side details (address, request, notes).
type RecordView struct {
	At            string `json:"at"`
	ActorUsername string `json:"actor_username"`
	ActorRole     string `json:"actor_role"`
	Action        string `json:"action"`
	ObjectType    string `json:"object_type"`
	ObjectID      string `json:"object_id"`
	Outcome       string `json:"outcome"`
}

// viewActions are the actions that read a record: what a patient is shown.
var viewActions = []Action{ActionView, ActionExport}

func nullable(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func (s stored) entry() Entry {
	return Entry{
		ID: s.ID, Seq: s.Seq, At: web.Time(s.At),
		ActorID: nullable(s.ActorID), ActorUsername: s.ActorUsername, ActorRole: string(s.ActorRole),
		Action: string(s.Action), ObjectType: s.ObjectType, ObjectID: s.ObjectID,
		PatientID: nullable(s.PatientID), Outcome: string(s.Outcome),
		ClientIP: s.ClientIP, RequestID: s.RequestID, Detail: s.Detail,
	}
}

func (s stored) recordView() RecordView {
	return RecordView{
		At: web.Time(s.At), ActorUsername: s.ActorUsername, ActorRole: string(s.ActorRole),
		Action: string(s.Action), ObjectType: s.ObjectType, ObjectID: s.ObjectID, Outcome: string(s.Outcome),
	}
}

// Result is the outcome of Verify.
type Result struct {
	Events int64  // events checked
	Broken *Break // the first broken link; nil when the chain is intact
}

// Break locates the first event whose link does not hold.
type Break struct {
	Seq    int64
	ID     int64 // 0 when no stored event stands at Seq (it was deleted)
	Reason string
}
