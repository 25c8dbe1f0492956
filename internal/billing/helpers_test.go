package billing_test

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"healthsynx/internal/apitest"
	"healthsynx/internal/billing"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/db"
)

// registered is a patient registered at the desk, who can sign in.
type registered struct {
	ID       int64
	MRN      string
	Username string
}

// register registers a patient through the patients module, with apitest.Password.
func register(t *testing.T, e *apitest.Env, username, first, last string) registered {
	t.Helper()
	pw := apitest.Password
	p, err := e.App.Patients.Register(context.Background(), patients.Caller{}, patients.Registration{
		PatientInput: patients.PatientInput{Username: &username, FirstName: &first, LastName: &last}, Password: &pw})
	if err != nil {
		t.Fatalf("register %s: %v", username, err)
	}
	return registered{ID: p.ID, MRN: p.MRN, Username: username}
}

// visit puts a queue entry for the patient in the database, as the queue module would
// have made it, and returns its id: the charges of a visit refer to it.
func visit(t *testing.T, e *apitest.Env, patientID, departmentID int64) int64 {
	t.Helper()
	now := db.Now()
	var dept any
	if departmentID != 0 {
		dept = departmentID
	}
	id, err := e.App.DB.InsertID(context.Background(), `INSERT INTO queue_entries (patient_id, department_id, status, priority,
		urgent, created_at, waiting_since, updated_at) VALUES (?, ?, 'with_doctor', 0, ?, ?, ?, ?)`,
		patientID, dept, false, now, now, now)
	if err != nil {
		t.Fatalf("queue entry: %v", err)
	}
	return id
}

// completeVisit charges a visit's consultation as the queue module does when a
// consultation ends: in a transaction of its own.
func completeVisit(e *apitest.Env, v billing.Visit) error {
	return e.App.DB.InTx(context.Background(), func(tx *db.Tx) error {
		return e.App.Billing.ChargeConsultation(context.Background(), tx, v)
	})
}

// record creates a manual charge through the API and returns it.
func record(t *testing.T, c *apitest.Client, patientID int64, amount, category string) map[string]any {
	t.Helper()
	res := c.Do("POST", "/billing/billing/", map[string]any{"patient": patientID, "amount": amount, "category": category})
	if res.Status != http.StatusCreated {
		t.Fatalf("create record: %d %s", res.Status, res.Body)
	}
	return res.JSON()
}

// idOf is the id of a decoded object.
func idOf(m map[string]any) int64 { return int64(m["id"].(float64)) }

// path formats a path with ids.
func path(format string, ids ...any) string { return fmt.Sprintf(format, ids...) }

// pdfText extracts the text of a PDF with pdftotext (Debian's poppler-utils), failing
// the test if the body is not a PDF.
func pdfText(t *testing.T, res apitest.Response) string {
	t.Helper()
	if ct := res.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Fatalf("Content-Type %q, want application/pdf: %.200s", ct, res.Body)
	}
	if !strings.HasPrefix(string(res.Body), "%PDF-") {
		t.Fatalf("body is not a PDF: %.40q", res.Body)
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatalf("pdftotext is needed to read PDFs back (apt-get install poppler-utils): %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = strings.NewReader(string(res.Body))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
