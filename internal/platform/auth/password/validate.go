package password

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// UserAttrs are the account fields a password must not resemble. Empty fields are skipped.
type UserAttrs struct {
	Username  string
	FirstName string
	LastName  string
	Email     string
}

// minLength is Django's MinimumLengthValidator default.
const minLength = 8

// Validate returns the rules pw breaks, as messages to show the user; none means pw is
// acceptable. The rules, their order and their wording are those of Django's four default
// validators (UserAttributeSimilarity, MinimumLength, CommonPassword, Numeric), which the
// original configured but applied only in its HTML forms.
func Validate(pw string, attrs UserAttrs) []string {
	var problems []string
	if field, found := similarAttribute(pw, attrs); found {
		problems = append(problems, "The password is too similar to the "+field+".")
	}
	// Django counts characters (Python's len), not bytes.
	if utf8.RuneCountInString(pw) < minLength {
		problems = append(problems, fmt.Sprintf("This password is too short. It must contain at least %d characters.", minLength))
	}
	if isCommon(pw) {
		problems = append(problems, "This password is too common.")
	}
	if isNumeric(pw) {
		problems = append(problems, "This password is entirely numeric.")
	}
	return problems
}

// isNumeric is Python's str.isdigit(): not empty, and digits only, in any script. Python also
// counts the few digits outside category Nd (superscripts, circled digits); this does not.
func isNumeric(pw string) bool {
	return pw != "" && strings.IndexFunc(pw, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}
