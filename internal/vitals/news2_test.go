package vitals_test

import (
	"slices"
	"testing"

	"healthsynx/internal/vitals"
)

func ptr(v int) *int { return &v }

// TestNEWS2ParameterBands checks every band boundary of the RCP 2017 scoring table
// (SpO2 scale 1): the last value of one band and the first of the next.
func TestNEWS2ParameterBands(t *testing.T) {
	type band struct {
		value  int
		points int
	}
	params := []struct {
		name  string
		set   func(v int) vitals.Set
		bands []band
	}{
		{vitals.ParamRespiration, func(v int) vitals.Set { return vitals.Set{Respiration: ptr(v)} },
			[]band{{4, 3}, {8, 3}, {9, 1}, {11, 1}, {12, 0}, {20, 0}, {21, 2}, {24, 2}, {25, 3}, {60, 3}}},
		{vitals.ParamSpO2, func(v int) vitals.Set { return vitals.Set{SpO2: ptr(v)} },
			[]band{{50, 3}, {91, 3}, {92, 2}, {93, 2}, {94, 1}, {95, 1}, {96, 0}, {100, 0}}},
		{vitals.ParamAirOrOxygen, func(v int) vitals.Set { return vitals.Set{Pulse: ptr(70), OnOxygen: v == 1} },
			[]band{{0, 0}, {1, 2}}},
		{vitals.ParamSystolic, func(v int) vitals.Set { return vitals.Set{Systolic: ptr(v)} },
			[]band{{50, 3}, {90, 3}, {91, 2}, {100, 2}, {101, 1}, {110, 1}, {111, 0}, {219, 0}, {220, 3}, {260, 3}}},
		{vitals.ParamPulse, func(v int) vitals.Set { return vitals.Set{Pulse: ptr(v)} },
			[]band{{20, 3}, {40, 3}, {41, 1}, {50, 1}, {51, 0}, {90, 0}, {91, 1}, {110, 1}, {111, 2}, {130, 2}, {131, 3}, {250, 3}}},
		// Temperature in tenths of a degree: 35.0 | 35.1–36.0 | 36.1–38.0 | 38.1–39.0 | 39.1.
		{vitals.ParamTemperature, func(v int) vitals.Set { return vitals.Set{TemperatureDC: ptr(v)} },
			[]band{{250, 3}, {350, 3}, {351, 1}, {360, 1}, {361, 0}, {380, 0}, {381, 1}, {390, 1}, {391, 2}, {450, 2}}},
	}
	for _, p := range params {
		for _, b := range p.bands {
			got, ok := vitals.Score(p.set(b.value)).Scores[p.name]
			if !ok || got != b.points {
				t.Errorf("%s = %d scores %d (present %v), want %d", p.name, b.value, got, ok, b.points)
			}
		}
	}
	for acvpu, want := range map[string]int{"A": 0, "C": 3, "V": 3, "P": 3, "U": 3} {
		if got := vitals.Score(vitals.Set{Consciousness: acvpu}).Scores[vitals.ParamConsciousness]; got != want {
			t.Errorf("consciousness %s scores %d, want %d", acvpu, got, want)
		}
	}
}

// normal is a complete set that scores 0 on every parameter.
func normal() vitals.Set {
	return vitals.Set{Respiration: ptr(16), SpO2: ptr(98), Systolic: ptr(120), Diastolic: ptr(80), Pulse: ptr(70),
		Consciousness: "A", TemperatureDC: ptr(370)}
}

func TestNEWS2Risk(t *testing.T) {
	with := func(change func(*vitals.Set)) vitals.Set {
		s := normal()
		change(&s)
		return s
	}
	cases := []struct {
		name  string
		set   vitals.Set
		score int
		risk  vitals.Risk
	}{
		{"all normal", normal(), 0, vitals.RiskLow},
		{"total 4, no single 3", with(func(s *vitals.Set) { s.Respiration, s.Pulse = ptr(21), ptr(111) }), 4, vitals.RiskLow},
		{"a single 3, total 3", with(func(s *vitals.Set) { s.Respiration = ptr(8) }), 3, vitals.RiskLowMedium},
		{"a single 3 from consciousness", with(func(s *vitals.Set) { s.Consciousness = "V" }), 3, vitals.RiskLowMedium},
		{"a 3 and a 1, total 4", with(func(s *vitals.Set) { s.SpO2, s.TemperatureDC = ptr(91), ptr(381) }), 4, vitals.RiskLowMedium},
		{"total 5", with(func(s *vitals.Set) { s.Respiration, s.Pulse, s.TemperatureDC = ptr(21), ptr(111), ptr(381) }), 5, vitals.RiskMedium},
		{"total 5 with a 3: the aggregate decides", with(func(s *vitals.Set) { s.Systolic, s.Respiration = ptr(90), ptr(21) }), 5, vitals.RiskMedium},
		{"total 6", with(func(s *vitals.Set) {
			s.Respiration, s.Pulse, s.TemperatureDC, s.SpO2 = ptr(21), ptr(111), ptr(381), ptr(95)
		}), 6, vitals.RiskMedium},
		{"total 7", with(func(s *vitals.Set) {
			s.Respiration, s.Pulse, s.TemperatureDC, s.SpO2, s.Systolic = ptr(21), ptr(111), ptr(381), ptr(95), ptr(105)
		}), 7, vitals.RiskHigh},
		{"oxygen scores 2", with(func(s *vitals.Set) { s.OnOxygen = true }), 2, vitals.RiskLow},
		{"everything at its worst", vitals.Set{Respiration: ptr(30), SpO2: ptr(85), OnOxygen: true, Systolic: ptr(80),
			Diastolic: ptr(50), Pulse: ptr(140), Consciousness: "U", TemperatureDC: ptr(340)}, 20, vitals.RiskHigh},
	}
	for _, c := range cases {
		n := vitals.Score(c.set)
		if n.Score == nil || *n.Score != c.score || n.Risk == nil || *n.Risk != c.risk || n.Partial {
			t.Errorf("%s: score %v risk %v partial %v, want %d %s complete", c.name, deref(n.Score), n.Risk, n.Partial, c.score, c.risk)
		}
		if got := c.set.Risk(); got != c.risk {
			t.Errorf("%s: Set.Risk() = %q, want %q", c.name, got, c.risk)
		}
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// A parameter that was not measured is not invented: the score covers what was, and
// says it is partial.
func TestNEWS2Partial(t *testing.T) {
	n := vitals.Score(vitals.Set{TemperatureDC: ptr(372), Pulse: ptr(72)})
	want := []string{vitals.ParamRespiration, vitals.ParamSpO2, vitals.ParamSystolic, vitals.ParamConsciousness}
	if n.Score == nil || *n.Score != 0 || *n.Risk != vitals.RiskLow || !n.Partial || !slices.Equal(n.Missing, want) {
		t.Fatalf("temperature and pulse only: %+v", n)
	}
	// A high partial score is still reported: the band of what was measured.
	n = vitals.Score(vitals.Set{Pulse: ptr(140), Respiration: ptr(30), TemperatureDC: ptr(400)})
	if *n.Score != 8 || *n.Risk != vitals.RiskHigh || !n.Partial {
		t.Fatalf("partial high: %+v", n)
	}
	// Nothing NEWS2 scores (a weight alone): no score, no risk.
	n = vitals.Score(vitals.Set{WeightHG: ptr(700)})
	if n.Score != nil || n.Risk != nil || !n.Partial || len(n.Missing) != 6 {
		t.Fatalf("weight only: %+v", n)
	}
	if r := (vitals.Set{WeightHG: ptr(700)}).Risk(); r != "" || r.Band() != 0 {
		t.Fatalf("weight only: risk %q band %d", r, r.Band())
	}
}

func TestRiskBands(t *testing.T) {
	for r, want := range map[vitals.Risk]int{vitals.RiskHigh: 3, vitals.RiskMedium: 2, vitals.RiskLowMedium: 1, vitals.RiskLow: 0, "": 0} {
		if got := r.Band(); got != want {
			t.Errorf("%q.Band() = %d, want %d", r, got, want)
		}
	}
}
