package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// demoPassword is the password of every demo account (README, "Demo accounts").
const demoPassword = "TestPass123!"

// loginForm is the sign-in form of the login page.
const loginForm = `form[action="/login/"]`

// signIn signs in through the login page from wherever the page is, and returns
// the status of the page it lands on.
func signIn(p *Page, username, password string) int {
	p.t.Helper()
	if !strings.Contains(p.Location(), "/login/") {
		p.Navigate("/login/")
	}
	p.Fill(loginForm, map[string]string{"username": username, "password": password})
	return p.Submit(loginForm)
}

func TestEveryDemoUserLandsOnTheDashboardOfTheirRole(t *testing.T) {
	Require(t)
	srv := StartServer(t)
	for username, heading := range map[string]string{
		"admin1":      "Administrator dashboard",
		"susanpeters": "Hospital administrator dashboard",
		"lilyjohns":   "Doctor dashboard",
		"kellypeters": "Nurse dashboard",
		"janemikes":   "Pharmacist dashboard",
		"marykanes":   "Billing officer dashboard",
		"robertmakau": "Lab technician dashboard",
		"allankizito": "Imaging technician dashboard",
	} {
		t.Run(username, func(t *testing.T) {
			p := NewPage(t, srv.URL)
			if status := signIn(p, username, demoPassword); status != http.StatusOK {
				t.Fatalf("sign in: status %d at %s", status, p.Location())
			}
			if got, want := p.Location(), p.URL("/app/"); got != want {
				t.Fatalf("landed on %s, want %s", got, want)
			}
			if got := p.Text("h1"); got != heading {
				t.Errorf("heading %q, want %q", got, heading)
			}
			// The name sits in the menu, closed on this narrow window: read the text.
			if got := Eval[string](p, `document.querySelector(".who-name").textContent`); got != username {
				t.Errorf("the header names %q, want %q", got, username)
			}
			p.ExpectLocalOnly()
			p.ExpectClean()
		})
	}
}

func TestAdministratorsSeeTheHospitalFigures(t *testing.T) {
	Require(t)
	srv := StartServer(t)
	p := NewPage(t, srv.URL)
	signIn(p, "susanpeters", demoPassword)

	// The demo hospital: 7 departments and 15 staff, all active.
	figures := Eval[map[string]string](p, `Object.fromEntries(Array.from(document.querySelectorAll(".stat"))
		.map(s => [s.querySelector(".stat-label").textContent, s.querySelector(".stat-value").textContent]))`)
	for label, want := range map[string]string{"Departments": "7", "Staff accounts": "15", "Active staff": "15"} {
		if figures[label] != want {
			t.Errorf("%s: %q, want %q (all figures: %v)", label, figures[label], want, figures)
		}
	}
	if p.Count(`.next-steps a[href="/app/users/new/"]`) != 1 {
		t.Error("the dashboard does not suggest adding staff")
	}
	p.Click(`.stat-value a[href="/app/departments/"]`)
	p.WaitVisible("table")
	if got := p.Text("h1"); got != "Departments" {
		t.Errorf("the departments figure leads to %q", got)
	}
	p.ExpectClean()
}

func TestAWrongPasswordIsRefusedBesideTheForm(t *testing.T) {
	Require(t)
	srv := StartServer(t)
	p := NewPage(t, srv.URL)
	p.SetViewport(1280, 800) // the sign-out button shows in the bar, not behind the menu

	// A page that needs a sign-in sends the visitor to the login page and, once
	// signed in, back to where they were going.
	p.Navigate("/app/users/")
	if got := p.Location(); !strings.Contains(got, "/login/?next=%2Fapp%2Fusers%2F") {
		t.Fatalf("anonymous visitor landed on %s", got)
	}
	if status := signIn(p, "susanpeters", "not-her-password"); status != http.StatusUnprocessableEntity {
		t.Errorf("wrong password: status %d, want 422", status)
	}
	if got := p.Text("#login-error"); got != "Incorrect username/email or password." {
		t.Errorf("error %q", got)
	}
	if got := Eval[string](p, `document.querySelector("#username").value`); got != "susanpeters" {
		t.Errorf("the username was not kept: %q", got)
	}
	if got := Eval[string](p, `document.querySelector("#password").getAttribute("aria-describedby")`); got != "login-error" {
		t.Errorf("the password field is not tied to the error: %q", got)
	}
	if status := signIn(p, "susanpeters", demoPassword); status != http.StatusOK {
		t.Fatalf("right password: status %d", status)
	}
	if got, want := p.Location(), p.URL("/app/users/"); got != want {
		t.Errorf("after signing in: %s, want %s", got, want)
	}

	// Signing out ends the session: the pages ask for a sign-in again.
	p.Submit(`form[action="/logout/"]`)
	if got := p.Text(".flash"); got != "You have signed out." {
		t.Errorf("after signing out: flash %q", got)
	}
	p.Navigate("/app/")
	if got := p.Location(); !strings.Contains(got, "/login/") {
		t.Errorf("after signing out, /app/ showed %s", got)
	}
	for _, v := range p.CSPViolations() {
		t.Errorf("CSP violation: %s", v)
	}
}
