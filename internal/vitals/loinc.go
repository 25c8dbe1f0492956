package vitals

// Code names an observation in LOINC, with its unit in UCUM, so that a set of vitals can
// be exported as FHIR Observations (vital-signs profile) as it is.
type Code struct {
	LOINC   string
	Display string
	UCUM    string
}

// The codes of the measurements HealthSynx records. Consciousness (ACVPU) and
// supplemental oxygen have no place here: they qualify the scores, not a quantity.
var (
	CodeTemperature = Code{"8310-5", "Body temperature", "Cel"}
	CodePulse       = Code{"8867-4", "Heart rate", "/min"}
	CodeRespiration = Code{"9279-1", "Respiratory rate", "/min"}
	CodeSystolic    = Code{"8480-6", "Systolic blood pressure", "mm[Hg]"}
	CodeDiastolic   = Code{"8462-4", "Diastolic blood pressure", "mm[Hg]"}
	CodeSpO2        = Code{"59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%"}
	CodeWeight      = Code{"29463-7", "Body weight", "kg"}
	CodeHeight      = Code{"8302-2", "Body height", "cm"}
	CodeBMI         = Code{"39156-5", "Body mass index (BMI) [Ratio]", "kg/m2"}
)

// Observation is one coded measurement of a set: code is LOINC, unit is UCUM.
type Observation struct {
	Code    string  `json:"code"`
	Display string  `json:"display"`
	Value   float64 `json:"value"`
	Unit    string  `json:"unit"`
}

// Observations lists the measurements of the set, BMI included, in a fixed order.
func (s Set) Observations() []Observation {
	out := []Observation{}
	add := func(c Code, v float64) {
		out = append(out, Observation{Code: c.LOINC, Display: c.Display, Value: v, Unit: c.UCUM})
	}
	whole := func(c Code, v *int) {
		if v != nil {
			add(c, float64(*v))
		}
	}
	tenths := func(c Code, v *int) {
		if v != nil {
			add(c, Tenths(*v).Float())
		}
	}
	tenths(CodeTemperature, s.TemperatureDC)
	whole(CodePulse, s.Pulse)
	whole(CodeRespiration, s.Respiration)
	whole(CodeSystolic, s.Systolic)
	whole(CodeDiastolic, s.Diastolic)
	whole(CodeSpO2, s.SpO2)
	tenths(CodeWeight, s.WeightHG)
	tenths(CodeHeight, s.HeightMM) // millimetres are tenths of a centimetre
	if bmi := s.BMI(); bmi != nil {
		add(CodeBMI, bmi.Float())
	}
	return out
}
