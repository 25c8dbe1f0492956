package queue_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/queue"
	"healthsynx/internal/queue/queuetest"
)

// tableBiller charges into a table of the test, in the queue's transaction, so that only
// committed charges count. It has no unique key: a second charge would show.
type tableBiller struct{ fail bool }

const chargesTable = "CREATE TABLE test_charges (queue_entry_id BIGINT NOT NULL, patient_id BIGINT NOT NULL, doctor_id BIGINT NOT NULL, department_id BIGINT NOT NULL, status VARCHAR(20) NOT NULL)"

func (b tableBiller) ChargeConsultation(ctx context.Context, tx *db.Tx, v queue.CompletedVisit) error {
	if _, err := tx.Exec(ctx, "INSERT INTO test_charges (queue_entry_id, patient_id, doctor_id, department_id, status) VALUES (?, ?, ?, ?, ?)",
		v.QueueEntryID, v.PatientID, v.DoctorID, v.DepartmentID, string(v.Status)); err != nil {
		return err
	}
	if b.fail {
		return errors.New("billing refused the charge")
	}
	return nil
}

// charges counts the committed charges of entry id.
func charges(t *testing.T, e *apitest.Env, id int64) int {
	t.Helper()
	var n int
	if err := e.App.DB.QueryRow(context.Background(), "SELECT COUNT(*) FROM test_charges WHERE queue_entry_id = ?", id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// withBiller serves the app with b as its consultation biller (see queuetest.Reserve).
func withBiller(t *testing.T, e *apitest.Env, b queue.ConsultationBiller) *apitest.Env {
	t.Helper()
	if _, err := e.App.DB.Exec(context.Background(), chargesTable); err != nil {
		t.Fatal(err)
	}
	e.App.Queue.Biller = b
	return queuetest.Reserve(e)
}

// Ending a visit charges the consultation exactly once, whichever path ends it, even
// when both paths try at the same moment: one wins, the other is told the entry is no
// longer with the doctor, and the biller ran once, in the winner's transaction.
func TestConsultationChargedOnce(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e = withBiller(t, e, tableBiller{})
		c := newClinic(t, e)
		const visits = 6
		var entries []int64
		for i := range visits {
			id := c.triage(t, c.patient(fmt.Sprintf("p%d", i)), map[string]any{"pulse_rate": 80})
			if res := setStatus(c.doctor, id, "with_doctor"); res.Status != 200 {
				t.Fatalf("claim: %d %s", res.Status, res.Body)
			}
			entries = append(entries, id)
		}
		for _, id := range entries {
			replies := all(2, func(i int) queuetest.Reply {
				if i == 0 {
					return queuetest.Send(e, c.doctor, "POST", fmt.Sprintf("/doctors/queue/%d/update_status/", id), map[string]string{"status": "completed"})
				}
				return queuetest.Send(e, c.doctor, "POST", fmt.Sprintf("/patients/api/patients/%d/send_to_pharmacy/", id), nil)
			})
			won := 0
			for _, r := range replies {
				switch {
				case r.Err == nil && r.Status == 200:
					won++
				case r.Err == nil && r.Status == 400 && r.JSON()["allowed"] != nil:
				default:
					t.Fatalf("entry %d: %d %s %v", id, r.Status, r.Body, r.Err)
				}
			}
			if won != 1 || charges(t, e, id) != 1 {
				t.Fatalf("entry %d: %d paths won, %d charges; want 1 and 1", id, won, charges(t, e, id))
			}
		}
		// The charge names the visit; the lab and a cancellation charge nothing.
		var patient, doctor, dept int64
		var status string
		if err := e.App.DB.QueryRow(context.Background(), "SELECT patient_id, doctor_id, department_id, status FROM test_charges WHERE queue_entry_id = ?",
			entries[0]).Scan(&patient, &doctor, &dept, &status); err != nil {
			t.Fatal(err)
		}
		got := entry(t, c.adm, entries[0])
		if patient != got.Patient.ID || doctor != c.doctorID || dept != c.dept || status != got.Status {
			t.Fatalf("charge (%d %d %d %s) for %+v", patient, doctor, dept, status, got)
		}
		lab := c.triage(t, c.patient("lab"), map[string]any{"pulse_rate": 80})
		for _, s := range []string{"with_doctor", "sent_to_lab"} {
			if res := setStatus(c.doctor, lab, s); res.Status != 200 {
				t.Fatalf("→ %s: %d", s, res.Status)
			}
		}
		gone := c.triage(t, c.patient("gone"), map[string]any{"pulse_rate": 80})
		if res := setStatus(c.doctor, gone, "cancelled"); res.Status != 200 {
			t.Fatalf("cancel: %d", res.Status)
		}
		if charges(t, e, lab)+charges(t, e, gone) != 0 {
			t.Fatal("a visit that did not end with the doctor was charged")
		}
	})
}

// The charge is part of the transaction that ends the visit: if billing fails, the
// visit does not end, and nothing is half-written.
func TestFailedChargeKeepsTheVisitOpen(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e = withBiller(t, e, tableBiller{fail: true})
		c := newClinic(t, e)
		id := c.triage(t, c.patient("amina"), map[string]any{"pulse_rate": 80})
		if res := setStatus(c.doctor, id, "with_doctor"); res.Status != 200 {
			t.Fatal(res.Status)
		}
		res := setStatus(c.doctor, id, "completed")
		if res.Status != 500 || strings.Contains(string(res.Body), "billing refused") {
			t.Fatalf("failed charge: %d %s (internals must not show)", res.Status, res.Body)
		}
		if got := entry(t, c.doctor, id); got.Status != "with_doctor" || got.CompletedAt != nil || charges(t, e, id) != 0 {
			t.Fatalf("after a failed charge: %+v, %d charges", got, charges(t, e, id))
		}
	})
}

// Every committed change is published once, after its commit, with the department,
// entry, patient and new status; a refused change publishes nothing.
func TestOnChange(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		var mu sync.Mutex
		var events []queue.Event
		e.App.Queue.OnChange = func(ev queue.Event) {
			mu.Lock()
			defer mu.Unlock()
			events = append(events, ev)
		}
		e = queuetest.Reserve(e)
		c := newClinic(t, e)
		_, doctor := queuetest.Staff(e, auth.RoleDoctor, "drpeds", c.other)
		patient := c.patient("amina")
		id := c.triage(t, patient, map[string]any{"pulse_rate": 80, "department": c.other})
		c.triage(t, patient, map[string]any{"pulse_rate": 90})
		// Moved to another department while waiting: both queues hear of it.
		c.triage(t, patient, map[string]any{"pulse_rate": 88, "department": c.dept})
		c.triage(t, patient, map[string]any{"pulse_rate": 86, "department": c.other})
		if res := setStatus(doctor, id, "completed"); res.Status != 400 {
			t.Fatal(res.Status)
		}
		if res := doctor.Do("POST", "/doctors/queue/next/", nil); res.Status != 200 {
			t.Fatal(res.Status)
		}
		mu.Lock()
		defer mu.Unlock()
		want := []queue.Event{
			{DepartmentID: c.other, EntryID: id, PatientID: patient, Status: queue.Waiting},
			{DepartmentID: c.other, EntryID: id, PatientID: patient, Status: queue.Waiting},
			{DepartmentID: c.dept, EntryID: id, PatientID: patient, Status: queue.Waiting},
			{DepartmentID: c.other, EntryID: id, PatientID: patient, Status: queue.Waiting},
			{DepartmentID: c.other, EntryID: id, PatientID: patient, Status: queue.Waiting},
			{DepartmentID: c.dept, EntryID: id, PatientID: patient, Status: queue.Waiting},
			{DepartmentID: c.other, EntryID: id, PatientID: patient, Status: queue.WithDoctor},
		}
		if fmt.Sprint(events) != fmt.Sprint(want) {
			t.Fatalf("events %v, want %v", events, want)
		}
	})
}
