package vitals_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/queue"
	"healthsynx/internal/queue/queuetest"
)

// has is apitest.HasPage: the page answered status, holds every want and keeps the
// web UI's rules.
var has = apitest.HasPage

// The triage desk as a browser without JavaScript uses it: the form says each unit and
// range, a refused set comes back as typed with the errors beside the fields, and a
// saved one shows its NEWS2 and the patient's place in the queue.
func TestRecordVitalsPage(t *testing.T) {
	e := apitest.New(t, "sqlite")
	dept := e.Department(queue.DefaultDepartment)
	other := e.Department("Pediatrics")
	e.User(auth.RoleNurse, "akinyi")
	nurse := e.Browser()
	nurse.SignIn("akinyi", apitest.Password)
	api := e.Login("akinyi", apitest.Password)
	first := queuetest.Patient(e, api, "baraka")
	amina := queuetest.Patient(e, api, "amina")
	queuetest.Staff(e, auth.RoleDoctor, "drkim", dept)
	if res := api.Do("POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", first), map[string]any{"pulse_rate": 80}); res.Status != 201 {
		t.Fatalf("queue the first patient: %d %s", res.Status, res.Body)
	}
	form := fmt.Sprintf("/app/patients/%d/vitals/new/", amina)

	res := nurse.Get(form)
	has(t, res, http.StatusOK, `name="csrf" value="`, `Temperature <span class="optional">(°C)</span>`, "From 25.0 to 45.0.",
		`inputmode="decimal"`, "From 50 to 100.", `name="on_oxygen"`, `name="urgent"`,
		fmt.Sprintf(`<option value="%d" selected>%s</option>`, dept, queue.DefaultDepartment))

	res = nurse.Post(form, url.Values{"temperature": {"46"}, "pulse_rate": {"ninety"}, "systolic_bp": {"120"},
		"spo2": {"97"}, "department": {fmt.Sprint(other)}})
	has(t, res, http.StatusUnprocessableEntity, `id="field-temperature-error">Ensure this value is between 25.0 and 45.0 °C.`,
		`id="field-pulse_rate-error">A valid integer is required.`, `id="field-diastolic_bp-error"`,
		`value="46"`, `value="ninety"`, `value="97"`, fmt.Sprintf(`<option value="%d" selected>Pediatrics</option>`, other))
	if res := nurse.Post(form, url.Values{}); !strings.Contains(string(res.Body), "Record at least one measurement.") {
		t.Errorf("an empty set: %d", res.Status)
	}

	// Amina's NEWS2 is high: she goes ahead of the patient who came first.
	res = nurse.Post(form, url.Values{"temperature": {"39.4"}, "pulse_rate": {"125"}, "respiratory_rate": {"26"},
		"systolic_bp": {"95"}, "diastolic_bp": {"60"}, "spo2": {"91"}, "consciousness": {"A"}, "on_oxygen": {"1"},
		"department": {fmt.Sprint(dept)}, "urgent": {"1"}})
	loc := res.Header.Get("Location")
	if res.Status != http.StatusSeeOther || !regexp.MustCompile(fmt.Sprintf(`^/app/patients/%d/vitals/\d+/$`, amina)).MatchString(loc) {
		t.Fatalf("save: %d %q", res.Status, loc)
	}
	has(t, nurse.Get(loc), http.StatusOK, "Vitals recorded for Pat amina.",
		`<li class="stat stat-danger">`, `<span class="stat-value">14</span>`, `<span class="stat-note">High risk</span>`,
		`<a href="/app/queue/">Next</a>`, `<span class="stat-note">of 2 waiting in Doctor; urgent</span>`,
		"emergency assessment", "SpO₂ 91% on O₂", "How the NEWS2 score is made up")
	has(t, nurse.Get(form), http.StatusOK, "Waiting in Doctor", `name="urgent" value="1" checked`)

	// The set belongs to Amina: under another patient's address it is not found.
	if res := nurse.Get(strings.Replace(loc, fmt.Sprint(amina), fmt.Sprint(first), 1)); res.Status != http.StatusNotFound {
		t.Errorf("a set under another patient: %d", res.Status)
	}
	if res := nurse.Get("/app/patients/999999/vitals/new/"); res.Status != http.StatusNotFound {
		t.Errorf("the form of an unknown patient: %d", res.Status)
	}
	pharmacist := e.Browser()
	e.User(auth.RolePharmacist, "jane")
	pharmacist.SignIn("jane", apitest.Password)
	if res := pharmacist.Get(form); res.Status != http.StatusForbidden {
		t.Errorf("the form for a pharmacist: %d", res.Status)
	}
}

// The patient page's "Vital signs" section and the patient's own vitals page show the
// trend charts and the table; the patient sees their own sets only.
func TestVitalsHistoryPages(t *testing.T) {
	e := apitest.New(t, "sqlite")
	e.Department(queue.DefaultDepartment)
	nurse := e.As(auth.RoleNurse, "akinyi")
	id, _ := queuetest.PatientClient(e, nurse, "amina")
	other := queuetest.Patient(e, nurse, "baraka")
	for _, body := range []map[string]any{
		{"temperature": 38.2, "pulse_rate": 96, "respiratory_rate": 20, "systolic_bp": 118, "diastolic_bp": 76, "spo2": 97},
		{"temperature": 37.4, "pulse_rate": 84, "spo2": 98, "on_oxygen": true},
	} {
		if res := nurse.Do("POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", id), body); res.Status != 201 {
			t.Fatalf("record: %d %s", res.Status, res.Body)
		}
	}
	nurse.Do("POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", other), map[string]any{"temperature": 36.1})

	staff := e.Browser()
	staff.SignIn("akinyi", apitest.Password)
	res := staff.Get(fmt.Sprintf("/app/patients/%d/", id))
	has(t, res, http.StatusOK, `<h2 id="section-vital-signs">Vital signs</h2>`, `aria-label="Temperature. Temperature: 2 values`,
		`aria-label="Blood pressure. Systolic: 1 values`, "2 sets, newest first", "98 on O₂", "38.2",
		fmt.Sprintf(`href="/app/patients/%d/vitals/new/">Record vitals</a>`, id))

	patient := e.Browser()
	patient.SignIn("amina", apitest.Password)
	res = patient.Get("/app/my/vitals/")
	has(t, res, http.StatusOK, "<h1>Your vitals</h1>", "2 sets, newest first", `class="chart chart-line"`, `href="/app/my/vitals/"`)
	if strings.Contains(string(res.Body), "36.1") || strings.Contains(string(res.Body), "vitals/new/") {
		t.Error("the patient's page shows another patient's set or the triage form")
	}
	if res := patient.Get(fmt.Sprintf("/app/patients/%d/", id)); res.Status != http.StatusForbidden {
		t.Errorf("the staff page for the patient: %d", res.Status)
	}
	e.User(auth.RolePatient, "newcomer")
	fresh := e.Browser()
	fresh.SignIn("newcomer", apitest.Password)
	has(t, fresh.Get("/app/my/vitals/"), http.StatusOK, "No vitals recorded yet")
}
