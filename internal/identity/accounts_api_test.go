package identity_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

func TestSessionLoginLogoutAndCSRF(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.User(auth.RoleHospitalAdmin, "susan")
		anon := e.Anon()
		res := anon.Do("POST", "/users/login/", map[string]string{"username": "wrong", "password": "x"})
		if res.Status != 401 || res.JSON()["error"] != "Invalid username/email or password" {
			t.Fatalf("bad session login: %d %s", res.Status, res.Body)
		}
		// By email, case-insensitively.
		res = anon.Do("POST", "/users/login/", map[string]string{"username": "SUSAN@example.org", "password": apitest.Password})
		if res.Status != 200 {
			t.Fatalf("session login by email: %d %s", res.Status, res.Body)
		}
		body := res.JSON()
		user := body["user"].(map[string]any)
		if body["message"] != "Login successful" || user["username"] != "susan" || user["role"] != "hospital_admin" {
			t.Fatalf("session login body: %s", res.Body)
		}
		if _, ok := user["department_name"]; ok {
			t.Fatalf("department_name must be absent for a user without a department: %s", res.Body)
		}
		var cookie *http.Cookie
		for _, c := range (&http.Response{Header: res.Header}).Cookies() {
			if c.Name == "healthsynx_session" {
				cookie = c
			}
		}
		if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
			t.Fatalf("session cookie missing or not HttpOnly/SameSite=Lax: %+v", cookie)
		}
		browser := e.Anon()
		browser.Header.Set("Cookie", cookie.Name+"="+cookie.Value)
		if res := browser.Do("GET", "/users/me/", nil); res.Status != 200 || res.JSON()["username"] != "susan" {
			t.Fatalf("me with cookie: %d %s", res.Status, res.Body)
		}
		// A state change from another site is refused.
		browser.Header.Set("Sec-Fetch-Site", "cross-site")
		browser.Header.Set("Origin", "https://evil.example")
		if res := browser.Do("PATCH", "/users/me/", map[string]string{"first_name": "Mallory"}); res.Status != 403 {
			t.Fatalf("cross-site PATCH with cookie: %d %s", res.Status, res.Body)
		}
		browser.Header.Set("Sec-Fetch-Site", "same-origin")
		browser.Header.Del("Origin")
		if res := browser.Do("PATCH", "/users/me/", map[string]string{"first_name": "Susan"}); res.Status != 200 || res.JSON()["first_name"] != "Susan" {
			t.Fatalf("same-origin PATCH with cookie: %d %s", res.Status, res.Body)
		}
		if res := browser.Do("POST", "/users/logout/", nil); res.Status != 200 || res.JSON()["message"] != "Logged out successfully" {
			t.Fatalf("logout: %d %s", res.Status, res.Body)
		}
		if res := browser.Do("GET", "/users/me/", nil); res.Status != 401 {
			t.Fatalf("cookie after logout: %d", res.Status)
		}
	})
}

func TestLockoutAfterRepeatedFailures(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.User(auth.RoleBilling, "mary")
		anon := e.Anon()
		try := func(user string) apitest.Response {
			return anon.Do("POST", "/api/token/", map[string]string{"username": user, "password": "not-the-password"})
		}
		for i := 1; i <= 2; i++ {
			if res := try("mary"); res.Status != 401 {
				t.Fatalf("failure %d: %d %s", i, res.Status, res.Body)
			}
		}
		// The third failure sets a wait: the next attempt, even with the right password,
		// is throttled with Retry-After.
		try("mary")
		res := anon.Do("POST", "/api/token/", map[string]string{"username": "mary", "password": apitest.Password})
		if res.Status != 429 || res.Header.Get("Retry-After") == "" {
			t.Fatalf("after 3 failures: %d %s (Retry-After %q)", res.Status, res.Body, res.Header.Get("Retry-After"))
		}
		// An account that does not exist answers exactly like one that does.
		for i := 0; i < 2; i++ {
			if res := try("nobody"); res.Status != 401 || res.JSON()["detail"] != "No active account found with the given credentials" {
				t.Fatalf("unknown user: %d %s", res.Status, res.Body)
			}
		}
		// The failures were audited.
		var n int
		if err := e.App.DB.QueryRow(context.Background(), "SELECT COUNT(*) FROM audit_events WHERE action = ?", "login_failed").Scan(&n); err != nil || n < 5 {
			t.Fatalf("login_failed audit rows = %d, %v; want at least 5", n, err)
		}
	})
}

func TestDeactivationEndsAccessAtOnce(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		admin := e.As(auth.RoleHospitalAdmin, "wesley")
		id := e.User(auth.RolePharmacist, "jane")
		jane := e.Login("jane", apitest.Password)
		sessionRes := e.Anon().Do("POST", "/users/login/", map[string]string{"username": "jane", "password": apitest.Password})
		cookie := sessionRes.Header.Get("Set-Cookie")
		cookie = cookie[:strings.IndexByte(cookie, ';')]
		browser := e.Anon()
		browser.Header.Set("Cookie", cookie)
		if res := browser.Do("GET", "/users/me/", nil); res.Status != 200 {
			t.Fatalf("session before deactivation: %d", res.Status)
		}
		res := admin.Do("POST", "/users/users/"+strconv.FormatInt(id, 10)+"/deactivate/", nil)
		if res.Status != 200 || res.JSON()["is_active"] != false {
			t.Fatalf("deactivate: %d %s", res.Status, res.Body)
		}
		if res := jane.Do("GET", "/users/me/", nil); res.Status != 401 {
			t.Fatalf("access token after deactivation: %d", res.Status)
		}
		if res := browser.Do("GET", "/users/me/", nil); res.Status != 401 {
			t.Fatalf("session after deactivation: %d", res.Status)
		}
		if res := e.Anon().Do("POST", "/api/token/", map[string]string{"username": "jane", "password": apitest.Password}); res.Status != 401 {
			t.Fatalf("sign-in of a deactivated account: %d", res.Status)
		}
	})
}

func TestStaffManagementRules(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		dept := e.Department("Doctor")
		hadmin := e.As(auth.RoleHospitalAdmin, "susan")
		adminID := e.User(auth.RoleAdmin, "admin1")

		doctor := map[string]any{"username": "drowino", "password": "Ngong-Hills-77", "first_name": "Grace", "last_name": "Owino",
			"email": "grace@example.org", "role": "doctor", "department": dept, "specialization": "Cardiology",
			"license_number": "KMPDC-9", "years_of_experience": 12}
		res := hadmin.Do("POST", "/users/users/", doctor)
		if res.Status != 201 {
			t.Fatalf("create doctor: %d %s", res.Status, res.Body)
		}
		got := res.JSON()
		prof := got["doctor_profile"].(map[string]any)
		if got["role"] != "doctor" || got["department_name"] != "Doctor" || prof["license_number"] != "KMPDC-9" || prof["years_of_experience"] != float64(12) {
			t.Fatalf("created doctor: %s", res.Body)
		}
		// Unique username, email (any case) and licence.
		doctor["password"] = "Ngong-Hills-78"
		res = hadmin.Do("POST", "/users/users/", doctor)
		if res.Status != 400 || !strings.Contains(string(res.Body), "A user with that username already exists.") {
			t.Fatalf("duplicate username: %d %s", res.Status, res.Body)
		}
		doctor["username"], doctor["email"] = "drowino2", "GRACE@example.org"
		if res = hadmin.Do("POST", "/users/users/", doctor); res.Status != 400 || !strings.Contains(string(res.Body), "A user with that email already exists.") {
			t.Fatalf("duplicate email: %d %s", res.Status, res.Body)
		}
		doctor["email"] = "grace2@example.org"
		if res = hadmin.Do("POST", "/users/users/", doctor); res.Status != 400 || !strings.Contains(string(res.Body), "license number already exists") {
			t.Fatalf("duplicate licence: %d %s", res.Status, res.Body)
		}
		// Nothing half-written: the refused doctor left no account behind.
		var n int
		_ = e.App.DB.QueryRow(context.Background(), "SELECT COUNT(*) FROM users WHERE username = ?", "drowino2").Scan(&n)
		if n != 0 {
			t.Fatalf("a refused account was stored")
		}
		// A hospital admin can neither grant admin nor touch an admin account.
		if res = hadmin.Do("POST", "/users/users/", map[string]any{"username": "boss", "password": "Ngong-Hills-79", "role": "admin"}); res.Status != 400 || !strings.Contains(string(res.Body), "Only an administrator") {
			t.Fatalf("hospital admin grants admin: %d %s", res.Status, res.Body)
		}
		if res = hadmin.Do("PATCH", "/users/users/"+strconv.FormatInt(adminID, 10)+"/", map[string]any{"first_name": "X"}); res.Status != 403 {
			t.Fatalf("hospital admin edits admin: %d %s", res.Status, res.Body)
		}
		if res = hadmin.Do("POST", "/users/users/"+strconv.FormatInt(adminID, 10)+"/set-password/", map[string]any{"password": "Ngong-Hills-80"}); res.Status != 403 {
			t.Fatalf("hospital admin resets admin password: %d %s", res.Status, res.Body)
		}
		// is_active, is_superuser and date_joined are not writable (B-14).
		res = hadmin.Do("PATCH", "/users/users/"+strconv.FormatFloat(got["id"].(float64), 'f', 0, 64)+"/", map[string]any{"is_superuser": true, "is_active": false, "last_name": "Owino-Otieno"})
		if res.Status != 200 || res.JSON()["is_superuser"] != false || res.JSON()["is_active"] != true || res.JSON()["last_name"] != "Owino-Otieno" {
			t.Fatalf("mass assignment: %d %s", res.Status, res.Body)
		}
		// List: search and filters; patients are listed too, with the mini shape.
		e.User(auth.RolePatient, "pkamau")
		res = hadmin.Do("GET", "/users/users/?role=doctor&search=owino", nil)
		var page struct {
			Count   int              `json:"count"`
			Results []map[string]any `json:"results"`
		}
		res.Decode(&page)
		if page.Count != 1 || page.Results[0]["username"] != "drowino" || len(page.Results[0]) != 5 {
			t.Fatalf("filtered list: %s", res.Body)
		}
	})
}

func TestPasswordRulesOnEveryPath(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		hadmin := e.As(auth.RoleHospitalAdmin, "susan")
		nurseID := e.User(auth.RoleNurse, "kelly")
		nurse := e.Login("kelly", apitest.Password)
		cases := []struct{ pw, msg string }{
			{"short1!", "This password is too short. It must contain at least 8 characters."},
			{"password123", "This password is too common."},
			{"83920174650", "This password is entirely numeric."},
			{"kellykelly", "The password is too similar to the username."},
		}
		for _, c := range cases {
			res := hadmin.Do("POST", "/users/users/", map[string]any{"username": "kellykelly", "password": c.pw, "role": "nurse"})
			if res.Status != 400 || !strings.Contains(string(res.Body), c.msg) {
				t.Errorf("create with %q: %d %s; want %q", c.pw, res.Status, res.Body, c.msg)
			}
			res = hadmin.Do("POST", "/users/users/"+strconv.FormatInt(nurseID, 10)+"/set-password/", map[string]any{"password": strings.ReplaceAll(c.pw, "kellykelly", "kelly")})
			if res.Status != 400 {
				t.Errorf("reset to %q: %d %s; want 400", c.pw, res.Status, res.Body)
			}
			res = nurse.Do("POST", "/users/me/password/", map[string]any{"old_password": apitest.Password, "new_password": strings.ReplaceAll(c.pw, "kellykelly", "kelly")})
			if res.Status != 400 || !strings.Contains(string(res.Body), "new_password") {
				t.Errorf("change to %q: %d %s; want 400 on new_password", c.pw, res.Status, res.Body)
			}
		}
		if res := nurse.Do("POST", "/users/me/password/", map[string]any{"old_password": "wrong", "new_password": "Tana-River-2026"}); res.Status != 400 || !strings.Contains(string(res.Body), "old_password") {
			t.Fatalf("wrong old password: %d %s", res.Status, res.Body)
		}
		if res := nurse.Do("POST", "/users/me/password/", map[string]any{"old_password": apitest.Password, "new_password": "Tana-River-2026"}); res.Status != 200 {
			t.Fatalf("change password: %d %s", res.Status, res.Body)
		}
		// The change ends the API sign-ins; the new password works.
		if res := nurse.Do("GET", "/users/me/", nil); res.Status != 401 {
			t.Fatalf("old token after a password change: %d", res.Status)
		}
		e.Login("kelly", "Tana-River-2026")
	})
}

func TestImportedDjangoHashVerifiesAndIsUpgraded(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		const seedHash = "bcrypt_sha256$2b$12$QiWL4/hI4KsOtY4h217TFOqZ3czfEQn0JjTzNh8e.0gz3wIsnKqXK"
		importLegacy(t, e, "lilyjohns", seedHash)
		e.Login("lilyjohns", "TestPass123!")
		var stored string
		if err := e.App.DB.QueryRow(ctx, "SELECT password FROM users WHERE username = ?", "lilyjohns").Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(stored, "argon2id$") {
			t.Fatalf("hash after sign-in = %q, want argon2id", stored[:20])
		}
		e.Login("lilyjohns", "TestPass123!") // and the new hash verifies
	})
}
