package billing_test

import (
	"net/http"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

// A paid record is locked: the billing officer cannot change it; an administrator
// voids it, with a reason, and a reversal stands beside it. Nothing is deleted.
func TestPaidRecordIsLockedAndVoidLeavesAReversal(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		officer := e.As(auth.RoleBilling, "officer")
		admin := e.As(auth.RoleAdmin, "root")
		p := register(t, e, "wanjiru", "Wanjirũ", "Kamau")
		rec := record(t, officer, p.ID, "250", "other")
		id := idOf(rec)

		// Unpaid: the officer may still correct it.
		res := officer.Do("PATCH", path("/billing/billing/%d/", id), map[string]any{"amount": "300.50", "description": "Dressing"})
		if res.Status != http.StatusOK || res.JSON()["amount"] != "300.50" {
			t.Fatalf("patch unpaid: %d %s", res.Status, res.Body)
		}
		// paid and patient are not writable (B-14).
		other := register(t, e, "other", "Other", "Patient")
		for _, body := range []map[string]any{{"paid": true}, {"patient": other.ID}} {
			if res := officer.Do("PATCH", path("/billing/billing/%d/", id), body); res.Status != http.StatusBadRequest {
				t.Errorf("patch %v: %d %s, want 400", body, res.Status, res.Body)
			}
		}
		if res := officer.Do("POST", "/billing/billing/", map[string]any{"patient": p.ID, "amount": "10", "paid": true}); res.Status != http.StatusBadRequest {
			t.Errorf("create a paid record: %d %s, want 400", res.Status, res.Body)
		}
		// Amounts are positive.
		if res := officer.Do("POST", "/billing/billing/", map[string]any{"patient": p.ID, "amount": "-10"}); res.Status != http.StatusBadRequest ||
			res.JSON()["amount"] == nil {
			t.Errorf("negative amount: %d %s, want 400 on amount", res.Status, res.Body)
		}

		if res := officer.Do("POST", path("/billing/billing/%d/mark-paid/", id), map[string]any{"method": "card", "reference": "AUTH77"}); res.Status != http.StatusOK {
			t.Fatalf("mark-paid: %d %s", res.Status, res.Body)
		}
		for _, m := range []string{"PATCH", "PUT"} {
			res := officer.Do(m, path("/billing/billing/%d/", id), map[string]any{"patient": p.ID, "amount": "1"})
			if res.Status != http.StatusForbidden {
				t.Errorf("%s a paid record: %d %s, want 403", m, res.Status, res.Body)
			}
		}
		// Voiding is an administrator's; the officer is refused by the policy.
		if res := officer.Do("DELETE", path("/billing/billing/%d/?reason=typo", id), nil); res.Status != http.StatusForbidden {
			t.Errorf("officer DELETE: %d, want 403", res.Status)
		}
		if res := admin.Do("DELETE", path("/billing/billing/%d/", id), nil); res.Status != http.StatusBadRequest || res.JSON()["reason"] == nil {
			t.Errorf("void without a reason: %d %s, want 400 on reason", res.Status, res.Body)
		}
		res = admin.Do("DELETE", path("/billing/billing/%d/", id), map[string]any{"reason": "Charged to the wrong patient"})
		if res.Status != http.StatusOK {
			t.Fatalf("void: %d %s", res.Status, res.Body)
		}
		voided := res.JSON()
		if voided["status"] != "void" || voided["paid"] != true || voided["void_reason"] != "Charged to the wrong patient" || voided["reversed_by"] == nil {
			t.Errorf("voided record: %v", voided)
		}
		rev := officer.Do("GET", path("/billing/billing/%d/", int64(voided["reversed_by"].(float64))), nil).JSON()
		if rev["status"] != "reversal" || rev["amount"] != "-300.50" || rev["reverses"] != float64(id) {
			t.Errorf("reversal: %v", rev)
		}
		if res := admin.Do("POST", path("/billing/billing/%d/void/", id), map[string]any{"reason": "again"}); res.Status != http.StatusBadRequest {
			t.Errorf("second void: %d %s, want 400", res.Status, res.Body)
		}
		// The record is still listed; the money paid on it is now the patient's credit.
		list := officer.Do("GET", path("/billing/billing/?patient=%d", p.ID), nil).JSON()
		if list["count"] != float64(2) {
			t.Errorf("records after the void: %v", list)
		}
		inv := officer.Do("GET", path("/billing/invoices/%d/", int64(voided["invoice"].(float64))), nil).JSON()
		if inv["total"] != "0.00" || inv["paid"] != "300.50" || inv["balance"] != "0.00" || inv["credit"] != "300.50" {
			t.Errorf("invoice after the void: total %v paid %v balance %v credit %v", inv["total"], inv["paid"], inv["balance"], inv["credit"])
		}
		// Refunds are an administrator's, with a reason, and never more than was paid.
		invID := int64(inv["id"].(float64))
		if res := officer.Do("POST", path("/billing/invoices/%d/refunds/", invID), map[string]any{"amount": "300.50", "reason": "x"}); res.Status != http.StatusForbidden {
			t.Errorf("officer refund: %d, want 403", res.Status)
		}
		for _, tc := range []struct {
			body  map[string]any
			field string
		}{{map[string]any{"amount": "300.50"}, "reason"}, {map[string]any{"amount": "400", "reason": "credit"}, "amount"}} {
			if res := admin.Do("POST", path("/billing/invoices/%d/refunds/", invID), tc.body); res.Status != http.StatusBadRequest || res.JSON()[tc.field] == nil {
				t.Errorf("refund %v: %d %s, want 400 on %s", tc.body, res.Status, res.Body, tc.field)
			}
		}
		res = admin.Do("POST", path("/billing/invoices/%d/refunds/", invID), map[string]any{"amount": "300.50", "reason": "Credit returned", "method": "cash"})
		if res.Status != http.StatusCreated || res.JSON()["kind"] != "refund" {
			t.Fatalf("refund: %d %s", res.Status, res.Body)
		}
		inv = officer.Do("GET", path("/billing/invoices/%d/", invID), nil).JSON()
		if inv["paid"] != "0.00" || inv["credit"] != "0.00" || len(inv["payments"].([]any)) != 2 {
			t.Errorf("invoice after the refund: %v", inv)
		}
	})
}

// Payments by each method: mobile money needs its reference, once; insurance its
// insurer and member number; more than the balance is refused with a clear message.
func TestPaymentMethods(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		officer := e.As(auth.RoleBilling, "officer")
		p := register(t, e, "juma", "Juma", "Hassan")
		inv := int64(record(t, officer, p.ID, "1000", "other")["invoice"].(float64))
		pay := func(body map[string]any) apitest.Response {
			return officer.Do("POST", path("/billing/invoices/%d/payments/", inv), body)
		}
		for _, tc := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"method": "mobile_money", "amount": "100"}, "reference"},
			{map[string]any{"method": "insurance", "amount": "100", "insurer": "NHIF"}, "member_number"},
			{map[string]any{"method": "cheque", "amount": "100"}, "method"},
			{map[string]any{"method": "cash", "amount": "1000.01"}, "amount"},
			{map[string]any{"method": "cash"}, "amount"},
		} {
			if res := pay(tc.body); res.Status != http.StatusBadRequest || res.JSON()[tc.field] == nil {
				t.Errorf("%v: %d %s, want 400 on %s", tc.body, res.Status, res.Body, tc.field)
			}
		}
		res := pay(map[string]any{"method": "mobile_money", "amount": "400", "reference": "QJK3H5XYZ1"})
		if res.Status != http.StatusCreated {
			t.Fatalf("mobile money: %d %s", res.Status, res.Body)
		}
		if got := res.JSON(); got["receipt_number"] == "" || got["reference"] != "QJK3H5XYZ1" || got["amount"] != "400.00" {
			t.Errorf("payment: %v", got)
		}
		// The same transaction, however it is typed, is not recorded twice.
		if res := pay(map[string]any{"method": "mobile_money", "amount": "100", "reference": "qjk3h5xyz1 "}); res.Status != http.StatusBadRequest || res.JSON()["reference"] == nil {
			t.Errorf("duplicate reference: %d %s", res.Status, res.Body)
		}
		if res := pay(map[string]any{"method": "insurance", "amount": "500", "insurer": "NHIF", "member_number": "M-1234"}); res.Status != http.StatusCreated {
			t.Errorf("insurance: %d %s", res.Status, res.Body)
		}
		res = pay(map[string]any{"method": "card", "amount": "100.01"})
		if res.Status != http.StatusBadRequest || res.JSON()["amount"] == nil {
			t.Errorf("overpayment: %d %s", res.Status, res.Body)
		}
		if res := pay(map[string]any{"method": "card", "amount": 100}); res.Status != http.StatusCreated {
			t.Errorf("the last 100: %d %s", res.Status, res.Body)
		}
		got := officer.Do("GET", path("/billing/invoices/%d/", inv), nil).JSON()
		if got["status"] != "paid" || got["balance"] != "0.00" {
			t.Errorf("invoice: %v", got)
		}
		if res := pay(map[string]any{"method": "cash", "amount": "1"}); res.Status != http.StatusBadRequest {
			t.Errorf("paying a paid invoice: %d %s", res.Status, res.Body)
		}
		// The dashboard counts the money and the records.
		d := officer.Do("GET", "/users/billing/", nil).JSON()
		if d["total_collected"] != float64(1000) || d["collected_today"] != float64(1000) || d["total_bills"] != float64(1) ||
			d["total_pending"] != float64(0) || len(d["recent_bills"].([]any)) != 1 {
			t.Errorf("dashboard: %v", d)
		}
	})
}
