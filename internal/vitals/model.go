// Package vitals records a patient's observations (temperature, pulse, respiration, blood
// pressure, SpO2, consciousness, weight, height), derives BMI and the NEWS2 early-warning
// score, and codes each observation with LOINC and UCUM (PRODUCT §3.5, E-32, E-33).
// Recording vitals also puts the patient in the doctor queue, in the same transaction,
// through the Triage interface that the queue implements.
package vitals

import (
	"fmt"
	"strings"
	"time"

	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
)

// Set is one set of observations as stored: whole numbers in each field's smallest step
// (tenths of a degree, tenths of a kilogram, millimetres of height), nil when not taken,
// so that values are exact on every engine.
type Set struct {
	ID            int64
	PatientID     int64
	RecordedBy    int64 // 0 when unknown
	RecordedAt    time.Time
	TemperatureDC *int
	Pulse         *int
	Respiration   *int
	Systolic      *int
	Diastolic     *int
	SpO2          *int
	OnOxygen      bool
	Consciousness string // one of ACVPU, "" when not assessed
	WeightHG      *int
	HeightMM      *int
}

// ACVPU is the consciousness scale of NEWS2: Alert, new Confusion, responds to Voice,
// to Pain, Unresponsive.
var ACVPU = []string{"A", "C", "V", "P", "U"}

// Input is a set of observations as a client sends it, with where to queue the patient.
// Every measurement is optional, but at least one must be given. on_oxygen is false
// (breathing room air) unless given.
type Input struct {
	Temperature     *Number `json:"temperature"`
	PulseRate       *Number `json:"pulse_rate"`
	RespiratoryRate *Number `json:"respiratory_rate"`
	SystolicBP      *Number `json:"systolic_bp"`
	DiastolicBP     *Number `json:"diastolic_bp"`
	SpO2            *Number `json:"spo2"`
	OnOxygen        *bool   `json:"on_oxygen"`
	Consciousness   *string `json:"consciousness"`
	Weight          *Number `json:"weight"`
	Height          *Number `json:"height"`
	// Department is the department whose queue the patient joins (see Placement).
	Department *int64 `json:"department"`
	// Urgent raises the patient above others of the same NEWS2 band.
	Urgent *bool `json:"urgent"`
}

// Placement is where recording vitals queues the patient: the department asked for (nil:
// their open entry's, else the default department), and the urgent flag (nil: unchanged).
type Placement struct {
	Department *int64
	Urgent     *bool
}

// limit is the accepted range of a measurement, in its stored step. The ranges reject
// typing errors and impossible values, not extreme but real ones.
type limit struct {
	field    string
	unit     string // as written in messages
	places   int    // decimal places accepted (the stored step is 10^-places of the unit)
	min, max int
}

var (
	limTemperature = limit{"temperature", "°C", 1, 250, 450}
	limPulse       = limit{"pulse_rate", "beats/min", 0, 20, 250}
	limRespiration = limit{"respiratory_rate", "breaths/min", 0, 4, 60}
	limSystolic    = limit{"systolic_bp", "mmHg", 0, 50, 260}
	limDiastolic   = limit{"diastolic_bp", "mmHg", 0, 20, 160}
	limSpO2        = limit{"spo2", "%", 0, 50, 100}
	limWeight      = limit{"weight", "kg", 1, 5, 3500}
	limHeight      = limit{"height", "cm", 1, 300, 2500}
)

// format writes a stored value in the unit, with the field's decimal places.
func (l limit) format(v int) string {
	if l.places == 0 {
		return fmt.Sprint(v)
	}
	return Tenths(v).String()
}

// rangeMessage is the error for a value outside the limit.
func (l limit) rangeMessage() string {
	return fmt.Sprintf("Ensure this value is between %s and %s %s.", l.format(l.min), l.format(l.max), l.unit)
}

// read validates one optional measurement; nil when absent, blank or invalid.
func (l limit) read(f errs.Fields, n *Number) *int {
	if n.blank() {
		return nil
	}
	v, msg := n.scaled(l.places)
	if msg == "" && (v < l.min || v > l.max) {
		msg = l.rangeMessage()
	}
	if msg != "" {
		f.Add(l.field, msg)
		return nil
	}
	return &v
}

// MsgNothingMeasured is the error for a set without any measurement.
const MsgNothingMeasured = "Record at least one measurement."

// Validate checks the input and returns the set to store and where to queue the patient.
func (in Input) Validate() (Set, Placement, error) {
	f := errs.Fields{}
	s := Set{
		TemperatureDC: limTemperature.read(f, in.Temperature),
		Pulse:         limPulse.read(f, in.PulseRate),
		Respiration:   limRespiration.read(f, in.RespiratoryRate),
		Systolic:      limSystolic.read(f, in.SystolicBP),
		Diastolic:     limDiastolic.read(f, in.DiastolicBP),
		SpO2:          limSpO2.read(f, in.SpO2),
		WeightHG:      limWeight.read(f, in.Weight),
		HeightMM:      limHeight.read(f, in.Height),
	}
	if in.OnOxygen != nil {
		s.OnOxygen = *in.OnOxygen
	}
	if in.Consciousness != nil && strings.TrimSpace(*in.Consciousness) != "" {
		s.Consciousness = strings.ToUpper(strings.TrimSpace(*in.Consciousness))
		valid.Choice(f, "consciousness", s.Consciousness, ACVPU)
	}
	checkPressure(f, in, s)
	if len(f) == 0 && !s.measured() {
		f.Add("non_field_errors", MsgNothingMeasured)
	}
	return s, Placement{Department: in.Department, Urgent: in.Urgent}, f.Err()
}

// checkPressure wants both pressures together, the diastolic below the systolic.
func checkPressure(f errs.Fields, in Input, s Set) {
	hasSys, hasDia := !in.SystolicBP.blank(), !in.DiastolicBP.blank()
	switch {
	case hasSys && !hasDia:
		f.Add("diastolic_bp", "This field is required with systolic_bp.")
	case hasDia && !hasSys:
		f.Add("systolic_bp", "This field is required with diastolic_bp.")
	case s.Systolic != nil && s.Diastolic != nil && *s.Diastolic >= *s.Systolic:
		f.Add("diastolic_bp", fmt.Sprintf("Ensure the diastolic pressure is below the systolic (%d mmHg).", *s.Systolic))
	}
}

// measured reports whether the set holds any measurement (on_oxygen alone is none).
func (s Set) measured() bool {
	for _, v := range []*int{s.TemperatureDC, s.Pulse, s.Respiration, s.Systolic, s.Diastolic, s.SpO2, s.WeightHG, s.HeightMM} {
		if v != nil {
			return true
		}
	}
	return s.Consciousness != ""
}

// After reports whether s was recorded after o, in the order of a patient's history
// (newest first by time, then by id).
func (s Set) After(o Set) bool {
	return s.RecordedAt.After(o.RecordedAt) || (s.RecordedAt.Equal(o.RecordedAt) && s.ID > o.ID)
}

// BMI is weight / height², in tenths of kg/m², when both were measured in this set.
func (s Set) BMI() *Tenths {
	if s.WeightHG == nil || s.HeightMM == nil {
		return nil
	}
	kg := float64(*s.WeightHG) / 10
	m := float64(*s.HeightMM) / 1000
	t := Tenths(int(kg/(m*m)*10 + 0.5))
	return &t
}
