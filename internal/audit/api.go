package audit

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// Page sizes of the audit lists, larger than the standard paginator's: investigators
// read long runs of events.
const (
	defaultPageSize = 50
	maxPageSize     = 200
)

// Routes registers the audit API.
func (l *Log) Routes(rt *web.Router) {
	const tag = "audit"
	const paging = "Newest first, paged by cursor: follow next and previous. page_size is 50 by default, at most 200."
	rt.Handle(web.Route{Method: "GET", Path: "/audit/events/", Perm: auth.AuditRead, Handler: l.apiEvents,
		Tag: tag, Summary: "Search the audit log", Description: paging,
		Response: Entry{}, List: true, Cursor: true,
		Query: []web.Param{
			{Name: "patient", Type: "integer", Description: "Only events concerning this patient (their user id)."},
			{Name: "actor", Type: "integer", Description: "Only events by this user id."},
			{Name: "action", Type: "string", Description: "Only this action: view, create, update, archive, restore, delete, login, login_failed, logout, export, password_change."},
			{Name: "since", Type: "string", Description: "Only events at or after this ISO-8601 time with its zone (2025-03-01T08:00:00+03:00), or a date (midnight UTC)."},
			{Name: "until", Type: "string", Description: "Only events before this ISO-8601 time or date."},
		}})
	rt.Handle(web.Route{Method: "GET", Path: "/audit/my-record-views/", Perm: auth.AuditOwnViews, Handler: l.apiMyRecordViews,
		Tag: tag, Summary: "Who viewed the caller's own patient record",
		Description: "For patients: the reads of their own record. An administrator, who has no record, gets an empty list. " + paging,
		Response:    RecordView{}, List: true, Cursor: true})
}

func (l *Log) apiEvents(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		web.Error(w, r, err)
		return
	}
	listPage(l, w, r, f, stored.entry)
}

// apiMyRecordViews shows a patient the reads of their own record; patient_id is the
// patient's user id, as in the rest of the API.
func (l *Log) apiMyRecordViews(w http.ResponseWriter, r *http.Request) {
	p := auth.FromContext(r.Context())
	if p.Role != auth.RolePatient {
		// Only an administrator gets here (the policy grants the route to patients): they
		// have no patient record, so nobody viewed it.
		web.JSON(w, http.StatusOK, web.CursorEnvelope[RecordView]{Results: []RecordView{}})
		return
	}
	listPage(l, w, r, Filter{PatientID: p.UserID, Actions: viewActions}, stored.recordView)
}

// listPage answers with one cursor page of the events matching f, each shown by show.
func listPage[T any](l *Log, w http.ResponseWriter, r *http.Request, f Filter, show func(stored) T) {
	c, err := web.ParseCursor(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	rows, next, prev, err := l.page(r.Context(), f, c, pageSize(r.URL.Query()))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	env := web.CursorEnvelope[T]{Results: make([]T, len(rows))}
	for i, s := range rows {
		env.Results[i] = show(s)
	}
	if next != nil {
		u := web.CursorURL(r, *next)
		env.Next = &u
	}
	if prev != nil {
		u := web.CursorURL(r, *prev)
		env.Previous = &u
	}
	web.JSON(w, http.StatusOK, env)
}

// pageSize reads ?page_size; like the standard paginator, a bad value means the default.
func pageSize(q url.Values) int {
	n, err := strconv.Atoi(q.Get("page_size"))
	if err != nil || n <= 0 {
		return defaultPageSize
	}
	return min(n, maxPageSize)
}

const (
	msgInteger  = "A valid integer is required."
	msgDateTime = "Enter a valid date/time."
)

func parseFilter(q url.Values) (Filter, error) {
	fields := errs.Fields{}
	f := Filter{
		PatientID: web.QueryID(fields, q, "patient"),
		ActorID:   web.QueryID(fields, q, "actor"),
		Since:     parseTime(fields, q, "since"),
		Until:     parseTime(fields, q, "until"),
	}
	if a := q.Get("action"); a != "" {
		f.Actions = []Action{Action(a)}
	}
	return f, fields.Err()
}

// parseTime reads an ISO-8601 time with its zone, or a date taken as UTC midnight. A time
// without a zone is refused: the hospital's clock and UTC differ by hours.
func parseTime(fields errs.Fields, q url.Values, name string) time.Time {
	s := q.Get(name)
	if s == "" {
		return time.Time{}
	}
	// An unencoded "+03:00" arrives as " 03:00"; no valid value contains a space.
	s = strings.Replace(s, " ", "+", 1)
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	fields.Add(name, msgDateTime)
	return time.Time{}
}
