package vitals

// NEWS2, the National Early Warning Score 2 (Royal College of Physicians, 2017), with
// SpO2 scale 1. Each of seven parameters scores 0–3; the total and the highest single
// score give the clinical risk.

// Risk is the NEWS2 clinical risk of a set.
type Risk string

const (
	RiskLow       Risk = "low"        // total 0–4, no single parameter scoring 3
	RiskLowMedium Risk = "low-medium" // total 0–4, a single parameter scoring 3
	RiskMedium    Risk = "medium"     // total 5–6
	RiskHigh      Risk = "high"       // total 7 or more
)

// Band orders the risks for the doctor queue: high 3, medium 2, low-medium 1, low 0.
// A set with nothing to score ("") is band 0.
func (r Risk) Band() int {
	switch r {
	case RiskHigh:
		return 3
	case RiskMedium:
		return 2
	case RiskLowMedium:
		return 1
	}
	return 0
}

// JSONSchema lists the risks for the OpenAPI spec.
func (Risk) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "enum": []string{string(RiskLow), string(RiskLowMedium), string(RiskMedium), string(RiskHigh)}}
}

// The NEWS2 parameters, named as the API names the measurements.
const (
	ParamRespiration   = "respiratory_rate"
	ParamSpO2          = "spo2"
	ParamAirOrOxygen   = "air_or_oxygen"
	ParamSystolic      = "systolic_bp"
	ParamPulse         = "pulse_rate"
	ParamConsciousness = "consciousness"
	ParamTemperature   = "temperature"
)

// NEWS2 is the score of one set. A parameter that was not measured is not guessed: the
// score covers what was measured, Partial says so and Missing names the rest. With no
// parameter measured at all, Score and Risk are null.
type NEWS2 struct {
	Score   *int           `json:"score"`
	Risk    *Risk          `json:"risk"`
	Partial bool           `json:"partial"`
	Missing []string       `json:"missing"`
	Scores  map[string]int `json:"scores"` // each scored parameter's points
	Scale   int            `json:"spo2_scale"`
}

// Score computes the NEWS2 of a set. Air or oxygen is always known: a patient breathes
// room air unless on_oxygen says otherwise.
func Score(s Set) NEWS2 {
	n := NEWS2{Scale: 1, Scores: map[string]int{}, Missing: []string{}}
	measured := 0
	param := func(name string, v *int, points func(int) int) {
		if v == nil {
			n.Missing = append(n.Missing, name)
			return
		}
		measured++
		n.Scores[name] = points(*v)
	}
	param(ParamRespiration, s.Respiration, respirationPoints)
	param(ParamSpO2, s.SpO2, spo2Scale1Points)
	n.Scores[ParamAirOrOxygen] = airOrOxygenPoints(s.OnOxygen)
	param(ParamSystolic, s.Systolic, systolicPoints)
	param(ParamPulse, s.Pulse, pulsePoints)
	if s.Consciousness == "" {
		n.Missing = append(n.Missing, ParamConsciousness)
	} else {
		measured++
		n.Scores[ParamConsciousness] = consciousnessPoints(s.Consciousness)
	}
	param(ParamTemperature, s.TemperatureDC, temperaturePoints)
	n.Partial = len(n.Missing) > 0
	if measured == 0 {
		return n
	}
	total, three := 0, false
	for _, p := range n.Scores {
		total += p
		three = three || p == 3
	}
	risk := riskOf(total, three)
	n.Score, n.Risk = &total, &risk
	return n
}

// Risk is the set's NEWS2 risk, "" when nothing in it could be scored.
func (s Set) Risk() Risk {
	if r := Score(s).Risk; r != nil {
		return *r
	}
	return ""
}

// riskOf applies the RCP thresholds: the aggregate decides from 5 up; below, a single
// parameter scoring 3 makes the risk low-medium.
func riskOf(total int, anyThree bool) Risk {
	switch {
	case total >= 7:
		return RiskHigh
	case total >= 5:
		return RiskMedium
	case anyThree:
		return RiskLowMedium
	}
	return RiskLow
}

// respirationPoints: ≤8 → 3, 9–11 → 1, 12–20 → 0, 21–24 → 2, ≥25 → 3 (breaths/min).
func respirationPoints(rr int) int {
	switch {
	case rr <= 8:
		return 3
	case rr <= 11:
		return 1
	case rr <= 20:
		return 0
	case rr <= 24:
		return 2
	}
	return 3
}

// spo2Scale1Points: ≤91 → 3, 92–93 → 2, 94–95 → 1, ≥96 → 0 (%).
func spo2Scale1Points(spo2 int) int {
	switch {
	case spo2 <= 91:
		return 3
	case spo2 <= 93:
		return 2
	case spo2 <= 95:
		return 1
	}
	return 0
}

// airOrOxygenPoints: supplemental oxygen → 2, air → 0.
func airOrOxygenPoints(onOxygen bool) int {
	if onOxygen {
		return 2
	}
	return 0
}

// systolicPoints: ≤90 → 3, 91–100 → 2, 101–110 → 1, 111–219 → 0, ≥220 → 3 (mmHg).
func systolicPoints(sbp int) int {
	switch {
	case sbp <= 90:
		return 3
	case sbp <= 100:
		return 2
	case sbp <= 110:
		return 1
	case sbp <= 219:
		return 0
	}
	return 3
}

// pulsePoints: ≤40 → 3, 41–50 → 1, 51–90 → 0, 91–110 → 1, 111–130 → 2, ≥131 → 3 (/min).
func pulsePoints(pulse int) int {
	switch {
	case pulse <= 40:
		return 3
	case pulse <= 50:
		return 1
	case pulse <= 90:
		return 0
	case pulse <= 110:
		return 1
	case pulse <= 130:
		return 2
	}
	return 3
}

// consciousnessPoints: Alert → 0; new Confusion, Voice, Pain or Unresponsive → 3.
func consciousnessPoints(acvpu string) int {
	if acvpu == "A" {
		return 0
	}
	return 3
}

// temperaturePoints: ≤35.0 → 3, 35.1–36.0 → 1, 36.1–38.0 → 0, 38.1–39.0 → 1, ≥39.1 → 2
// (°C, here in tenths).
func temperaturePoints(dc int) int {
	switch {
	case dc <= 350:
		return 3
	case dc <= 360:
		return 1
	case dc <= 380:
		return 0
	case dc <= 390:
		return 1
	}
	return 2
}
