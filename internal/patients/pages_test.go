package patients_test

import (
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
)

// page sends a browser request (an HTML page, or a form post when form is not nil)
// with c's credentials and returns the status, the Location and the body.
func page(t *testing.T, e *apitest.Env, c *apitest.Client, method, path string, form url.Values) (int, string, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/html")
	req.Header.Set("Authorization", "Bearer "+c.Token)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

func TestPages(t *testing.T) {
	e := apitest.New(t, "sqlite")
	d := newDesk(t, e)
	nurse := d.nurse
	e.App.Patients.AddSection(patients.Section{ID: "vitals", Title: "Vitals", Perm: auth.NotesRead,
		Render: func(r *http.Request, p patients.Patient) (template.HTML, error) {
			return template.HTML("<p>Vitals of " + template.HTMLEscapeString(p.FullName) + "</p>"), nil
		}})

	status, _, body := page(t, e, nurse, "GET", "/app/patients/", nil)
	if status != http.StatusOK || !strings.Contains(body, "Find a patient") || !strings.Contains(body, `href="/app/patients/new/"`) {
		t.Fatalf("list: %d\n%s", status, body)
	}

	// A refused registration keeps what was typed and puts each error beside its field.
	status, _, body = page(t, e, nurse, "POST", "/app/patients/new/", url.Values{"first_name": {"Amina"}, "last_name": {""},
		"email": {"not-an-email"}, "phone": {"0712 345 678"}, "dob": {"1990-04-12"}, "patient_type": {"outpatient"}, "csrf": {"x"}})
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid registration: %d", status)
	}
	for _, want := range []string{`value="Amina"`, `value="0712 345 678"`, `value="1990-04-12"`,
		`id="field-last_name-error"`, `id="field-email-error"`, "Enter a valid email address.", `name="csrf"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused form lacks %s", want)
		}
	}
	status, loc, _ := page(t, e, nurse, "POST", "/app/patients/new/", url.Values{"first_name": {"Amina"}, "last_name": {"Otieno"},
		"phone": {"0712 345 678"}, "dob": {"1990-04-12"}, "gender": {"female"}, "patient_type": {"outpatient"}, "username": {""}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/app/patients/") {
		t.Fatalf("registration: %d %s", status, loc)
	}
	status, _, body = page(t, e, nurse, "GET", loc, nil)
	if status != http.StatusOK || !strings.Contains(body, "HS-") ||
		!strings.Contains(body, `<h2 id="section-vitals">Vitals</h2>`) || !strings.Contains(body, "<p>Vitals of Amina Otieno</p>") {
		t.Fatalf("patient page: %d\n%s", status, body)
	}
	if _, _, body := page(t, e, nurse, "GET", "/app/patients/?search=oti+ami", nil); !strings.Contains(body, ">Amina Otieno</a>") {
		t.Errorf("the search box does not find her:\n%s", body)
	}

	// Edit keeps the MRN; the hospital administrator, who holds no NotesRead, does not
	// get that section.
	status, _, _ = page(t, e, nurse, "POST", loc+"edit/", url.Values{"address": {"Kisumu"}})
	if status != http.StatusSeeOther {
		t.Errorf("edit: %d", status)
	}
	admin := e.As(auth.RoleHospitalAdmin, "ha.achieng")
	_, _, body = page(t, e, admin, "GET", loc, nil)
	if !strings.Contains(body, "Kisumu") || strings.Contains(body, "section-vitals") || !strings.Contains(body, loc+"archive/") {
		t.Errorf("patient page for the hospital admin:\n%s", body)
	}

	// The desk sets the first password; the patient then sees their own record.
	status, _, body = page(t, e, nurse, "POST", loc+"password/", url.Values{"password": {"Lake-Victoria-88"}, "password_confirm": {"Lake-Victoria-89"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "didn&#39;t match") {
		t.Errorf("mismatched passwords: %d", status)
	}
	if status, _, _ = page(t, e, nurse, "POST", loc+"password/", url.Values{"password": {"Lake-Victoria-88"}, "password_confirm": {"Lake-Victoria-88"}}); status != http.StatusSeeOther {
		t.Fatalf("set password: %d", status)
	}
	patient := e.Login("amina-otieno", "Lake-Victoria-88")
	status, _, body = page(t, e, patient, "GET", "/app/me/", nil)
	if status != http.StatusOK || !strings.Contains(body, "Your record") || !strings.Contains(body, "HS-") || strings.Contains(body, "/edit/") {
		t.Errorf("own record: %d\n%s", status, body)
	}
	if status, _, _ = page(t, e, patient, "GET", loc, nil); status != http.StatusForbidden {
		t.Errorf("a patient opened the staff page: %d", status)
	}

	// Archiving asks for a reason on a confirmation page.
	status, _, body = page(t, e, admin, "GET", loc+"archive/", nil)
	if status != http.StatusOK || !strings.Contains(body, `name="reason"`) {
		t.Fatalf("archive confirmation: %d", status)
	}
	if status, _, body = page(t, e, admin, "POST", loc+"archive/", url.Values{"reason": {" "}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "Say why") {
		t.Errorf("archive without a reason: %d", status)
	}
	if status, _, _ = page(t, e, admin, "POST", loc+"archive/", url.Values{"reason": {"Registered twice"}}); status != http.StatusSeeOther {
		t.Fatalf("archive: %d", status)
	}
	if _, _, body = page(t, e, nurse, "GET", "/app/patients/", nil); strings.Contains(body, "Amina Otieno</a>") {
		t.Error("the archived patient is still listed")
	}
	if status, _, _ = page(t, e, nurse, "GET", loc, nil); status != http.StatusNotFound {
		t.Errorf("the archived patient's page for a nurse: %d", status)
	}
	root := e.As(auth.RoleAdmin, "admin.root")
	_, _, body = page(t, e, root, "GET", "/app/patients/?archived=1", nil)
	if !strings.Contains(body, "Amina Otieno</a>") {
		t.Errorf("the archived list lacks her:\n%s", body)
	}
	_, _, body = page(t, e, root, "GET", loc, nil)
	if !strings.Contains(body, "Registered twice") || !strings.Contains(body, loc+"restore/") {
		t.Errorf("the archived patient's page for the admin:\n%s", body)
	}
	if status, _, _ = page(t, e, root, "POST", loc+"restore/", url.Values{}); status != http.StatusSeeOther {
		t.Errorf("restore: %d", status)
	}
	if status, _, body = page(t, e, root, "GET", "/app/me/", nil); status != http.StatusOK || !strings.Contains(body, "You have no patient record") {
		t.Errorf("/app/me/ for the admin: %d", status)
	}
}
