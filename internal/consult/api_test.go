package consult_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/consult"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/queue"
	"healthsynx/internal/queue/queuetest"
)

// noteJSON is the part of a note the tests read.
type noteJSON struct {
	ID          int64  `json:"id"`
	Doctor      string `json:"doctor"`
	DoctorID    int64  `json:"doctor_id"`
	Patient     int64  `json:"patient"`
	PatientName string `json:"patient_name"`
	QueueItem   int64  `json:"queue_item"`
	QueueInfo   struct {
		ID        int64  `json:"id"`
		Status    string `json:"status"`
		Patient   string `json:"patient"`
		CreatedAt string `json:"created_at"`
	} `json:"queue_info"`
	Plan         string         `json:"plan"`
	Diagnosis    string         `json:"diagnosis"`
	Prescription string         `json:"prescription"`
	Diagnoses    []consult.Code `json:"diagnoses"`
	Addenda      []struct {
		Author   string `json:"author"`
		AuthorID int64  `json:"author_id"`
		Text     string `json:"text"`
	} `json:"addenda"`
	CreatedAt string `json:"created_at"`
}

// visit registers a patient and queues them; it returns the patient and the entry.
func visit(t *testing.T, e *apitest.Env, nurse *apitest.Client, username string) (int64, int64) {
	t.Helper()
	patient := queuetest.Patient(e, nurse, username)
	res := nurse.Do("POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", patient), map[string]any{"temperature": 38.2, "pulse_rate": 96})
	if res.Status != 201 {
		t.Fatalf("record vitals: %d %s", res.Status, res.Body)
	}
	return patient, int64(res.JSON()["queue_entry"].(map[string]any)["id"].(float64))
}

// The original's doctors test 4 (create a note, signed by the caller) and E-43..E-45,
// with what HealthSynx adds: coded diagnoses, the ownership check, addenda instead of
// changes, the audit of reads.
func TestNotes(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		dept := e.Department(queue.DefaultDepartment)
		nurse := e.As(auth.RoleNurse, "nurse1")
		doctorID, doctor := queuetest.Staff(e, auth.RoleDoctor, "drkim", dept)
		patient, entry := visit(t, e, nurse, "amina")
		other, otherEntry := visit(t, e, nurse, "baraka")

		// test_create_doctor_note: 201, the author is the caller, whatever the body says.
		res := doctor.Do("POST", "/doctors/notes/", map[string]any{"patient": patient, "queue_item": entry,
			"diagnosis": "Malaria", "doctor": 12345, "history": "Fever for three days.", "plan": "Rapid test; antimalarials.",
			"diagnoses": []map[string]string{{"code": " b54 "}, {"code": "R50.9", "description": "Fever"}}})
		if res.Status != 201 {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		var n noteJSON
		res.Decode(&n)
		if n.DoctorID != doctorID || n.Doctor != "Test Drkim" || n.PatientName != "Pat amina" || n.Patient != patient ||
			n.QueueInfo.ID != entry || n.QueueInfo.Status != "waiting" || n.QueueInfo.Patient != "Pat amina" || n.Diagnosis != "Malaria" {
			t.Fatalf("note: %s", res.Body)
		}
		want := []consult.Code{{Code: "B54", Description: "Unspecified malaria"}, {Code: "R50.9", Description: "Fever"}}
		if fmt.Sprint(n.Diagnoses) != fmt.Sprint(want) || len(n.Addenda) != 0 {
			t.Fatalf("diagnoses %v, addenda %v", n.Diagnoses, n.Addenda)
		}

		// Refusals name the field.
		refusals := []struct {
			body  map[string]any
			field string
			msg   string
		}{
			{map[string]any{"patient": patient, "queue_item": otherEntry, "diagnosis": "x"}, "queue_item", consult.MsgOtherPatient},
			{map[string]any{"patient": 999999, "queue_item": entry, "diagnosis": "x"}, "patient", `Invalid pk "999999" - object does not exist.`},
			{map[string]any{"patient": patient, "queue_item": 999999, "diagnosis": "x"}, "queue_item", `Invalid pk "999999" - object does not exist.`},
			{map[string]any{"queue_item": entry, "diagnosis": "x"}, "patient", "This field is required."},
			{map[string]any{"patient": patient, "queue_item": entry}, "non_field_errors", consult.MsgEmptyNote},
			{map[string]any{"patient": patient, "queue_item": entry, "diagnoses": []map[string]string{{"code": "U07.1"}}}, "diagnoses[0].code", consult.MsgICD10},
			{map[string]any{"patient": patient, "queue_item": entry, "diagnoses": []map[string]string{{"code": "J18.9"}, {"code": "A00.1"}}},
				"diagnoses[1].description", consult.MsgNoDescription},
			{map[string]any{"patient": patient, "queue_item": entry, "plan": strings.Repeat("x", 10001)}, "plan", "Ensure this field has no more than 10000 characters."},
		}
		for _, r := range refusals {
			res := doctor.Do("POST", "/doctors/notes/", r.body)
			if res.Status != 400 || fmt.Sprint(res.JSON()[r.field]) != "["+r.msg+"]" {
				t.Errorf("%v: %d %s; want %s: %s", r.body, res.Status, res.Body, r.field, r.msg)
			}
		}
		// Only doctors write; nurses read; the other desks neither.
		if res = nurse.Do("POST", "/doctors/notes/", map[string]any{"patient": other, "queue_item": otherEntry, "plan": "x"}); res.Status != 403 {
			t.Fatalf("nurse writes: %d", res.Status)
		}
		pharmacist := e.As(auth.RolePharmacist, "pharm")
		if res = pharmacist.Do("GET", "/doctors/notes/", nil); res.Status != 403 {
			t.Fatalf("pharmacist reads: %d", res.Status)
		}
		path := fmt.Sprintf("/doctors/notes/%d/", n.ID)
		if res = nurse.Do("GET", path, nil); res.Status != 200 {
			t.Fatalf("nurse reads: %d %s", res.Status, res.Body)
		}
		admin := e.As(auth.RoleAdmin, "admin1")
		res = admin.Do("GET", fmt.Sprintf("/audit/events/?patient=%d&action=view", patient), nil)
		if !strings.Contains(string(res.Body), `"object_type":"consultation_note"`) || !strings.Contains(string(res.Body), `"actor_username":"nurse1"`) {
			t.Fatalf("the read is not audited: %s", res.Body)
		}

		// A note is never changed or deleted: the answer points to the addenda.
		for _, m := range []string{"PUT", "PATCH", "DELETE"} {
			res = doctor.Do(m, path, map[string]any{"diagnosis": "Typhoid"})
			if res.Status != 405 || !strings.Contains(res.JSON()["detail"].(string), fmt.Sprintf("POST /doctors/notes/%d/addenda/", n.ID)) {
				t.Fatalf("%s: %d %s", m, res.Status, res.Body)
			}
		}
		// Any doctor adds an addendum, signed by themself.
		colleagueID, colleague := queuetest.Staff(e, auth.RoleDoctor, "drali", 0)
		res = colleague.Do("POST", path+"addenda/", map[string]string{"text": "Rapid test positive for P. falciparum."})
		if res.Status != 201 || res.JSON()["author_id"] != float64(colleagueID) {
			t.Fatalf("addendum: %d %s", res.Status, res.Body)
		}
		if res = colleague.Do("POST", path+"addenda/", map[string]string{"text": "  "}); res.Status != 400 || res.JSON()["text"] == nil {
			t.Fatalf("blank addendum: %d %s", res.Status, res.Body)
		}
		if res = colleague.Do("POST", "/doctors/notes/999999/addenda/", map[string]string{"text": "x"}); res.Status != 404 {
			t.Fatalf("addendum to nothing: %d", res.Status)
		}
		doctor.Do("GET", path, nil).Decode(&n)
		if n.Diagnosis != "Malaria" || len(n.Addenda) != 1 || n.Addenda[0].Author != "Test Drali" || n.Addenda[0].AuthorID != colleagueID {
			t.Fatalf("note after addendum: %+v", n)
		}

		// The list: newest first, filtered by patient or visit.
		if res = doctor.Do("POST", "/doctors/notes/", map[string]any{"patient": other, "queue_item": otherEntry, "plan": "Rest."}); res.Status != 201 {
			t.Fatalf("second note: %d %s", res.Status, res.Body)
		}
		var page struct {
			Count   int        `json:"count"`
			Results []noteJSON `json:"results"`
		}
		doctor.Do("GET", "/doctors/notes/", nil).Decode(&page)
		if page.Count != 2 || page.Results[0].Patient != other || page.Results[1].ID != n.ID {
			t.Fatalf("list: %+v", page)
		}
		doctor.Do("GET", fmt.Sprintf("/doctors/notes/?patient=%d", patient), nil).Decode(&page)
		if page.Count != 1 || page.Results[0].ID != n.ID {
			t.Fatalf("list by patient: %+v", page)
		}
		doctor.Do("GET", fmt.Sprintf("/doctors/notes/?queue_item=%d", otherEntry), nil).Decode(&page)
		if page.Count != 1 || page.Results[0].Patient != other {
			t.Fatalf("list by visit: %+v", page)
		}
		if res = doctor.Do("GET", "/doctors/notes/?patient=abc", nil); res.Status != 400 {
			t.Fatalf("bad filter: %d", res.Status)
		}
	})
}

// A patient reads their own visit summaries: date, department, doctor, diagnoses and
// plan, never the history or the examination, and never another patient's.
func TestVisitSummaries(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		dept := e.Department(queue.DefaultDepartment)
		nurse := e.As(auth.RoleNurse, "nurse1")
		_, doctor := queuetest.Staff(e, auth.RoleDoctor, "drkim", dept)
		patient, client := queuetest.PatientClient(e, nurse, "amina")
		res := nurse.Do("POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", patient), map[string]any{"pulse_rate": 80})
		entry := int64(res.JSON()["queue_entry"].(map[string]any)["id"].(float64))
		if res = doctor.Do("POST", "/doctors/queue/next/", nil); res.Status != 200 {
			t.Fatal(res.Status)
		}
		for _, body := range []map[string]any{
			{"history": "Secret history", "examination": "Secret exam", "plan": "Fluids.", "diagnoses": []map[string]string{{"code": "A09.0"}}},
			{"plan": "Review in a week.", "diagnoses": []map[string]string{{"code": "A09.0"}, {"code": "E86"}}},
		} {
			body["patient"], body["queue_item"] = patient, entry
			if res = doctor.Do("POST", "/doctors/notes/", body); res.Status != 201 {
				t.Fatalf("note: %d %s", res.Status, res.Body)
			}
		}
		res = client.Do("GET", "/patients/me/visits/", nil)
		var page struct {
			Count   int `json:"count"`
			Results []struct {
				Visit      int64          `json:"visit"`
				Date       string         `json:"date"`
				Department string         `json:"department"`
				Doctor     string         `json:"doctor"`
				Diagnoses  []consult.Code `json:"diagnoses"`
				Plan       string         `json:"plan"`
			} `json:"results"`
		}
		res.Decode(&page)
		if res.Status != 200 || page.Count != 1 || strings.Contains(string(res.Body), "Secret") {
			t.Fatalf("visits: %d %s", res.Status, res.Body)
		}
		v := page.Results[0]
		if v.Visit != entry || v.Department != queue.DefaultDepartment || v.Doctor != "Test Drkim" || v.Plan != "Fluids.\n\nReview in a week." ||
			len(v.Diagnoses) != 2 || v.Diagnoses[1].Code != "E86" || v.Date == "" {
			t.Fatalf("visit summary: %s", res.Body)
		}
		_, stranger := queuetest.PatientClient(e, nurse, "baraka")
		stranger.Do("GET", "/patients/me/visits/", nil).Decode(&page)
		if page.Count != 0 {
			t.Fatalf("another patient's visits: %+v", page)
		}
		if res = client.Do("GET", "/doctors/notes/", nil); res.Status != 403 {
			t.Fatalf("patient reads the notes: %d", res.Status)
		}
	})
}

func TestICD10Search(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		doctor := e.As(auth.RoleDoctor, "drkim")
		var codes []consult.Code
		doctor.Do("GET", "/doctors/icd10/?q=MALARIA", nil).Decode(&codes)
		if fmt.Sprint(codes) != "[{B50.9 Plasmodium falciparum malaria, unspecified} {B54 Unspecified malaria}]" {
			t.Fatalf("malaria: %v", codes)
		}
		doctor.Do("GET", "/doctors/icd10/?q=j18", nil).Decode(&codes)
		if len(codes) != 1 || codes[0].Code != "J18.9" {
			t.Fatalf("j18: %v", codes)
		}
		nurse := e.As(auth.RoleNurse, "nurse1")
		nurse.Do("GET", "/doctors/icd10/", nil).Decode(&codes)
		if len(codes) < 100 {
			t.Fatalf("the catalogue has %d codes", len(codes))
		}
	})
}

// The notes list issues the same queries whatever the page size (B-32).
func TestNotesListQueries(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		dept := e.Department(queue.DefaultDepartment)
		nurse := e.As(auth.RoleNurse, "nurse1")
		_, doctor := queuetest.Staff(e, auth.RoleDoctor, "drkim", dept)
		_, colleague := queuetest.Staff(e, auth.RoleDoctor, "drali", dept)
		const n = 12
		for i := range n {
			patient, entry := visit(t, e, nurse, fmt.Sprintf("p%02d", i))
			res := doctor.Do("POST", "/doctors/notes/", map[string]any{"patient": patient, "queue_item": entry, "plan": "Rest.",
				"diagnoses": []map[string]string{{"code": "J06.9"}}})
			if res.Status != 201 {
				t.Fatalf("note: %d %s", res.Status, res.Body)
			}
			id := int64(res.JSON()["id"].(float64))
			if res = colleague.Do("POST", fmt.Sprintf("/doctors/notes/%d/addenda/", id), map[string]string{"text": "Seen."}); res.Status != 201 {
				t.Fatalf("addendum: %d", res.Status)
			}
		}
		counter := &queuetest.CountingDB{DB: e.App.DB}
		svc := *e.App.Consult
		svc.DB = counter
		p := &auth.Principal{UserID: 1, Username: "drkim", Role: auth.RoleDoctor}
		count := func(size int) int64 {
			return counter.Queries(func() {
				page := web.PageRequest{Page: 1, Size: size}
				notes, total, err := svc.List(context.Background(), p, consult.NoteFilter{}, &page)
				if err != nil || total != n || len(notes) != min(size, n) || len(notes[0].Addenda) != 1 || len(notes[0].Diagnoses) != 1 {
					t.Fatalf("list of %d: %d notes of %d, %v", size, len(notes), total, err)
				}
			})
		}
		if small, large := count(1), count(web.MaxPageSize); small != large || large > 6 {
			t.Fatalf("a page of 1 ran %d queries, of %d ran %d; want the same, at most 6", small, n, large)
		}
	})
}
