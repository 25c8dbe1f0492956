package billing

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"healthsynx/internal/platform/errs"
)

// Money is an amount in minor units of the configured currency (cents for KES): exact
// on every engine, where a float or a database DECIMAL would not be the same number
// everywhere. Every currency is taken to have two decimal places.
type Money int64

// The original stored amounts as DECIMAL(10,2): at most 8 digits before the point.
const (
	maxWholeDigits = 8
	maxDecimals    = 2
)

// Messages of the original's decimal fields (DRF's DecimalField), and the lower bound
// HealthSynx adds (B-31: the original accepted negative amounts).
const (
	msgNumber    = "A valid number is required."
	msgDecimals  = "Ensure that there are no more than 2 decimal places."
	msgWhole     = "Ensure that there are no more than 8 digits before the decimal point."
	msgPositive  = "Ensure this value is greater than or equal to 0.01."
	amountSchema = `^[0-9]{1,8}(\.[0-9]{1,2})?$`
)

// String is the API form of an amount, as the original rendered its decimals: "1200.00".
// A negative amount (a reversal) keeps its sign.
func (m Money) String() string {
	n := int64(m)
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	return sign + strconv.FormatInt(n/100, 10) + "." + twoDigits(n%100)
}

// Display is the amount for people: thousands grouped, "1,200.00".
func (m Money) Display() string {
	s := m.String()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + b.String() + "." + frac
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// MarshalJSON writes the amount as a decimal string, as the original's serializers did.
func (m Money) MarshalJSON() ([]byte, error) { return json.Marshal(m.String()) }

// UnmarshalJSON reads an amount this API wrote (clients and tests decoding a response).
func (m *Money) UnmarshalJSON(b []byte) error {
	var in MoneyInput
	if err := in.UnmarshalJSON(b); err != nil {
		return err
	}
	v, msg := parseAmount(in.text, true)
	if msg != "" {
		return errors.New(msg)
	}
	*m = v
	return nil
}

// JSONSchema documents the decimal string for the OpenAPI document.
func (Money) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "pattern": `^-?[0-9]+\.[0-9]{2}$`, "examples": []string{"1200.00"},
		"description": "An amount in the configured currency, as a decimal string with two places."}
}

// Number is an amount written as a JSON number, where the original put decimals into
// hand-built dictionaries (the totals and the billing dashboard). It is written exactly,
// from the minor units, never through a float.
type Number Money

// MarshalJSON writes the amount as a JSON number literal: 1200.50.
func (n Number) MarshalJSON() ([]byte, error) { return []byte(Money(n).String()), nil }

// Display is the amount for people: "1,200.50".
func (n Number) Display() string { return Money(n).Display() }

// JSONSchema documents the number for the OpenAPI document.
func (Number) JSONSchema() map[string]any {
	return map[string]any{"type": "number", "examples": []float64{1200.5},
		"description": "An amount in the configured currency, as a JSON number (the original's shape)."}
}

// MoneyInput is an amount as a client sends it: a decimal string ("1200.50") or a JSON
// number (1200.5). It keeps the text as sent, so that a number is never rounded through
// a float, and ParseMoney checks it under the name of its field.
type MoneyInput struct {
	text string
}

// UnmarshalJSON keeps the literal; whether it is a valid amount is decided by ParseMoney,
// which can name the field.
func (m *MoneyInput) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &m.text)
	}
	m.text = string(b)
	return nil
}

// JSONSchema documents what the API accepts.
func (MoneyInput) JSONSchema() map[string]any {
	return map[string]any{
		"anyOf": []map[string]any{
			{"type": "string", "pattern": amountSchema},
			{"type": "number", "exclusiveMinimum": 0, "maximum": 99999999.99},
		},
		"examples":    []string{"1200.00"},
		"description": "An amount: a decimal string or a number, positive, at most two decimal places.",
	}
}

// AmountText is an amount as a client would send it, "1200.00", for code that builds
// requests itself (the demo data).
func AmountText(s string) *MoneyInput { return &MoneyInput{text: s} }

// ParseMoney checks an amount sent in field and returns it in minor units. A missing
// amount is "required"; zero and negative amounts, more than two decimal places, and
// anything that is not a plain decimal number are refused with the original's messages.
func ParseMoney(f errs.Fields, field string, in *MoneyInput) Money {
	if in == nil {
		f.Add(field, msgRequiredAmount)
		return 0
	}
	m, msg := parseAmount(in.text, false)
	if msg != "" {
		f.Add(field, msg)
	}
	return m
}

// msgRequiredAmount is also the answer to a null amount, which JSON decoding cannot
// tell from an absent one.
const msgRequiredAmount = "This field is required."

// parseAmount reads "1200", "1200.5" or "1200.50" into minor units. With signed, a
// leading minus is allowed (amounts this API wrote, reversals included).
func parseAmount(s string, signed bool) (Money, string) {
	s = strings.TrimSpace(s)
	neg := false
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		if !signed {
			if isDecimal(rest) {
				return 0, msgPositive
			}
			return 0, msgNumber
		}
		neg, s = true, rest
	}
	if !isDecimal(s) {
		return 0, msgNumber
	}
	whole, frac, _ := strings.Cut(s, ".")
	whole = strings.TrimLeft(whole, "0")
	if len(frac) > maxDecimals {
		return 0, msgDecimals
	}
	if len(whole) > maxWholeDigits {
		return 0, msgWhole
	}
	frac += strings.Repeat("0", maxDecimals-len(frac))
	n, _ := strconv.ParseInt(whole+frac, 10, 64) // at most 10 digits: cannot overflow
	if neg {
		n = -n
	}
	if n <= 0 && !signed {
		return 0, msgPositive
	}
	return Money(n), ""
}

// isDecimal reports digits with an optional fractional part: "12", "12.5", ".5".
func isDecimal(s string) bool {
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" && frac == "" || hasPoint && frac == "" {
		return false
	}
	for _, part := range []string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return false
			}
		}
	}
	return true
}
