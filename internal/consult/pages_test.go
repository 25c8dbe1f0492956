package consult_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/billing"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/queue"
	"healthsynx/internal/queue/queuetest"
)

// has is apitest.HasPage: the page answered status, holds every want and keeps the
// web UI's rules.
var has = apitest.HasPage

// A consultation as a doctor without JavaScript has it: the chart, a refused note that
// comes back as typed with each error beside its field (the diagnosis row included), a
// signed note with its ICD-10 code, an addendum, and the visit completed after a
// confirmation, which bills it.
func TestConsultationPage(t *testing.T) {
	e := apitest.New(t, "sqlite")
	dept := e.Department(queue.DefaultDepartment)
	nurse := e.As(auth.RoleNurse, "nurse1")
	queuetest.Staff(e, auth.RoleDoctor, "drkim", dept)
	queuetest.Staff(e, auth.RoleDoctor, "drotieno", e.Department("Pediatrics"))
	patient, entry := visit(t, e, nurse, "amina")
	page := queue.VisitURL(entry)

	doctor := e.BrowserAs("drkim")
	res := doctor.Get(page)
	has(t, res, http.StatusOK, "<h1>Consultation: Pat amina</h1>", "Waiting in Doctor since", `name="status" value="with_doctor"`,
		`href="`+page+`status/?to=cancelled"`, "NEWS2 2 · low · partial", `aria-label="Temperature.`, `list="icd10-codes"`,
		`<option value="J18.9">Pneumonia, unspecified</option>`, `name="diagnoses[2].description"`, "No notes yet")
	if res := doctor.Post(page+"status/", url.Values{"status": {"with_doctor"}}); res.Status != http.StatusSeeOther || res.Header.Get("Location") != page {
		t.Fatalf("start the consultation: %d %s", res.Status, res.Header.Get("Location"))
	}
	has(t, doctor.Get(page), http.StatusOK, "You are now seeing Pat amina.", "With Test Drkim in Doctor", `name="status" value="sent_to_lab"`,
		`href="`+page+`status/?to=completed">Complete visit</a>`)

	res = doctor.Post(page+"notes/", url.Values{"history": {"Cough for a week."}, "diagnoses[1].code": {"pneumonia"},
		"diagnoses[2].code": {"Z99.9"}})
	has(t, res, http.StatusUnprocessableEntity, ">Cough for a week.</textarea>", `value="pneumonia"`,
		`id="field-diagnoses[1].code-error">Enter an ICD-10 code such as J18.9.`,
		`id="field-diagnoses[2].description-error">This code is not in the built-in list: describe the diagnosis.`)
	if strings.Contains(string(res.Body), `id="field-diagnoses[0].code-error"`) {
		t.Error("the errors of the second row went to the first")
	}
	res = doctor.Post(page+"notes/", url.Values{"history": {"Cough for a week.\nFever at night."}, "examination": {"Crackles, right base."},
		"plan": {"Amoxicillin for five days."}, "diagnoses[0].code": {" j18.9 "}, "diagnoses[1].code": {"R05"}, "diagnoses[1].description": {"Productive cough"}})
	m := regexp.MustCompile(`^` + regexp.QuoteMeta(page) + `#note-(\d+)$`).FindStringSubmatch(res.Header.Get("Location"))
	if res.Status != http.StatusSeeOther || m == nil {
		t.Fatalf("sign the note: %d %q\n%s", res.Status, res.Header.Get("Location"), res.Body)
	}
	has(t, doctor.Get(page), http.StatusOK, "Note signed.", "<strong>J18.9</strong> Pneumonia, unspecified",
		"<strong>R05</strong> Productive cough", "Cough for a week.<br>Fever at night.", "· this visit")

	addenda := page + "notes/" + m[1] + "/addenda/"
	res = doctor.Post(addenda, url.Values{"text": {"  "}})
	has(t, res, http.StatusUnprocessableEntity, "<details open>", fmt.Sprintf(`id="addendum-%s-error"`, m[1]))
	if res := doctor.Post(addenda, url.Values{"text": {"X-ray: right lower lobe consolidation."}}); res.Status != http.StatusSeeOther {
		t.Fatalf("addendum: %d", res.Status)
	}
	has(t, doctor.Get(page), http.StatusOK, "<strong>Addendum</strong>", "X-ray: right lower lobe consolidation.")

	// Another department's doctor does not know this visit; a nurse reads it but writes nothing.
	other := e.BrowserAs("drotieno")
	if res := other.Get(page); res.Status != http.StatusNotFound {
		t.Errorf("the visit for another department's doctor: %d", res.Status)
	}
	if res := other.Post(page+"notes/", url.Values{"history": {"x"}}); res.Status != http.StatusNotFound {
		t.Errorf("a note by another department's doctor: %d", res.Status)
	}
	res = e.BrowserAs("nurse1").Get(page)
	has(t, res, http.StatusOK, "Pneumonia, unspecified")
	if strings.Contains(string(res.Body), `action="`+page+`notes/"`) || strings.Contains(string(res.Body), `name="status"`) {
		t.Error("the nurse is offered the note form or the status buttons")
	}

	// Completing asks first, then bills the visit once.
	has(t, doctor.Get(page+"status/?to=completed"), http.StatusOK, "Complete the visit of Pat amina?", "charges its fee",
		`<input type="hidden" name="status" value="completed">`)
	res = doctor.Post(page+"status/", url.Values{"status": {"completed"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/app/" {
		t.Fatalf("complete: %d %s", res.Status, res.Header.Get("Location"))
	}
	has(t, doctor.Get("/app/"), http.StatusOK, "Visit completed: the consultation fee for Pat amina is on their invoice.")
	if res := doctor.Post(page+"status/", url.Values{"status": {"completed"}}); res.Header.Get("Location") != page {
		t.Errorf("completing twice: %d %s", res.Status, res.Header.Get("Location"))
	}
	has(t, doctor.Get(page), http.StatusOK, "Cannot change the status from &#39;completed&#39; to &#39;completed&#39;.", "The visit ended at")
	invoices, err := e.App.Billing.Invoices(context.Background(), billing.InvoiceFilter{PatientID: patient}, billing.Paging{Keyset: true, Size: 5})
	if err != nil || len(invoices.Items) != 1 || invoices.Items[0].Total <= 0 {
		t.Fatalf("the visit's invoice: %+v %v", invoices.Items, err)
	}
}

// A patient reads their own visit summaries — what was found and planned, not the
// clinicians' history and examination — and no one else's.
func TestMyVisitsPage(t *testing.T) {
	e := apitest.New(t, "sqlite")
	dept := e.Department(queue.DefaultDepartment)
	nurse := e.As(auth.RoleNurse, "nurse1")
	_, doctor := queuetest.Staff(e, auth.RoleDoctor, "drkim", dept)
	mine, _ := queuetest.PatientClient(e, nurse, "amina")
	theirs, _ := queuetest.PatientClient(e, nurse, "baraka")
	for _, p := range []struct {
		id   int64
		plan string
	}{{mine, "Rest and fluids.\nCome back if worse."}, {theirs, "Someone else's plan."}} {
		res := nurse.Do("POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", p.id), map[string]any{"temperature": 38})
		entry := int64(res.JSON()["queue_entry"].(map[string]any)["id"].(float64))
		if res := doctor.Do("POST", "/doctors/notes/", map[string]any{"patient": p.id, "queue_item": entry,
			"history": "Private history.", "plan": p.plan, "diagnoses": []map[string]string{{"code": "R50.9"}}}); res.Status != 201 {
			t.Fatalf("note: %d %s", res.Status, res.Body)
		}
	}
	res := e.BrowserAs("amina").Get("/app/my/visits/")
	has(t, res, http.StatusOK, "<h1>Your visits</h1>", "Fever, unspecified <span class=\"muted\">(R50.9)</span>",
		"Rest and fluids.<br>Come back if worse.", "Test Drkim", `href="/app/my/visits/" aria-current="page"`)
	for _, secret := range []string{"Private history.", "Someone else"} {
		if strings.Contains(string(res.Body), secret) {
			t.Errorf("the patient's visits show %q", secret)
		}
	}
	if res := e.BrowserAs("nurse1").Get("/app/my/visits/"); res.Status != http.StatusForbidden {
		t.Errorf("the patient's page for a nurse: %d", res.Status)
	}
}
