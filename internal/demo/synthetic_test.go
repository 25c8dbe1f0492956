package demo

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"healthsynx/internal/apitest"
	"healthsynx/internal/audit"
	"healthsynx/internal/billing"
	"healthsynx/internal/identity"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/queue"
	"healthsynx/internal/vitals"
)

// until is a fixed end of history, so that runs compare.
var until = time.Date(2026, 3, 10, 11, 0, 0, 0, time.UTC)

// synthesize loads the demo hospital and n synthetic patients into e; base is the last
// account id before them.
func synthesize(t *testing.T, e *apitest.Env, n int, seed uint64) (g Generated, base int) {
	t.Helper()
	ctx := context.Background()
	if err := Load(ctx, e.App, Options{}); err != nil {
		t.Fatal(err)
	}
	base = count(t, e.App.DB, "SELECT MAX(id) FROM users")
	g, err := Synthesize(ctx, e.App, Synthetic{Patients: n, Seed: seed, Until: until})
	if err != nil {
		t.Fatal(err)
	}
	return g, base
}

func count(t *testing.T, d *db.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestSyntheticRowsAreTheModulesOwn checks, on every engine, that what the generator
// writes is what the modules would have written, and that the modules read it.
func TestSyntheticRowsAreTheModulesOwn(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		d := e.App.DB
		g, _ := synthesize(t, e, 300, 7)
		for _, tb := range tables {
			if n := count(t, d, "SELECT COUNT(*) FROM "+tb.name); tb.name != "users" && tb.name != "patient_profiles" && n != g.Rows[tb.name] {
				t.Errorf("%s has %d rows, the run reports %d", tb.name, n, g.Rows[tb.name])
			}
		}
		if g.Rows["users"] != 300 || g.Rows["vitals"] < 3*300 || g.Rows["billing_charges"] < 300 {
			t.Fatalf("rows %v: want 300 patients with about 5 vitals and 2 charges each", g.Rows)
		}
		checkPatients(t, e)
		checkVitalsAndQueue(t, d)
		checkBills(t, d)

		res, err := e.App.Audit.Verify(ctx)
		if err != nil || res.Broken != nil {
			t.Fatalf("audit chain after generating: %+v, %v", res.Broken, err)
		}
		var object, detail string
		if err := d.QueryRow(ctx, "SELECT object_type, detail FROM audit_events ORDER BY seq DESC LIMIT 1").Scan(&object, &detail); err != nil {
			t.Fatal(err)
		}
		if object != "synthetic_hospital" {
			t.Errorf("the last audit event is about %s (%s), want the one synthetic_hospital event", object, detail)
		}
		if d.Engine == db.SQLite {
			if n := count(t, d, "SELECT COUNT(*) FROM pragma_foreign_key_check"); n != 0 {
				t.Errorf("%d rows break a foreign key", n)
			}
		}
	})
}

// checkPatients: MRNs and search keys as the patients module makes them, and its
// search finds the generated patients.
func checkPatients(t *testing.T, e *apitest.Env) {
	ctx := context.Background()
	rows, err := e.App.DB.Query(ctx, `SELECT p.user_id, p.mrn, p.first_key, p.last_key, p.phone_key, u.first_name, u.last_name, u.phone,
		u.username FROM patient_profiles p JOIN users u ON u.id = p.user_id ORDER BY p.user_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var last struct {
		id        int64
		mrn, name string
	}
	for rows.Next() {
		var id int64
		var mrn, firstKey, lastKey, phoneKey, first, lastName, phone, username string
		if err := rows.Scan(&id, &mrn, &firstKey, &lastKey, &phoneKey, &first, &lastName, &phone, &username); err != nil {
			t.Fatal(err)
		}
		if want, _ := patients.MRN(id); mrn != want {
			t.Fatalf("patient %d: MRN %s, want %s", id, mrn, want)
		}
		if firstKey != patients.NameKey(first) || lastKey != patients.NameKey(lastName) || phoneKey != patients.PhoneKey(phone) {
			t.Fatalf("patient %d (%s %s, %s): keys %q %q %q", id, first, lastName, phone, firstKey, lastKey, phoneKey)
		}
		last.id, last.mrn, last.name = id, mrn, first+" "+lastName
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{last.mrn, last.name} {
		found, _, err := e.App.Patients.List(ctx, patients.Filter{Search: q}, &web.PageRequest{Page: 1, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		ok := false
		for _, p := range found {
			ok = ok || p.ID == last.id
		}
		if !ok {
			t.Errorf("searching %q does not find patient %d", q, last.id)
		}
	}
}

// checkVitalsAndQueue: every set's NEWS2 is the vitals module's, every entry's
// priority the queue's for the set it carries, and open entries are the patients' own.
func checkVitalsAndQueue(t *testing.T, d *db.DB) {
	ctx := context.Background()
	rows, err := d.Query(ctx, `SELECT id, temperature_dc, pulse_rate, respiratory_rate, systolic_bp, diastolic_bp, spo2, on_oxygen,
		consciousness, news2_score, news2_risk FROM vitals`)
	if err != nil {
		t.Fatal(err)
	}
	risks := map[int64]vitals.Risk{}
	for rows.Next() {
		var s vitals.Set
		var consciousness sql.NullString
		var score sql.NullInt64
		var risk string
		if err := rows.Scan(&s.ID, &s.TemperatureDC, &s.Pulse, &s.Respiration, &s.Systolic, &s.Diastolic, &s.SpO2, &s.OnOxygen,
			&consciousness, &score, &risk); err != nil {
			t.Fatal(err)
		}
		s.Consciousness = consciousness.String
		n := vitals.Score(s)
		if n.Score == nil || int64(*n.Score) != score.Int64 || string(*n.Risk) != risk {
			t.Fatalf("vitals %d: stored NEWS2 %v %q, the vitals module scores %v", s.ID, score, risk, n.Score)
		}
		risks[s.ID] = vitals.Risk(risk)
	}
	rows.Close()
	rows, err = d.Query(ctx, "SELECT id, vitals_id, status, priority, urgent, open_patient_id, patient_id, completed_at FROM queue_entries")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, vitalsID, patient int64
		var status queue.Status
		var priority int
		var urgent bool
		var open sql.NullInt64
		var completed sql.NullTime
		if err := rows.Scan(&id, &vitalsID, &status, &priority, &urgent, &open, &patient, &completed); err != nil {
			t.Fatal(err)
		}
		if want := queue.Priority(risks[vitalsID], urgent); priority != want {
			t.Fatalf("entry %d: priority %d, the queue gives %d", id, priority, want)
		}
		if status.Open() != (open.Valid && open.Int64 == patient) || status.Open() == completed.Valid {
			t.Fatalf("entry %d, %s: open_patient_id %v, completed_at %v", id, status, open, completed)
		}
	}
}

// checkBills: invoices add up, charges are settled oldest first, statuses are the
// billing module's.
func checkBills(t *testing.T, d *db.DB) {
	ctx := context.Background()
	rows, err := d.Query(ctx, `SELECT i.id, i.total, i.paid, i.status, i.issued_at IS NOT NULL,
		(SELECT COALESCE(SUM(c.amount), 0) FROM billing_charges c WHERE c.invoice_id = i.id),
		(SELECT COALESCE(SUM(c.paid_amount), 0) FROM billing_charges c WHERE c.invoice_id = i.id),
		(SELECT COALESCE(SUM(p.amount), 0) FROM billing_payments p WHERE p.invoice_id = i.id) FROM billing_invoices i`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	statuses := map[billing.InvoiceStatus]int{}
	for rows.Next() {
		var id int64
		var total, paid, charged, covered, received billing.Money
		var status billing.InvoiceStatus
		var issued bool
		if err := rows.Scan(&id, &total, &paid, &status, &issued, &charged, &covered, &received); err != nil {
			t.Fatal(err)
		}
		inv := billing.Invoice{Total: total, Paid: paid}
		if issued {
			now := time.Now()
			inv.IssuedAt = &now
		}
		if total != charged || paid != received || covered != min(paid, total) || status != billing.StatusOf(inv) {
			t.Fatalf("invoice %d: total %d (charges %d), paid %d (payments %d, covered %d), %s (want %s)",
				id, total, charged, paid, received, covered, status, billing.StatusOf(inv))
		}
		statuses[status]++
	}
	if statuses[billing.FullyPaid] == 0 || statuses[billing.FullyPaid] < statuses[billing.Issued]+statuses[billing.Draft] {
		t.Errorf("invoice statuses %v: most should be paid", statuses)
	}
}

// TestSyntheticRunsAgainAdd: a second run adds patients above the first's, and leaves
// the first's rows as they were.
func TestSyntheticRunsAgainAdd(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		d := e.App.DB
		first, _ := synthesize(t, e, 120, 1)
		before := digest(t, d, "SELECT id, username, first_name, last_name FROM users ORDER BY id")
		maxID := count(t, d, "SELECT MAX(id) FROM users")
		again, err := Synthesize(ctx, e.App, Synthetic{Patients: 120, Seed: 1, Until: until})
		if err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM billing_charges"); n != first.Rows["billing_charges"]+again.Rows["billing_charges"] {
			t.Errorf("%d charges after two runs of %d and %d", n, first.Rows["billing_charges"], again.Rows["billing_charges"])
		}
		if n := count(t, d, "SELECT COUNT(*) FROM users WHERE id > ?", maxID); n != 120 {
			t.Errorf("the second run added %d accounts above the first's, want 120", n)
		}
		if after := digest(t, d, "SELECT id, username, first_name, last_name FROM users WHERE id <= ? ORDER BY id", maxID); after != before {
			t.Error("the second run changed the first run's accounts")
		}
		// The application goes on numbering after the generated rows.
		p, err := e.App.Patients.Register(ctx, patients.Caller{Principal: identity.System, Audit: audit.Event{ActorUsername: "system"}},
			patients.Registration{PatientInput: patients.PatientInput{FirstName: ptrTo("New"), LastName: ptrTo("Arrival")}})
		if err != nil || p.ID <= int64(maxID)+120 {
			t.Fatalf("a patient registered after generating: id %d, %v", p.ID, err)
		}
	})
}

// TestSyntheticIsDeterministic: the same seed on the same database gives the same
// hospital.
func TestSyntheticIsDeterministic(t *testing.T) {
	var digests []string
	for range 2 {
		e := apitest.New(t, db.SQLite)
		_, base := synthesize(t, e, 150, 42)
		// The demo's own patients are registered now, with random passwords: compare the
		// generated accounts only.
		all := digest(t, e.App.DB, "SELECT * FROM users WHERE id > ? ORDER BY id", base) +
			digest(t, e.App.DB, "SELECT * FROM patient_profiles WHERE user_id > ? ORDER BY user_id", base)
		for _, tb := range tables[tVitals:] {
			query := "SELECT * FROM " + tb.name + " ORDER BY id"
			if tb.name == "billing_charges" {
				// The demo price list is loaded in map order, so price ids differ from
				// database to database: compare a charge by the item it was priced from.
				cols := slices.DeleteFunc(slices.Clone(tb.columns), func(c string) bool { return c == "price_id" })
				query = "SELECT c." + strings.Join(cols, ", c.") + ", p.kind, p.code FROM billing_charges c" +
					" LEFT JOIN billing_prices p ON p.id = c.price_id ORDER BY c.id"
			}
			all += digest(t, e.App.DB, query)
		}
		digests = append(digests, all)
	}
	if digests[0] != digests[1] {
		t.Fatal("two runs with the same seed differ")
	}
}

// TestSyntheticAvoidsValuesInUse: a national id someone typed in that the generator
// would have made again goes to the patient it belongs to; the generated one has none.
func TestSyntheticAvoidsValuesInUse(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		if err := Load(ctx, e.App, Options{}); err != nil {
			t.Fatal(err)
		}
		next := int64(count(t, e.App.DB, "SELECT MAX(id) FROM users")) + 2 // after the one registered now
		taken := nationalIDCode.of(next)
		_, err := e.App.Patients.Register(ctx, patients.Caller{Principal: identity.System, Audit: audit.Event{ActorUsername: "system"}},
			patients.Registration{PatientInput: patients.PatientInput{FirstName: ptrTo("Typed"), LastName: ptrTo("In"), NationalID: &taken}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Synthesize(ctx, e.App, Synthetic{Patients: 50, Seed: 3, Until: until}); err != nil {
			t.Fatalf("generating next to a national id it would make: %v", err)
		}
		if n := count(t, e.App.DB, "SELECT COUNT(*) FROM patient_profiles WHERE national_id = ?", taken); n != 1 {
			t.Errorf("%d patients hold national id %s", n, taken)
		}
	})
}

func TestCodesAreInvertible(t *testing.T) {
	for _, c := range []code{usernameCode, nationalIDCode, passportCode, mobileMoneyCode} {
		seen := map[string]bool{}
		for _, id := range []int64{0, 1, 2, 999, 1_000_000, patients.MaxMRNID} {
			s := c.of(id)
			if len(s) != c.width || seen[s] {
				t.Fatalf("code of %d is %q", id, s)
			}
			seen[s] = true
			if back, ok := c.id(s); !ok || back != id {
				t.Fatalf("code %q of %d reads back as %d, %v", s, id, back, ok)
			}
		}
	}
}

// digest is a hash of a query's rows, for comparing tables.
func digest(t *testing.T, d *db.DB, query string, args ...any) string {
	t.Helper()
	rows, err := d.Query(context.Background(), query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	h := sha256.New()
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(any)
	}
	for rows.Next() {
		if err := rows.Scan(vals...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			fmt.Fprintf(h, "%v|", *(v.(*any)))
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func ptrTo(s string) *string { return &s }
