package audit

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"
	"time"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
	"healthsynx/internal/platform/web"
)

// fixedPrincipal signs every request in as one principal. It stands in for real sign-in,
// which does not exist yet; a nil principal is an anonymous caller.
type fixedPrincipal struct{ p *auth.Principal }

func (f fixedPrincipal) Authenticate(*http.Request) (*auth.Principal, error) { return f.p, nil }

var (
	admin         = &auth.Principal{UserID: 1, Username: "admin", Role: auth.RoleAdmin}
	hospitalAdmin = &auth.Principal{UserID: 2, Username: "hadmin", Role: auth.RoleHospitalAdmin}
	doctor        = &auth.Principal{UserID: 3, Username: "dr.kamau", Role: auth.RoleDoctor}
	patient7      = &auth.Principal{UserID: 7, Username: "amina", Role: auth.RolePatient}
)

func handler(l *Log, p *auth.Principal) http.Handler {
	rt := web.NewRouter()
	rt.Auth = fixedPrincipal{p}
	l.Routes(rt)
	return web.Chain(rt, web.Options{})
}

func get(t *testing.T, h http.Handler, target string) (int, []byte) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
	return w.Code, w.Body.Bytes()
}

type entryPage struct {
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []Entry `json:"results"`
}

func getPage(t *testing.T, h http.Handler, target string) entryPage {
	t.Helper()
	code, body := get(t, h, target)
	if code != http.StatusOK {
		t.Fatalf("GET %s = %d %s", target, code, body)
	}
	var p entryPage
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("GET %s: %v in %s", target, err, body)
	}
	return p
}

func seqsOf(entries []Entry) []int64 {
	out := make([]int64, len(entries))
	for i, e := range entries {
		out[i] = e.Seq
	}
	return out
}

var seedStart = time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)

// seedHistory records twelve events an hour apart: seq i+1 is at 08:00+i h, concerns
// patient 7 (i even) or 8 (i odd), is by actor 3, 4 or 5 (i mod 3), and is an update
// every fourth event (i mod 4 = 3), a view otherwise.
func seedHistory(t *testing.T, l *Log, d *db.DB) {
	t.Helper()
	for i := range 12 {
		e := Event{At: seedStart.Add(time.Duration(i) * time.Hour), ActorID: int64(3 + i%3), ActorUsername: "staff",
			ActorRole: auth.RoleNurse, Action: ActionView, ObjectType: "patient", PatientID: int64(7 + i%2),
			ClientIP: "10.0.0.9", RequestID: "req", Detail: "chart"}
		if i%4 == 3 {
			e.Action = ActionUpdate
		}
		recordInTx(t, l, d, e)
	}
}

func TestEventFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := New(d, false)
		seedHistory(t, l, d)
		h := handler(l, hospitalAdmin)
		cases := []struct {
			query string
			want  []int64 // seqs, newest first
		}{
			{"", []int64{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
			{"patient=8", []int64{12, 10, 8, 6, 4, 2}},
			{"actor=4", []int64{11, 8, 5, 2}},
			{"action=update", []int64{12, 8, 4}},
			{"action=delete", []int64{}},
			{"patient=7&actor=3", []int64{7, 1}},
			{"since=2025-03-01T10:00:00Z&until=2025-03-01T12:00:00Z", []int64{4, 3}},
			// 13:00 in Nairobi is 10:00 UTC; the "+" arrives unencoded, as a space
			{"since=2025-03-01T13:00:00+03:00&until=2025-03-01T15:00:00%2B03:00", []int64{4, 3}},
			{"since=2025-03-01T18:00:00.000001Z", []int64{12}},
			{"until=2025-03-01", []int64{}},
			{"since=2025-03-02", []int64{}},
			{"patient=8&since=2025-03-01T15:00:00Z&action=view", []int64{10}},
		}
		for _, c := range cases {
			p := getPage(t, h, "/audit/events/?"+c.query)
			if got := seqsOf(p.Results); !slices.Equal(got, c.want) {
				t.Errorf("?%s: seqs %v, want %v", c.query, got, c.want)
			}
			if p.Next != nil || p.Previous != nil {
				t.Errorf("?%s: one page has links next=%v previous=%v", c.query, p.Next, p.Previous)
			}
		}
	})
}

func TestEventEntryFields(t *testing.T) {
	d := dbtest.New(t, db.SQLite)
	l := New(d, false)
	recordInTx(t, l, d, Event{At: time.Date(2025, 3, 1, 8, 0, 0, 250000000, time.UTC), ActorID: 3, ActorUsername: "dr.kamau",
		ActorRole: auth.RoleDoctor, Action: ActionView, ObjectType: "patient", ObjectID: "7", PatientID: 7,
		Outcome: Denied, ClientIP: "10.0.0.9", RequestID: "r1", Detail: "not in department"})
	recordInTx(t, l, d, Event{Action: ActionLoginFailed, ActorUsername: "ghost", Outcome: Failed})
	_, body := get(t, handler(l, admin), "/audit/events/")
	var got struct{ Results []map[string]any }
	if err := json.Unmarshal(body, &got); err != nil || len(got.Results) != 2 {
		t.Fatalf("body %s: %v", body, err)
	}
	want := map[string]any{"id": 1.0, "seq": 1.0, "at": "2025-03-01T08:00:00.250000Z", "actor_id": 3.0, "actor_username": "dr.kamau",
		"actor_role": "doctor", "action": "view", "object_type": "patient", "object_id": "7", "patient_id": 7.0,
		"outcome": "denied", "client_ip": "10.0.0.9", "request_id": "r1", "detail": "not in department"}
	for k, v := range want {
		if got.Results[1][k] != v {
			t.Errorf("%s = %#v, want %#v", k, got.Results[1][k], v)
		}
	}
	if len(got.Results[1]) != len(want) {
		t.Errorf("entry has fields %v, want exactly %v", got.Results[1], want)
	}
	if got.Results[0]["actor_id"] != nil || got.Results[0]["patient_id"] != nil {
		t.Errorf("absent ids are not null: %v", got.Results[0])
	}
}

func TestEventCursorPaging(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := New(d, false)
		seedHistory(t, l, d)
		h := handler(l, admin)

		p1 := getPage(t, h, "/audit/events/?patient=7&page_size=2")
		p2 := getPage(t, h, *p1.Next)
		p3 := getPage(t, h, *p2.Next)
		for i, c := range []struct {
			page                 entryPage
			want                 []int64
			hasNext, hasPrevious bool
		}{
			{p1, []int64{11, 9}, true, false},
			{p2, []int64{7, 5}, true, true},
			{p3, []int64{3, 1}, false, true},
		} {
			if got := seqsOf(c.page.Results); !slices.Equal(got, c.want) || (c.page.Next != nil) != c.hasNext || (c.page.Previous != nil) != c.hasPrevious {
				t.Fatalf("page %d: seqs %v next %v previous %v; want %v next %v previous %v",
					i+1, got, c.page.Next != nil, c.page.Previous != nil, c.want, c.hasNext, c.hasPrevious)
			}
		}
		// The links keep the filter and the page size.
		if u, _ := url.Parse(*p2.Next); u.Query().Get("patient") != "7" || u.Query().Get("page_size") != "2" {
			t.Fatalf("next link %s lost the query", *p2.Next)
		}
		// Going back retraces the same pages.
		back2 := getPage(t, h, *p3.Previous)
		back1 := getPage(t, h, *back2.Previous)
		if !slices.Equal(seqsOf(back2.Results), []int64{7, 5}) || !slices.Equal(seqsOf(back1.Results), []int64{11, 9}) || back1.Previous != nil {
			t.Fatalf("paging back: %v then %v (previous %v)", seqsOf(back2.Results), seqsOf(back1.Results), back1.Previous)
		}
		// Events recorded meanwhile appear when paging back to the top, not in the middle.
		recordInTx(t, l, d, Event{Action: ActionView, PatientID: 7})
		if got := seqsOf(getPage(t, h, *back2.Next).Results); !slices.Equal(got, []int64{3, 1}) {
			t.Fatalf("after a new event, the next page is %v, want [3 1]", got)
		}
		again1 := getPage(t, h, *getPage(t, h, *back1.Next).Previous)
		if !slices.Equal(seqsOf(again1.Results), []int64{11, 9}) || again1.Previous == nil {
			t.Fatalf("back from [7 5] = %v previous %v, want [11 9] with a newer page", seqsOf(again1.Results), again1.Previous)
		}
		newest := getPage(t, h, *again1.Previous)
		if !slices.Equal(seqsOf(newest.Results), []int64{13}) || newest.Previous != nil || newest.Next == nil {
			t.Fatalf("newest page = %v previous %v next %v, want [13], no previous, a next", seqsOf(newest.Results), newest.Previous, newest.Next)
		}
	})
}

func TestPageSizeBounds(t *testing.T) {
	d := dbtest.New(t, db.SQLite)
	l := New(d, false)
	for range maxPageSize + 5 {
		recordInTx(t, l, d, Event{Action: ActionView})
	}
	h := handler(l, admin)
	for query, want := range map[string]int{"": defaultPageSize, "page_size=7": 7, "page_size=1000": maxPageSize, "page_size=x": defaultPageSize, "page_size=-3": defaultPageSize} {
		if got := len(getPage(t, h, "/audit/events/?"+query).Results); got != want {
			t.Errorf("?%s: %d events, want %d", query, got, want)
		}
	}
}

func TestEventQueryErrorsNameTheField(t *testing.T) {
	d := dbtest.New(t, db.SQLite)
	h := handler(New(d, false), admin)
	cases := map[string]string{
		"since=yesterday":              `{"since":["Enter a valid date/time."]}`,
		"until=2025-03-01T08:00:00":    `{"until":["Enter a valid date/time."]}`,
		"patient=abc":                  `{"patient":["A valid integer is required."]}`,
		"actor=0&since=2025-13-01":     `{"actor":["A valid integer is required."],"since":["Enter a valid date/time."]}`,
		"cursor=not-a-cursor":          `{"detail":"Invalid cursor"}`,
		"patient=99999999999999999999": `{"patient":["A valid integer is required."]}`,
	}
	for query, want := range cases {
		code, body := get(t, h, "/audit/events/?"+query)
		wantCode := http.StatusBadRequest
		if query == "cursor=not-a-cursor" {
			wantCode = http.StatusNotFound
		}
		if code != wantCode || !jsonEqual(t, body, want) {
			t.Errorf("?%s = %d %s, want %d %s", query, code, body, wantCode, want)
		}
	}
}

func jsonEqual(t *testing.T, got []byte, want string) bool {
	t.Helper()
	var a, b any
	if err := json.Unmarshal(got, &a); err != nil {
		return false
	}
	if err := json.Unmarshal([]byte(want), &b); err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func TestAuditRoutesAccess(t *testing.T) {
	d := dbtest.New(t, db.SQLite)
	l := New(d, false)
	cases := []struct {
		who    *auth.Principal
		path   string
		status int
	}{
		{nil, "/audit/events/", http.StatusUnauthorized},
		{doctor, "/audit/events/", http.StatusForbidden},
		{patient7, "/audit/events/", http.StatusForbidden},
		{hospitalAdmin, "/audit/events/", http.StatusOK},
		{admin, "/audit/events/", http.StatusOK},
		{nil, "/audit/my-record-views/", http.StatusUnauthorized},
		{doctor, "/audit/my-record-views/", http.StatusForbidden},
		{hospitalAdmin, "/audit/my-record-views/", http.StatusForbidden},
		{admin, "/audit/my-record-views/", http.StatusOK},
		{patient7, "/audit/my-record-views/", http.StatusOK},
	}
	for _, c := range cases {
		code, body := get(t, handler(l, c.who), c.path)
		if code != c.status {
			role := "anonymous"
			if c.who != nil {
				role = string(c.who.Role)
			}
			t.Errorf("%s GET %s = %d %s, want %d", role, c.path, code, body, c.status)
		}
	}
	_, body := get(t, handler(l, doctor), "/audit/my-record-views/")
	if !jsonEqual(t, body, `{"detail":"You do not have permission to perform this action."}`) {
		t.Errorf("non-patient body = %s", body)
	}
	_, body = get(t, handler(l, admin), "/audit/my-record-views/")
	if !jsonEqual(t, body, `{"next":null,"previous":null,"results":[]}`) {
		t.Errorf("admin body = %s, want an empty list", body)
	}
}

func TestMyRecordViewsShowsOnlyReadsOfTheCallersRecord(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l := New(d, false)
		at := func(h int) time.Time { return seedStart.Add(time.Duration(h) * time.Hour) }
		for _, e := range []Event{
			{At: at(0), ActorID: 3, ActorUsername: "dr.kamau", ActorRole: auth.RoleDoctor, Action: ActionView, ObjectType: "patient", ObjectID: "7", PatientID: 7, ClientIP: "10.0.0.9", Detail: "chart"},
			{At: at(1), ActorID: 4, ActorUsername: "nurse.achieng", ActorRole: auth.RoleNurse, Action: ActionView, ObjectType: "patient", ObjectID: "8", PatientID: 8},
			{At: at(2), ActorID: 4, ActorUsername: "nurse.achieng", ActorRole: auth.RoleNurse, Action: ActionUpdate, ObjectType: "vitals", ObjectID: "31", PatientID: 7},
			{At: at(3), ActorID: 5, ActorUsername: "billing.otieno", ActorRole: auth.RoleBilling, Action: ActionExport, ObjectType: "invoice", ObjectID: "12", PatientID: 7},
			{At: at(4), ActorID: 6, ActorUsername: "lab.wafula", ActorRole: auth.RoleLabTech, Action: ActionView, ObjectType: "lab_result", ObjectID: "5", PatientID: 7, Outcome: Denied},
		} {
			recordInTx(t, l, d, e)
		}
		code, body := get(t, handler(l, patient7), "/audit/my-record-views/")
		if code != http.StatusOK {
			t.Fatalf("status %d %s", code, body)
		}
		want := `{"next":null,"previous":null,"results":[
			{"at":"2025-03-01T12:00:00Z","actor_username":"lab.wafula","actor_role":"lab_tech","action":"view","object_type":"lab_result","object_id":"5","outcome":"denied"},
			{"at":"2025-03-01T11:00:00Z","actor_username":"billing.otieno","actor_role":"billing","action":"export","object_type":"invoice","object_id":"12","outcome":"success"},
			{"at":"2025-03-01T08:00:00Z","actor_username":"dr.kamau","actor_role":"doctor","action":"view","object_type":"patient","object_id":"7","outcome":"success"}]}`
		if !jsonEqual(t, body, want) {
			t.Fatalf("body %s\nwant %s", body, want)
		}
		// Paging works the same way, and never strays to another patient.
		var p struct {
			Next    *string
			Results []RecordView
		}
		_, body = get(t, handler(l, patient7), "/audit/my-record-views/?page_size=2")
		if err := json.Unmarshal(body, &p); err != nil || len(p.Results) != 2 || p.Next == nil {
			t.Fatalf("first page %s", body)
		}
		_, body = get(t, handler(l, patient7), *p.Next)
		if !jsonEqual(t, body, `{"next":null,"previous":`+jsonString(t, body, "previous")+`,"results":[
			{"at":"2025-03-01T08:00:00Z","actor_username":"dr.kamau","actor_role":"doctor","action":"view","object_type":"patient","object_id":"7","outcome":"success"}]}`) {
			t.Fatalf("second page %s", body)
		}
	})
}

// jsonString returns the JSON encoding of one top-level member of body.
func jsonString(t *testing.T, body []byte, key string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	return string(m[key])
}

func TestFromRequest(t *testing.T) {
	d := dbtest.New(t, db.SQLite)
	for _, trust := range []bool{false, true} {
		l := New(d, trust)
		var got Event
		rt := web.NewRouter()
		rt.Auth = fixedPrincipal{doctor}
		rt.Handle(web.Route{Method: "GET", Path: "/probe/", Perm: auth.Authenticated,
			Handler: func(w http.ResponseWriter, r *http.Request) { got = l.FromRequest(r) }})
		r := httptest.NewRequest("GET", "/probe/", nil)
		r.RemoteAddr = "192.0.2.10:5555"
		r.Header.Set("X-Forwarded-For", "203.0.113.7, 192.0.2.10")
		r.Header.Set("X-Request-Id", "req-42")
		web.Chain(rt, web.Options{TrustProxy: trust}).ServeHTTP(httptest.NewRecorder(), r)
		want := Event{ActorID: 3, ActorUsername: "dr.kamau", ActorRole: auth.RoleDoctor, ClientIP: "192.0.2.10", RequestID: "req-42"}
		if trust {
			want.ClientIP = "203.0.113.7"
		}
		if got != want {
			t.Errorf("trustProxy=%v: FromRequest = %+v, want %+v", trust, got, want)
		}
	}
}
