package demo

import (
	"strconv"
	"strings"
	"time"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/queue"
	"healthsynx/internal/vitals"
)

// visit writes one visit: the vitals taken at triage and while waiting, the queue
// entry, the ward observations of an admission, the note with its diagnoses, and the
// bill.
func (g *generator) visit(b *batch, d dice, p *patientPlan, who *person, v *visitPlan) {
	h := g.h
	nurse := h.someone(d, auth.RoleNurse)
	severity := 0.6 + 0.7*d.Float64()
	if v.wardObs > 0 {
		severity = 1.3
	}
	triage := g.vitals(b, measure(d, p, who, v.cond.signs, severity, false, v.arrived, nurse))
	waitEnd := v.called
	if waitEnd.IsZero() {
		waitEnd = g.until
	}
	for j := 1; j <= v.rechecks; j++ {
		at := v.arrived.Add(waitEnd.Sub(v.arrived) * time.Duration(j) / time.Duration(v.rechecks+1)).Truncate(time.Second)
		severity *= 0.9
		triage = g.vitals(b, measure(d, p, who, v.cond.signs, severity, false, at, nurse))
	}

	entry := g.take(tQueue)
	dept, doctor := h.dept[queue.DefaultDepartment], int64(0)
	if v.nurseLed {
		dept = h.dept["Nurse"]
	} else if !v.called.IsZero() {
		doctor = h.someone(d, auth.RoleDoctor)
	}
	called, waitingSince, updated := v.called, v.arrived, triage.RecordedAt
	if v.tests != 0 && !v.recalled.IsZero() {
		called, waitingSince = v.recalled, v.resulted // back from the lab, called again
	}
	var openPatient any
	switch {
	case v.status.Open():
		openPatient = who.id
		if !called.IsZero() {
			updated = called
		}
	default:
		updated = v.done
	}
	b.add(tQueue, entry, who.id, triage.ID, nullID(dept), nullID(doctor), string(v.status),
		queue.Priority(triage.Risk(), v.urgent), v.urgent, openPatient, v.arrived, waitingSince,
		optionalTime(called), optionalTime(v.done), updated)

	for k := 1; k <= v.wardObs; k++ {
		at := v.done.Add(time.Duration(k)*wardRound + d.minutes(0, 20))
		g.vitals(b, measure(d, p, who, v.cond.signs, 1.3*(1-float64(k)/float64(v.wardObs+1)), true, at, nurse))
	}
	medicines := g.medicines[:0]
	if v.prescribed > 0 {
		first := d.IntN(len(v.cond.medicines))
		for k := range v.prescribed {
			medicines = append(medicines, v.cond.medicines[(first+k)%len(v.cond.medicines)])
		}
	}
	if v.noted() {
		g.note(b, d, p, who, v, triage, entry, doctor, medicines)
	}
	if v.billed() {
		g.bill(b, d, who, v, entry, dept, doctor, medicines[:v.medicines])
	}
}

// vitals writes a set with its NEWS2 and returns it with its id.
func (g *generator) vitals(b *batch, s vitals.Set) vitals.Set {
	s.ID = g.take(tVitals)
	score, risk := news2(s)
	var consciousness any
	if s.Consciousness != "" {
		consciousness = s.Consciousness
	}
	b.add(tVitals, s.ID, s.PatientID, nullID(s.RecordedBy), s.RecordedAt, optionalInt(s.TemperatureDC), optionalInt(s.Pulse),
		optionalInt(s.Respiration), optionalInt(s.Systolic), optionalInt(s.Diastolic), optionalInt(s.SpO2), s.OnOxygen,
		consciousness, optionalInt(s.WeightHG), optionalInt(s.HeightMM), score, risk)
	return s
}

// note writes the doctor's note of the visit, its coded diagnoses and any addendum.
func (g *generator) note(b *batch, d dice, p *patientPlan, who *person, v *visitPlan, triage vitals.Set, entry, doctor int64, medicines []string) {
	id := g.take(tNotes)
	at := v.done.Add(-d.minutes(1, 3))
	c := v.cond
	history := c.complaint + "."
	if c != p.chronic {
		history = c.complaint + " for " + strconv.Itoa(d.between(1, 7)) + " days."
	}
	b.add(tNotes, id, who.id, doctor, entry, history, observed(triage)+c.finding, c.plan, g.h.icd10[c.code],
		prescription(d, medicines), at)
	codes := [3]string{c.code}
	for n := 1; n < v.diagnoses; n++ {
		code := d.pick(comorbidities)
		for code == codes[0] || code == codes[1] {
			code = d.pick(comorbidities)
		}
		codes[n] = code
	}
	for _, code := range codes[:v.diagnoses] {
		b.add(tDiagnoses, g.take(tDiagnoses), id, who.id, code, g.h.icd10[code], at)
	}
	if !v.addendum.IsZero() {
		b.add(tAddenda, g.take(tAddenda), id, doctor, d.pick(addenda), v.addendum)
	}
}

var addenda = []string{
	"Results reviewed with the patient; plan unchanged.",
	"Patient phoned: feeling much better.",
	"Patient reports an allergy to penicillin; antibiotic changed.",
	"Discussed with the consultant: continue the current plan.",
	"Follow-up booked at the clinic.",
}

// observed is the vitals part of the examination, as a doctor writes it.
func observed(s vitals.Set) string {
	var parts []string
	if s.TemperatureDC != nil {
		parts = append(parts, "T "+vitals.Tenths(*s.TemperatureDC).String()+" °C")
	}
	if s.Pulse != nil {
		parts = append(parts, "pulse "+strconv.Itoa(*s.Pulse))
	}
	if s.Respiration != nil {
		parts = append(parts, "RR "+strconv.Itoa(*s.Respiration))
	}
	if s.Systolic != nil {
		parts = append(parts, "BP "+strconv.Itoa(*s.Systolic)+"/"+strconv.Itoa(*s.Diastolic))
	}
	if s.SpO2 != nil {
		parts = append(parts, "SpO2 "+strconv.Itoa(*s.SpO2)+"%")
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ", ") + ". "
}

// prescription is the free-text prescription of the medicines a visit's patient
// takes to the pharmacy.
func prescription(d dice, medicines []string) string {
	if len(medicines) == 0 {
		return ""
	}
	parts := make([]string, 0, len(medicines))
	for _, m := range medicines {
		parts = append(parts, m+": "+d.pick(dosages)+" for "+strconv.Itoa(d.between(3, 10))+" days")
	}
	return strings.Join(parts, "; ")
}

var dosages = []string{"one three times a day", "one twice a day", "one daily", "two at night", "5 ml three times a day"}

func optionalInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func optionalTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}
