package patients_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

// TestConcurrentRegistrations registers 20 patients of the same name at once: every
// one succeeds, with its own MRN and its own username, on every engine.
func TestConcurrentRegistrations(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		d := newDesk(t, e)
		const n = 20
		results := make([]apitest.Response, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				results[i] = d.nurse.Do("POST", "/patients/api/patients/", map[string]any{"first_name": "Baraka", "last_name": "Ochieng"})
			})
		}
		wg.Wait()
		mrns, usernames := map[string]bool{}, map[string]bool{}
		for _, res := range results {
			if res.Status != http.StatusCreated {
				t.Fatalf("registration: %d %s", res.Status, res.Body)
			}
			var p struct{ MRN, Username string }
			res.Decode(&p)
			if !mrnFormat.MatchString(p.MRN) {
				t.Errorf("mrn %q", p.MRN)
			}
			mrns[p.MRN], usernames[p.Username] = true, true
		}
		if len(mrns) != n || len(usernames) != n {
			t.Errorf("%d distinct MRNs and %d distinct usernames for %d patients", len(mrns), len(usernames), n)
		}
		if !usernames["baraka-ochieng"] {
			t.Error("none got the plain username baraka-ochieng")
		}
		if c := d.nurse.Do("GET", "/patients/api/patients/?search=baraka+ochieng&page_size=50", nil).JSON()["count"]; c != float64(n) {
			t.Errorf("search finds %v of %d", c, n)
		}
	})
}

// TestArchiveRacingUpdates archives patients while their details are being changed:
// no request fails with a server error (no deadlock between the record and the account
// rows), and every archived patient's account is deactivated with them — the two change
// in one transaction.
func TestArchiveRacingUpdates(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		d := newDesk(t, e)
		admin := e.As(auth.RoleHospitalAdmin, "ha.racer")
		const n = 6
		for i := range n {
			pid := d.patient("Wanjiru", "Racer", fmt.Sprintf("0722 000 %03d", i))
			path := "/patients/api/patients/" + itoa(pid) + "/"
			var wg sync.WaitGroup
			var archived apitest.Response
			updates := make([]apitest.Response, 4)
			wg.Go(func() { archived = admin.Do("DELETE", path+"?reason=Registered+twice", nil) })
			for j := range updates {
				wg.Go(func() {
					updates[j] = d.nurse.Do("PATCH", path, map[string]any{"address": fmt.Sprintf("Plot %d", j)})
				})
			}
			wg.Wait()
			if archived.Status != http.StatusNoContent {
				t.Fatalf("archive: %d %s", archived.Status, archived.Body)
			}
			for _, res := range updates {
				if res.Status != http.StatusOK && res.Status != http.StatusNotFound {
					t.Fatalf("update racing the archive: %d %s", res.Status, res.Body)
				}
			}
			var active bool
			if err := e.App.DB.QueryRow(context.Background(), "SELECT is_active FROM users WHERE id = ?", pid).Scan(&active); err != nil {
				t.Fatal(err)
			}
			if active {
				t.Errorf("patient %d archived with the account still active", pid)
			}
		}
	})
}
