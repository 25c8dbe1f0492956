package departments_test

import (
	"fmt"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

// The original's departments tests (INVENTORY §6), as behaviour over HTTP, plus the
// deliberate differences of docs/COMPATIBILITY.md.
func TestDepartmentsAPI(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		admin := e.As(auth.RoleAdmin, "admin1")
		e.Department("Cardiology")
		radiology := e.Department("Radiology")

		// test_list_departments: 2 results, ordered by name.
		var page struct {
			Count   int `json:"count"`
			Results []struct {
				ID          int64  `json:"id"`
				Name        string `json:"name"`
				Description string `json:"description"`
			} `json:"results"`
		}
		res := admin.Do("GET", "/departments/", nil)
		res.Decode(&page)
		if res.Status != 200 || page.Count != 2 || page.Results[0].Name != "Cardiology" || page.Results[1].Name != "Radiology" {
			t.Fatalf("list: %d %s", res.Status, res.Body)
		}
		// test_retrieve_department
		res = admin.Do("GET", fmt.Sprintf("/departments/%d/", radiology), nil)
		if res.Status != 200 || res.JSON()["name"] != "Radiology" {
			t.Fatalf("retrieve: %d %s", res.Status, res.Body)
		}
		// test_create_department_as_admin / _as_hospital_admin
		res = admin.Do("POST", "/departments/", map[string]string{"name": "Pediatrics", "description": "Children"})
		if res.Status != 201 || res.JSON()["message"] != "Department created successfully" || res.JSON()["data"].(map[string]any)["name"] != "Pediatrics" {
			t.Fatalf("create as admin: %d %s", res.Status, res.Body)
		}
		hadmin := e.As(auth.RoleHospitalAdmin, "susan")
		res = hadmin.Do("POST", "/departments/", map[string]string{"name": "Oncology"})
		if res.Status != 201 || res.JSON()["data"].(map[string]any)["name"] != "Oncology" {
			t.Fatalf("create as hospital admin: %d %s", res.Status, res.Body)
		}
		// test_create_department_as_normal_user_forbidden
		doctor := e.As(auth.RoleDoctor, "drkim")
		if res = doctor.Do("POST", "/departments/", map[string]string{"name": "Surgery"}); res.Status != 403 {
			t.Fatalf("create as doctor: %d %s", res.Status, res.Body)
		}
		// Validation names the field; the name is unique regardless of case.
		if res = admin.Do("POST", "/departments/", map[string]string{"name": "pediatrics"}); res.Status != 400 || res.JSON()["name"].([]any)[0] != "department with this name already exists." {
			t.Fatalf("duplicate: %d %s", res.Status, res.Body)
		}
		if res = admin.Do("POST", "/departments/", map[string]string{"description": "x"}); res.Status != 400 || res.JSON()["name"].([]any)[0] != "This field is required." {
			t.Fatalf("missing name: %d %s", res.Status, res.Body)
		}
		// test_update_department (PATCH persists); PUT replaces and needs the name.
		path := fmt.Sprintf("/departments/%d/", radiology)
		res = admin.Do("PATCH", path, map[string]string{"description": "Imaging services"})
		if res.Status != 200 || res.JSON()["message"] != "Department updated successfully" {
			t.Fatalf("patch: %d %s", res.Status, res.Body)
		}
		if got := admin.Do("GET", path, nil).JSON(); got["description"] != "Imaging services" || got["name"] != "Radiology" {
			t.Fatalf("patch not persisted: %v", got)
		}
		if res = admin.Do("PUT", path, map[string]string{"description": "no name"}); res.Status != 400 {
			t.Fatalf("PUT without name: %d %s", res.Status, res.Body)
		}
		if res = admin.Do("PUT", path, map[string]string{"name": "Imaging"}); res.Status != 200 || res.JSON()["data"].(map[string]any)["description"] != "" {
			t.Fatalf("PUT replaces: %d %s", res.Status, res.Body)
		}
		// test_delete_department: 204 and the row is gone; its staff keep their accounts.
		staff := e.User(auth.RoleImagingTech, "allan")
		if res = admin.Do("PATCH", fmt.Sprintf("/users/users/%d/", staff), map[string]any{"department": radiology}); res.Status != 200 {
			t.Fatalf("assign department: %d %s", res.Status, res.Body)
		}
		res = admin.Do("DELETE", path, nil)
		if res.Status != 204 || len(res.Body) != 0 {
			t.Fatalf("delete: %d %q", res.Status, res.Body)
		}
		if res = admin.Do("GET", path, nil); res.Status != 404 {
			t.Fatalf("deleted department still answers %d", res.Status)
		}
		if got := admin.Do("GET", fmt.Sprintf("/users/users/%d/", staff), nil).JSON(); got["department"] != nil || got["username"] != "allan" {
			t.Fatalf("staff after department delete: %v", got)
		}
		// Patients cannot read departments; page past the end is "Invalid page.".
		patient := e.As(auth.RolePatient, "pat")
		if res = patient.Do("GET", "/departments/", nil); res.Status != 403 {
			t.Fatalf("patient list: %d", res.Status)
		}
		if res = admin.Do("GET", "/departments/?page=9", nil); res.Status != 404 || res.JSON()["detail"] != "Invalid page." {
			t.Fatalf("page 9: %d %s", res.Status, res.Body)
		}
	})
}

// A department that visits refer to keeps its history: deleting it is refused with a
// clear message, not a server error.
func TestDepartmentWithVisitsCannotBeDeleted(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		admin := e.As(auth.RoleAdmin, "admin1")
		dept := e.Department("Casualty")
		nurse := e.As(auth.RoleNurse, "kelly")
		res := nurse.Do("POST", "/patients/api/patients/", map[string]any{"first_name": "Juma", "last_name": "Hassan"})
		if res.Status != 201 {
			t.Fatalf("register: %d %s", res.Status, res.Body)
		}
		patient := int64(res.JSON()["id"].(float64))
		res = nurse.Do("POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", patient), map[string]any{"temperature": "37.1", "pulse_rate": 80, "department": dept})
		if res.Status != 201 {
			t.Fatalf("vitals: %d %s", res.Status, res.Body)
		}
		res = admin.Do("DELETE", fmt.Sprintf("/departments/%d/", dept), nil)
		if res.Status != 400 || res.JSON()["detail"] != "This department has patient visits on record and cannot be deleted." {
			t.Fatalf("delete a department with visits: %d %s", res.Status, res.Body)
		}
		if res = admin.Do("GET", fmt.Sprintf("/departments/%d/", dept), nil); res.Status != 200 {
			t.Fatalf("the department is gone: %d", res.Status)
		}
	})
}
