package billing_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"

	"healthsynx/internal/apitest"
	"healthsynx/internal/billing"
	"healthsynx/internal/platform/auth"
)

// The invoice and the receipt, read back out of the PDF: hospital, numbers, the
// patient's full name (accents included) and MRN, every line, totals by category, the
// grand total, paid and balance, and the currency.
func TestInvoiceAndReceiptPDFs(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		officer := e.As(auth.RoleBilling, "officer")
		p := register(t, e, "wanjiru", "Wanjirũ", "Kamau")
		dept := e.Department("Cardiology")
		v := billing.Visit{QueueEntryID: visit(t, e, p.ID, dept), PatientID: p.ID, DepartmentID: dept}
		if err := completeVisit(e, v); err != nil {
			t.Fatal(err)
		}
		list := officer.Do("GET", path("/billing/invoices/?patient=%d", p.ID), nil).JSON()
		inv := list["results"].([]any)[0].(map[string]any)
		invID := idOf(inv)
		res := officer.Do("POST", path("/billing/invoices/%d/payments/", invID),
			map[string]any{"method": "mobile_money", "amount": "500", "reference": "RKT55AB12C"})
		if res.Status != http.StatusCreated {
			t.Fatalf("payment: %d %s", res.Status, res.Body)
		}
		payment := res.JSON()

		res = officer.Do("GET", path("/billing/invoices/%d/pdf/", invID), nil)
		if res.Status != http.StatusOK {
			t.Fatalf("invoice pdf: %d %s", res.Status, res.Body)
		}
		if cd := res.Header.Get("Content-Disposition"); cd != `inline; filename="`+inv["number"].(string)+`.pdf"` {
			t.Errorf("Content-Disposition %q", cd)
		}
		text := pdfText(t, res)
		for _, want := range []string{e.App.Config.HospitalName, "Invoice", inv["number"].(string), "Wanjirũ Kamau", p.MRN,
			"Doctor Consultation Fee", "Consultation", "1,200.00", "Grand total", "KES 1,200.00", "KES 500.00", "Balance", "KES 700.00",
			"Partially paid", payment["receipt_number"].(string), "Totals by category"} {
			if !strings.Contains(text, want) {
				t.Errorf("the invoice lacks %q:\n%s", want, text)
			}
		}

		res = officer.Do("GET", path("/billing/payments/%d/receipt/", idOf(payment)), nil)
		if res.Status != http.StatusOK {
			t.Fatalf("receipt: %d %s", res.Status, res.Body)
		}
		text = pdfText(t, res)
		for _, want := range []string{"Receipt", payment["receipt_number"].(string), "Wanjirũ Kamau", p.MRN, "Mobile money",
			"RKT55AB12C", "KES 500.00", "KES 700.00"} {
			if !strings.Contains(text, want) {
				t.Errorf("the receipt lacks %q:\n%s", want, text)
			}
		}
		if res := officer.Do("GET", "/billing/payments/999999/receipt/", nil); res.Status != http.StatusNotFound {
			t.Errorf("receipt of nothing: %d", res.Status)
		}
	})
}

// The revenue report, by hospital day and by department, as JSON and as CSV.
func TestRevenueReportAndCSV(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		officer := e.As(auth.RoleBilling, "officer")
		p := register(t, e, "salma", "Salma", "Ali")
		cardio := e.Department("=Cardiology")
		v := billing.Visit{QueueEntryID: visit(t, e, p.ID, cardio), PatientID: p.ID, DepartmentID: cardio}
		if err := completeVisit(e, v); err != nil {
			t.Fatal(err)
		}
		rec := record(t, officer, p.ID, "300", "other")
		if res := officer.Do("POST", path("/billing/billing/%d/mark-paid/", idOf(rec)), nil); res.Status != http.StatusOK {
			t.Fatalf("mark-paid: %d", res.Status)
		}
		today := time.Now().In(e.App.Config.Location()).Format(time.DateOnly)
		rev := officer.Do("GET", "/billing/reports/revenue/", nil).JSON()
		days := rev["days"].([]any)
		if len(days) != 30 || rev["to"] != today || rev["billed"] != "1500.00" || rev["collected"] != "300.00" {
			t.Errorf("revenue: %d days to %v, billed %v collected %v", len(days), rev["to"], rev["billed"], rev["collected"])
		}
		last := days[len(days)-1].(map[string]any)
		if last["day"] != today || last["billed"] != "1500.00" || last["charges"] != float64(2) || last["collected"] != "300.00" {
			t.Errorf("today: %v", last)
		}
		depts := rev["departments"].([]any)
		if len(depts) != 2 || depts[0].(map[string]any)["name"] != "=Cardiology" || depts[1].(map[string]any)["department"] != nil {
			t.Errorf("departments: %v", depts)
		}

		res := officer.Do("GET", "/billing/reports/revenue/days/csv/?from="+today+"&to="+today, nil)
		if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
			!strings.Contains(res.Header.Get("Content-Disposition"), "revenue-by-day-"+today) {
			t.Fatalf("days csv: %d %v", res.Status, res.Header)
		}
		rows, err := csv.NewReader(strings.NewReader(string(res.Body))).ReadAll()
		if err != nil || len(rows) != 2 || strings.Join(rows[1], ",") != today+",1500.00,2,300.00,1,KES" {
			t.Errorf("days csv: %q (%v)", rows, err)
		}
		res = officer.Do("GET", "/billing/reports/revenue/departments/csv/", nil)
		rows, err = csv.NewReader(strings.NewReader(string(res.Body))).ReadAll()
		// A name that a spreadsheet would run as a formula is quoted.
		if err != nil || len(rows) != 3 || rows[1][1] != "'=Cardiology" || rows[1][2] != "1200.00" || rows[2][1] != "No department" {
			t.Errorf("departments csv: %q (%v)", rows, err)
		}
		for q, field := range map[string]string{"?from=yesterday": "from", "?from=2020-01-01&to=2024-01-01": "from", "?from=2026-02-02&to=2026-02-01": "to"} {
			if res := officer.Do("GET", "/billing/reports/revenue/"+q, nil); res.Status != http.StatusBadRequest || res.JSON()[field] == nil {
				t.Errorf("%s: %d %s, want 400 on %s", q, res.Status, res.Body, field)
			}
		}
	})
}
