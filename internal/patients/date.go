package patients

import (
	"encoding/json"
	"time"
)

// Date is a calendar date (date of birth) rendered as "YYYY-MM-DD".
type Date struct{ time.Time }

// MarshalJSON writes the date as the original did.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.Format(time.DateOnly)) }

// JSONSchema documents the date for the OpenAPI spec.
func (Date) JSONSchema() map[string]any { return map[string]any{"type": "string", "format": "date"} }
