package patients

import (
	"fmt"
	"regexp"
	"strings"
)

// The medical record number is "HS-" and seven digits, then a check digit:
// HS-0001234-5. The seven digits are the patient's account id, which the database
// hands out once and never again, so two registrations can never get the same number
// whatever the engine or the concurrency, and no counter has to be locked; the unique
// index on the column guards the rule all the same. The check digit (Luhn) catches a
// mistyped digit or two swapped neighbours before they open another patient's record.

const (
	mrnPrefix = "HS-"
	mrnDigits = 7
	// maxMRNID is the largest account id a seven-digit number holds.
	maxMRNID = 9_999_999
	// minMRNSearchDigits is how many digits an MRN prefix search needs: with fewer, a
	// prefix names tens of thousands of records, not one.
	minMRNSearchDigits = 4
)

// newMRN is the medical record number of the patient whose account id is id.
func newMRN(id int64) (string, error) {
	if id <= 0 || id > maxMRNID {
		return "", fmt.Errorf("account id %d does not fit a %d-digit medical record number", id, mrnDigits)
	}
	d := fmt.Sprintf("%0*d", mrnDigits, id)
	return mrnPrefix + d + "-" + string(luhnDigit(d)), nil
}

// luhnDigit is the Luhn check digit of a string of digits.
func luhnDigit(digits string) byte {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		n := int(digits[i] - '0')
		if (len(digits)-1-i)%2 == 0 { // the rightmost digit, then every second one
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return byte('0' + (10-sum%10)%10)
}

// mrnQuery matches a search for an MRN: "HS", then digits with any spaces or hyphens
// ("hs 0001234", "HS-0001234-5").
var mrnQuery = regexp.MustCompile(`(?i)^\s*hs[\s-]*(\d[\d\s-]*)$`)

// mrnRange turns an MRN search into the inclusive range of record numbers it matches.
// Every MRN has the same shape, so the numbers starting with some digits lie between
// those digits padded with 0s and padded with 9s. ok is false when q is not an MRN
// search; lo and hi are empty when it is one that cannot match (too few digits to be
// useful, or too many to be an MRN).
func mrnRange(q string) (lo, hi string, ok bool) {
	m := mrnQuery.FindStringSubmatch(q)
	if m == nil {
		return "", "", false
	}
	d := strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(m[1])
	if len(d) < minMRNSearchDigits || len(d) > mrnDigits+1 {
		return "", "", true
	}
	pad := func(c string) string {
		full := d + strings.Repeat(c, mrnDigits+1-len(d))
		return mrnPrefix + full[:mrnDigits] + "-" + full[mrnDigits:]
	}
	return pad("0"), pad("9"), true
}
