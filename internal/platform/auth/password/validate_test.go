package password

import (
	"slices"
	"testing"
)

const (
	tooShort   = "This password is too short. It must contain at least 8 characters."
	tooCommon  = "This password is too common."
	numeric    = "This password is entirely numeric."
	asUsername = "The password is too similar to the username."
	asLastName = "The password is too similar to the last name."
	asEmail    = "The password is too similar to the email address."
)

// The expected messages are what Django 3.2.25's validate_password returned for the same
// password and user with the four default validators; its validators match Django 5.2's.
func TestValidate(t *testing.T) {
	lily := UserAttrs{"lilyjohns", "Lily", "Johns", "lilyjohns@example.com"}
	paula := UserAttrs{"paulajohns", "Paula", "Johns", "pauljohns@example.com"}
	tests := []struct {
		pw    string
		attrs UserAttrs
		want  []string
	}{
		{"TestPass123!", lily, nil},
		{"Xq7#mPz!", UserAttrs{}, nil},
		{"correct horse battery staple", lily, nil},
		{"Nairobi2025@", UserAttrs{"susanpeters", "Susan", "Peters", "susanpeters@example.com"}, nil},
		{"admin1admin1", UserAttrs{"admin1", "Admin", "One", "admin1@example.com"}, nil},

		{"short", UserAttrs{}, []string{tooShort}},
		{"Sh0rt!x", UserAttrs{}, []string{tooShort}},
		{"", UserAttrs{}, []string{tooShort}},
		{"ünïcödé", UserAttrs{}, []string{tooShort}}, // 7 characters, 11 bytes

		{"password", UserAttrs{}, []string{tooCommon}},
		{"PASSWORD", UserAttrs{}, []string{tooCommon}},
		{"  password  ", UserAttrs{}, []string{tooCommon}},
		{"qwertyuiop", UserAttrs{}, []string{tooCommon}},
		{"iloveyou", UserAttrs{}, []string{tooCommon}},

		{"84736251093", UserAttrs{}, []string{numeric}},
		{"١٢٣٤٥٦٧٨٩", UserAttrs{}, []string{numeric}}, // Arabic-Indic digits
		{"12345678", UserAttrs{}, []string{tooCommon, numeric}},
		{"123", UserAttrs{}, []string{tooShort, tooCommon, numeric}},

		{"lilyjohns", lily, []string{asUsername}},
		{"LilyJohns2025", lily, []string{asUsername}},
		{"johnslily", lily, []string{asUsername}}, // order does not matter to quick_ratio
		{"pauljohns", paula, []string{asUsername}},
		{"pauljohns@example", paula, []string{asUsername}}, // the username is checked first
		{"example.com", lily, []string{asEmail}},           // a part of the address
		{"lilyjohns@example.com", lily, []string{asEmail}},
		{"Kanini2025", UserAttrs{"berylkanini", "Beryl", "Kanini", "berylkanini@example.com"}, []string{asLastName}},
		{"TestPass123!", UserAttrs{Username: "testpass"}, []string{asUsername}},
		{"abcdefghijkl", UserAttrs{Username: "abcdefghi"}, []string{asUsername}},
		{"ünïcödé123", UserAttrs{Username: "Ünïcödé"}, []string{asUsername}},
		{"ohnsj", lily, []string{asUsername, tooShort}},
		{"", UserAttrs{Username: "@lily"}, []string{asUsername, tooShort}},

		{"lily1234", lily, nil},
		{"Lilyyyyy!", UserAttrs{Username: "x", FirstName: "Lily"}, nil},
		{"aaaaaaaaaaaaa", UserAttrs{Username: "a"}, nil},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", UserAttrs{Username: "a"}, nil},
	}
	for _, tt := range tests {
		if got := Validate(tt.pw, tt.attrs); !slices.Equal(got, tt.want) {
			t.Errorf("Validate(%q, %+v) = %q, want %q", tt.pw, tt.attrs, got, tt.want)
		}
	}
}

func TestCommonPasswordList(t *testing.T) {
	set, err := readPasswordList(commonPasswordsGz)
	if err != nil {
		t.Fatal(err)
	}
	// Django's list is 20,000 passwords lowercased and deduplicated.
	if len(set) != 19727 {
		t.Errorf("list has %d passwords, want 19727", len(set))
	}
	for _, pw := range []string{"password", "123456", "qwerty", "letmein", "dragon"} {
		if _, found := set[pw]; !found {
			t.Errorf("%q missing from the list", pw)
		}
	}
	for pw := range set {
		if pw == "" {
			t.Error("the list holds an empty password")
		}
	}
	if _, err := readPasswordList([]byte("not gzip")); err == nil {
		t.Error("readPasswordList accepted data that is not gzip")
	}
}
