package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"healthsynx/internal/billing"
	"healthsynx/internal/platform/web"
)

// liveWithin is how soon an open dashboard must show a change of the queue.
const liveWithin = time.Second

// waitText waits until the element matching sel contains want and returns how long it
// took, failing the test after actionTimeout.
func waitText(p *Page, sel, want string) time.Duration {
	p.t.Helper()
	start := time.Now()
	for time.Since(start) < actionTimeout {
		if strings.Contains(Eval[string](p, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel)), want) {
			return time.Since(start)
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.t.Fatalf("%s does not show %q after %s:\n%s", sel, want, actionTimeout, p.Text("main"))
	return 0
}

// typeInto types text into an empty field. Page.Fill clears the field first, which
// chromedp cannot do to an empty textarea.
func typeInto(p *Page, sel, text string) {
	p.t.Helper()
	p.do("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// A visit from the triage desk to the bill. The doctor's dashboard is open before the
// patient exists; the nurse registers the patient and records vitals, and the patient
// appears on the doctor's queue without a reload. The doctor calls them, writes a note
// with an ICD-10 diagnosis and completes the visit, which bills the consultation.
func TestClinicalFlowFromTriageToBill(t *testing.T) {
	Require(t)
	srv := StartServer(t)
	const queueBox = `[data-sse="/app/queue/live/"]`

	doctor := NewPage(t, srv.URL)
	signIn(doctor, "lilyjohns", demoPassword)
	doctor.WaitVisible(queueBox)
	waitText(doctor, queueBox, "Nobody is waiting")
	// A reload would lose this mark: the queue must change under it.
	Eval[bool](doctor, `window.openedBeforeTriage = true`)

	nurse := NewPage(t, srv.URL)
	signIn(nurse, "kellypeters", demoPassword)
	nurse.Navigate("/app/patients/new/")
	const register = `form[action="/app/patients/new/"]`
	nurse.Fill(register, map[string]string{"first_name": "Zuri", "last_name": "Wekesa", "phone": "0712 000 111"})
	if status := nurse.Submit(register); status != http.StatusOK || !strings.Contains(nurse.Text(".flash"), "Registered Zuri Wekesa") {
		t.Fatalf("register: %d at %s", status, nurse.Location())
	}
	nurse.Click(`section[aria-labelledby="section-vital-signs"] a[href$="/vitals/new/"]`)
	nurse.WaitVisible("#field-temperature")
	const vitals = `form[action$="/vitals/new/"]`
	nurse.Fill(vitals, map[string]string{"temperature": "38.9", "pulse_rate": "112", "respiratory_rate": "22",
		"systolic_bp": "104", "diastolic_bp": "70", "spo2": "95"})
	choose(nurse, "#field-consciousness", "A")
	if status := nurse.Submit(vitals); status != http.StatusOK {
		t.Fatalf("record vitals: %d at %s", status, nurse.Location())
	}
	saved := time.Now()
	figures := Eval[map[string]string](nurse, `Object.fromEntries(Array.from(document.querySelectorAll(".stat"))
		.map(s => [s.querySelector(".stat-label").textContent, s.querySelector(".stat-value").textContent + " " + s.querySelector(".stat-note").textContent]))`)
	if figures["NEWS2"] != "7 High risk" || figures["Place in the queue"] != "Next of 1 waiting in Doctor" {
		t.Errorf("the result of triage: %v", figures)
	}

	waitText(doctor, queueBox, "Zuri Wekesa")
	if took := time.Since(saved); took > liveWithin {
		t.Errorf("the doctor's dashboard showed the patient %s after the vitals were saved, want within %s", took, liveWithin)
	}
	if !Eval[bool](doctor, `window.openedBeforeTriage === true`) {
		t.Fatal("the doctor's dashboard was reloaded")
	}

	if status := doctor.Submit(`form[action="/app/queue/next/"]`); status != http.StatusOK || !strings.Contains(doctor.Location(), "/app/visits/") {
		t.Fatalf("call next: %d at %s", status, doctor.Location())
	}
	if got := doctor.Text(".flash"); !strings.Contains(got, "Zuri Wekesa") {
		t.Errorf("call next says %q", got)
	}
	const note = `form[action$="/notes/"]`
	for name, text := range map[string]string{"history": "Fever and cough for four days.", "examination": "Crackles at the right base.",
		"plan": "Amoxicillin 500 mg three times a day for five days.", "diagnoses[0].code": "J18.9"} {
		typeInto(doctor, fmt.Sprintf("%s [name=%q]", note, name), text)
	}
	if status := doctor.Submit(note); status != http.StatusOK || doctor.Text(".flash") != "Note signed." {
		t.Fatalf("sign the note: %d at %s", status, doctor.Location())
	}
	if got := doctor.Text("#notes-heading + article"); !strings.Contains(got, "J18.9 Pneumonia, unspecified") {
		t.Errorf("the signed note:\n%s", got)
	}
	doctor.Click(`a[href$="status/?to=completed"]`)
	doctor.WaitVisible(".confirm")
	if status := doctor.Submit(".confirm form"); status != http.StatusOK || !strings.Contains(doctor.Text(".flash"), "Visit completed") {
		t.Fatalf("complete the visit: %d at %s", status, doctor.Location())
	}

	ctx := context.Background()
	refs, _, err := srv.App.Patients.Lookup(ctx, "Zuri Wekesa", &web.PageRequest{Page: 1, Size: 1})
	if err != nil || len(refs) != 1 {
		t.Fatalf("find the patient: %v %v", refs, err)
	}
	invoices, err := srv.App.Billing.Invoices(ctx, billing.InvoiceFilter{PatientID: refs[0].ID}, billing.Paging{Keyset: true, Size: 5})
	if err != nil || len(invoices.Items) != 1 || invoices.Items[0].Total.Display() != "1,500.00" {
		t.Fatalf("the consultation's invoice: %+v %v", invoices.Items, err)
	}
	for _, p := range []*Page{nurse, doctor} {
		p.ExpectLocalOnly()
		p.ExpectClean()
	}
}
