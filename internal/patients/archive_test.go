package patients_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
)

func TestArchiveAndRestore(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		d := newDesk(t, e)
		pid := d.patient("Halima", "Abdi", "0712 000 001")
		other := d.patient("Halima", "Ali", "0712 000 002")
		path := "/patients/api/patients/" + itoa(pid) + "/"
		for _, res := range []apitest.Response{
			d.nurse.Do("POST", path+"set-password/", map[string]string{"password": "Savannah-Rain-11"}),
		} {
			if res.Status != http.StatusOK {
				t.Fatalf("%d %s", res.Status, res.Body)
			}
		}
		patient := e.Login("halima-abdi", "Savannah-Rain-11")
		// Clinical history that must survive the archive: a vitals row and a queue entry.
		now := db.Now()
		vid, err := e.App.DB.InsertID(ctx, `INSERT INTO vitals (patient_id, recorded_at, temperature_dc, pulse_rate, on_oxygen, news2_risk)
			VALUES (?, ?, 372, 80, ?, 'low')`, pid, now, false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.App.DB.InsertID(ctx, `INSERT INTO queue_entries (patient_id, vitals_id, status, priority, urgent, created_at, waiting_since, updated_at)
			VALUES (?, ?, 'completed', 0, ?, ?, ?, ?)`, pid, vid, false, now, now, now); err != nil {
			t.Fatal(err)
		}

		hospitalAdmin := e.As(auth.RoleHospitalAdmin, "ha.njoroge")
		admin := e.As(auth.RoleAdmin, "admin.root")
		if res := d.nurse.Do("DELETE", path, nil); res.Status != http.StatusForbidden {
			t.Errorf("a nurse archived: %d", res.Status)
		}
		if res := hospitalAdmin.Do("DELETE", path+"?reason=Duplicate+of+another+record", nil); res.Status != http.StatusNoContent || len(res.Body) != 0 {
			t.Fatalf("archive: %d %q", res.Status, res.Body)
		}
		if res := hospitalAdmin.Do("DELETE", path, nil); res.Status != http.StatusNotFound {
			t.Errorf("archiving twice: %d", res.Status)
		}
		// Gone from lists, searches, details and updates for staff …
		list := d.nurse.Do("GET", "/patients/api/patients/", nil).JSON()
		if list["count"] != 1.0 {
			t.Errorf("list after archive: %v", list)
		}
		if c := d.nurse.Do("GET", "/patients/api/patients/?search=halima", nil).JSON()["count"]; c != 1.0 {
			t.Errorf("search after archive finds %v", c)
		}
		for _, res := range []apitest.Response{
			d.nurse.Do("GET", path, nil),
			d.nurse.Do("GET", "/nurses/patients/"+itoa(pid)+"/", nil),
			d.nurse.Do("PATCH", path, map[string]any{"address": "x"}),
			d.nurse.Do("POST", path+"set-password/", map[string]string{"password": "Another-Pass-99"}),
		} {
			if res.Status != http.StatusNotFound {
				t.Errorf("archived patient answered %d: %s", res.Status, res.Body)
			}
		}
		// … the account cannot sign in, and its tokens stopped working …
		if res := patient.Do("GET", "/patients/me/", nil); res.Status != http.StatusUnauthorized {
			t.Errorf("an archived patient's token: %d", res.Status)
		}
		if res := e.Anon().Do("POST", "/api/token/", map[string]string{"username": "halima-abdi", "password": "Savannah-Rain-11"}); res.Status != http.StatusUnauthorized {
			t.Errorf("an archived patient signed in: %d", res.Status)
		}
		// … an administrator sees when, by whom and why …
		got := admin.Do("GET", path, nil).JSON()
		arch, _ := got["archive"].(map[string]any)
		if got["archived"] != true || arch == nil || arch["reason"] != "Duplicate of another record" || arch["at"] == "" ||
			arch["by"] == nil || got["is_active"] != false {
			t.Errorf("archived patient as the admin sees it: %v", got)
		}
		// … and nothing else was touched.
		var vitals, queue, events int
		if err := e.App.DB.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM vitals WHERE patient_id = ?), (SELECT COUNT(*) FROM queue_entries WHERE patient_id = ?),
			(SELECT COUNT(*) FROM audit_events WHERE patient_id = ?)`, pid, pid, pid).Scan(&vitals, &queue, &events); err != nil {
			t.Fatal(err)
		}
		if vitals != 1 || queue != 1 || events < 2 {
			t.Errorf("after archive: %d vitals, %d queue entries, %d audit events", vitals, queue, events)
		}
		if res := d.nurse.Do("GET", "/patients/api/patients/"+itoa(other)+"/", nil); res.Status != http.StatusOK {
			t.Errorf("the other patient: %d", res.Status)
		}

		// Restore: administrators only.
		if res := hospitalAdmin.Do("POST", path+"restore/", nil); res.Status != http.StatusForbidden {
			t.Errorf("a hospital admin restored: %d", res.Status)
		}
		res := admin.Do("POST", path+"restore/", nil)
		if res.Status != http.StatusOK || res.JSON()["archived"] != false || res.JSON()["is_active"] != true || res.JSON()["archive"] != nil {
			t.Fatalf("restore: %d %s", res.Status, res.Body)
		}
		if res := admin.Do("POST", path+"restore/", nil); res.Status != http.StatusBadRequest {
			t.Errorf("restoring a live patient: %d %s", res.Status, res.Body)
		}
		if res := admin.Do("POST", "/patients/api/patients/999999/restore/", nil); res.Status != http.StatusNotFound {
			t.Errorf("restoring nobody: %d", res.Status)
		}
		if c := d.nurse.Do("GET", "/patients/api/patients/?search=halima", nil).JSON()["count"]; c != 2.0 {
			t.Errorf("search after restore finds %v", c)
		}
		if res := e.Login("halima-abdi", "Savannah-Rain-11").Do("GET", "/patients/me/", nil); res.Status != http.StatusOK {
			t.Errorf("the restored patient's own record: %d", res.Status)
		}

		// The reason may come in the body; it is bounded.
		if res := hospitalAdmin.Do("DELETE", path, map[string]string{"reason": strings.Repeat("a", 501)}); res.Status != http.StatusBadRequest {
			t.Errorf("an over-long reason: %d", res.Status)
		}
		if res := hospitalAdmin.Do("DELETE", path, map[string]string{"reason": "Registered twice"}); res.Status != http.StatusNoContent {
			t.Errorf("archive with a body: %d %s", res.Status, res.Body)
		}
		if got := admin.Do("GET", path, nil).JSON()["archive"].(map[string]any); got["reason"] != "Registered twice" {
			t.Errorf("reason from the body: %v", got)
		}
	})
}
