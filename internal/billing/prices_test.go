package billing_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"healthsynx/internal/apitest"
	"healthsynx/internal/billing"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
)

// The price list is versioned by date: a new price applies to what is charged from its
// effective time on, and never changes a charge already made.
func TestPriceChangesNeverAlterCharges(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		hadmin := e.As(auth.RoleHospitalAdmin, "hadmin")
		officer := e.As(auth.RoleBilling, "officer")
		p := register(t, e, "halima", "Halima", "Abdi")
		cardio, paeds, ent := e.Department("Cardiology"), e.Department("Paediatrics"), e.Department("ENT")
		setPrice := func(kind, code, amount, from string) apitest.Response {
			body := map[string]any{"kind": kind, "code": code, "name": kind + " " + code, "amount": amount}
			if from != "" {
				body["effective_from"] = from
			}
			return hadmin.Do("POST", "/billing/prices/", body)
		}
		charge := func(dept int64) string {
			v := billing.Visit{QueueEntryID: visit(t, e, p.ID, dept), PatientID: p.ID, DepartmentID: dept}
			if err := completeVisit(e, v); err != nil {
				t.Fatal(err)
			}
			res := officer.Do("GET", path("/billing/billing/?patient=%d&category=consultation", p.ID), nil).JSON()
			return res["results"].([]any)[0].(map[string]any)["amount"].(string)
		}

		// No fee in the list at all: the original's 1200.00.
		if got := charge(ent); got != "1200.00" {
			t.Errorf("no fee anywhere: %s, want 1200.00", got)
		}
		if res := setPrice("consultation", strconv.FormatInt(cardio, 10), "1500", ""); res.Status != http.StatusCreated {
			t.Fatalf("set price: %d %s", res.Status, res.Body)
		}
		first := charge(cardio)
		if first != "1500.00" {
			t.Errorf("cardiology fee %s, want 1500.00", first)
		}
		firstID := idOf(officer.Do("GET", path("/billing/billing/?patient=%d&category=consultation", p.ID), nil).JSON()["results"].([]any)[0].(map[string]any))
		setPrice("consultation", strconv.FormatInt(cardio, 10), "1800", "")
		// A price from tomorrow does not apply today.
		tomorrow := time.Now().In(e.App.Config.Location()).AddDate(0, 0, 1).Format(time.DateOnly)
		if res := setPrice("consultation", strconv.FormatInt(cardio, 10), "9999", tomorrow); res.Status != http.StatusCreated {
			t.Fatalf("future price: %d %s", res.Status, res.Body)
		}
		if got := charge(cardio); got != "1800.00" {
			t.Errorf("after the change: %s, want 1800.00", got)
		}
		if got := officer.Do("GET", path("/billing/billing/%d/", firstID), nil).JSON()["amount"]; got != "1500.00" {
			t.Errorf("the first charge became %v after the price change", got)
		}
		// A department without a fee takes the hospital's default fee.
		setPrice("consultation", "default", "1000", "")
		if got := charge(paeds); got != "1000.00" {
			t.Errorf("default fee: %s, want 1000.00", got)
		}

		// The list in force, and the versions of one item.
		list := officer.Do("GET", "/billing/prices/?kind=consultation", nil).JSON()
		if list["count"] != float64(2) {
			t.Errorf("consultation prices in force: %v", list)
		}
		versions := officer.Do("GET", "/billing/prices/?kind=consultation&code="+strconv.FormatInt(cardio, 10), nil).JSON()
		if versions["count"] != float64(3) {
			t.Errorf("versions: %v", versions)
		}
		if got := officer.Do("GET", "/billing/prices/?kind=consultation&at="+tomorrow+"T12:00:00Z", nil).JSON(); got["count"] != float64(2) {
			t.Errorf("prices tomorrow: %v", got)
		}
		// Maintained by hospital administrators (and admin); read by staff.
		if res := officer.Do("POST", "/billing/prices/", map[string]any{"kind": "lab", "code": "CBC", "name": "CBC", "amount": "800"}); res.Status != http.StatusForbidden {
			t.Errorf("billing officer sets a price: %d, want 403", res.Status)
		}
		for body, field := range map[string]string{
			`{"kind": "consultation", "code": "424242", "name": "x", "amount": "5"}`: "code",
			`{"kind": "surgery", "code": "X", "name": "x", "amount": "5"}`:           "kind",
			`{"kind": "lab", "code": "a b", "name": "x", "amount": "5"}`:             "code",
			`{"kind": "lab", "code": "CBC", "name": "x", "amount": "0"}`:             "amount",
		} {
			if res := hadmin.Do("POST", "/billing/prices/", body); res.Status != http.StatusBadRequest || res.JSON()[field] == nil {
				t.Errorf("%s: %d %s, want 400 on %s", body, res.Status, res.Body, field)
			}
		}
	})
}

// Later modules charge through ChargeFor: a lab test, an imaging study, a medicine,
// priced from the list by item code, linked to the visit, each cause once.
func TestChargeForPricesItemsOnce(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		hadmin := e.As(auth.RoleHospitalAdmin, "hadmin")
		officer := e.As(auth.RoleBilling, "officer")
		p := register(t, e, "musa", "Musa", "Kiprop")
		v := visit(t, e, p.ID, 0)
		for _, body := range []map[string]any{
			{"kind": "lab", "code": "CBC", "name": "Full blood count", "amount": "800"},
			{"kind": "medicine", "code": "PARA-500", "name": "Paracetamol 500mg", "amount": "5.50"},
		} {
			if res := hadmin.Do("POST", "/billing/prices/", body); res.Status != http.StatusCreated {
				t.Fatalf("price: %d %s", res.Status, res.Body)
			}
		}
		charge := func(c billing.Cause) error {
			return e.App.DB.InTx(context.Background(), func(tx *db.Tx) error { return e.App.Billing.ChargeFor(context.Background(), tx, c) })
		}
		causes := []billing.Cause{
			{Key: "lab:order:1", PatientID: p.ID, QueueEntryID: v, Category: billing.Lab, Item: billing.PriceKey{Kind: billing.PriceLab, Code: "CBC"}},
			{Key: "pharmacy:dispense:1", PatientID: p.ID, QueueEntryID: v, Category: billing.Pharmacy,
				Item: billing.PriceKey{Kind: billing.PriceMedicine, Code: "PARA-500"}, Quantity: 10},
			{Key: "imaging:order:1", PatientID: p.ID, QueueEntryID: v, Category: billing.Imaging,
				Item: billing.PriceKey{Kind: billing.PriceImaging, Code: "XRAY-CHEST"}, Fallback: 300000, Description: "Chest X-ray"},
		}
		for _, c := range causes {
			for range 2 { // reported twice, charged once
				if err := charge(c); err != nil {
					t.Fatalf("%s: %v", c.Key, err)
				}
			}
		}
		if err := charge(billing.Cause{Key: "lab:order:2", PatientID: p.ID, Category: billing.Lab, Item: billing.PriceKey{Kind: billing.PriceLab, Code: "NOPE"}}); err == nil {
			t.Error("an item without a price and without a fallback was charged")
		}
		list := officer.Do("GET", path("/billing/billing/?patient=%d", p.ID), nil).JSON()
		want := map[string]string{"lab": "800.00", "pharmacy": "55.00", "imaging": "3000.00"}
		var invoice any
		for _, r := range list["results"].([]any) {
			rec := r.(map[string]any)
			if want[rec["category"].(string)] != rec["amount"] || rec["visit"] != float64(v) {
				t.Errorf("record %v", rec)
			}
			if invoice != nil && rec["invoice"] != invoice {
				t.Errorf("the visit's charges are on two invoices: %v and %v", invoice, rec["invoice"])
			}
			invoice = rec["invoice"]
			delete(want, rec["category"].(string))
		}
		if len(want) != 0 || list["count"] != float64(3) {
			t.Errorf("missing charges %v in %v", want, list)
		}
	})
}
