package patients_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

var mrnFormat = regexp.MustCompile(`^HS-\d{7}-\d$`)

func TestRegisterAtTheDesk(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		d := newDesk(t, e)
		p := d.register(map[string]any{
			"first_name": "Amina", "last_name": "Otieno", "sex": "female", "dob": "1990-04-12",
			"phone": "+254 712 345 678", "email": "amina@example.org", "national_id": "12345678",
			"address": "Kisumu", "patient_type": "inpatient",
			"next_of_kin": map[string]any{"name": "Baraka Otieno", "phone": "0722 000 111", "relationship": "brother"},
			// B-14: read-only fields are ignored
			"is_active": false, "date_joined": "2001-01-01T00:00:00Z",
		})
		if p["username"] != "amina-otieno" || p["full_name"] != "Amina Otieno" || p["gender"] != "female" ||
			p["dob"] != "1990-04-12" || p["patient_type"] != "inpatient" || p["national_id"] != "12345678" {
			t.Errorf("representation: %v", p)
		}
		if !mrnFormat.MatchString(p["mrn"].(string)) {
			t.Errorf("mrn %v", p["mrn"])
		}
		if p["is_active"] != true || strings.HasPrefix(p["date_joined"].(string), "2001") {
			t.Errorf("is_active %v, date_joined %v: read-only fields were written", p["is_active"], p["date_joined"])
		}
		kin := p["next_of_kin"].(map[string]any)
		if kin["name"] != "Baraka Otieno" || kin["relationship"] != "brother" {
			t.Errorf("next_of_kin %v", kin)
		}
		// No default password: the account cannot sign in until the desk sets one.
		for _, pw := range []string{"defaultpassword123", "", apitest.Password} {
			if res := e.Anon().Do("POST", "/api/token/", map[string]string{"username": "amina-otieno", "password": pw}); res.Status == http.StatusOK {
				t.Fatalf("a desk-registered patient signed in with %q", pw)
			}
		}
		path := "/patients/api/patients/" + itoa(id(p)) + "/set-password/"
		if errs := fieldErrors(t, d.nurse.Do("POST", path, map[string]string{"password": "12345678"})); len(errs["password"]) == 0 {
			t.Errorf("a weak password was accepted: %v", errs)
		}
		if res := d.nurse.Do("POST", path, map[string]string{"password": "Jacaranda-Blooms-7"}); res.Status != http.StatusOK {
			t.Fatalf("set-password: %d %s", res.Status, res.Body)
		}
		me := e.Login("amina-otieno", "Jacaranda-Blooms-7").Do("GET", "/patients/me/", nil)
		if me.Status != http.StatusOK || me.JSON()["mrn"] != p["mrn"] {
			t.Errorf("/patients/me/: %d %s", me.Status, me.Body)
		}

		// The flat next-of-kin fields win over the object; a second Amina Otieno gets a
		// suffixed username (W-10).
		q := d.register(map[string]any{"first_name": "Amina", "last_name": "Otieno", "next_of_kin_name": "Flat",
			"next_of_kin": map[string]any{"name": "Nested", "phone": "0711 222 333"}})
		if !regexp.MustCompile(`^amina-otieno-[A-Za-z0-9]{4}$`).MatchString(q["username"].(string)) {
			t.Errorf("second username %v", q["username"])
		}
		if kin := q["next_of_kin"].(map[string]any); kin["name"] != "Flat" || kin["phone"] != "0711 222 333" {
			t.Errorf("next_of_kin %v", kin)
		}
		if q["patient_type"] != "outpatient" || q["gender"] != "unknown" || q["dob"] != nil {
			t.Errorf("defaults: %v", q)
		}
		if q["mrn"] == p["mrn"] {
			t.Error("two patients share an MRN")
		}
	})
}

func TestRegistrationErrorsNameTheirField(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		d := newDesk(t, e)
		d.register(map[string]any{"first_name": "Taken", "last_name": "Person", "username": "taken", "email": "taken@example.org", "national_id": "A 123-45"})
		ok := map[string]any{"first_name": "Juma", "last_name": "Hassan"}
		tomorrow := time.Now().AddDate(0, 0, 2).Format(time.DateOnly)
		cases := []struct {
			name  string
			set   map[string]any
			field string
		}{
			{"first name missing", map[string]any{"first_name": nil}, "first_name"},
			{"last name blank", map[string]any{"last_name": "  "}, "last_name"},
			{"first name too long", map[string]any{"first_name": strings.Repeat("a", 151)}, "first_name"},
			{"dob not a date", map[string]any{"dob": "12/04/1990"}, "dob"},
			{"dob a number", map[string]any{"dob": 19900412}, "dob"},
			{"dob in the future", map[string]any{"dob": tomorrow}, "dob"},
			{"dob 131 years ago", map[string]any{"dob": time.Now().AddDate(-131, 0, 0).Format(time.DateOnly)}, "dob"},
			{"email", map[string]any{"email": "not-an-email"}, "email"},
			{"email taken", map[string]any{"email": "TAKEN@example.org"}, "email"},
			{"phone letters", map[string]any{"phone": "0712 CALL ME"}, "phone"},
			{"phone too short", map[string]any{"phone": "12345"}, "phone"},
			{"gender", map[string]any{"gender": "robot"}, "gender"},
			{"sex", map[string]any{"sex": "x"}, "sex"},
			{"sex and gender differ", map[string]any{"sex": "male", "gender": "female"}, "sex"},
			{"national id characters", map[string]any{"national_id": "12#45"}, "national_id"},
			{"national id too long", map[string]any{"national_id": strings.Repeat("1", 31)}, "national_id"},
			{"national id taken", map[string]any{"national_id": "a12345"}, "national_id"},
			{"address too long", map[string]any{"address": strings.Repeat("a", 501)}, "address"},
			{"next of kin phone", map[string]any{"next_of_kin": map[string]any{"phone": "call"}}, "next_of_kin_phone"},
			{"next of kin name too long", map[string]any{"next_of_kin_name": strings.Repeat("a", 151)}, "next_of_kin_name"},
			{"relationship too long", map[string]any{"next_of_kin_relationship": strings.Repeat("a", 51)}, "next_of_kin_relationship"},
			{"patient type", map[string]any{"patient_type": "visitor"}, "patient_type"},
			{"username characters", map[string]any{"username": "juma hassan"}, "username"},
			{"username taken", map[string]any{"username": "TAKEN"}, "username"},
		}
		for _, tc := range cases {
			body := map[string]any{}
			for k, v := range ok {
				body[k] = v
			}
			for k, v := range tc.set {
				if v == nil {
					delete(body, k)
				} else {
					body[k] = v
				}
			}
			errs := fieldErrors(t, d.nurse.Do("POST", "/patients/api/patients/", body))
			if len(errs[tc.field]) == 0 || len(errs) != 1 {
				t.Errorf("%s: errors %v, want one for %s only", tc.name, errs, tc.field)
			}
		}
		// Every problem is reported at once, the account's and the profile's.
		errs := fieldErrors(t, d.nurse.Do("POST", "/patients/api/patients/", map[string]any{
			"email": "bad", "dob": "2999-01-01", "national_id": "A12345", "username": "taken"}))
		for _, f := range []string{"first_name", "last_name", "email", "dob", "national_id", "username"} {
			if len(errs[f]) == 0 {
				t.Errorf("no error for %s in %v", f, errs)
			}
		}
		// Nothing was half-written: still only the one patient.
		if n := d.nurse.Do("GET", "/patients/api/patients/", nil).JSON()["count"]; n != 1.0 {
			t.Errorf("count %v after refused registrations", n)
		}
	})
}

func TestStaffRegistrationE12(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		admin := e.As(auth.RoleHospitalAdmin, "ha.achieng")
		res := admin.Do("POST", "/users/register/patient/", map[string]any{"username": "kofi", "password": "Baobab-Shade-42",
			"role": "patient", "email": "kofi@example.org", "department": 3, "first_name": "Kofi", "last_name": "Mensah"})
		if res.Status != http.StatusCreated {
			t.Fatalf("E-12: %d %s", res.Status, res.Body)
		}
		body := res.JSON()
		if body["message"] != "Patient registered successfully!" || body["patient"].(map[string]any)["username"] != "kofi" {
			t.Errorf("E-12 body %s", res.Body)
		}
		if res := e.Login("kofi", "Baobab-Shade-42").Do("GET", "/patients/me/", nil); res.Status != http.StatusOK {
			t.Errorf("kofi's own record: %d", res.Status)
		}
		for _, role := range []string{"admin", "nurse", "hospital_admin", "bogus"} {
			errs := fieldErrors(t, admin.Do("POST", "/users/register/patient/", map[string]any{"role": role, "first_name": "A", "last_name": "B"}))
			if len(errs["role"]) == 0 || len(errs) != 1 {
				t.Errorf("role %s: %v", role, errs)
			}
		}
		if errs := fieldErrors(t, admin.Do("POST", "/users/register/patient/", map[string]any{"first_name": "A", "last_name": "B", "password": "kofi"})); len(errs["password"]) == 0 {
			t.Errorf("weak password: %v", errs)
		}
	})
}

func TestPublicSignUpCreatesPatientsOnly(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		anon := e.Anon()
		for _, role := range []string{"admin", "hospital_admin", "doctor"} {
			errs := fieldErrors(t, anon.Do("POST", "/register/", map[string]any{"username": "mallory", "password": "Strong-Passphrase-9", "role": role}))
			if len(errs["role"]) == 0 {
				t.Errorf("role %s accepted: %v", role, errs)
			}
		}
		errs := fieldErrors(t, anon.Do("POST", "/register/", map[string]any{"role": "patient"}))
		if len(errs["username"]) == 0 || len(errs["password"]) == 0 {
			t.Errorf("username and password are required: %v", errs)
		}
		errs = fieldErrors(t, anon.Do("POST", "/register/", map[string]any{"username": "zawadi", "password": "zawadi123"}))
		if len(errs["password"]) == 0 {
			t.Errorf("a password like the username was accepted: %v", errs)
		}
		res := anon.Do("POST", "/register/", map[string]any{"username": "zawadi", "password": "Mango-Season-2026", "role": "patient",
			"email": "zawadi@example.org", "department": nil, "first_name": "Zawadi", "last_name": "Njeri", "national_id": "999"})
		if res.Status != http.StatusCreated || res.JSON()["message"] != "Account zawadi created successfully!" {
			t.Fatalf("sign-up: %d %s", res.Status, res.Body)
		}
		me := e.Login("zawadi", "Mango-Season-2026").Do("GET", "/patients/me/", nil).JSON()
		if me["username"] != "zawadi" || !mrnFormat.MatchString(me["mrn"].(string)) || me["national_id"] != "" {
			t.Errorf("own record %v (national_id is recorded at the desk only)", me)
		}
	})
}
