package billing_test

import (
	"net/http"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

// The original's billing tests (INVENTORY §6, billing/tests.py) as behaviour over HTTP:
// a billing officer, one unpaid 100 consultation record and one paid 200 lab record for
// John Doe. mark-paid now answers with a real PDF, read back with pdftotext.
func TestOriginalBillingTests(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		officer := e.As(auth.RoleBilling, "officer")
		john := register(t, e, "johndoe", "John", "Doe")
		unpaid := record(t, officer, john.ID, "100", "consultation")
		paid := record(t, officer, john.ID, "200.00", "lab")
		if res := officer.Do("POST", path("/billing/billing/%d/mark-paid/", idOf(paid)), nil); res.Status != http.StatusOK {
			t.Fatalf("mark-paid: %d %s", res.Status, res.Body)
		}

		t.Run("list", func(t *testing.T) {
			res := officer.Do("GET", "/billing/billing/", nil)
			if res.Status != http.StatusOK {
				t.Fatalf("list: %d %s", res.Status, res.Body)
			}
			body := res.JSON()
			results := body["results"].([]any)
			if body["count"] != float64(2) || len(results) != 2 {
				t.Fatalf("want 2 records, got %s", res.Body)
			}
			for _, r := range results {
				rec := r.(map[string]any)
				if rec["patient_name"] != "John Doe" {
					t.Errorf("patient_name %v, want John Doe", rec["patient_name"])
				}
			}
			// Newest first, as the original's API ordered them.
			if idOf(results[0].(map[string]any)) != idOf(paid) {
				t.Errorf("first result %v, want the newest record %v", results[0], idOf(paid))
			}
		})

		t.Run("retrieve", func(t *testing.T) {
			res := officer.Do("GET", path("/billing/billing/%d/", idOf(unpaid)), nil)
			if res.Status != http.StatusOK {
				t.Fatalf("retrieve: %d %s", res.Status, res.Body)
			}
			rec := res.JSON()
			for k, want := range map[string]any{"patient_name": "John Doe", "patient": float64(john.ID), "patient_id": float64(john.ID),
				"category": "consultation", "amount": "100.00", "paid": false} {
				if rec[k] != want {
					t.Errorf("%s = %v, want %v", k, rec[k], want)
				}
			}
			if _, ok := rec["created_at"].(string); !ok {
				t.Errorf("created_at missing: %v", rec)
			}
		})

		t.Run("totals", func(t *testing.T) {
			res := officer.Do("GET", "/billing/billing/totals/", nil)
			if res.Status != http.StatusOK {
				t.Fatalf("totals: %d %s", res.Status, res.Body)
			}
			body := res.JSON()
			if body["grand_total"] != float64(300) {
				t.Errorf("grand_total %v, want 300", body["grand_total"])
			}
			cats := body["category_totals"].([]any)
			if len(cats) != 2 || cats[0].(map[string]any)["category"] != "consultation" || cats[1].(map[string]any)["total"] != float64(200) {
				t.Errorf("category_totals %v, want consultation 100 then lab 200", cats)
			}
		})

		t.Run("mark-paid", func(t *testing.T) {
			res := officer.Do("POST", path("/billing/billing/%d/mark-paid/", idOf(unpaid)), nil)
			if res.Status != http.StatusOK {
				t.Fatalf("mark-paid: %d %s", res.Status, res.Body)
			}
			if cd := res.Header.Get("Content-Disposition"); cd != `inline; filename="billing.pdf"` {
				t.Errorf("Content-Disposition %q", cd)
			}
			text := pdfText(t, res)
			for _, want := range []string{"John Doe", john.MRN, "100.00", "Consultation", "KES", "RCT-"} {
				if !strings.Contains(text, want) {
					t.Errorf("the receipt lacks %q:\n%s", want, text)
				}
			}
			if rec := officer.Do("GET", path("/billing/billing/%d/", idOf(unpaid)), nil).JSON(); rec["paid"] != true {
				t.Errorf("after mark-paid the record is not paid: %v", rec)
			}
			// Paying twice is refused instead of silently recording a second payment.
			again := officer.Do("POST", path("/billing/billing/%d/mark-paid/", idOf(unpaid)), nil)
			if again.Status != http.StatusBadRequest || again.JSON()["detail"] != "This billing record is already paid." {
				t.Errorf("second mark-paid: %d %s", again.Status, again.Body)
			}
		})
	})
}
