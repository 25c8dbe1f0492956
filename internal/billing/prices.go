package billing

import (
	"strconv"
	"time"

	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
)

// PriceKind is a section of the price list.
type PriceKind string

const (
	// PriceConsultation prices a consultation; its code is the department's id, or
	// "default" for the hospital's fee where a department has none.
	PriceConsultation PriceKind = "consultation"
	PriceLab          PriceKind = "lab"
	PriceImaging      PriceKind = "imaging"
	PriceMedicine     PriceKind = "medicine"
)

// PriceKinds lists the sections of the price list.
var PriceKinds = []PriceKind{PriceConsultation, PriceLab, PriceImaging, PriceMedicine}

// Label is the section as people read it.
func (k PriceKind) Label() string {
	switch k {
	case PriceConsultation:
		return "Consultation fees"
	case PriceLab:
		return "Laboratory tests"
	case PriceImaging:
		return "Imaging studies"
	case PriceMedicine:
		return "Medicines"
	}
	return string(k)
}

// Category is the category of the charges priced from this section.
func (k PriceKind) Category() Category {
	switch k {
	case PriceConsultation:
		return Consultation
	case PriceLab:
		return Lab
	case PriceImaging:
		return Imaging
	case PriceMedicine:
		return Pharmacy
	}
	return Other
}

func (k PriceKind) valid() bool {
	for _, x := range PriceKinds {
		if x == k {
			return true
		}
	}
	return false
}

// DefaultCode is the consultation code of the hospital-wide fee.
const DefaultCode = "default"

// PriceKey names one item of the price list: a section and the code the module that
// charges for it uses (a department id, a test code, a medicine's catalogue code).
type PriceKey struct {
	Kind PriceKind
	Code string
}

// ConsultationItem is the price-list item of a consultation in a department.
func ConsultationItem(departmentID int64) PriceKey {
	if departmentID <= 0 {
		return PriceKey{Kind: PriceConsultation, Code: DefaultCode}
	}
	return PriceKey{Kind: PriceConsultation, Code: strconv.FormatInt(departmentID, 10)}
}

// Price is one version of an item's price, in force from EffectiveFrom until a later
// version of the same item. A charge copies the amount, so a later version never
// changes a charge already made.
type Price struct {
	ID            int64
	Kind          PriceKind
	Code          string
	Name          string
	Amount        Money
	EffectiveFrom time.Time
	CreatedBy     int64
	CreatedAt     time.Time
}

// PriceInput is a new version of an item's price.
type PriceInput struct {
	Kind   *string     `json:"kind"`
	Code   *string     `json:"code"`
	Name   *string     `json:"name"`
	Amount *MoneyInput `json:"amount"`
	// EffectiveFrom is a date (from the start of that day, hospital time) or a time with
	// its zone; absent means now.
	EffectiveFrom *string `json:"effective_from"`
}

const (
	codeMax     = 64
	msgCodeChar = "Use only letters, digits and . _ : - in a code."
	msgDateTime = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
)

// check validates the input into a price; now and loc resolve the effective time.
func (in PriceInput) check(now time.Time, loc *time.Location) (Price, error) {
	f := errs.Fields{}
	p := Price{Kind: PriceKind(valid.RequiredString(f, "kind", in.Kind, 20))}
	if p.Kind != "" && !p.Kind.valid() {
		valid.Choice(f, "kind", string(p.Kind), priceKindNames())
	}
	p.Code = valid.RequiredString(f, "code", in.Code, codeMax)
	if p.Code != "" && !codeChars(p.Code) {
		f.Add("code", msgCodeChar)
	}
	p.Name = valid.RequiredString(f, "name", in.Name, descriptionMax)
	p.Amount = ParseMoney(f, "amount", in.Amount)
	p.EffectiveFrom = now
	if in.EffectiveFrom != nil && *in.EffectiveFrom != "" {
		t, ok := parseWhen(*in.EffectiveFrom, loc)
		if !ok {
			f.Add("effective_from", msgDateTime)
		}
		p.EffectiveFrom = t
	}
	return p, f.Err()
}

func priceKindNames() []string {
	out := make([]string, len(PriceKinds))
	for i, k := range PriceKinds {
		out[i] = string(k)
	}
	return out
}

func codeChars(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == ':', r == '-':
		default:
			return false
		}
	}
	return true
}

// parseWhen reads a date (the start of that day in loc) or a time with its zone.
func parseWhen(s string, loc *time.Location) (time.Time, bool) {
	if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return d.UTC(), true
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC().Truncate(time.Microsecond), true
	}
	return time.Time{}, false
}
