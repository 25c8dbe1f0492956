package billing_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/billing"
	"healthsynx/internal/platform/auth"
)

// Completing one visit from several transactions at once — two clients, two paths —
// leaves exactly one consultation charge: the unique cause key decides, not a check
// before the insert.
func TestConsultationIsChargedOnceUnderConcurrency(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		p := register(t, e, "amina", "Amina", "Otieno")
		dept := e.Department("Cardiology")
		doctor := e.User(auth.RoleDoctor, "drkamau")
		const attempts = 8
		for round := range 3 {
			v := billing.Visit{QueueEntryID: visit(t, e, p.ID, dept), PatientID: p.ID, DoctorID: doctor, DepartmentID: dept}
			var wg sync.WaitGroup
			start := make(chan struct{})
			errc := make(chan error, attempts)
			for range attempts {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					errc <- completeVisit(e, v)
				}()
			}
			close(start)
			wg.Wait()
			close(errc)
			for err := range errc {
				if err != nil {
					t.Fatalf("round %d: %v", round, err)
				}
			}
			var charges int
			var total int64
			if err := e.App.DB.QueryRow(context.Background(), "SELECT COUNT(*), SUM(amount) FROM billing_charges WHERE queue_entry_id = ?",
				v.QueueEntryID).Scan(&charges, &total); err != nil {
				t.Fatal(err)
			}
			if charges != 1 || total != int64(billing.DefaultConsultationFee) {
				t.Fatalf("round %d: %d charges totalling %d, want one of %d", round, charges, total, billing.DefaultConsultationFee)
			}
			var invoices int
			var invTotal int64
			if err := e.App.DB.QueryRow(context.Background(), "SELECT COUNT(*), SUM(total) FROM billing_invoices WHERE queue_entry_id = ?",
				v.QueueEntryID).Scan(&invoices, &invTotal); err != nil {
				t.Fatal(err)
			}
			if invoices != 1 || invTotal != total {
				t.Fatalf("round %d: %d invoices totalling %d, want one of %d", round, invoices, invTotal, total)
			}
		}
	})
}

// Two payments that together exceed the balance: one is taken, the other refused, and
// the balance never goes below zero.
func TestConcurrentPaymentsNeverOverpay(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		officers := []*apitest.Client{e.As(auth.RoleBilling, "desk1"), e.As(auth.RoleBilling, "desk2")}
		for round := range 4 {
			p := register(t, e, fmt.Sprintf("baraka%d", round), "Baraka", "Mwangi")
			rec := record(t, officers[0], p.ID, "1000", "other")
			inv := int64(rec["invoice"].(float64))
			statuses := make([]int, 2)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i, c := range officers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					statuses[i] = c.Do("POST", path("/billing/invoices/%d/payments/", inv), map[string]any{"method": "cash", "amount": "600"}).Status
				}()
			}
			close(start)
			wg.Wait()
			created, refused := 0, 0
			for _, s := range statuses {
				switch s {
				case http.StatusCreated:
					created++
				case http.StatusBadRequest:
					refused++
				}
			}
			if created != 1 || refused != 1 {
				t.Fatalf("round %d: statuses %v, want one 201 and one 400", round, statuses)
			}
			body := officers[0].Do("GET", path("/billing/invoices/%d/", inv), nil).JSON()
			if body["paid"] != money(600) || body["balance"] != money(400) || body["status"] != "partially_paid" {
				t.Fatalf("round %d: paid %v balance %v status %v, want 600.00, 400.00, partially_paid", round,
					body["paid"], body["balance"], body["status"])
			}
		}
	})
}

// money is a whole amount as the API writes it.
func money(units int) string { return billing.Money(units * 100).String() }
