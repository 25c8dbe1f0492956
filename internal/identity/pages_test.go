package identity_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

// has fails the test unless the page body contains every one of wants.
func has(t *testing.T, res apitest.Response, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(string(res.Body), w) {
			t.Errorf("the page (status %d) misses %s", res.Status, w)
		}
	}
}

func TestSignInPage(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.User(auth.RoleHospitalAdmin, "susan")
		b := e.Browser()
		has(t, b.Get("/login/?next=/app/users/"), `name="next" value="/app/users/"`)

		res := b.Post("/login/", url.Values{"username": {"susan"}, "password": {"wrong"}, "next": {"/app/users/"}})
		if res.Status != http.StatusUnprocessableEntity || res.Header.Get("Set-Cookie") != "" {
			t.Fatalf("wrong password: %d, cookie %q", res.Status, res.Header.Get("Set-Cookie"))
		}
		has(t, res, `<p class="form-error" role="alert" id="login-error">Incorrect username/email or password.</p>`,
			`value="susan"`, `name="next" value="/app/users/"`)
		has(t, b.Post("/login/", url.Values{"username": {" "}, "password": {""}}), "Enter your username or email and your password.")

		// A foreign page cannot post the form: the browser says where the post came from.
		foreign := e.Browser()
		foreign.Header.Set("Sec-Fetch-Site", "cross-site")
		if res := foreign.Post("/login/", url.Values{"username": {"susan"}, "password": {apitest.Password}}); res.Status != http.StatusForbidden {
			t.Fatalf("cross-site sign-in: %d", res.Status)
		}

		// By email; an address off this site is not followed.
		res = b.Post("/login/", url.Values{"username": {"SUSAN@example.org"}, "password": {apitest.Password}, "next": {"//evil.example/"}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/app/" {
			t.Fatalf("sign in by email: %d %s", res.Status, res.Header.Get("Location"))
		}
		cookie := (&http.Response{Header: res.Header}).Cookies()[0]
		if cookie.Name != "healthsynx_session" || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" || cookie.Secure {
			t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/, not Secure over plain HTTP", cookie)
		}
		has(t, b.Get("/app/"), "Hospital administrator dashboard")

		// Signing out needs the form's token, then ends the session.
		if res := b.Post("/logout/", url.Values{"csrf": {""}}); res.Status != http.StatusForbidden {
			t.Fatalf("sign out without the token: %d", res.Status)
		}
		if res := b.Post("/logout/", nil); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/login/" {
			t.Fatalf("sign out: %d %s", res.Status, res.Header.Get("Location"))
		}
		has(t, b.Get("/login/"), `<p class="flash" role="status">You have signed out.</p>`)
		if res := b.Get("/app/"); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/login/?next=%2Fapp%2F" {
			t.Fatalf("dashboard after signing out: %d %s", res.Status, res.Header.Get("Location"))
		}
	})
}

func TestSignInPageThrottlesInWords(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.User(auth.RoleBilling, "mary")
		b := e.Browser()
		for range 3 {
			b.Post("/login/", url.Values{"username": {"mary"}, "password": {"not-the-password"}})
		}
		// The third failure costs a wait; even the right password must wait for it.
		res := b.Post("/login/", url.Values{"username": {"mary"}, "password": {apitest.Password}})
		if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Fatalf("after 3 failures: %d, Retry-After %q", res.Status, res.Header.Get("Retry-After"))
		}
		has(t, res, "Too many failed sign-in attempts. Wait 1 second, then try again.", `value="mary"`)
	})
}

func TestOwnPasswordAndProfilePages(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.User(auth.RoleNurse, "akinyi")
		b := e.Browser()
		b.SignIn("akinyi", apitest.Password)

		change := func(old, pw, confirm string) apitest.Response {
			return b.Post("/app/password/", url.Values{"old_password": {old}, "new_password": {pw}, "new_password_confirm": {confirm}})
		}
		res := change("wrong", "Ward-Four-Evenings", "Ward-Four-Evenings")
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("wrong old password: %d", res.Status)
		}
		has(t, res, `<p class="field-error" id="field-old_password-error">Your old password was entered incorrectly. Please enter it again.</p>`)
		has(t, change(apitest.Password, "Ward-Four-Evenings", "Ward-Four-Evening"),
			`<p class="field-error" id="field-new_password_confirm-error">The two password fields didn&#39;t match.</p>`)
		res = change(apitest.Password, "short1", "short1")
		has(t, res, `id="field-new_password-error">This password is too short.`)
		if strings.Contains(string(res.Body), apitest.Password) || strings.Contains(string(res.Body), "short1") {
			t.Error("the page sent a typed password back")
		}
		if res := change(apitest.Password, "Ward-Four-Evenings", "Ward-Four-Evenings"); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/app/profile/" {
			t.Fatalf("change password: %d %s", res.Status, res.Header.Get("Location"))
		}
		has(t, b.Get("/app/profile/"), "Your password was changed.")
		e.Browser().SignIn("akinyi", "Ward-Four-Evenings")

		res = b.Post("/app/profile/", url.Values{"first_name": {"Amina"}, "email": {"not-an-email"}, "gender": {"female"}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad email: %d", res.Status)
		}
		has(t, res, `<p class="field-error" id="field-email-error">Enter a valid email address.</p>`, `value="not-an-email"`, `value="Amina"`)
		res = b.Post("/app/profile/", url.Values{"first_name": {"Amina"}, "email": {"amina@example.org"}, "gender": {"female"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("save profile: %d %s", res.Status, res.Body)
		}
		// Fields the form did not send (last name, phone) are left as they were.
		has(t, b.Get("/app/profile/"), "Your details were saved.", `value="Amina"`, `value="amina@example.org"`, `value="Akinyi"`)
	})
}

func TestUserAdministrationPages(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		rootID := e.User(auth.RoleAdmin, "root")
		e.User(auth.RoleHospitalAdmin, "susan")
		paeds := e.Department("Paediatrics")
		b := e.Browser()
		b.SignIn("susan", apitest.Password)

		has(t, b.Get("/app/users/"), `>root</a>`, `>susan</a>`)
		res := b.Get("/app/users/?role=hospital_admin&search=SUS")
		has(t, res, `>susan</a>`, `<option value="hospital_admin" selected>`)
		if strings.Contains(string(res.Body), ">root</a>") {
			t.Error("the role filter let the administrator through")
		}

		doctor := url.Values{"username": {"drwanjiru"}, "first_name": {"Faith"}, "last_name": {"Wanjiru"}, "gender": {"female"},
			"role": {"doctor"}, "department": {strconv.FormatInt(paeds, 10)}, "doctor_specialization": {"Neonatology"},
			"doctor_license_number": {""}, "years_of_experience": {"4"}, "nurse_specialization": {""}, "password": {"short1"}}
		res = b.Post("/app/users/new/", doctor)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("invalid doctor: %d", res.Status)
		}
		has(t, res, `id="field-password-error">This password is too short.`,
			`<p class="field-error" id="field-doctor_license_number-error">This field may not be blank.</p>`,
			`id="field-username" name="username" type="text" value="drwanjiru"`,
			`id="field-doctor_specialization" name="doctor_specialization" type="text" value="Neonatology"`,
			`<option value="`+strconv.FormatInt(paeds, 10)+`" selected>Paediatrics</option>`, `<option value="doctor" selected>Doctor</option>`)
		if strings.Contains(string(res.Body), "short1") {
			t.Error("the form sent the password back")
		}

		doctor.Set("password", "Cradle-and-Lamp-77")
		doctor.Set("doctor_license_number", "KMPDC-9")
		res = b.Post("/app/users/new/", doctor)
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/app/users/") {
			t.Fatalf("create doctor: %d %s %s", res.Status, res.Header.Get("Location"), res.Body)
		}
		docPage := res.Header.Get("Location")
		has(t, b.Get(docPage), "Account drwanjiru created.", `value="KMPDC-9"`, `<h1>Faith Wanjiru</h1>`)
		has(t, b.Get("/app/users/?search=wanjiru&role=staff&status=active"), `>drwanjiru</a>`)

		// A form without its token, or from another site, changes nothing.
		if res := b.Post(docPage, url.Values{"first_name": {"Mallory"}, "csrf": {""}}); res.Status != http.StatusForbidden {
			t.Errorf("post without the CSRF token: %d", res.Status)
		}
		if res := b.Post(docPage, url.Values{"first_name": {"Mallory"}, "csrf": {"forged"}}); res.Status != http.StatusForbidden {
			t.Errorf("post with a forged CSRF token: %d", res.Status)
		}
		b.Header.Set("Sec-Fetch-Site", "cross-site")
		if res := b.Post(docPage, url.Values{"first_name": {"Mallory"}}); res.Status != http.StatusForbidden {
			t.Errorf("cross-site post with the token: %d", res.Status)
		}
		b.Header.Del("Sec-Fetch-Site")

		res = b.Post(docPage, url.Values{"first_name": {"Faith"}, "role": {"doctor"}, "doctor_specialization": {"Neonatology"},
			"doctor_license_number": {"KMPDC-9"}, "years_of_experience": {"many"}})
		has(t, res, `<p class="field-error" id="field-years_of_experience-error">Enter a whole number.</p>`)
		res = b.Post(docPage, url.Values{"first_name": {"Faith N."}, "role": {"doctor"}, "doctor_specialization": {"Neonatology"},
			"doctor_license_number": {"KMPDC-9"}, "years_of_experience": {"5"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("update: %d %s", res.Status, res.Body)
		}
		has(t, b.Get(docPage), "Changes to drwanjiru saved.", `value="Faith N."`, `value="5"`)

		// A hospital administrator sees an administrator's account but cannot change it.
		rootPage := "/app/users/" + strconv.FormatInt(rootID, 10) + "/"
		res = b.Get(rootPage)
		has(t, res, "Only an administrator can change an administrator's account.")
		if strings.Contains(string(res.Body), `action="`+rootPage+`"`) {
			t.Error("the administrator's page offers the hospital administrator a form")
		}
		for path, form := range map[string]url.Values{
			rootPage: {"first_name": {"Mallory"}}, rootPage + "deactivate/": {}, rootPage + "password/": {"password": {"Mallory-Was-Here-1"}, "password_confirm": {"Mallory-Was-Here-1"}},
		} {
			if res := b.Post(path, form); res.Status != http.StatusForbidden {
				t.Errorf("POST %s as hospital admin: %d", path, res.Status)
			}
		}
		if res := b.Get(rootPage + "deactivate/"); res.Status != http.StatusForbidden {
			t.Errorf("deactivation page of an administrator: %d", res.Status)
		}
		e.Browser().SignIn("root", apitest.Password)

		// Deactivation asks first, then ends the doctor's access; activation restores it.
		has(t, b.Get(docPage+"deactivate/"), "Deactivate drwanjiru?", `action="`+docPage+`deactivate/"`)
		if res := b.Post(docPage+"deactivate/", nil); res.Status != http.StatusSeeOther || res.Header.Get("Location") != docPage {
			t.Fatalf("deactivate: %d %s", res.Status, res.Header.Get("Location"))
		}
		has(t, b.Get(docPage), "deactivated and signed out everywhere", `action="`+docPage+`activate/"`)
		if res := e.Browser().Post("/login/", url.Values{"username": {"drwanjiru"}, "password": {"Cradle-and-Lamp-77"}}); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("a deactivated doctor signed in: %d", res.Status)
		}
		if res := b.Post(docPage+"activate/", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("activate: %d", res.Status)
		}

		// A password reset, with its confirmation.
		res = b.Post(docPage+"password/", url.Values{"password": {"Fresh-Start-2026"}, "password_confirm": {"Fresh-Start-2025"}})
		has(t, res, `<p class="field-error" id="field-password_confirm-error">The two password fields didn&#39;t match.</p>`)
		if res := b.Post(docPage+"password/", url.Values{"password": {"Fresh-Start-2026"}, "password_confirm": {"Fresh-Start-2026"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("reset password: %d %s", res.Status, res.Body)
		}
		doc := e.Browser()
		doc.SignIn("drwanjiru", "Fresh-Start-2026")

		// The doctor has no access to account administration.
		for _, path := range []string{"/app/users/", "/app/users/new/", docPage} {
			if res := doc.Get(path); res.Status != http.StatusForbidden {
				t.Errorf("GET %s as a doctor: %d", path, res.Status)
			}
		}
	})
}

func TestDashboardsPerRole(t *testing.T) {
	e := apitest.New(t, "sqlite")
	e.User(auth.RoleHospitalAdmin, "susan")
	e.User(auth.RoleDoctor, "lily")
	e.User(auth.RolePharmacist, "jane")
	e.User(auth.RolePatient, "pat")
	e.Department("Radiology")

	admin := e.Browser()
	admin.SignIn("susan", apitest.Password)
	has(t, admin.Get("/app/"), "<h1>Hospital administrator dashboard</h1>",
		`<span class="stat-label">Departments</span>`, `<a href="/app/departments/">1</a>`,
		`<a href="/app/users/?role=staff">3</a>`, `<a href="/app/users/?role=patient">1</a>`,
		`<a href="/app/users/new/">Add a staff account</a>`, `<a href="/app/users/">Users</a>`, `<a href="/app/departments/">Departments</a>`)

	doctor := e.Browser()
	doctor.SignIn("lily", apitest.Password)
	res := doctor.Get("/app/")
	has(t, res, "<h1>Doctor dashboard</h1>")
	if strings.Contains(string(res.Body), `href="/app/users/"`) || strings.Contains(string(res.Body), "stat-value") {
		t.Error("the doctor's dashboard shows the administrators' figures or links")
	}

	// A role whose modules have not landed says what its dashboard will show.
	pharmacist := e.Browser()
	pharmacist.SignIn("jane", apitest.Password)
	has(t, pharmacist.Get("/app/"), "<h1>Pharmacist dashboard</h1>", "Your dashboard is on its way", "This page will show the prescriptions")
}
