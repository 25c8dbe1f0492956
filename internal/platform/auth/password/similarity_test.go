package password

import (
	"slices"
	"strings"
	"testing"
)

// The expected ratios are Python 3.11's difflib.SequenceMatcher(a=a, b=b).quick_ratio().
func TestQuickRatio(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"", "", 1},
		{"a", "", 0},
		{"", "a", 0},
		{"abc", "abc", 1},
		{"abc", "cba", 1},
		{"abcd", "bcde", 0.75},
		{"aab", "abb", 0.6666666666666666},
		{"lilyjohns2025", "lilyjohns", 0.8181818181818182},
		{"testpass123!", "example", 0.3157894736842105},
		{"ünï", "nü", 0.8},
		{"aaaa", strings.Repeat("a", 40), 0.18181818181818182},
		{"privet", "привет", 0},
	}
	for _, tt := range tests {
		if got := quickRatio([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("quickRatio(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// The expected parts are Python's re.split(r"\W+", s).
func TestSplitNonWord(t *testing.T) {
	tests := []struct {
		s    string
		want []string
	}{
		{"", []string{""}},
		{"lilyjohns", []string{"lilyjohns"}},
		{"lily.johns@example.com", []string{"lily", "johns", "example", "com"}},
		{"first_last", []string{"first_last"}},
		{"@lily", []string{"", "lily"}},
		{"lily!", []string{"lily", ""}},
		{"a -- b", []string{"a", "b"}},
		{"--", []string{"", ""}},
		{"josé.müller", []string{"josé", "müller"}},
	}
	for _, tt := range tests {
		if got := splitNonWord(tt.s); !slices.Equal(got, tt.want) {
			t.Errorf("splitNonWord(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

// Django's length shortcut only skips pairs that could not reach the threshold anyway.
func TestLengthShortcutSkipsOnlyDissimilarPairs(t *testing.T) {
	skipped := 0
	for n := 0; n <= 60; n++ {
		pw := []rune(strings.Repeat("a", n))
		for v := 0; v <= 10; v++ {
			part := []rune(strings.Repeat("a", v))
			if !exceedsMaxLengthRatio(pw, part) {
				continue
			}
			skipped++
			if r := quickRatio(pw, part); r >= maxSimilarity {
				t.Errorf("skipped a %d-character part of a %d-character password with ratio %v", v, n, r)
			}
		}
	}
	if skipped == 0 {
		t.Fatal("the shortcut never applied")
	}
}
