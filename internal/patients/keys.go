package patients

import (
	"context"
	"strings"
	"unicode"

	"healthsynx/internal/platform/db"

	"golang.org/x/text/unicode/norm"
)

// Search keys. A patient's first and last names and phone number are stored a second
// time as keys made only of the characters 0-9 and a-z, so that a prefix search is an
// index range scan (key >= prefix AND key < next(prefix)) that every engine plans the
// same way and every collation orders the same way: digits before letters, and no
// case, accent or punctuation rule to differ on.

// maxKeyLen is the width of the key columns (migrations/0004_clinical.sql).
const maxKeyLen = 150

// foldSpecial spells letters that have no decomposition into a base letter.
var foldSpecial = strings.NewReplacer("ß", "ss", "æ", "ae", "Æ", "ae", "œ", "oe", "Œ", "oe", "ø", "o", "Ø", "o",
	"ł", "l", "Ł", "l", "đ", "d", "Đ", "d", "þ", "th", "Þ", "th", "ı", "i")

// fold lower-cases s and spells it in ASCII: accents are dropped (é → e, ñ → n) and the
// few letters without a base letter are spelled out (ß → ss). Characters with no ASCII
// spelling (other scripts) are dropped.
func fold(s string) string {
	s = norm.NFKD.String(foldSpecial.Replace(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < unicode.MaxASCII {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// nameKey is the search key of a name or of one search word: folded, with everything
// but letters and digits removed ("Mary-Anne" → "maryanne", "O'Brien" → "obrien").
func nameKey(s string) string { return truncate(alnum(fold(s)), maxKeyLen) }

func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// countryCode is the hospital's international dialling code: a number written with it
// (+254 712 …, 254712 …) and the same number written nationally (0712 …) get one key.
const countryCode = "254"

// phoneKey is the search key of a phone number, or of the digits typed to find one:
// its digits, without the country code or the national trunk 0 in front, so that
// "+254 712 345 678", "0712345678" and "712 345 678" all become "712345678".
func phoneKey(s string) string {
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	if rest, ok := strings.CutPrefix(d, countryCode); ok {
		d = rest
	} else {
		d = strings.TrimPrefix(d, "0")
	}
	return truncate(d, 20)
}

// keyAlphabet is every character a key may hold, in the order all three engines sort
// them.
const keyAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz"

// nextPrefix is the smallest key greater than every key that starts with prefix, for
// the exclusive upper bound of a prefix range; "" when there is none (a prefix of only
// z's), in which case the range has no upper bound.
func nextPrefix(prefix string) string {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		pos := strings.IndexByte(keyAlphabet, b[i])
		if pos >= 0 && pos < len(keyAlphabet)-1 {
			b[i] = keyAlphabet[pos+1]
			return string(b[:i+1])
		}
	}
	return ""
}

// RefreshKeys recomputes a patient's search keys from their account, in the caller's
// transaction. Identity calls it (through app wiring) whenever an account's names or
// phone change elsewhere, so a search never goes stale. Not a patient: nothing to do.
func (s *Service) RefreshKeys(ctx context.Context, q db.Querier, userID int64) error {
	var first, last, phone string
	err := q.QueryRow(ctx, "SELECT first_name, last_name, phone FROM users WHERE id = ?", userID).Scan(&first, &last, &phone)
	if err != nil {
		return err
	}
	_, err = q.Exec(ctx, "UPDATE patient_profiles SET first_key = ?, last_key = ?, phone_key = ? WHERE user_id = ?",
		nameKey(first), nameKey(last), phoneKey(phone), userID)
	return err
}
