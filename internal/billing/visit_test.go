package billing_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/auth"
)

// Completing a consultation bills it exactly once, whichever path completes it
// (update_status to completed, or E-35 send_to_pharmacy), sequentially or from two
// clients at once (B-3, W-4).
func TestCompletingAVisitChargesOnceWhicheverPath(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		nurse := e.As(auth.RoleNurse, "nurse")
		officer := e.As(auth.RoleBilling, "officer")
		dept := e.Department("Doctor")
		doctors := []*apitest.Client{doctorIn(t, e, "drone", dept), doctorIn(t, e, "drtwo", dept)}
		p := register(t, e, "kioko", "Kioko", "Mutua")

		// open queues the patient and brings them to the doctor; it returns the entry id.
		open := func() int64 {
			res := nurse.Do("POST", "/doctors/queue/", map[string]any{"patient": p.ID, "department": dept})
			if res.Status != http.StatusCreated {
				t.Fatalf("queue: %d %s", res.Status, res.Body)
			}
			id := idOf(res.JSON())
			if res := doctors[0].Do("POST", path("/doctors/queue/%d/update_status/", id), map[string]any{"status": "with_doctor"}); res.Status != http.StatusOK {
				t.Fatalf("with_doctor: %d %s", res.Status, res.Body)
			}
			return id
		}
		ends := []func(c *apitest.Client, id int64) int{
			func(c *apitest.Client, id int64) int {
				return c.Do("POST", path("/doctors/queue/%d/update_status/", id), map[string]any{"status": "completed"}).Status
			},
			func(c *apitest.Client, id int64) int {
				return c.Do("POST", path("/patients/api/patients/%d/send_to_pharmacy/", id), nil).Status
			},
		}
		charges := func(id int64) []any {
			res := officer.Do("GET", fmt.Sprintf("/billing/billing/?patient=%d&category=consultation&page_size=50", p.ID), nil).JSON()
			var out []any
			for _, r := range res["results"].([]any) {
				if r.(map[string]any)["visit"] == float64(id) {
					out = append(out, r)
				}
			}
			return out
		}

		// Each path charges; the other path on the same visit is refused, not billed.
		for i, end := range ends {
			id := open()
			if s := end(doctors[0], id); s != http.StatusOK {
				t.Fatalf("path %d: %d", i, s)
			}
			if s := ends[1-i](doctors[0], id); s != http.StatusBadRequest {
				t.Errorf("path %d then the other: %d, want 400", i, s)
			}
			if got := charges(id); len(got) != 1 || got[0].(map[string]any)["amount"] != "1200.00" ||
				got[0].(map[string]any)["description"] != "Doctor Consultation Fee" {
				t.Errorf("path %d: charges %v, want one of 1200.00", i, got)
			}
		}
		// Two clients, two paths, at once: one ends the visit, one charge.
		for round := range 3 {
			id := open()
			statuses := make([]int, 2)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					statuses[i] = ends[i](doctors[i], id)
				}()
			}
			close(start)
			wg.Wait()
			if ok := (statuses[0] == http.StatusOK) != (statuses[1] == http.StatusOK); !ok {
				t.Errorf("round %d: statuses %v, want exactly one 200", round, statuses)
			}
			if got := charges(id); len(got) != 1 {
				t.Errorf("round %d: %d consultation charges, want 1", round, len(got))
			}
		}
	})
}

// doctorIn signs in a new doctor of the department: a doctor sees their department's
// queue.
func doctorIn(t *testing.T, e *apitest.Env, username string, dept int64) *apitest.Client {
	t.Helper()
	pw, role, spec, lic := apitest.Password, string(auth.RoleDoctor), "General medicine", "LIC-"+username
	_, err := e.App.Identity.CreateStaff(context.Background(), identity.System, identity.AccountInput{Username: &username,
		Password: &pw, Role: &role, Department: &dept, Specialization: &spec, LicenseNumber: &lic})
	if err != nil {
		t.Fatalf("doctor %s: %v", username, err)
	}
	return e.Login(username, pw)
}
