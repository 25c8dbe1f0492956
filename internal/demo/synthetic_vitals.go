package demo

import (
	"math"
	"time"

	"healthsynx/internal/vitals"
)

// Measurements. Each set starts from what is normal for the patient's age (and, for
// an adult, their own build and blood pressure) and moves with the condition's signs
// times a severity: about 1 at triage, higher at admission, falling on the ward. The
// values stay within the ranges the vitals module accepts, and the NEWS2 score and
// risk are the vitals module's own.

// measure draws one set of observations.
func measure(d dice, p *patientPlan, who *person, s signs, severity float64, ward bool, at time.Time, by int64) vitals.Set {
	sev := func(lo, hi float64) float64 { return (lo + (hi-lo)*d.Float64()) * severity }
	set := vitals.Set{PatientID: who.id, RecordedBy: by, RecordedAt: at}
	age := p.age
	var pulse0, rr0 float64
	switch {
	case age < 1:
		pulse0, rr0 = 130, 38
	case age < 5:
		pulse0, rr0 = 110, 28
	case age < 13:
		pulse0, rr0 = 92, 21
	default:
		pulse0, rr0 = 78, 16
	}
	temp := 36.8 + 0.35*d.NormFloat64() + float64(s.fever)*sev(0.7, 1.4)
	if d.chance(98) {
		set.TemperatureDC = ptr(clamp(int(math.Round(temp*10)), 250, 450))
	}
	pulse := pulse0 + 10*d.NormFloat64() + 10*max(temp-37.2, 0) + float64(s.shock)*sev(10, 20) + float64(s.breathing)*sev(3, 8)
	set.Pulse = ptr(clamp(int(math.Round(pulse)), 20, 250))
	rr := rr0 + 0.13*rr0*d.NormFloat64() + float64(s.breathing)*sev(3, 7)
	set.Respiration = ptr(clamp(int(math.Round(rr)), 4, 60))
	if age >= 3 && d.chance(95) {
		sys := 104 + 8*d.NormFloat64()
		if age >= 13 {
			sys = 118 + 0.45*float64(max(age-35, 0)) + float64(who.bpOffset) + 11*d.NormFloat64()
		}
		sys += float64(s.pressure)*sev(12, 28) - float64(s.shock)*sev(8, 18)
		systolic := clamp(int(math.Round(sys)), 60, 250)
		dia := float64(systolic)*0.64 + 6*d.NormFloat64() + float64(s.pressure)*sev(3, 8)
		set.Systolic, set.Diastolic = ptr(systolic), ptr(clamp(int(math.Round(dia)), 30, systolic-15))
	}
	spo2 := 97.6 + 1.1*d.NormFloat64() - float64(s.breathing)*sev(1.5, 4)
	if ward && spo2 < 92 {
		set.OnOxygen, spo2 = true, spo2+4 // oxygen given on the ward
	}
	if d.chance(94) || set.OnOxygen {
		set.SpO2 = ptr(clamp(int(math.Round(spo2)), 70, 100))
	}
	switch {
	case s.neuro > 0 && d.Float64() < 0.35*float64(s.neuro)*severity:
		set.Consciousness = []string{"C", "V", "C", "P"}[d.IntN(4)]
	case d.chance(95):
		set.Consciousness = "A"
	}
	if !ward || d.chance(15) {
		w, h := build(d, age, who)
		if d.chance(90) {
			set.WeightHG = ptr(w)
		}
		if age < 13 || d.chance(40) {
			set.HeightMM = ptr(h)
		}
	}
	return set
}

// build is the weight (hg) and height (mm) of the patient at their age: a child's
// grows with the years, an adult's is their own.
func build(d dice, age int, who *person) (weightHG, heightMM int) {
	switch {
	case age < 1:
		months := d.between(0, 11)
		return clamp(33+6*months+d.normal(0, 4), 15, 150), 500 + 22*months + d.normal(0, 15)
	case age < 13:
		return clamp(80+20*age+d.normal(0, 12), 60, 800), 750 + 60*age + d.normal(0, 40)
	}
	return clamp(who.weightHG+d.normal(0, 8), 300, 2500), clamp(who.heightMM+d.normal(0, 5), 1300, 2100)
}

func ptr(v int) *int { return &v }

// news2 is what the vitals store writes beside a set: its score (nil when nothing
// could be scored) and risk ("" then).
func news2(s vitals.Set) (score any, risk string) {
	n := vitals.Score(s)
	if n.Score == nil {
		return nil, ""
	}
	return *n.Score, string(*n.Risk)
}
