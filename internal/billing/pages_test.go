package billing_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/billing"
	"healthsynx/internal/platform/auth"
)

// The billing officer's desk, as a browser without JavaScript uses it: find the
// patient's invoice by MRN, take a mobile-money payment (a refused one keeps what was
// typed and says what is wrong beside the field), and print the receipt.
func TestDeskTakesAPaymentAndPrintsTheReceipt(t *testing.T) {
	e := apitest.New(t, "sqlite")
	e.User(auth.RoleBilling, "desk")
	p := register(t, e, "wanjiru", "Wanjirũ", "Kamau")
	dept := e.Department("Cardiology")
	if err := completeVisit(e, billing.Visit{QueueEntryID: visit(t, e, p.ID, dept), PatientID: p.ID, DepartmentID: dept}); err != nil {
		t.Fatal(err)
	}
	b := e.Browser()
	b.SignIn("desk", apitest.Password)

	dash := b.Get("/app/")
	for _, want := range []string{"Unpaid charges", "Collected today", "Wanjirũ Kamau", `href="/app/billing/invoices/"`} {
		if !strings.Contains(string(dash.Body), want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	list := b.Get("/app/billing/invoices/?q=" + url.QueryEscape(p.MRN))
	m := regexp.MustCompile(`href="/app/billing/invoices/(\d+)/"`).FindStringSubmatch(string(list.Body))
	if list.Status != http.StatusOK || m == nil || !strings.Contains(string(list.Body), "Wanjirũ Kamau") {
		t.Fatalf("invoices for %s: %d\n%s", p.MRN, list.Status, list.Body)
	}
	invoice := "/app/billing/invoices/" + m[1] + "/"
	page := b.Get(invoice)
	for _, want := range []string{"Take a payment", "Doctor Consultation Fee", "1,200.00", "/billing/invoices/" + m[1] + "/pdf/"} {
		if !strings.Contains(string(page.Body), want) {
			t.Errorf("invoice page lacks %q", want)
		}
	}
	form := b.Get(invoice + "pay/")
	if form.Status != http.StatusOK || !strings.Contains(string(form.Body), `data-show-when="method=mobile_money"`) {
		t.Fatalf("pay form: %d", form.Status)
	}
	res := b.Post(invoice+"pay/", url.Values{"method": {"mobile_money"}, "amount": {"1200"}})
	if body := string(res.Body); res.Status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="field-reference-error"`) ||
		!strings.Contains(body, `value="1200"`) {
		t.Fatalf("a payment without its reference: %d\n%s", res.Status, body)
	}
	res = b.Post(invoice+"pay/", url.Values{"method": {"mobile_money"}, "amount": {"1500"}, "reference": {"QJK3H5XYZ1"}})
	if body := string(res.Body); res.Status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="field-amount-error"`) ||
		!strings.Contains(body, "more than the balance") || !strings.Contains(body, `value="QJK3H5XYZ1"`) {
		t.Fatalf("an overpayment: %d\n%s", res.Status, body)
	}
	res = b.Post(invoice+"pay/", url.Values{"method": {"mobile_money"}, "amount": {"1200"}, "reference": {"QJK3H5XYZ1"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != invoice {
		t.Fatalf("payment: %d %s\n%s", res.Status, res.Header.Get("Location"), res.Body)
	}
	page = b.Get(invoice)
	receipt := regexp.MustCompile(`href="(/billing/payments/\d+/receipt/)"`).FindStringSubmatch(string(page.Body))
	if receipt == nil || !strings.Contains(string(page.Body), "recorded") || strings.Contains(string(page.Body), "Take a payment") {
		t.Fatalf("invoice after the payment:\n%s", page.Body)
	}
	text := pdfText(t, b.Get(receipt[1]))
	for _, want := range []string{"Wanjirũ Kamau", p.MRN, "KES 1,200.00", "QJK3H5XYZ1", "Mobile money"} {
		if !strings.Contains(text, want) {
			t.Errorf("the receipt lacks %q:\n%s", want, text)
		}
	}
}

// Every billing page renders for the roles that may open it, within the CSP (no inline
// script or style) and the size budget; forms carry the CSRF token.
func TestBillingPagesRender(t *testing.T) {
	e := apitest.New(t, "sqlite")
	e.User(auth.RoleAdmin, "root")
	officer := e.As(auth.RoleBilling, "desk")
	p := register(t, e, "achieng", "Grace", "Achieng")
	rec := record(t, officer, p.ID, "450", "lab")
	inv := path("/app/billing/invoices/%d/", int64(rec["invoice"].(float64)))
	officer.Do("POST", path("/billing/invoices/%d/payments/", int64(rec["invoice"].(float64))), map[string]any{"amount": "50"})

	admin := e.Browser()
	admin.SignIn("root", apitest.Password)
	inline := regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]|\sstyle="|\son[a-z]+="`)
	for path, want := range map[string]string{
		"/app/billing/invoices/":                           "INV-",
		"/app/billing/invoices/?status=partially_paid":     "Grace Achieng",
		"/app/billing/invoices/?q=Grace":                   "Grace Achieng",
		"/app/billing/invoices/?q=nobody-at-all":           "No patient matches",
		inv:                                                "Refund",
		inv + "pay/":                                       "Record payment",
		inv + "refund/":                                    "Record refund",
		inv + "void/":                                      "Refund the KES 50.00",
		"/app/billing/records/?status=unpaid":              "Laboratory",
		path("/app/billing/records/%d/void/", idOf(rec)):   "What was paid on it stays on the invoice",
		"/app/billing/records/new/":                        "Patient name or MRN",
		path("/app/billing/records/new/?patient=%d", p.ID): "Add charge",
		"/app/billing/payments/":                           "RCT-",
		"/app/billing/reports/":                            "Collected by day",
		"/app/billing/reports/?from=bad":                   "Date has wrong format",
		"/app/billing/prices/":                             "Set a price",
		"/app/":                                            "Collected today",
	} {
		res := admin.Get(path)
		body := string(res.Body)
		if res.Status != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET %s: %d, want 200 with %q", path, res.Status, want)
			continue
		}
		if inline.MatchString(body) {
			t.Errorf("GET %s: inline script or style: %s", path, inline.FindString(body))
		}
		if len(body) > 100<<10 {
			t.Errorf("GET %s: %d bytes, over the 100 KB budget", path, len(body))
		}
		if strings.Contains(body, `method="post"`) && !strings.Contains(body, `name="csrf" value="`) {
			t.Errorf("GET %s: a form without the CSRF token", path)
		}
	}

	// The void takes a reason, and leaves the record and its reversal on the invoice.
	res := admin.Post(path("/app/billing/records/%d/void/", idOf(rec)), url.Values{"reason": {""}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), `id="field-reason-error"`) {
		t.Errorf("void without a reason: %d", res.Status)
	}
	res = admin.Post(path("/app/billing/records/%d/void/", idOf(rec)), url.Values{"reason": {"Test not done"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("void: %d\n%s", res.Status, res.Body)
	}
	if page := admin.Get(inv); !strings.Contains(string(page.Body), "Reversal of record") || !strings.Contains(string(page.Body), "Credit due to the patient") {
		t.Errorf("invoice after the void:\n%s", page.Body)
	}

	// A price set through the form.
	res = admin.Post("/app/billing/prices/", url.Values{"kind": {"lab"}, "code": {"CBC"}, "name": {"Full blood count"}, "amount": {"800"}})
	if res.Status != http.StatusSeeOther {
		t.Errorf("set a price: %d\n%s", res.Status, res.Body)
	}
	if page := admin.Get("/app/billing/prices/?kind=lab"); !strings.Contains(string(page.Body), "Full blood count") {
		t.Error("the new price is not listed")
	}

	// The patient sees their own bills, and not another's.
	me := e.Browser()
	me.SignIn(p.Username, apitest.Password)
	mine := me.Get("/app/my/bills/")
	if mine.Status != http.StatusOK || !strings.Contains(string(mine.Body), "INV-") {
		t.Errorf("my bills: %d\n%s", mine.Status, mine.Body)
	}
	if res := me.Get(path("/app/my/bills/%d/", int64(rec["invoice"].(float64)))); res.Status != http.StatusOK ||
		!strings.Contains(string(res.Body), "/billing/my/invoices/") || strings.Contains(string(res.Body), "Take a payment") {
		t.Errorf("my bill: %d", res.Status)
	}
	other := register(t, e, "otieno", "Peter", "Otieno")
	theirs := record(t, officer, other.ID, "10", "other")
	if res := me.Get(path("/app/my/bills/%d/", int64(theirs["invoice"].(float64)))); res.Status != http.StatusNotFound {
		t.Errorf("another's bill: %d, want 404", res.Status)
	}
	if res := me.Get("/app/billing/invoices/"); res.Status != http.StatusForbidden {
		t.Errorf("patient on the desk: %d, want 403", res.Status)
	}
}
