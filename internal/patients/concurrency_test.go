package patients_test

import (
	"net/http"
	"sync"
	"testing"

	"healthsynx/internal/apitest"
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
