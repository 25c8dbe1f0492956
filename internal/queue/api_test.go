package queue_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/queue/queuetest"
)

// The original's doctors tests 1–3 and 6, patients tests 4 and 5 and users test 6, as
// behaviour over HTTP (INVENTORY §6).
func TestOriginalQueueTests(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		patient := c.patient("amina")
		id := c.triage(t, patient, map[string]any{"temperature": "37.0", "pulse_rate": 80})

		// test_list_doctor_queue
		if got := list(t, c.doctor, ""); len(got) != 1 || got[0].ID != id || got[0].Patient.ID != patient {
			t.Fatalf("queue list: %+v", got)
		}
		// test_waiting_queue
		if got := waiting(t, c.doctor); len(got) != 1 || got[0].Status != "waiting" {
			t.Fatalf("waiting: %+v", got)
		}
		// test_send_to_pharmacy_invalid_status (patients test 5): the entry is waiting.
		res := c.doctor.Do("POST", fmt.Sprintf("/patients/api/patients/%d/send_to_pharmacy/", id), nil)
		if res.Status != 400 || !strings.Contains(res.JSON()["error"].(string), "must be with doctor") {
			t.Fatalf("send to pharmacy while waiting: %d %s", res.Status, res.Body)
		}
		// test_update_queue_status: with_doctor, persisted, the caller stamped.
		res = setStatus(c.doctor, id, "with_doctor")
		if res.Status != 200 || res.JSON()["message"] != "Queue status updated to 'with_doctor' for patient amina." {
			t.Fatalf("update_status: %d %s", res.Status, res.Body)
		}
		if got := entry(t, c.doctor, id); got.Status != "with_doctor" || got.Doctor == nil || *got.Doctor != c.doctorID || got.CalledAt == nil {
			t.Fatalf("after update_status: %+v", got)
		}
		// test_add_to_queue_without_vitals (patients test 4)
		fresh := c.patient("baraka")
		res = c.nurse.Do("POST", fmt.Sprintf("/patients/api/patients/%d/add_to_queue/", fresh), nil)
		if res.Status != 400 || res.JSON()["error"] != "No vitals recorded yet." {
			t.Fatalf("add_to_queue without vitals: %d %s", res.Status, res.Body)
		}
		// users test 6: the doctor's dashboard has total_patients and queue.
		res = c.doctor.Do("GET", "/users/doctor/", nil)
		body := res.JSON()
		if res.Status != 200 || body["total_patients"] != float64(1) || len(body["queue"].([]any)) != 1 {
			t.Fatalf("doctor dashboard: %d %s", res.Status, res.Body)
		}
		// doctors test 6: the doctor is listed.
		res = c.doctor.Do("GET", "/doctors/doctors/", nil)
		if res.Status != 200 || !strings.Contains(string(res.Body), fmt.Sprintf(`"id":%d`, c.doctorID)) {
			t.Fatalf("doctors list: %d %s", res.Status, res.Body)
		}
	})
}

// The state machine over HTTP: every refusal names the allowed statuses (B-9), every
// end of a visit is recorded, nothing is deleted (B-26).
func TestStatusChanges(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		id := c.triage(t, c.patient("amina"), map[string]any{"pulse_rate": 80})

		res := setStatus(c.doctor, id, "completed")
		body := res.JSON()
		if res.Status != 400 || body["error"] != "Cannot change the status from 'waiting' to 'completed'." ||
			fmt.Sprint(body["allowed"]) != "[with_doctor cancelled]" {
			t.Fatalf("waiting → completed: %d %s", res.Status, res.Body)
		}
		if res = setStatus(c.doctor, id, "finished"); res.Status != 400 || res.JSON()["error"] != "Invalid status value." {
			t.Fatalf("unknown status: %d %s", res.Status, res.Body)
		}
		if res = c.doctor.Do("POST", fmt.Sprintf("/doctors/queue/%d/update_status/", id), nil); res.Status != 400 || res.JSON()["error"] != "Invalid status value." {
			t.Fatalf("no status: %d %s", res.Status, res.Body)
		}
		// A visit to the lab and back, then to the pharmacy.
		for _, s := range []string{"with_doctor", "sent_to_lab", "waiting", "with_doctor"} {
			if res = setStatus(c.doctor, id, s); res.Status != 200 {
				t.Fatalf("→ %s: %d %s", s, res.Status, res.Body)
			}
		}
		res = c.doctor.Do("POST", fmt.Sprintf("/patients/api/patients/%d/send_to_pharmacy/", id), nil)
		if res.Status != 200 || res.JSON()["message"] != "Patient sent to pharmacy. Consultation fee added." {
			t.Fatalf("send to pharmacy: %d %s", res.Status, res.Body)
		}
		got := entry(t, c.adm, id)
		if got.Status != "sent_to_pharmacy" || got.CompletedAt == nil || len(got.NextStatuses) != 0 {
			t.Fatalf("after pharmacy: %+v", got)
		}
		// A closed visit goes nowhere.
		res = c.adm.Do("PATCH", fmt.Sprintf("/doctors/queue/%d/", id), map[string]any{"status": "waiting"})
		if res.Status != 400 || fmt.Sprint(res.JSON()["allowed"]) != "[]" {
			t.Fatalf("reopen: %d %s", res.Status, res.Body)
		}
		res = c.adm.Do("PATCH", fmt.Sprintf("/doctors/queue/%d/", id), map[string]any{"urgent": true})
		if res.Status != 400 || !strings.Contains(string(res.Body), "This visit is over") {
			t.Fatalf("change a closed visit: %d %s", res.Status, res.Body)
		}
		// Nothing is deleted.
		res = c.adm.Do("DELETE", fmt.Sprintf("/doctors/queue/%d/", id), nil)
		if res.Status != 405 || !strings.Contains(res.JSON()["detail"].(string), "never deleted") || res.Header.Get("Allow") != "GET, PUT, PATCH" {
			t.Fatalf("delete: %d %s", res.Status, res.Body)
		}

		// The patient may be queued again; a waiting visit can be cancelled.
		id2 := c.triage(t, got.Patient.ID, map[string]any{"pulse_rate": 90})
		if id2 == id {
			t.Fatal("a closed entry was reused")
		}
		if res = c.doctor.Do("PUT", fmt.Sprintf("/doctors/queue/%d/", id2), map[string]any{"status": "cancelled"}); res.Status != 200 {
			t.Fatalf("cancel: %d %s", res.Status, res.Body)
		}
		// PATCH: the doctor must be a doctor; urgency re-orders within the band.
		id3 := c.triage(t, got.Patient.ID, map[string]any{"pulse_rate": 90})
		nurseID := e.User(auth.RoleNurse, "nurse2")
		res = c.doctor.Do("PATCH", fmt.Sprintf("/doctors/queue/%d/", id3), map[string]any{"doctor": nurseID})
		if res.Status != 400 || res.JSON()["doctor"].([]any)[0] != fmt.Sprintf(`Invalid pk "%d" - object does not exist.`, nurseID) {
			t.Fatalf("a nurse as doctor: %d %s", res.Status, res.Body)
		}
		res = c.doctor.Do("PATCH", fmt.Sprintf("/doctors/queue/%d/", id3), map[string]any{"urgent": true, "status": "bogus"})
		if res.Status != 400 || res.JSON()["status"] == nil {
			t.Fatalf("bogus status: %d %s", res.Status, res.Body)
		}
		res = c.doctor.Do("PATCH", fmt.Sprintf("/doctors/queue/%d/", id3), map[string]any{"urgent": true})
		if got := entry(t, c.doctor, id3); res.Status != 200 || !got.Urgent || got.Priority != 1 {
			t.Fatalf("urgent: %d %+v", res.Status, got)
		}
		// Nurses queue patients; they do not move entries.
		if res = c.nurse.Do("PATCH", fmt.Sprintf("/doctors/queue/%d/", id3), map[string]any{"urgent": false}); res.Status != 403 {
			t.Fatalf("nurse changes an entry: %d", res.Status)
		}
	})
}

// Who sees and changes which entries: a doctor their department's waiting patients and
// the patients they hold; the desks what was sent to them; nurses every open entry;
// administrators every entry with scope=all.
func TestObjectRules(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		_, peds := queuetest.Staff(e, auth.RoleDoctor, "drpeds", c.other)
		_, colleague := queuetest.Staff(e, auth.RoleDoctor, "drali", c.dept)
		mine := c.triage(t, c.patient("amina"), map[string]any{"pulse_rate": 80})
		theirs := c.triage(t, c.patient("baraka"), map[string]any{"pulse_rate": 80, "department": c.other})

		if got := ids(list(t, c.doctor, "")); !slices.Equal(got, []int64{mine}) {
			t.Fatalf("doctor's list: %v", got)
		}
		if got := ids(waiting(t, peds)); !slices.Equal(got, []int64{theirs}) {
			t.Fatalf("pediatrics waiting: %v", got)
		}
		if res := c.doctor.Do("GET", fmt.Sprintf("/doctors/queue/%d/", theirs), nil); res.Status != 404 {
			t.Fatalf("another department's entry: %d", res.Status)
		}
		if res := setStatus(c.doctor, theirs, "with_doctor"); res.Status != 404 {
			t.Fatalf("claim from another department: %d %s", res.Status, res.Body)
		}
		// Once a doctor holds a patient, colleagues no longer see or move them.
		if res := setStatus(c.doctor, mine, "with_doctor"); res.Status != 200 {
			t.Fatalf("claim: %d %s", res.Status, res.Body)
		}
		if res := setStatus(colleague, mine, "completed"); res.Status != 404 {
			t.Fatalf("a colleague completes my patient: %d %s", res.Status, res.Body)
		}
		if got := list(t, colleague, ""); len(got) != 0 {
			t.Fatalf("colleague's list: %v", ids(got))
		}
		if res := setStatus(c.doctor, mine, "sent_to_lab"); res.Status != 200 {
			t.Fatalf("to the lab: %d %s", res.Status, res.Body)
		}
		// The lab desk sees the patient sent to it; the pharmacy desk does not.
		lab := e.As(auth.RoleLabTech, "labtech")
		pharmacist := e.As(auth.RolePharmacist, "pharm")
		if got := ids(list(t, lab, "")); !slices.Equal(got, []int64{mine}) {
			t.Fatalf("lab list: %v", got)
		}
		if got := list(t, pharmacist, ""); len(got) != 0 || entry(t, lab, mine).Patient.Email != "" {
			t.Fatalf("pharmacy list %v; the lab desk sees demographics", ids(got))
		}
		if res := lab.Do("GET", fmt.Sprintf("/doctors/queue/%d/", theirs), nil); res.Status != 404 {
			t.Fatalf("lab reads a waiting entry: %d", res.Status)
		}
		if res := lab.Do("POST", fmt.Sprintf("/doctors/queue/%d/update_status/", mine), map[string]string{"status": "waiting"}); res.Status != 403 {
			t.Fatalf("lab moves an entry: %d", res.Status)
		}
		// Results are out: the lab module returns the patient to the queue, to their doctor.
		labTech := &auth.Principal{UserID: e.User(auth.RoleLabTech, "labtech2"), Username: "labtech2", Role: auth.RoleLabTech}
		err := e.App.DB.InTx(context.Background(), func(tx *db.Tx) error { return e.App.Queue.ResultsBack(context.Background(), tx, labTech, mine) })
		if got := entry(t, c.doctor, mine); err != nil || got.Status != "waiting" || *got.Doctor != c.doctorID {
			t.Fatalf("results back: %v %+v", err, got)
		}
		// Nurses see every open entry; administrators every entry with scope=all.
		for _, s := range []string{"with_doctor", "completed"} {
			if res := setStatus(c.doctor, mine, s); res.Status != 200 {
				t.Fatalf("→ %s: %d %s", s, res.Status, res.Body)
			}
		}
		if got := ids(list(t, c.nurse, "")); !slices.Equal(got, []int64{theirs}) {
			t.Fatalf("nurse list: %v", got)
		}
		if got := ids(list(t, c.adm, "&scope=all")); !slices.Equal(got, []int64{theirs, mine}) {
			t.Fatalf("admin scope=all: %v", got)
		}
		if got := ids(list(t, c.adm, "&scope=all&status=completed")); !slices.Equal(got, []int64{mine}) {
			t.Fatalf("admin completed: %v", got)
		}
		if res := c.nurse.Do("GET", "/doctors/queue/?scope=all", nil); res.Status != 400 {
			t.Fatalf("nurse scope=all: %d %s", res.Status, res.Body)
		}
		// The doctor who held the visit still finds it; the patient role none of this.
		if got := entry(t, c.doctor, mine); got.Status != "completed" {
			t.Fatalf("own completed visit: %+v", got)
		}
		_, patient := queuetest.PatientClient(e, c.nurse, "chausiku")
		if res := patient.Do("GET", "/doctors/queue/", nil); res.Status != 403 {
			t.Fatalf("patient lists the queue: %d", res.Status)
		}
	})
}

// Waiting patients are ordered by NEWS2 band, then urgency, then arrival (B-25 fixed
// the opposite orders of the original), and call next follows that order.
func TestPriorityAndCallNext(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		low := c.triage(t, c.patient("first"), map[string]any{"temperature": 37, "pulse_rate": 80})
		high := c.triage(t, c.patient("second"), map[string]any{"pulse_rate": 140, "respiratory_rate": 30, "temperature": 40})
		urgent := c.triage(t, c.patient("third"), map[string]any{"pulse_rate": 80, "urgent": true})
		lowMedium := c.triage(t, c.patient("fourth"), map[string]any{"consciousness": "V"})
		want := []int64{high, lowMedium, urgent, low}
		if got := ids(waiting(t, c.doctor)); !slices.Equal(got, want) {
			t.Fatalf("waiting order %v, want %v", got, want)
		}
		// The dashboard lists oldest first, with vitals and NEWS2.
		res := c.doctor.Do("GET", "/users/doctor/", nil)
		var dash struct {
			Total int `json:"total_patients"`
			Queue []struct {
				ID          int64  `json:"id"`
				PatientName string `json:"patient_name"`
				Vitals      struct {
					NEWS2 struct {
						Risk string `json:"risk"`
					} `json:"news2"`
				} `json:"vitals"`
			} `json:"queue"`
		}
		res.Decode(&dash)
		if dash.Total != 4 || dash.Queue[0].ID != low || dash.Queue[1].ID != high || dash.Queue[1].Vitals.NEWS2.Risk != "high" ||
			dash.Queue[0].PatientName != "Pat first" {
			t.Fatalf("dashboard: %s", res.Body)
		}
		// Call next: in priority order, then the queue is empty.
		for _, id := range want {
			res := c.doctor.Do("POST", "/doctors/queue/next/", nil)
			got := res.JSON()["entry"]
			if res.Status != 200 || got == nil || int64(got.(map[string]any)["id"].(float64)) != id {
				t.Fatalf("call next, want %d: %d %s", id, res.Status, res.Body)
			}
			// Holding a patient does not stop a doctor calling the next one.
		}
		res = c.doctor.Do("POST", "/doctors/queue/next/", nil)
		if res.Status != 200 || res.JSON()["detail"] != "The queue is empty." || res.JSON()["entry"] != nil {
			t.Fatalf("empty queue: %d %s", res.Status, res.Body)
		}
		if res = c.adm.Do("POST", "/doctors/queue/next/", nil); res.Status != 400 {
			t.Fatalf("admin calls next: %d %s", res.Status, res.Body)
		}
	})
}

// add_to_queue (E-34) keeps its contract; POST /doctors/queue/ (E-39) works.
func TestEnqueue(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		patient := c.patient("amina")
		id := c.triage(t, patient, map[string]any{"pulse_rate": 80})
		path := fmt.Sprintf("/patients/api/patients/%d/add_to_queue/", patient)
		if res := c.nurse.Do("POST", path, nil); res.Status != 200 || res.JSON()["info"] != "Patient already in queue." {
			t.Fatalf("already queued: %d %s", res.Status, res.Body)
		}
		if res := setStatus(c.doctor, id, "with_doctor"); res.Status != 200 {
			t.Fatal(res.Status)
		}
		if res := setStatus(c.doctor, id, "completed"); res.Status != 200 {
			t.Fatal(res.Status)
		}
		res := c.nurse.Do("POST", path, map[string]any{"department": c.other, "urgent": true})
		if res.Status != 201 || res.JSON()["message"] != "Patient added to doctor queue." {
			t.Fatalf("requeue: %d %s", res.Status, res.Body)
		}
		requeued := res.JSON()["entry"].(map[string]any)
		if requeued["department"] != float64(c.other) || requeued["urgent"] != true || requeued["vitals"] == nil {
			t.Fatalf("requeued entry: %s", res.Body)
		}

		// E-39: create with the latest vitals, the default department; refusals by field.
		other := c.patient("baraka")
		res = c.nurse.Do("POST", "/doctors/queue/", map[string]any{"patient": other})
		if res.Status != 201 || res.JSON()["status"] != "waiting" || res.JSON()["department"] != float64(c.dept) || res.JSON()["vitals"] != nil {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		if res = c.nurse.Do("POST", "/doctors/queue/", map[string]any{"patient": other}); res.Status != 400 || res.JSON()["patient"].([]any)[0] != "Patient already in queue." {
			t.Fatalf("create twice: %d %s", res.Status, res.Body)
		}
		third := c.patient("chausiku")
		firstVitals := entry(t, c.adm, id).Vitals.ID
		res = c.nurse.Do("POST", "/doctors/queue/", map[string]any{"patient": third, "vitals": firstVitals})
		if res.Status != 400 || res.JSON()["vitals"] == nil {
			t.Fatalf("another patient's vitals: %d %s", res.Status, res.Body)
		}
		for _, body := range []map[string]any{{}, {"patient": 999999}, {"patient": third, "department": 999999}} {
			if res = c.nurse.Do("POST", "/doctors/queue/", body); res.Status != 400 {
				t.Fatalf("create %v: %d %s", body, res.Status, res.Body)
			}
		}
		if got := list(t, c.adm, fmt.Sprintf("&patient=%d", third)); len(got) != 0 {
			t.Fatalf("a refused create left entries: %v", ids(got))
		}
	})
}
