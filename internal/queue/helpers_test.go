package queue_test

import (
	"fmt"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/queue"
	"healthsynx/internal/queue/queuetest"
)

// entryJSON is the part of a queue entry the tests read.
type entryJSON struct {
	ID      int64 `json:"id"`
	Patient struct {
		ID       int64  `json:"id"`
		Username string `json:"username"`
		Email    string `json:"email"`
	} `json:"patient"`
	Vitals *struct {
		ID int64 `json:"id"`
	} `json:"vitals"`
	Doctor       *int64   `json:"doctor"`
	Status       string   `json:"status"`
	NextStatuses []string `json:"next_statuses"`
	Department   *int64   `json:"department"`
	Priority     int      `json:"priority"`
	Urgent       bool     `json:"urgent"`
	WaitingSince string   `json:"waiting_since"`
	CalledAt     *string  `json:"called_at"`
	CompletedAt  *string  `json:"completed_at"`
}

// clinic is a hospital with the default department and another, a nurse, and a doctor
// in the default department.
type clinic struct {
	e                  *apitest.Env
	dept, other        int64
	nurse, doctor, adm *apitest.Client
	doctorID           int64
}

func newClinic(t *testing.T, e *apitest.Env) *clinic {
	t.Helper()
	c := &clinic{e: e, dept: e.Department(queue.DefaultDepartment), other: e.Department("Pediatrics")}
	c.nurse = e.As(auth.RoleNurse, "nurse1")
	c.doctorID, c.doctor = queuetest.Staff(e, auth.RoleDoctor, "drkim", c.dept)
	c.adm = e.As(auth.RoleAdmin, "admin1")
	return c
}

// patient registers a patient.
func (c *clinic) patient(username string) int64 { return queuetest.Patient(c.e, c.nurse, username) }

// triage records vitals for the patient as the nurse and returns the queue entry's id.
func (c *clinic) triage(t *testing.T, patient int64, body map[string]any) int64 {
	t.Helper()
	res := c.nurse.Do("POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", patient), body)
	if res.Status != 201 {
		t.Fatalf("record vitals of %d: %d %s", patient, res.Status, res.Body)
	}
	return int64(res.JSON()["queue_entry"].(map[string]any)["id"].(float64))
}

// entry reads an entry as the client.
func entry(t *testing.T, c *apitest.Client, id int64) entryJSON {
	t.Helper()
	res := c.Do("GET", fmt.Sprintf("/doctors/queue/%d/", id), nil)
	if res.Status != 200 {
		t.Fatalf("GET entry %d: %d %s", id, res.Status, res.Body)
	}
	var out entryJSON
	res.Decode(&out)
	return out
}

// list reads the client's view of the queue (one page of at most 50).
func list(t *testing.T, c *apitest.Client, query string) []entryJSON {
	t.Helper()
	res := c.Do("GET", "/doctors/queue/?page_size=50"+query, nil)
	if res.Status != 200 {
		t.Fatalf("GET queue%s: %d %s", query, res.Status, res.Body)
	}
	var page struct {
		Results []entryJSON `json:"results"`
	}
	res.Decode(&page)
	return page.Results
}

// waiting reads the client's waiting list.
func waiting(t *testing.T, c *apitest.Client) []entryJSON {
	t.Helper()
	res := c.Do("GET", "/doctors/queue/waiting/", nil)
	if res.Status != 200 {
		t.Fatalf("GET waiting: %d %s", res.Status, res.Body)
	}
	var out []entryJSON
	res.Decode(&out)
	return out
}

func ids(entries []entryJSON) []int64 {
	out := make([]int64, len(entries))
	for i, e := range entries {
		out[i] = e.ID
	}
	return out
}

// setStatus moves an entry with update_status and returns the status code and body.
func setStatus(c *apitest.Client, id int64, status string) apitest.Response {
	return c.Do("POST", fmt.Sprintf("/doctors/queue/%d/update_status/", id), map[string]string{"status": status})
}
