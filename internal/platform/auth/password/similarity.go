package password

import (
	"strings"
	"unicode"
)

// maxSimilarity is Django's UserAttributeSimilarityValidator default threshold.
const maxSimilarity = 0.7

// similarAttribute reports the first attribute, by Django's verbose field name, that pw is too
// similar to. As in Django, the lowercased password is compared with each lowercased
// attribute and with every part of it between runs of non-word characters (so both
// "lilyjohns" and "example" of "lilyjohns@example.com"), and a pair is too similar when
// difflib's quick_ratio reaches maxSimilarity. Go's lowercasing and Unicode classes differ
// from Python's in a few rare characters.
func similarAttribute(pw string, attrs UserAttrs) (field string, found bool) {
	password := []rune(strings.ToLower(pw))
	for _, attr := range []struct{ value, field string }{
		{attrs.Username, "username"},
		{attrs.FirstName, "first name"},
		{attrs.LastName, "last name"},
		{attrs.Email, "email address"},
	} {
		if attr.value == "" {
			continue
		}
		value := strings.ToLower(attr.value)
		for _, part := range append(splitNonWord(value), value) {
			p := []rune(part)
			if exceedsMaxLengthRatio(password, p) {
				continue
			}
			if quickRatio(password, p) >= maxSimilarity {
				return attr.field, true
			}
		}
	}
	return "", false
}

// exceedsMaxLengthRatio is Django's shortcut (exceeds_maximum_length_ratio, added in 2.2.26,
// 3.2.11 and 4.0.1 for CVE-2021-45115 and unchanged since): skip a part when the password is
// at least ten times as long and the part is shorter than maxSimilarity/2 of the password.
// quick_ratio is at most 2·len(part)/(len(pw)+len(part)) ≤ 2/11 there, so with our threshold
// the skip never changes a verdict; it only bounds the work a very long password causes.
func exceedsMaxLengthRatio(pw, part []rune) bool {
	n, v := len(pw), len(part)
	return n >= 10*v && float64(v) < maxSimilarity/2*float64(n)
}

// quickRatio is Python's difflib.SequenceMatcher(a=a, b=b).quick_ratio(): 2·M/T, where T is
// the total length and M the number of elements the two share, counted as a multiset
// intersection (each element of b can match once) without regard to order. It is an upper
// bound on ratio(), cheap to compute; Django uses it alone. Two empty sequences count as
// identical.
func quickRatio(a, b []rune) float64 {
	total := len(a) + len(b)
	if total == 0 {
		return 1
	}
	available := make(map[rune]int, len(b))
	for _, r := range b {
		available[r]++
	}
	matches := 0
	for _, r := range a {
		if available[r] > 0 {
			available[r]--
			matches++
		}
	}
	return 2 * float64(matches) / float64(total)
}

// splitNonWord splits s at runs of non-word characters as Python's re.split(r"\W+", s) does,
// keeping the empty string a leading or trailing run leaves. Only an empty password can be
// similar to an empty part; Django then reports it (next to "too short"), and so do we.
func splitNonWord(s string) []string {
	var parts []string
	start, inSeparator := 0, false
	for i, r := range s {
		switch {
		case isWordRune(r) && inSeparator:
			start, inSeparator = i, false
		case !isWordRune(r) && !inSeparator:
			parts = append(parts, s[start:i])
			inSeparator = true
		}
	}
	if inSeparator {
		start = len(s)
	}
	return append(parts, s[start:])
}

// isWordRune is Python's Unicode \w: letters, numbers and the underscore.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_'
}
