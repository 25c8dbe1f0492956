package vitals

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Number is a measurement as a client sends it: a JSON number or a numeric string (the
// original API accepted both, and form posts send strings). It keeps the text, so that
// validation can say exactly what is wrong with it, in the field's own terms.
type Number struct{ text string }

// UnmarshalJSON takes any JSON value; only validation decides whether it is a number.
func (n *Number) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		n.text = strings.TrimSpace(s)
		return nil
	}
	n.text = string(b)
	return nil
}

// JSONSchema documents the two accepted forms for the OpenAPI spec.
func (Number) JSONSchema() map[string]any {
	return map[string]any{"anyOf": []map[string]any{{"type": "number"}, {"type": "string", "pattern": `^-?\d+(\.\d+)?$`}}}
}

// blank reports a value sent empty (an empty form field): it counts as not taken.
func (n *Number) blank() bool { return n == nil || n.text == "" }

var decimalText = regexp.MustCompile(`^([+-]?\d+)(?:\.(\d+))?$`)

// maxWhole bounds the whole part so that scaling cannot overflow.
const maxWhole = 1_000_000

// scaled reads the text as a decimal with at most places decimal places and returns it in
// units of 10^-places (37.2 with one place is 372). Trailing zeros past the allowed places
// are accepted ("72.0" is a whole number). The message says what is wrong otherwise.
func (n *Number) scaled(places int) (int, string) {
	m := decimalText.FindStringSubmatch(n.text)
	if m == nil {
		if places == 0 {
			return 0, "A valid integer is required."
		}
		return 0, "A valid number is required."
	}
	frac := strings.TrimRight(m[2], "0")
	if len(frac) > places {
		if places == 0 {
			return 0, "A valid integer is required."
		}
		return 0, fmt.Sprintf("Ensure that there are no more than %d decimal places.", places)
	}
	// A huge value is clamped: it is out of every field's range, and the range check says so.
	whole, err := strconv.Atoi(m[1])
	if err != nil || whole > maxWhole || whole < -maxWhole {
		whole = maxWhole
		if strings.HasPrefix(m[1], "-") {
			whole = -maxWhole
		}
	}
	frac += strings.Repeat("0", places-len(frac))
	v := whole
	for range places {
		v *= 10
	}
	if frac != "" {
		f, _ := strconv.Atoi(frac)
		if strings.HasPrefix(m[1], "-") {
			f = -f
		}
		v += f
	}
	return v, ""
}

// Tenths is a value stored in tenths of its unit (temperature, weight, height, BMI),
// written as the original wrote decimals: a string with one decimal place, "37.2".
type Tenths int

// String is the value with one decimal place.
func (t Tenths) String() string {
	sign := ""
	v := int(t)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%d", sign, v/10, v%10)
}

// MarshalJSON writes the decimal string.
func (t Tenths) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// Float is the value as a number (for the observations, which FHIR reads as decimals).
func (t Tenths) Float() float64 { return float64(t) / 10 }

// JSONSchema documents the decimal string for the OpenAPI spec.
func (Tenths) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "pattern": `^-?\d+\.\d$`, "examples": []string{"37.2"}}
}
