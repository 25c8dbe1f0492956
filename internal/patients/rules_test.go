package patients

import (
	"regexp"
	"strings"
	"testing"
)

func TestUsernameBase(t *testing.T) {
	long := strings.Repeat("a", 200)
	for _, tc := range []struct{ first, last, want string }{
		{"Amina", "Otieno", "amina-otieno"},
		{"José", "Núñez", "jose-nunez"},
		{"Mary Anne", "O'Brien", "mary-anne-obrien"},
		{"  Wanjiru  ", "  wa   Kamau ", "wanjiru-wa-kamau"},
		{"Łukasz", "Straße", "lukasz-strasse"},
		{"--Jean--", "_Luc_", "jean-_luc"},
		{"Ngũgĩ", "wa Thiong'o", "ngugi-wa-thiongo"},
		{"", "", "patient"},
		{"张", "伟", "patient"},
		{"!!!", "???", "patient"},
		{"Kofi", "", "kofi"},
		{"", "Mensah", "mensah"},
		{"Ann3", "B_2", "ann3-b_2"},
		{long, "x", strings.Repeat("a", 145)},
	} {
		if got := usernameBase(tc.first, tc.last); got != tc.want {
			t.Errorf("usernameBase(%q, %q) = %q, want %q", tc.first, tc.last, got, tc.want)
		}
	}
}

func TestWithSuffix(t *testing.T) {
	re := regexp.MustCompile(`^amina-otieno-[A-Za-z0-9]{4}$`)
	seen := map[string]bool{}
	for range 50 {
		s := withSuffix("amina-otieno")
		if !re.MatchString(s) {
			t.Fatalf("withSuffix = %q", s)
		}
		seen[s] = true
	}
	if len(seen) < 45 {
		t.Errorf("50 suffixes gave only %d distinct usernames", len(seen))
	}
}

func TestSearchKeys(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Amina", "amina"},
		{"Mary-Anne", "maryanne"},
		{"O'Brien", "obrien"},
		{"Zoë Ñandú", "zoenandu"},
		{"Øyvind", "oyvind"},
		{"ＡＢＣ", "abc"}, // full-width letters fold to ASCII
		{"张伟", ""},
		{"Kamau2", "kamau2"},
	} {
		if got := nameKey(tc.in); got != tc.want {
			t.Errorf("nameKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"+254 712 345 678", "712345678"},
		{"0712345678", "712345678"},
		{"254712345678", "712345678"},
		{"712-345-678", "712345678"},
		{"(0712) 345 678", "712345678"},
		{"+44 20 7946 0958", "442079460958"},
		{"", ""},
	} {
		if got := phoneKey(tc.in); got != tc.want {
			t.Errorf("phoneKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"ami", "amj"}, {"amz", "an"}, {"a9", "aa"}, {"79", "7a"}, {"zz", ""}, {"az", "b"},
	} {
		if got := nextPrefix(tc.in); got != tc.want {
			t.Errorf("nextPrefix(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMRN(t *testing.T) {
	for _, tc := range []struct {
		id   int64
		want string
	}{
		{1, "HS-0000001-8"}, {42, "HS-0000042-2"}, {1234567, "HS-1234567-4"}, {9999999, "HS-9999999-7"},
	} {
		got, err := newMRN(tc.id)
		if err != nil || got != tc.want {
			t.Errorf("newMRN(%d) = %q, %v; want %q", tc.id, got, err, tc.want)
		}
	}
	for _, id := range []int64{0, -1, 10_000_000} {
		if got, err := newMRN(id); err == nil {
			t.Errorf("newMRN(%d) = %q, want an error", id, got)
		}
	}
	// The check digit catches every single-digit error and a swap of neighbours.
	base := "0012345"
	check := luhnDigit(base)
	for i := range base {
		for d := byte('0'); d <= '9'; d++ {
			if d == base[i] {
				continue
			}
			typo := base[:i] + string(d) + base[i+1:]
			if luhnDigit(typo) == check {
				t.Errorf("typo %s has the check digit of %s", typo, base)
			}
		}
	}
	if luhnDigit("0021345") == check {
		t.Error("swapping 1 and 2 keeps the check digit")
	}
}

func TestMRNRange(t *testing.T) {
	for _, tc := range []struct {
		q, lo, hi string
		ok        bool
	}{
		{"HS-0000042-2", "HS-0000042-2", "HS-0000042-2", true},
		{"hs 0000042", "HS-0000042-0", "HS-0000042-9", true},
		{"HS0001", "HS-0001000-0", "HS-0001999-9", true},
		{"HS-12", "", "", true},        // too few digits to be useful
		{"HS-123456789", "", "", true}, // more digits than an MRN has
		{"Hassan", "", "", false},      // a name
		{"0712345678", "", "", false},  // a phone number
		{" hs-000-00-42 ", "HS-0000042-0", "HS-0000042-9", true},
	} {
		lo, hi, ok := mrnRange(tc.q)
		if lo != tc.lo || hi != tc.hi || ok != tc.ok {
			t.Errorf("mrnRange(%q) = %q, %q, %v; want %q, %q, %v", tc.q, lo, hi, ok, tc.lo, tc.hi, tc.ok)
		}
	}
}
