package departments_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/auth"
)

func has(t *testing.T, res apitest.Response, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(string(res.Body), w) {
			t.Errorf("the page (status %d) misses %s", res.Status, w)
		}
	}
}

// join puts the account in the department.
func join(t *testing.T, e *apitest.Env, userID, deptID int64) {
	t.Helper()
	if _, err := e.App.Identity.UpdateAccount(context.Background(), identity.System, userID, identity.AccountInput{Department: &deptID}); err != nil {
		t.Fatal(err)
	}
}

func TestDepartmentPages(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		e.User(auth.RoleHospitalAdmin, "susan")
		b := e.Browser()
		b.SignIn("susan", apitest.Password)

		res := b.Post("/app/departments/new/", url.Values{"name": {" "}, "description": {"Heart care"}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("blank name: %d", res.Status)
		}
		has(t, res, `<p class="field-error" id="field-name-error">This field may not be blank.</p>`, `>Heart care</textarea>`)
		res = b.Post("/app/departments/new/", url.Values{"name": {"Cardiology"}, "description": {"Heart care"}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/app/departments/" {
			t.Fatalf("create: %d %s", res.Status, res.Header.Get("Location"))
		}
		has(t, b.Get("/app/departments/"), "Department Cardiology created.", `<th scope="row">Cardiology</th>`)
		has(t, b.Post("/app/departments/new/", url.Values{"name": {"Cardiology"}}),
			`<p class="field-error" id="field-name-error">department with this name already exists.</p>`)

		// Members are the active staff: not a deactivated account, not a patient.
		cardio, err := e.App.Departments.IDByName(ctx, "Cardiology")
		if err != nil {
			t.Fatal(err)
		}
		empty := e.Department("Oncology")
		for _, u := range []struct {
			role   auth.Role
			name   string
			active bool
		}{{auth.RoleDoctor, "kip", true}, {auth.RoleNurse, "wanja", true}, {auth.RoleNurse, "otieno", false}, {auth.RolePatient, "pat", true}} {
			id := e.User(u.role, u.name)
			join(t, e, id, cardio)
			if !u.active {
				if _, err := e.App.Identity.SetActive(ctx, identity.System, id, false); err != nil {
					t.Fatal(err)
				}
			}
		}
		list := b.Get("/app/departments/")
		has(t, list, `aria-label="2 active staff in Cardiology">2</a>`, `aria-label="0 active staff in Oncology">0</a>`,
			`href="/app/users/?department=`+strconv.FormatInt(empty, 10)+`&amp;role=staff&amp;status=active"`)

		page := "/app/departments/" + strconv.FormatInt(cardio, 10) + "/"
		has(t, b.Get(page+"edit/"), `value="Cardiology"`, `>Heart care</textarea>`)
		if res := b.Post(page+"edit/", url.Values{"name": {"Cardiac care"}, "description": {"Heart and vessels"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("edit: %d %s", res.Status, res.Body)
		}
		has(t, b.Get("/app/departments/"), "Department Cardiac care saved.", `<th scope="row">Cardiac care</th>`, "Heart and vessels")

		// Deleting asks first, and says what happens to the members.
		has(t, b.Get(page+"delete/"), "Delete the department Cardiac care?", "Its 2 members keep their accounts",
			`<form method="post" action="`+page+`delete/" class="form">`)
		if res := b.Post(page+"delete/", url.Values{"csrf": {""}}); res.Status != http.StatusForbidden {
			t.Errorf("delete without the CSRF token: %d", res.Status)
		}
		if res := b.Post(page+"delete/", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("delete: %d", res.Status)
		}
		res = b.Get("/app/departments/")
		has(t, res, "Department Cardiac care deleted.")
		if strings.Contains(string(res.Body), `<th scope="row">Cardiac care</th>`) {
			t.Error("the deleted department is still listed")
		}
		kip, err := e.App.Identity.UserIDByUsername(ctx, "kip")
		if err != nil {
			t.Fatal(err)
		}
		if a, err := e.App.Identity.GetAccount(ctx, identity.System, kip); err != nil || a.Department != nil || !a.IsActive {
			t.Errorf("a member after the delete: %+v, %v; want an active account without a department", a, err)
		}
		if res := b.Get(page + "delete/"); res.Status != http.StatusNotFound {
			t.Errorf("delete page of a deleted department: %d", res.Status)
		}
	})
}

func TestStaffReadDepartmentsButOnlyAdministratorsChangeThem(t *testing.T) {
	e := apitest.New(t, "sqlite")
	id := e.Department("Radiology")
	e.User(auth.RoleDoctor, "lily")
	b := e.Browser()
	b.SignIn("lily", apitest.Password)

	res := b.Get("/app/departments/")
	has(t, res, `<th scope="row">Radiology</th>`)
	for _, hidden := range []string{"/app/departments/new/", "/delete/", "/app/users/?department="} {
		if strings.Contains(string(res.Body), hidden) {
			t.Errorf("a doctor's department list links to %s", hidden)
		}
	}
	page := "/app/departments/" + strconv.FormatInt(id, 10) + "/"
	for _, path := range []string{"/app/departments/new/", page + "edit/", page + "delete/"} {
		if res := b.Get(path); res.Status != http.StatusForbidden {
			t.Errorf("GET %s as a doctor: %d", path, res.Status)
		}
	}
	if res := b.Post(page+"delete/", nil); res.Status != http.StatusForbidden {
		t.Errorf("POST delete as a doctor: %d", res.Status)
	}
	if _, err := e.App.Departments.Get(context.Background(), id); err != nil {
		t.Errorf("the department is gone after a refused delete: %v", err)
	}
}
