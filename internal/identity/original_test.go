package identity_test

import (
	"net/http"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

// The original's users tests (INVENTORY §6) as behaviour over HTTP, with the roles
// they never checked (B-1) checked too.
func TestOriginalUsersBehaviour(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.User(auth.RoleDoctor, "drlily")
		anon := e.Anon()
		// test_login_user
		res := anon.Do("POST", "/users/login/", map[string]string{"username": "drlily", "password": apitest.Password})
		if res.Status != 200 || res.JSON()["user"].(map[string]any)["username"] != "drlily" {
			t.Fatalf("login: %d %s", res.Status, res.Body)
		}
		// test_login_invalid_credentials
		res = anon.Do("POST", "/users/login/", map[string]string{"username": "drlily", "password": "nope"})
		if res.Status != 401 || !strings.Contains(res.JSON()["error"].(string), "Invalid username/email or password") {
			t.Fatalf("invalid login: %d %s", res.Status, res.Body)
		}
		doctor := e.Login("drlily", apitest.Password)
		// test_redirect_after_login_doctor: a signed-in browser goes to its dashboard.
		res = doctor.Do("GET", "/redirect-after-login/", nil)
		if res.Status != http.StatusFound || res.Header.Get("Location") != "/app/" {
			t.Fatalf("redirect after login: %d %s", res.Status, res.Header.Get("Location"))
		}
		// test_nurse_dashboard_access, and B-1: other roles are refused.
		nurse := e.As(auth.RoleNurse, "kelly")
		if res = nurse.Do("GET", "/users/nurse/", nil); res.Status != 200 || res.JSON()["message"] != "Welcome Nurse! Dashboard ready." {
			t.Fatalf("nurse dashboard: %d %s", res.Status, res.Body)
		}
		if res = doctor.Do("GET", "/users/nurse/", nil); res.Status != 403 {
			t.Fatalf("doctor on the nurse dashboard: %d", res.Status)
		}
		// test_admin_dashboard_access: departments and staff_count, which counts staff only (B-25).
		e.Department("Doctor")
		e.User(auth.RolePatient, "patient1")
		hadmin := e.As(auth.RoleHospitalAdmin, "susan")
		res = hadmin.Do("GET", "/users/hospital-admin/", nil)
		got := res.JSON()
		if res.Status != 200 || got["departments"] != float64(1) || got["staff_count"] != float64(3) || got["patients"] != float64(1) {
			t.Fatalf("hospital admin dashboard: %d %s", res.Status, res.Body)
		}
		if res = nurse.Do("GET", "/users/hospital-admin/", nil); res.Status != 403 {
			t.Fatalf("nurse on the hospital admin dashboard: %d", res.Status)
		}
		// E-18 is for administrators only (B-1).
		if res = doctor.Do("GET", "/users/users/", nil); res.Status != 403 {
			t.Fatalf("doctor lists users: %d", res.Status)
		}
		// test_logout_user
		if res = doctor.Do("POST", "/users/logout/", nil); res.Status != 200 || res.JSON()["message"] != "Logged out successfully" {
			t.Fatalf("logout: %d %s", res.Status, res.Body)
		}
		// E-36: the doctor list, staff only.
		if res = nurse.Do("GET", "/doctors/doctors/", nil); res.Status != 200 || !strings.Contains(string(res.Body), `"username":"drlily"`) {
			t.Fatalf("doctor list: %d %s", res.Status, res.Body)
		}
		patient := e.Login("patient1", apitest.Password)
		if res = patient.Do("GET", "/doctors/doctors/", nil); res.Status != 403 {
			t.Fatalf("patient lists doctors: %d", res.Status)
		}
		// E-4: tokens with the user's id, username and email; "Invalid credentials".
		res = anon.Do("POST", "/api/login/", map[string]string{"username": "kelly", "password": apitest.Password})
		if res.Status != 200 || res.JSON()["user"].(map[string]any)["email"] != "kelly@example.org" || res.JSON()["access"] == "" {
			t.Fatalf("api login: %d %s", res.Status, res.Body)
		}
		if res = anon.Do("POST", "/api/login/", map[string]string{"username": "kelly", "password": "x"}); res.Status != 401 || res.JSON()["error"] != "Invalid credentials" {
			t.Fatalf("api login failure: %d %s", res.Status, res.Body)
		}
	})
}
