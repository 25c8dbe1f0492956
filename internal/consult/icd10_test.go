package consult_test

import (
	"testing"

	"healthsynx/internal/consult"
)

// The built-in codes are well formed, in code order (search relies on it), and
// described; the shape check follows ICD-10 (no U codes, optional subdivision).
func TestICD10Catalogue(t *testing.T) {
	all := consult.SearchICD10("")
	for i, c := range all {
		if !consult.ValidICD10(c.Code) || c.Description == "" {
			t.Errorf("catalogue entry %+v", c)
		}
		if i > 0 && all[i-1].Code >= c.Code {
			t.Errorf("%s listed after %s", c.Code, all[i-1].Code)
		}
	}
	for code, want := range map[string]bool{"J18.9": true, "I10": true, "B20": true, "S52.52": true, "M54.5": true,
		"U07.1": false, "j18.9": false, "J18.": false, "J1": false, "18.9": false, "J18.99999": false, "J189": false} {
		if got := consult.ValidICD10(code); got != want {
			t.Errorf("ValidICD10(%q) = %v, want %v", code, got, want)
		}
	}
}
