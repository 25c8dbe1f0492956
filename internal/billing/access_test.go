package billing_test

import (
	"net/http"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

// A patient reads only their own bills: another patient's invoice or receipt is 404,
// the staff routes refuse them, and they write nothing.
func TestPatientsSeeOnlyTheirOwnBills(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		officer := e.As(auth.RoleBilling, "officer")
		mine := register(t, e, "achieng", "Grace", "Achieng")
		theirs := register(t, e, "otieno", "Peter", "Otieno")
		me := e.Login(mine.Username, apitest.Password)

		myRec := record(t, officer, mine.ID, "500", "other")
		theirRec := record(t, officer, theirs.ID, "700", "other")
		myInv, theirInv := int64(myRec["invoice"].(float64)), int64(theirRec["invoice"].(float64))
		pay := func(inv int64) int64 {
			res := officer.Do("POST", path("/billing/invoices/%d/payments/", inv), map[string]any{"amount": "100"})
			if res.Status != http.StatusCreated {
				t.Fatalf("pay: %d %s", res.Status, res.Body)
			}
			return idOf(res.JSON())
		}
		myPay, theirPay := pay(myInv), pay(theirInv)

		list := me.Do("GET", "/billing/my/invoices/", nil).JSON()
		if results := list["results"].([]any); len(results) != 1 || idOf(results[0].(map[string]any)) != myInv {
			t.Errorf("my invoices: %v", list)
		}
		recs := me.Do("GET", "/billing/my/records/?cursor=", nil).JSON()
		if results := recs["results"].([]any); len(results) != 1 || idOf(results[0].(map[string]any)) != idOf(myRec) {
			t.Errorf("my records: %v", recs)
		}
		pays := me.Do("GET", "/billing/my/payments/", nil).JSON()
		if results := pays["results"].([]any); len(results) != 1 || idOf(results[0].(map[string]any)) != myPay {
			t.Errorf("my payments: %v", pays)
		}
		for p, want := range map[string]int{
			path("/billing/my/invoices/%d/", myInv):             http.StatusOK,
			path("/billing/my/invoices/%d/pdf/", myInv):         http.StatusOK,
			path("/billing/my/payments/%d/receipt/", myPay):     http.StatusOK,
			path("/billing/my/invoices/%d/", theirInv):          http.StatusNotFound,
			path("/billing/my/invoices/%d/pdf/", theirInv):      http.StatusNotFound,
			path("/billing/my/payments/%d/receipt/", theirPay):  http.StatusNotFound,
			path("/billing/billing/%d/", idOf(myRec)):           http.StatusForbidden,
			"/billing/billing/":                                 http.StatusForbidden,
			path("/billing/invoices/%d/", myInv):                http.StatusForbidden,
			path("/billing/payments/%d/receipt/", myPay):        http.StatusForbidden,
			"/billing/billing/totals/":                          http.StatusForbidden,
			"/users/billing/":                                   http.StatusForbidden,
			"/billing/prices/":                                  http.StatusForbidden,
			path("/billing/my/invoices/%d/", theirInv+myInv+99): http.StatusNotFound,
		} {
			if res := me.Do("GET", p, nil); res.Status != want {
				t.Errorf("patient GET %s: %d, want %d", p, res.Status, want)
			}
		}
		// A patient writes nothing: not a record, not paid, not an amount (B-5, B-14).
		for _, w := range []struct{ method, path string }{
			{"POST", "/billing/billing/"},
			{"PATCH", path("/billing/billing/%d/", idOf(myRec))},
			{"POST", path("/billing/billing/%d/mark-paid/", idOf(myRec))},
			{"POST", path("/billing/invoices/%d/payments/", myInv)},
		} {
			if res := me.Do(w.method, w.path, map[string]any{"amount": "1", "paid": true, "patient": mine.ID}); res.Status != http.StatusForbidden {
				t.Errorf("patient %s %s: %d, want 403", w.method, w.path, res.Status)
			}
		}
		// Other staff are refused too; the hospital admin reads but does not write.
		doctor := e.As(auth.RoleDoctor, "drwho")
		if res := doctor.Do("GET", "/billing/billing/", nil); res.Status != http.StatusForbidden {
			t.Errorf("doctor list: %d, want 403", res.Status)
		}
		hadmin := e.As(auth.RoleHospitalAdmin, "hadmin")
		if res := hadmin.Do("GET", "/billing/billing/", nil); res.Status != http.StatusOK {
			t.Errorf("hospital admin list: %d, want 200", res.Status)
		}
		if res := hadmin.Do("POST", "/billing/billing/", map[string]any{"patient": mine.ID, "amount": "1"}); res.Status != http.StatusForbidden {
			t.Errorf("hospital admin create: %d, want 403", res.Status)
		}
		text := pdfText(t, me.Do("GET", path("/billing/my/payments/%d/receipt/", myPay), nil))
		if !strings.Contains(text, "Grace Achieng") || strings.Contains(text, "Otieno") {
			t.Errorf("my receipt:\n%s", text)
		}
	})
}
