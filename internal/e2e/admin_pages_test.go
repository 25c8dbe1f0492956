package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// choose picks value in the select matching sel as a person would, so that the
// page's scripts see the change.
func choose(p *Page, sel, value string) {
	p.t.Helper()
	ok := Eval[bool](p, fmt.Sprintf(`(el => { el.value = %q; el.dispatchEvent(new Event("change", {bubbles: true})); return el.value === %q })(document.querySelector(%q))`, value, value, sel))
	if !ok {
		p.t.Fatalf("%s has no choice %q", sel, value)
	}
}

// value is what the form control matching sel holds.
func value(p *Page, sel string) string {
	p.t.Helper()
	return Eval[string](p, fmt.Sprintf(`document.querySelector(%q).value`, sel))
}

func TestAdminCreatesADoctorThroughTheForm(t *testing.T) {
	Require(t)
	srv := StartServer(t)
	p := NewPage(t, srv.URL)
	signIn(p, "admin1", demoPassword)

	p.Navigate("/app/users/new/")
	const form = `form[action="/app/users/new/"]`
	// The doctor's fields show once the role is a doctor.
	if !Eval[bool](p, `document.querySelector('[data-show-when="role=doctor"]').hidden`) {
		t.Error("the doctor's fieldset shows before a role is chosen")
	}
	choose(p, "#field-role", "doctor")
	choose(p, "#field-department", Eval[string](p, `Array.from(document.querySelectorAll("#field-department option")).find(o => o.text === "Doctor").value`))
	p.Fill(form, map[string]string{
		"username": "drachieng", "first_name": "Grace", "last_name": "Achieng", "email": "grace.achieng@example.org",
		"doctor_specialization": "Paediatrics", "doctor_license_number": "KMPDC-B2044", "years_of_experience": "7",
		"password": "Short1!",
	})
	if status := p.Submit(form); status != http.StatusUnprocessableEntity {
		t.Fatalf("too short a password: status %d, want 422", status)
	}
	if got := p.Text("#field-password-error"); !strings.Contains(got, "too short") {
		t.Errorf("password error %q", got)
	}
	for sel, want := range map[string]string{
		"#field-username": "drachieng", "#field-last_name": "Achieng", "#field-role": "doctor",
		"#field-doctor_specialization": "Paediatrics", "#field-doctor_license_number": "KMPDC-B2044",
		"#field-years_of_experience": "7", "#field-password": "",
	} {
		if got := value(p, sel); got != want {
			t.Errorf("%s holds %q after the failed submit, want %q", sel, got, want)
		}
	}
	if Eval[bool](p, `document.querySelector('[data-show-when="role=doctor"]').hidden`) {
		t.Error("the doctor's fieldset is hidden though the role is doctor")
	}

	p.Fill(form, map[string]string{"password": "Ward7-Nairobi-2026"})
	if status := p.Submit(form); status != http.StatusOK {
		t.Fatalf("create: status %d", status)
	}
	if got := p.Text(".flash"); !strings.Contains(got, "drachieng created") {
		t.Errorf("flash %q", got)
	}
	if got := p.Text("h1"); got != "Grace Achieng" {
		t.Errorf("the new account's page is headed %q", got)
	}

	p.Navigate("/app/users/?search=achieng")
	rows := Eval[[]string](p, `Array.from(document.querySelectorAll("tbody tr")).map(r => r.innerText)`)
	if len(rows) != 1 || !strings.Contains(rows[0], "drachieng") || !strings.Contains(rows[0], "Doctor") {
		t.Errorf("the list shows %q, want the new doctor", rows)
	}
	p.ExpectLocalOnly()
	for _, v := range p.CSPViolations() {
		t.Errorf("CSP violation: %s", v)
	}
}

func TestDeletingADepartmentAsksFirst(t *testing.T) {
	Require(t)
	srv := StartServer(t)
	p := NewPage(t, srv.URL)
	signIn(p, "susanpeters", demoPassword)

	p.Navigate("/app/departments/")
	p.Click(`a[href$="/delete/"]`) // the first department: Accounts
	p.WaitVisible(".confirm")
	if got := p.Text("h1"); got != "Delete the department Accounts?" {
		t.Fatalf("confirmation heading %q", got)
	}
	if got := p.Text(".confirm p"); !strings.Contains(got, "2 members keep their accounts") {
		t.Errorf("the confirmation does not say what happens to the members: %q", got)
	}
	// Cancel leaves it in place.
	p.Click(".confirm a.secondary")
	p.WaitVisible("table")
	if got := p.Text("tbody th"); got != "Accounts" {
		t.Fatalf("after cancel the first department is %q", got)
	}

	p.Click(`a[href$="/delete/"]`)
	p.WaitVisible(".confirm")
	if status := p.Submit(".confirm form"); status != http.StatusOK {
		t.Fatalf("delete: status %d", status)
	}
	if got := p.Text(".flash"); got != "Department Accounts deleted." {
		t.Errorf("flash %q", got)
	}
	names := Eval[[]string](p, `Array.from(document.querySelectorAll("tbody th")).map(th => th.textContent)`)
	if len(names) != 6 || names[0] == "Accounts" {
		t.Errorf("departments after the delete: %q", names)
	}
	p.ExpectClean()
}
