package vitals_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"healthsynx/internal/platform/errs"
	"healthsynx/internal/vitals"
)

func input(t *testing.T, body string) vitals.Input {
	t.Helper()
	var in vitals.Input
	if err := json.Unmarshal([]byte(body), &in); err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	return in
}

// fieldErrors returns the field errors of err (nil when err is nil).
func fieldErrors(t *testing.T, err error) map[string][]string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *errs.Error
	if !errors.As(err, &e) || e.Kind != errs.Invalid {
		t.Fatalf("want a validation error, got %v", err)
	}
	return e.Fields
}

// Each measurement is range-checked, and the error names the field and its limits.
func TestValidationNamesFieldAndLimits(t *testing.T) {
	cases := []struct {
		body string
		want map[string][]string
	}{
		{`{"temperature": 24.9}`, map[string][]string{"temperature": {"Ensure this value is between 25.0 and 45.0 °C."}}},
		{`{"temperature": "45.1"}`, map[string][]string{"temperature": {"Ensure this value is between 25.0 and 45.0 °C."}}},
		{`{"temperature": 37.25}`, map[string][]string{"temperature": {"Ensure that there are no more than 1 decimal places."}}},
		{`{"temperature": "hot"}`, map[string][]string{"temperature": {"A valid number is required."}}},
		{`{"temperature": true}`, map[string][]string{"temperature": {"A valid number is required."}}},
		{`{"temperature": 1e2}`, map[string][]string{"temperature": {"A valid number is required."}}},
		{`{"temperature": 99999999999999999999}`, map[string][]string{"temperature": {"Ensure this value is between 25.0 and 45.0 °C."}}},
		{`{"pulse_rate": 19}`, map[string][]string{"pulse_rate": {"Ensure this value is between 20 and 250 beats/min."}}},
		{`{"pulse_rate": 72.5}`, map[string][]string{"pulse_rate": {"A valid integer is required."}}},
		{`{"respiratory_rate": 61}`, map[string][]string{"respiratory_rate": {"Ensure this value is between 4 and 60 breaths/min."}}},
		{`{"systolic_bp": 270, "diastolic_bp": 80}`, map[string][]string{"systolic_bp": {"Ensure this value is between 50 and 260 mmHg."}}},
		{`{"systolic_bp": 120, "diastolic_bp": 10}`, map[string][]string{"diastolic_bp": {"Ensure this value is between 20 and 160 mmHg."}}},
		{`{"systolic_bp": 120, "diastolic_bp": 120}`, map[string][]string{"diastolic_bp": {"Ensure the diastolic pressure is below the systolic (120 mmHg)."}}},
		{`{"systolic_bp": 120}`, map[string][]string{"diastolic_bp": {"This field is required with systolic_bp."}}},
		{`{"diastolic_bp": 80}`, map[string][]string{"systolic_bp": {"This field is required with diastolic_bp."}}},
		{`{"spo2": 101}`, map[string][]string{"spo2": {"Ensure this value is between 50 and 100 %."}}},
		{`{"weight": 0.4}`, map[string][]string{"weight": {"Ensure this value is between 0.5 and 350.0 kg."}}},
		{`{"height": 251}`, map[string][]string{"height": {"Ensure this value is between 30.0 and 250.0 cm."}}},
		{`{"consciousness": "X"}`, map[string][]string{"consciousness": {`"X" is not a valid choice.`}}},
		{`{}`, map[string][]string{"non_field_errors": {vitals.MsgNothingMeasured}}},
		{`{"on_oxygen": true, "temperature": ""}`, map[string][]string{"non_field_errors": {vitals.MsgNothingMeasured}}},
		// Every error at once, each under its field.
		{`{"temperature": 50, "pulse_rate": 300}`, map[string][]string{
			"temperature": {"Ensure this value is between 25.0 and 45.0 °C."},
			"pulse_rate":  {"Ensure this value is between 20 and 250 beats/min."}}},
	}
	for _, c := range cases {
		_, _, err := input(t, c.body).Validate()
		if got := fieldErrors(t, err); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: errors %v, want %v", c.body, got, c.want)
		}
	}
}

// Numbers come as JSON numbers or strings (the original accepted both; forms send
// strings), and are stored in each field's smallest step.
func TestValidationStoresExactSteps(t *testing.T) {
	in := input(t, `{"temperature": "37.2", "pulse_rate": "72.0", "respiratory_rate": 18, "systolic_bp": 120,
		"diastolic_bp": 80, "spo2": 97, "on_oxygen": true, "consciousness": " a ", "weight": 70.5, "height": "172.50",
		"department": 3, "urgent": true}`)
	s, pl, err := in.Validate()
	if err != nil {
		t.Fatal(err)
	}
	if *s.TemperatureDC != 372 || *s.Pulse != 72 || *s.Respiration != 18 || *s.Systolic != 120 || *s.Diastolic != 80 ||
		*s.SpO2 != 97 || !s.OnOxygen || s.Consciousness != "A" || *s.WeightHG != 705 || *s.HeightMM != 1725 {
		t.Fatalf("stored %+v", s)
	}
	if *pl.Department != 3 || !*pl.Urgent {
		t.Fatalf("placement %+v", pl)
	}
	// The original's two fields alone still make a valid set.
	s, pl, err = input(t, `{"temperature": 36.6, "pulse_rate": 80}`).Validate()
	if err != nil || *s.TemperatureDC != 366 || *s.Pulse != 80 || s.Respiration != nil || s.OnOxygen || pl.Department != nil {
		t.Fatalf("original body: %+v %v", s, err)
	}
}

func TestViewAndObservations(t *testing.T) {
	s, _, err := input(t, `{"temperature": 37.2, "pulse_rate": 72, "systolic_bp": 118, "diastolic_bp": 76, "spo2": 98,
		"weight": 70.0, "height": 175.0}`).Validate()
	if err != nil {
		t.Fatal(err)
	}
	v := s.View()
	b, _ := json.Marshal(v)
	var got map[string]any
	_ = json.Unmarshal(b, &got)
	// Decimals are strings, as the original wrote them; BMI = 70 / 1.75² = 22.9.
	if got["temperature"] != "37.2" || got["weight"] != "70.0" || got["height"] != "175.0" || got["bmi"] != "22.9" ||
		got["pulse_rate"] != float64(72) || got["respiratory_rate"] != nil || got["consciousness"] != nil {
		t.Fatalf("view: %s", b)
	}
	want := []vitals.Observation{
		{Code: "8310-5", Display: "Body temperature", Value: 37.2, Unit: "Cel"},
		{Code: "8867-4", Display: "Heart rate", Value: 72, Unit: "/min"},
		{Code: "8480-6", Display: "Systolic blood pressure", Value: 118, Unit: "mm[Hg]"},
		{Code: "8462-4", Display: "Diastolic blood pressure", Value: 76, Unit: "mm[Hg]"},
		{Code: "59408-5", Display: "Oxygen saturation in Arterial blood by Pulse oximetry", Value: 98, Unit: "%"},
		{Code: "29463-7", Display: "Body weight", Value: 70, Unit: "kg"},
		{Code: "8302-2", Display: "Body height", Value: 175, Unit: "cm"},
		{Code: "39156-5", Display: "Body mass index (BMI) [Ratio]", Value: 22.9, Unit: "kg/m2"},
	}
	if !reflect.DeepEqual(v.Observations, want) {
		t.Fatalf("observations:\n got %+v\nwant %+v", v.Observations, want)
	}
	if v.NEWS2.Score == nil || *v.NEWS2.Score != 0 || !v.NEWS2.Partial {
		t.Fatalf("news2: %+v", v.NEWS2)
	}
}
