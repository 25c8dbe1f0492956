package vitals

import "healthsynx/internal/platform/web"

// Vitals is a set as the API shows it: the original's {id, temperature, pulse_rate,
// recorded_at} (temperature a decimal string) with the measurements HealthSynx adds,
// the derived BMI, the NEWS2 score and the coded observations.
type Vitals struct {
	ID              int64         `json:"id"`
	Patient         int64         `json:"patient"`
	Temperature     *Tenths       `json:"temperature"`
	PulseRate       *int          `json:"pulse_rate"`
	RespiratoryRate *int          `json:"respiratory_rate"`
	SystolicBP      *int          `json:"systolic_bp"`
	DiastolicBP     *int          `json:"diastolic_bp"`
	SpO2            *int          `json:"spo2"`
	OnOxygen        bool          `json:"on_oxygen"`
	Consciousness   *string       `json:"consciousness"`
	Weight          *Tenths       `json:"weight"`
	Height          *Tenths       `json:"height"`
	BMI             *Tenths       `json:"bmi"`
	NEWS2           NEWS2         `json:"news2"`
	Observations    []Observation `json:"observations"`
	RecordedAt      string        `json:"recorded_at"`
	RecordedBy      *int64        `json:"recorded_by"`
}

// View is the representation of the set.
func (s Set) View() Vitals {
	v := Vitals{
		ID:              s.ID,
		Patient:         s.PatientID,
		Temperature:     tenths(s.TemperatureDC),
		PulseRate:       s.Pulse,
		RespiratoryRate: s.Respiration,
		SystolicBP:      s.Systolic,
		DiastolicBP:     s.Diastolic,
		SpO2:            s.SpO2,
		OnOxygen:        s.OnOxygen,
		Weight:          tenths(s.WeightHG),
		Height:          tenths(s.HeightMM),
		BMI:             s.BMI(),
		NEWS2:           Score(s),
		Observations:    s.Observations(),
		RecordedAt:      web.Time(s.RecordedAt),
	}
	if s.Consciousness != "" {
		c := s.Consciousness
		v.Consciousness = &c
	}
	if s.RecordedBy != 0 {
		by := s.RecordedBy
		v.RecordedBy = &by
	}
	return v
}

func tenths(v *int) *Tenths {
	if v == nil {
		return nil
	}
	t := Tenths(*v)
	return &t
}
