package patients_test

import (
	"context"
	"net/http"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/audit"
	"healthsynx/internal/platform/auth"
)

func TestUpdate(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		d := newDesk(t, e)
		p := d.register(map[string]any{"first_name": "Wanjiku", "last_name": "Kamau", "phone": "0712 111 222", "email": "w@example.org",
			"address": "Nyeri", "dob": "1985-02-03", "next_of_kin_name": "Njoki", "patient_type": "outpatient"})
		d.register(map[string]any{"first_name": "Other", "last_name": "Person", "username": "other", "email": "other@example.org", "national_id": "777"})
		path := "/patients/api/patients/" + itoa(id(p)) + "/"

		// PATCH changes what it names; the search keys follow the names and phone.
		res := d.nurse.Do("PATCH", path, map[string]any{"last_name": "Mwangi", "phone": "+254 733 444 555", "is_active": false})
		if res.Status != http.StatusOK {
			t.Fatalf("PATCH: %d %s", res.Status, res.Body)
		}
		got := res.JSON()
		if got["last_name"] != "Mwangi" || got["address"] != "Nyeri" || got["dob"] != "1985-02-03" || got["is_active"] != true {
			t.Errorf("after PATCH: %v", got)
		}
		for q, want := range map[string]float64{"wanjiku+mwangi": 1, "wanjiku+kamau": 0, "0733444": 1, "0712111": 0} {
			if c := d.nurse.Do("GET", "/patients/api/patients/?search="+q, nil).JSON()["count"]; c != want {
				t.Errorf("search %s after PATCH: %v, want %v", q, c, want)
			}
		}
		// PUT replaces every writable field: absent ones are cleared; the username stays.
		res = d.nurse.Do("PUT", path, map[string]any{"first_name": "Wanjiku", "last_name": "Mwangi", "patient_type": "inpatient"})
		if res.Status != http.StatusOK {
			t.Fatalf("PUT: %d %s", res.Status, res.Body)
		}
		got = res.JSON()
		if got["address"] != "" || got["dob"] != nil || got["phone"] != "" || got["email"] != "" || got["patient_type"] != "inpatient" ||
			got["username"] != p["username"] || got["next_of_kin"].(map[string]any)["name"] != "" || got["mrn"] != p["mrn"] {
			t.Errorf("after PUT: %v", got)
		}
		errs := fieldErrors(t, d.nurse.Do("PUT", path, map[string]any{"address": "x"}))
		if len(errs["first_name"]) == 0 || len(errs["last_name"]) == 0 {
			t.Errorf("PUT without names: %v", errs)
		}
		// Unique fields are checked against everyone else.
		errs = fieldErrors(t, d.nurse.Do("PATCH", path, map[string]any{"username": "OTHER", "email": "Other@Example.org", "national_id": "7-7-7"}))
		for _, f := range []string{"username", "email", "national_id"} {
			if len(errs[f]) == 0 {
				t.Errorf("no %s error in %v", f, errs)
			}
		}
		res = d.nurse.Do("PATCH", path, map[string]any{"username": "w.mwangi", "email": "wm@example.org"})
		if res.Status != http.StatusOK || res.JSON()["username"] != "w.mwangi" {
			t.Errorf("new username: %d %s", res.Status, res.Body)
		}
		if res := d.nurse.Do("PATCH", "/patients/api/patients/999999/", map[string]any{}); res.Status != http.StatusNotFound {
			t.Errorf("PATCH nobody: %d", res.Status)
		}
		// A staff account is not a patient, whatever its id.
		doctor := e.User(auth.RoleDoctor, "dr.otieno")
		if res := d.nurse.Do("PATCH", "/patients/api/patients/"+itoa(doctor)+"/", map[string]any{"first_name": "X"}); res.Status != http.StatusNotFound {
			t.Errorf("PATCH a doctor through the patient API: %d", res.Status)
		}
		if res := d.nurse.Do("POST", "/patients/api/patients/"+itoa(doctor)+"/set-password/", map[string]any{"password": "Owned-Doctor-123"}); res.Status != http.StatusNotFound {
			t.Errorf("set a doctor's password through the patient API: %d", res.Status)
		}
	})
}

func TestReadsAreAudited(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		d := newDesk(t, e)
		pid := d.patient("Akinyi", "Odhiambo", "")
		doctor := e.As(auth.RoleDoctor, "dr.mutua")
		if res := doctor.Do("GET", "/patients/api/patients/"+itoa(pid)+"/", nil); res.Status != http.StatusOK {
			t.Fatalf("detail: %d", res.Status)
		}
		if res := d.nurse.Do("GET", "/nurses/patients/"+itoa(pid)+"/", nil); res.Status != http.StatusOK || len(res.JSON()) != 4 {
			t.Fatalf("E-26: %d %s", res.Status, res.Body)
		}
		e.App.Audit.Close() // flush the queued reads
		ctx := context.Background()
		var views, creates int
		if err := e.App.DB.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM audit_events WHERE patient_id = ? AND action = ?),
			(SELECT COUNT(*) FROM audit_events WHERE patient_id = ? AND action = ? AND actor_username = ?)`,
			pid, string(audit.ActionView), pid, string(audit.ActionCreate), "nurse.wanjiru").Scan(&views, &creates); err != nil {
			t.Fatal(err)
		}
		if views != 2 || creates != 1 {
			t.Errorf("%d views and %d creates audited, want 2 and 1", views, creates)
		}
	})
}

// TestPatientsSeeOnlyTheirOwnRecord: a patient's own record is /patients/me/; every
// route that takes a patient id refuses a patient the same way whatever the id —
// their own, another patient's, or none — so the answers cannot be used to probe.
func TestPatientsSeeOnlyTheirOwnRecord(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		d := newDesk(t, e)
		mine := d.patient("Neema", "Chebet", "")
		theirs := d.patient("Imani", "Wekesa", "")
		if res := d.nurse.Do("POST", "/patients/api/patients/"+itoa(mine)+"/set-password/", map[string]string{"password": "Kilifi-Coast-2026"}); res.Status != http.StatusOK {
			t.Fatal(res.Status)
		}
		neema := e.Login("neema-chebet", "Kilifi-Coast-2026")
		me := neema.Do("GET", "/patients/me/", nil)
		if me.Status != http.StatusOK || me.JSON()["id"] != float64(mine) {
			t.Fatalf("/patients/me/: %d %s", me.Status, me.Body)
		}
		for _, path := range []string{"/patients/api/patients/%d/", "/nurses/patients/%d/"} {
			var answers []string
			for _, pid := range []int64{mine, theirs, 999999} {
				res := neema.Do("GET", sprintf(path, pid), nil)
				answers = append(answers, string(res.Body))
				if res.Status != http.StatusForbidden {
					t.Errorf("GET %s as a patient: %d", sprintf(path, pid), res.Status)
				}
			}
			if answers[0] != answers[1] || answers[1] != answers[2] {
				t.Errorf("%s answers differ by id: %q", path, answers)
			}
		}
		for _, path := range []string{"/patients/api/patients/", "/nurses/patients/", "/patients/lookup/?q=imani"} {
			if res := neema.Do("GET", path, nil); res.Status != http.StatusForbidden {
				t.Errorf("GET %s as a patient: %d", path, res.Status)
			}
		}
		// A staff member has no patient record of their own.
		if res := d.nurse.Do("GET", "/patients/me/", nil); res.Status != http.StatusForbidden {
			t.Errorf("/patients/me/ as a nurse: %d", res.Status)
		}
		if res := e.As(auth.RoleAdmin, "admin.root").Do("GET", "/patients/me/", nil); res.Status != http.StatusNotFound {
			t.Errorf("/patients/me/ as the admin: %d", res.Status)
		}
	})
}
