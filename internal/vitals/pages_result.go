package vitals

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"healthsynx/internal/audit"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
	ui "healthsynx/internal/web"
)

// The page a set of vitals leads to once saved: its NEWS2 worked out, what the score
// asks of the staff, and where the patient now stands in the queue.

// resultPage is what vitals_result.html shows: one set with its NEWS2 worked out, and
// where the patient now stands in the queue.
type resultPage struct {
	Patient    patients.Patient
	Vitals     Vitals
	Brief      string
	RecordedAt time.Time
	// Figures are the score and the patient's place in the queue, as dashboard figures.
	Figures   []ui.Stat
	Guidance  string
	Scores    []scoreRow
	CanRecord bool
}

// scoreRow is one NEWS2 parameter of a set: its value and its points.
type scoreRow struct {
	Parameter, Value string
	Points           int
	Measured         bool
}

func (pg *pages) result(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return
	}
	setID, err := web.PathID(r, "set")
	if err != nil {
		pg.site.NotFound(w, r)
		return
	}
	ctx, p := r.Context(), auth.FromContext(r.Context())
	set, err := pg.svc.Get(ctx, pg.svc.DB, setID)
	if err == nil && set.PatientID != id {
		err = errs.E(errs.NotFound, web.MsgNotFound)
	}
	var pts map[int64]patients.Patient
	if err == nil {
		pts, err = pg.svc.Patients.Patients(ctx, pg.svc.DB, []int64{id})
	}
	var standing Standing
	if err == nil {
		standing, err = pg.Queue.Standing(ctx, p, id)
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.svc.Audit.RecordAsync(event(ctx, p, audit.ActionView, set.ID, id, "vitals"))
	v := set.View()
	pt := pts[id]
	pg.site.Render(w, r, http.StatusOK, "vitals_result.html", "Vitals of "+pt.FullName, resultPage{
		Patient: pt, Vitals: v, Brief: Brief(v), RecordedAt: RecordedAt(v, pg.Location),
		Figures:  []ui.Stat{scoreFigure(v.NEWS2), placeFigure(standing)},
		Guidance: guidance(v.NEWS2), Scores: scoreRows(set, v.NEWS2),
		CanRecord: !pt.Archived && auth.Allows(p, auth.VitalsWrite)})
}

// scoreFigure shows the NEWS2 score as a figure coloured by its risk.
func scoreFigure(n NEWS2) ui.Stat {
	if n.Score == nil || n.Risk == nil {
		return ui.Stat{Label: "NEWS2", Value: "–", Note: "not scored"}
	}
	note := riskLabel(*n.Risk)
	if n.Partial {
		note += ", partial score"
	}
	return ui.Stat{Label: "NEWS2", Value: strconv.Itoa(*n.Score), Note: note, Tone: riskTones[*n.Risk]}
}

// placeFigure shows where the patient stands in the queue.
func placeFigure(st Standing) ui.Stat {
	f := ui.Stat{Label: "Place in the queue", Href: "/app/queue/"}
	dept := st.Department
	if dept == "" {
		dept = "no department"
	}
	switch {
	case st.Status == "":
		f.Value, f.Note, f.Href = "–", "not in the queue", ""
	case st.Position == 1:
		f.Value, f.Note = "Next", "of "+strconv.Itoa(st.Waiting)+" waiting in "+dept
	case st.Position > 1:
		f.Value, f.Note = strconv.Itoa(st.Position), "of "+strconv.Itoa(st.Waiting)+" waiting in "+dept
	case st.Status == "waiting":
		f.Value, f.Note = "Waiting", "in "+dept
	default:
		f.Value, f.Note = strings.ReplaceAll(st.Status, "_", " "), dept
		if st.Doctor != "" {
			f.Note = st.Doctor + ", " + dept
		}
	}
	if st.Urgent {
		f.Note += "; urgent"
	}
	return f
}

// guidance says what the risk asks of the staff, after the RCP's clinical response to
// NEWS2 thresholds.
func guidance(n NEWS2) string {
	if n.Risk == nil {
		return "Nothing NEWS2 scores was measured: record respiration, SpO₂, blood pressure, pulse, consciousness and temperature to score the patient."
	}
	var s string
	switch *n.Risk {
	case RiskHigh:
		s = "The patient needs an emergency assessment: tell a doctor in person now. The queue puts them first."
	case RiskMedium:
		s = "The threshold for an urgent response: a doctor should review the patient urgently. The queue puts them ahead of lower scores."
	case RiskLowMedium:
		s = "One observation scores 3: ask a doctor to review the patient urgently."
	default:
		s = "The patient waits their turn in the queue."
	}
	if n.Partial {
		s += " Not every parameter was measured, so the score may be higher."
	}
	return s
}

// scoreRows lists the NEWS2 parameters in the order of the RCP chart, with each value
// measured and its points.
func scoreRows(s Set, n NEWS2) []scoreRow {
	num := func(p *int, unit string) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p) + unit
	}
	temperature := ""
	if s.TemperatureDC != nil {
		temperature = Tenths(*s.TemperatureDC).String() + " °C"
	}
	air := "Air"
	if s.OnOxygen {
		air = "Oxygen"
	}
	rows := []scoreRow{
		{Parameter: "Respiration rate", Value: num(s.Respiration, "/min")},
		{Parameter: "SpO₂ (scale 1)", Value: num(s.SpO2, "%")},
		{Parameter: "Air or oxygen", Value: air},
		{Parameter: "Systolic blood pressure", Value: num(s.Systolic, " mmHg")},
		{Parameter: "Pulse", Value: num(s.Pulse, "/min")},
		{Parameter: "Consciousness (ACVPU)", Value: s.Consciousness},
		{Parameter: "Temperature", Value: temperature},
	}
	params := []string{ParamRespiration, ParamSpO2, ParamAirOrOxygen, ParamSystolic, ParamPulse, ParamConsciousness, ParamTemperature}
	for i, name := range params {
		rows[i].Points, rows[i].Measured = n.Scores[name]
	}
	return rows
}
