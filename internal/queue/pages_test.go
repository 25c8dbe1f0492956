package queue_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/queue/queuetest"
)

// has is apitest.HasPage: the page answered status, holds every want and keeps the
// web UI's rules.
var has = apitest.HasPage

func hasNot(t *testing.T, res apitest.Response, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(string(res.Body), u) {
			t.Errorf("the page shows %q", u)
		}
	}
}

// Each role sees its own part of the queue: a doctor their department's patients, who
// open the consultation; a nurse everyone, with the triage form; a desk those sent to it.
func TestQueuePagesPerRole(t *testing.T) {
	e := apitest.New(t, "sqlite")
	c := newClinic(t, e)
	queuetest.Staff(e, auth.RoleDoctor, "drotieno", c.other)
	e.User(auth.RolePharmacist, "jane")
	low := c.patient("low")
	sick := c.patient("sick")
	child := c.patient("child")
	c.triage(t, low, map[string]any{"pulse_rate": 80})
	sickEntry := c.triage(t, sick, map[string]any{"pulse_rate": 135, "respiratory_rate": 26, "spo2": 90, "urgent": true})
	c.triage(t, child, map[string]any{"pulse_rate": 90, "department": c.other})

	doctor := e.BrowserAs("drkim")
	res := doctor.Get("/app/")
	has(t, res, http.StatusOK, `<h2 id="my-queue-heading">Your queue</h2>`, `action="/app/queue/next/"`, `name="csrf" value="`,
		`<input type="hidden" name="from" value="/app/">`, `data-sse="/app/queue/live/"`, "Waiting: 2, next to be called first",
		fmt.Sprintf(`<a href="/app/visits/%d/">Pat sick</a>`, sickEntry), "NEWS2 9 · high · partial", `<span class="badge badge-danger">Urgent</span>`)
	hasNot(t, res, "Pat child", "Your dashboard is on its way")
	if strings.Index(string(res.Body), "Pat sick") > strings.Index(string(res.Body), "Pat low") {
		t.Error("the high-risk patient is not listed first")
	}
	has(t, doctor.Get("/app/queue/"), http.StatusOK, "<h1>Queue</h1>", `href="/app/queue/" aria-current="page"`, "Call next patient", "Pat sick")

	nurse := e.BrowserAs("nurse1")
	res = nurse.Get("/app/queue/")
	has(t, res, http.StatusOK, "Waiting: 3", "Pat child", "Pediatrics", fmt.Sprintf(`href="/app/patients/%d/vitals/new/">Record vitals</a>`, child))
	hasNot(t, res, "Call next patient", "/app/visits/")
	res = nurse.Get("/app/")
	has(t, res, http.StatusOK, `data-sse="/app/queue/live/summary/"`, `<span class="stat-label">Waiting for a doctor</span><span class="stat-value"><a href="/app/queue/">3</a></span>`,
		`<span class="stat-label">Triaged today</span><span class="stat-value">3</span>`, "Waiting longest", "NEWS2 high",
		`href="/app/patients/new/"`)
	hasNot(t, res, "Your dashboard is on its way")

	has(t, e.BrowserAs("jane").Get("/app/queue/"), http.StatusOK, "Nobody has been sent to you")
	e.User(auth.RolePatient, "visitor")
	if res := e.BrowserAs("visitor").Get("/app/queue/"); res.Status != http.StatusForbidden {
		t.Errorf("the queue page for a patient: %d", res.Status)
	}
}

// Call next opens the consultation of the patient it calls; on an empty queue it goes
// back where the doctor was and says so.
func TestCallNextPage(t *testing.T) {
	e := apitest.New(t, "sqlite")
	c := newClinic(t, e)
	first := c.triage(t, c.patient("first"), map[string]any{"pulse_rate": 80})
	doctor := e.BrowserAs("drkim")
	doctor.Get("/app/")

	res := doctor.Post("/app/queue/next/", url.Values{"from": {"/app/"}})
	if want := fmt.Sprintf("/app/visits/%d/", first); res.Status != http.StatusSeeOther || res.Header.Get("Location") != want {
		t.Fatalf("call next: %d %q, want %s", res.Status, res.Header.Get("Location"), want)
	}
	has(t, doctor.Get(res.Header.Get("Location")), http.StatusOK, "Pat first (MRN HS-")
	res = doctor.Post("/app/queue/next/", url.Values{"from": {"/app/queue/"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/app/queue/" {
		t.Fatalf("call next on an empty queue: %d %q", res.Status, res.Header.Get("Location"))
	}
	has(t, doctor.Get("/app/queue/"), http.StatusOK, "Nobody is waiting in your department&#39;s queue.", "With you: 1")
	if res := doctor.Post("/app/queue/next/", url.Values{"from": {"https://evil.example/"}}); res.Header.Get("Location") != "/app/" {
		t.Errorf("call next came back to %q", res.Header.Get("Location"))
	}
	if res := doctor.Post("/app/queue/next/", url.Values{"csrf": {""}}); res.Status != http.StatusForbidden {
		t.Errorf("call next without the form token: %d", res.Status)
	}
}

// E-15 keeps the original's message and adds the triage desk's figures.
func TestNurseDashboardAPI(t *testing.T) {
	e := apitest.New(t, "sqlite")
	c := newClinic(t, e)
	c.triage(t, c.patient("first"), map[string]any{"pulse_rate": 80})
	res := c.nurse.Do("GET", "/users/nurse/", nil)
	body := res.JSON()
	longest, _ := body["longest_waiting"].([]any)
	if res.Status != 200 || body["message"] != "Welcome Nurse! Dashboard ready." || body["waiting"] != 1.0 ||
		body["triaged_today"] != 1.0 || len(longest) != 1 || longest[0].(map[string]any)["patient_name"] != "Pat first" {
		t.Fatalf("nurse dashboard: %d %s", res.Status, res.Body)
	}
	if res := c.doctor.Do("GET", "/users/nurse/", nil); res.Status != 403 {
		t.Errorf("the nurse dashboard for a doctor: %d", res.Status)
	}
}
