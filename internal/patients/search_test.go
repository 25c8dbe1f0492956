package patients_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

func TestSearch(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		d := newDesk(t, e)
		amina := d.register(map[string]any{"first_name": "Amina", "last_name": "Otieno", "phone": "+254 712 345 678"})
		otieno := d.patient("Otieno", "Amisi", "0733 100 200") // first and last the other way round
		maryAnne := d.patient("Mary-Anne", "Wanjiru", "0799 888 777")
		wanjeri := d.patient("Grace", "wa Njeri", "0700 111 222")
		jose := d.patient("José", "Núñez", "+44 20 7946 0958")
		archived := d.patient("Amina", "Otieno-Archived", "0712 345 999")
		kofi := id(d.register(map[string]any{"first_name": "Kofi", "last_name": "Mensah", "username": "k.mensah"}))
		admin := e.As(auth.RoleAdmin, "admin.root")
		if res := admin.Do("DELETE", "/patients/api/patients/"+itoa(archived)+"/", nil); res.Status != http.StatusNoContent {
			t.Fatalf("archive: %d %s", res.Status, res.Body)
		}
		a := id(amina)
		mrn := amina["mrn"].(string)
		cases := []struct {
			q    string
			want []int64 // in order
		}{
			{"ami oti", []int64{a, otieno}}, // Amina Otieno, then Otieno Amisi
			{"oti ami", []int64{otieno, a}},
			{"Amina Otieno", []int64{a}},
			{"otieno amina", []int64{a}},
			{"OTIENO", []int64{otieno, a}}, // first-name matches, then last-name matches
			{"ami", []int64{a, otieno}},
			{"mary anne", []int64{maryAnne}},
			{"maryanne wanj", []int64{maryAnne}},
			{"wa njeri", []int64{wanjeri}},
			{"jose nunez", []int64{jose}},
			{"JOSÉ", []int64{jose}},
			{mrn, []int64{a}},
			{mrn[:10], []int64{a}}, // without the check digit
			{"hs" + mrn[3:10], []int64{a}},
			{"0712345678", []int64{a}},
			{"0712 345", []int64{a}},
			{"+254712345678", []int64{a}},
			{"254 712", []int64{a}},
			{"712-345-678", []int64{a}},
			{"+44 20 7946", []int64{jose}},
			{"k.mensah", []int64{kofi}},
			{"K.MENSAH", []int64{kofi}},
			{"amina-otieno", []int64{a}}, // her generated username
			{"nobody", nil},
			{"HS-12", nil}, // too few digits for an MRN search
			{"07", nil},    // too few digits for a phone search
			{"%", nil},
			{"otieno-archived", nil},
		}
		for _, tc := range cases {
			res := d.nurse.Do("GET", "/patients/api/patients/?search="+url.QueryEscape(tc.q), nil)
			var env struct {
				Count   int
				Results []struct{ ID int64 }
			}
			res.Decode(&env)
			var got []int64
			for _, r := range env.Results {
				got = append(got, r.ID)
			}
			if !slices.Equal(got, tc.want) || env.Count != len(tc.want) {
				t.Errorf("search %q: %d %v, want %v", tc.q, env.Count, got, tc.want)
			}
		}
		// The archived patient is found only among the archived, by an administrator.
		res := admin.Do("GET", "/patients/api/patients/?archived=true&search=otieno", nil)
		if res.Status != http.StatusOK || res.JSON()["count"] != 1.0 {
			t.Errorf("archived search: %d %s", res.Status, res.Body)
		}
		if res := d.nurse.Do("GET", "/patients/api/patients/?archived=true", nil); res.Status != http.StatusForbidden {
			t.Errorf("a nurse listed the archived patients: %d", res.Status)
		}

		// E-25 searches the same way and answers with the user mini-representation.
		res = d.nurse.Do("GET", "/nurses/patients/?search=grace+wa+nje", nil)
		var nurses struct {
			Count   int
			Results []map[string]any
		}
		res.Decode(&nurses)
		if nurses.Count != 1 || len(nurses.Results[0]) != 4 || nurses.Results[0]["role"] != "patient" || nurses.Results[0]["username"] != "grace-wa-njeri" {
			t.Errorf("E-25 search: %s", res.Body)
		}

		// The desks that may only name a patient get references.
		pharmacist := e.As(auth.RolePharmacist, "pharm.kiprop")
		res = pharmacist.Do("GET", "/patients/lookup/?q="+url.QueryEscape(mrn), nil)
		var refs struct {
			Count   int
			Results []map[string]any
		}
		res.Decode(&refs)
		if refs.Count != 1 || len(refs.Results[0]) != 4 || refs.Results[0]["mrn"] != mrn || refs.Results[0]["full_name"] != "Amina Otieno" {
			t.Errorf("lookup: %s", res.Body)
		}
		if res := pharmacist.Do("GET", "/patients/lookup/", nil); res.Status != http.StatusBadRequest {
			t.Errorf("lookup without q: %d", res.Status)
		}
		if res := pharmacist.Do("GET", "/patients/api/patients/?search=ami", nil); res.Status != http.StatusForbidden {
			t.Errorf("a pharmacist read the demographics: %d", res.Status)
		}
	})
}

// TestSearchPages checks that a search's pages, which span its branches, list every
// match once and in order.
func TestSearchPages(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		d := newDesk(t, e)
		var want []int64
		for _, n := range []string{"Ana", "Anabel", "Anne", "Annette"} { // first names: branch 1
			want = append(want, d.patient(n, "Kamau", ""))
		}
		for _, n := range []string{"Anyango", "Anami"} { // last names: branch 2, after the first names
			want = append(want, d.patient("Brian", n, ""))
		}
		want[4], want[5] = want[5], want[4] // Anami sorts before Anyango
		d.patient("Zed", "Brown", "")
		var got []int64
		next := "/patients/api/patients/?search=an&page_size=4"
		for next != "" {
			res := d.nurse.Do("GET", next, nil)
			var env struct {
				Count   int
				Next    *string
				Results []struct{ ID int64 }
			}
			res.Decode(&env)
			if env.Count != len(want) {
				t.Fatalf("count %d, want %d", env.Count, len(want))
			}
			for _, r := range env.Results {
				got = append(got, r.ID)
			}
			next = ""
			if env.Next != nil {
				u, _ := url.Parse(*env.Next)
				next = u.RequestURI()
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("pages gave %v, want %v", got, want)
		}
	})
}

// A name changed through the account API (the patient's own profile, or staff account
// management) is found by search at once: identity tells the patients module.
func TestSearchFollowsNameChangesMadeElsewhere(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		d := newDesk(t, e)
		p := d.register(map[string]any{"first_name": "Halima", "last_name": "Said", "username": "halima.said"})
		if res := d.nurse.Do("POST", "/patients/api/patients/"+itoa(id(p))+"/set-password/", map[string]any{"password": "Lamu-Island-2026"}); res.Status != 200 {
			t.Fatalf("set password: %d %s", res.Status, res.Body)
		}
		me := e.Login("halima.said", "Lamu-Island-2026")
		if res := me.Do("PATCH", "/users/me/", map[string]any{"last_name": "Abdallah", "phone": "0722 555 444"}); res.Status != 200 {
			t.Fatalf("own profile: %d %s", res.Status, res.Body)
		}
		for _, q := range []string{"halima abd", "0722555444"} {
			var page struct {
				Results []map[string]any `json:"results"`
			}
			d.nurse.Do("GET", "/patients/api/patients/?search="+url.QueryEscape(q), nil).Decode(&page)
			if len(page.Results) != 1 || id(page.Results[0]) != id(p) {
				t.Errorf("search %q after the change: %v", q, page.Results)
			}
		}
	})
}
