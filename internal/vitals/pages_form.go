package vitals

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
	ui "healthsynx/internal/web"
)

// The triage form: every measurement with its unit and accepted range, the queue the
// patient joins and the urgent flag. It posts the same fields as the API's form body.

// measure is one measurement of the form: a labelled text input that opens the number
// keypad on a tablet (the shared "field" has no inputmode).
type measure struct {
	ui.Field
	Unit string
	Mode string // inputmode: "decimal" or "numeric"
}

// labelled names a measurement on the form.
type labelled struct {
	lim   limit
	label string
}

// The measurements of the form, in the order it shows them: what NEWS2 scores, then
// the body's size.
var (
	observations = []labelled{{limTemperature, "Temperature"}, {limPulse, "Pulse"}, {limRespiration, "Respiration rate"},
		{limSystolic, "Blood pressure, systolic"}, {limDiastolic, "Blood pressure, diastolic"}, {limSpO2, "Oxygen saturation (SpO₂)"}}
	body = []labelled{{limWeight, "Weight"}, {limHeight, "Height"}}
)

// measures are the inputs of ls as f holds them, each with its range as the hint.
func measures(f *ui.Form, ls []labelled) []measure {
	out := make([]measure, len(ls))
	for i, m := range ls {
		mode := "numeric"
		if m.lim.places > 0 {
			mode = "decimal"
		}
		out[i] = measure{Field: ui.Field{Name: m.lim.field, Label: m.label, Type: "text", Value: f.Value(m.lim.field),
			Errors: f.FieldErrors(m.lim.field),
			Hint:   fmt.Sprintf("From %s to %s.", m.lim.format(m.lim.min), m.lim.format(m.lim.max))}, Unit: m.lim.unit, Mode: mode}
	}
	return out
}

// recordFields are the inputs of the form, for errors beside them.
var recordFields = []string{"temperature", "pulse_rate", "respiratory_rate", "systolic_bp", "diastolic_bp", "spo2",
	"on_oxygen", "consciousness", "weight", "height", "department", "urgent"}

var consciousnessChoices = []ui.Choice{{Value: "A", Label: "A: alert"}, {Value: "C", Label: "C: new confusion"},
	{Value: "V", Label: "V: responds to voice"}, {Value: "P", Label: "P: responds to pain"}, {Value: "U", Label: "U: unresponsive"}}

// recordPage is what vitals_record.html shows.
type recordPage struct {
	Patient      patients.Ref
	Form         *ui.Form
	Observations []measure
	Body         []measure
	Departments  []ui.Choice
	Standing     Standing
	ACVPU        []ui.Choice
}

// renderRecord shows the form with the patient's standing in the queue.
func (pg *pages) renderRecord(w http.ResponseWriter, r *http.Request, status int, ref patients.Ref, form *ui.Form) {
	st, err := pg.Queue.Standing(r.Context(), auth.FromContext(r.Context()), ref.ID)
	var choices []ui.Choice
	if err == nil {
		choices, err = pg.departmentChoices(r)
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	if form.Values == nil {
		form.Values = blankForm(st, choices, pg.DefaultDepartment)
	}
	pg.site.Render(w, r, status, "vitals_record.html", "Record vitals: "+ref.FullName, recordPage{Patient: ref, Form: form,
		Observations: measures(form, observations), Body: measures(form, body), Departments: choices, Standing: st,
		ACVPU: consciousnessChoices})
}

// departmentChoices are the queues a patient can join. Departments are few: one page
// holds them all.
func (pg *pages) departmentChoices(r *http.Request) ([]ui.Choice, error) {
	list, _, err := pg.Departments.List(r.Context(), &web.PageRequest{Page: 1, Size: web.MaxPageSize})
	if err != nil {
		return nil, err
	}
	out := make([]ui.Choice, len(list))
	for i, d := range list {
		out[i] = ui.Choice{Value: strconv.FormatInt(d.ID, 10), Label: d.Name}
	}
	return out, nil
}

// blankForm keeps the patient in the queue they are in, or offers the default one, with
// their urgent flag as it is.
func blankForm(st Standing, departments []ui.Choice, defaultName string) url.Values {
	values := url.Values{}
	if st.Status != "" && st.DepartmentID != 0 {
		values.Set("department", strconv.FormatInt(st.DepartmentID, 10))
	} else if i := slices.IndexFunc(departments, func(c ui.Choice) bool { return c.Label == defaultName }); i >= 0 {
		values.Set("department", departments[i].Value)
	}
	if st.Urgent {
		values.Set("urgent", "1")
	}
	return values
}

func (pg *pages) recordForm(w http.ResponseWriter, r *http.Request) {
	if ref, ok := pg.patient(w, r); ok {
		pg.renderRecord(w, r, http.StatusOK, ref, &ui.Form{})
	}
}

func (pg *pages) record(w http.ResponseWriter, r *http.Request) {
	ref, ok := pg.patient(w, r)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	p := auth.FromContext(r.Context())
	in, err := formInput(r)
	var rec Recorded
	if err == nil {
		rec, err = pg.svc.Record(r.Context(), p, ref.ID, in)
	}
	if form, invalid := ui.InvalidForm(r.PostForm, err, recordFields...); invalid {
		pg.renderRecord(w, r, http.StatusUnprocessableEntity, ref, form)
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Vitals recorded for "+ref.FullName+".")
	http.Redirect(w, r, setURL(ref.ID, rec.Vitals.ID), http.StatusSeeOther)
}

// formInput reads the form into the API's input. A checkbox that is not ticked is not
// sent: on_oxygen and urgent are then false, which the form showed as unticked.
func formInput(r *http.Request) (Input, error) {
	number := func(name string) *Number {
		return &Number{text: strings.TrimSpace(r.PostForm.Get(name))}
	}
	ticked := func(name string) *bool {
		b := r.PostForm.Get(name) != ""
		return &b
	}
	in := Input{Temperature: number("temperature"), PulseRate: number("pulse_rate"), RespiratoryRate: number("respiratory_rate"),
		SystolicBP: number("systolic_bp"), DiastolicBP: number("diastolic_bp"), SpO2: number("spo2"),
		Weight: number("weight"), Height: number("height"), OnOxygen: ticked("on_oxygen"), Urgent: ticked("urgent")}
	if c := r.PostForm.Get("consciousness"); c != "" {
		in.Consciousness = &c
	}
	if d := r.PostForm.Get("department"); d != "" {
		id, err := strconv.ParseInt(d, 10, 64)
		if err != nil || id <= 0 {
			return in, errs.Field("department", "Choose a department from the list.")
		}
		in.Department = &id
	}
	return in, nil
}
