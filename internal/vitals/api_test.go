package vitals_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/queue"
	"healthsynx/internal/queue/queuetest"
	"healthsynx/internal/vitals"
)

// postForm posts a form body, as the original's HTML clients and tests did.
func postForm(t *testing.T, e *apitest.Env, c *apitest.Client, path string, form url.Values) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", e.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+c.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// The original's patients tests 2 and 3 (record vitals as a nurse, read them as a
// doctor), with what HealthSynx adds: the queue entry, the ranges, the audit.
func TestRecordAndReadVitals(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		doctorDept := e.Department(queue.DefaultDepartment)
		nurse := e.As(auth.RoleNurse, "nurse1")
		doctor := e.As(auth.RoleDoctor, "drkim")
		patient := queuetest.Patient(e, nurse, "amina")
		record := fmt.Sprintf("/patients/api/patients/%d/record_vitals/", patient)

		// test_nurse_can_record_vitals: the original's form body.
		status, body := postForm(t, e, nurse, record, url.Values{"temperature": {"37.2"}, "pulse_rate": {"72"}})
		if status != 201 || !strings.Contains(body, `"message":"Vitals recorded and patient added to queue."`) {
			t.Fatalf("record (form): %d %s", status, body)
		}
		res := nurse.Do("POST", record, map[string]any{"temperature": 38.6, "pulse_rate": 112, "respiratory_rate": 22,
			"systolic_bp": 100, "diastolic_bp": 70, "spo2": 95, "consciousness": "A"})
		if res.Status != 201 {
			t.Fatalf("record (JSON): %d %s", res.Status, res.Body)
		}
		var rec struct {
			Vitals struct {
				NEWS2 vitals.NEWS2 `json:"news2"`
			} `json:"vitals"`
			QueueEntry vitals.Queued `json:"queue_entry"`
		}
		res.Decode(&rec)
		// NEWS2: resp 22 → 2, SpO2 95 → 1, SBP 100 → 2, pulse 112 → 2, temp 38.6 → 1 = 8: high.
		if *rec.Vitals.NEWS2.Score != 8 || *rec.Vitals.NEWS2.Risk != vitals.RiskHigh || rec.Vitals.NEWS2.Partial {
			t.Fatalf("news2: %+v", rec.Vitals.NEWS2)
		}
		// The second set refreshed the open entry: same entry, in the default department, high priority.
		if !rec.QueueEntry.Refreshed || rec.QueueEntry.Status != "waiting" || *rec.QueueEntry.Department != doctorDept || rec.QueueEntry.Priority != 6 {
			t.Fatalf("queue entry: %+v", rec.QueueEntry)
		}

		// test_doctor_can_view_vitals: newest first, temperature a decimal string.
		res = doctor.Do("GET", fmt.Sprintf("/patients/api/patients/%d/vitals/", patient), nil)
		var list []map[string]any
		res.Decode(&list)
		if res.Status != 200 || len(list) != 2 || list[0]["temperature"] != "38.6" || list[1]["temperature"] != "37.2" ||
			list[1]["pulse_rate"] != float64(72) || list[0]["recorded_at"] == nil || list[0]["observations"] == nil {
			t.Fatalf("vitals list: %d %s", res.Status, res.Body)
		}
		// The read is in the audit log, under the patient.
		admin := e.As(auth.RoleAdmin, "admin1")
		res = admin.Do("GET", fmt.Sprintf("/audit/events/?patient=%d&action=view", patient), nil)
		if res.Status != 200 || !strings.Contains(string(res.Body), `"object_type":"vitals"`) || !strings.Contains(string(res.Body), `"actor_username":"drkim"`) {
			t.Fatalf("audit of the read: %d %s", res.Status, res.Body)
		}

		// Validation names the field and its limits; nothing is written.
		res = nurse.Do("POST", record, map[string]any{"temperature": 46, "pulse_rate": 72})
		if res.Status != 400 || res.JSON()["temperature"].([]any)[0] != "Ensure this value is between 25.0 and 45.0 °C." {
			t.Fatalf("out of range: %d %s", res.Status, res.Body)
		}
		res = nurse.Do("POST", record, map[string]any{"temperature": 37, "department": 999999})
		if res.Status != 400 || res.JSON()["department"].([]any)[0] != `Invalid pk "999999" - object does not exist.` {
			t.Fatalf("unknown department: %d %s", res.Status, res.Body)
		}
		res = doctor.Do("GET", fmt.Sprintf("/patients/api/patients/%d/vitals/", patient), nil)
		res.Decode(&list)
		if len(list) != 2 {
			t.Fatalf("a refused set was stored: %d sets", len(list))
		}

		// Unknown patients are 404; roles without the permission 403.
		if res = nurse.Do("POST", "/patients/api/patients/999999/record_vitals/", map[string]any{"temperature": 37}); res.Status != 404 {
			t.Fatalf("unknown patient: %d %s", res.Status, res.Body)
		}
		pharmacist := e.As(auth.RolePharmacist, "pharm")
		if res = pharmacist.Do("GET", fmt.Sprintf("/patients/api/patients/%d/vitals/", patient), nil); res.Status != 403 {
			t.Fatalf("pharmacist read: %d", res.Status)
		}
		hadmin := e.As(auth.RoleHospitalAdmin, "susan")
		if res = hadmin.Do("POST", record, map[string]any{"temperature": 37}); res.Status != 403 {
			t.Fatalf("hospital admin write: %d", res.Status)
		}
		if res = e.Anon().Do("POST", record, map[string]any{"temperature": 37}); res.Status != 401 {
			t.Fatalf("anonymous write: %d", res.Status)
		}
	})
}

// A patient reads their own vitals, and nobody else's.
func TestOwnVitals(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		nurse := e.As(auth.RoleNurse, "nurse1")
		me, patient := queuetest.PatientClient(e, nurse, "amina")
		other := queuetest.Patient(e, nurse, "baraka")
		for _, id := range []int64{me, other, me} {
			if res := nurse.Do("POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", id), map[string]any{"pulse_rate": 70 + id%10}); res.Status != 201 {
				t.Fatalf("record: %d %s", res.Status, res.Body)
			}
		}
		var list []struct {
			Patient int64 `json:"patient"`
		}
		res := patient.Do("GET", "/patients/me/vitals/", nil)
		res.Decode(&list)
		if res.Status != 200 || len(list) != 2 || list[0].Patient != me || list[1].Patient != me {
			t.Fatalf("own vitals: %d %s", res.Status, res.Body)
		}
		if res = patient.Do("GET", fmt.Sprintf("/patients/api/patients/%d/vitals/", other), nil); res.Status != 403 {
			t.Fatalf("another patient's vitals: %d", res.Status)
		}
		admin := e.As(auth.RoleAdmin, "admin1")
		if res = admin.Do("GET", "/patients/me/vitals/", nil); res.Status != 200 || string(res.Body) != "[]\n" {
			t.Fatalf("admin's own vitals: %d %s", res.Status, res.Body)
		}
	})
}

// The history costs the same queries however many sets it shows (B-32).
func TestHistoryQueries(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		nurse := e.As(auth.RoleNurse, "nurse1")
		few, many := queuetest.Patient(e, nurse, "amina"), queuetest.Patient(e, nurse, "baraka")
		for i := range 12 {
			for _, id := range []int64{few, many} {
				if id == few && i >= 2 {
					continue
				}
				if res := nurse.Do("POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", id), map[string]any{"pulse_rate": 60 + i}); res.Status != 201 {
					t.Fatalf("record: %d %s", res.Status, res.Body)
				}
			}
		}
		counter := &queuetest.CountingDB{DB: e.App.DB}
		svc := *e.App.Vitals
		svc.DB = counter
		p := &auth.Principal{UserID: 1, Username: "nurse1", Role: auth.RoleNurse}
		count := func(patient int64, want int) int64 {
			return counter.Queries(func() {
				if got, err := svc.History(context.Background(), p, patient); err != nil || len(got) != want {
					t.Fatalf("history of %d: %d sets, %v", patient, len(got), err)
				}
			})
		}
		if a, b := count(few, 2), count(many, 12); a != b || b > 2 {
			t.Fatalf("2 sets cost %d queries, 12 sets %d; want the same, at most 2", a, b)
		}
	})
}
