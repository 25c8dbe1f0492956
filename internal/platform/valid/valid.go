// Package valid holds the field checks shared by every module, with the original API's
// messages, so that a field error reads the same wherever it comes from.
package valid

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"

	"healthsynx/internal/platform/errs"
)

const (
	MsgRequired = "This field is required."
	MsgBlank    = "This field may not be blank."
	MsgNull     = "This field may not be null."
	MsgEmail    = "Enter a valid email address."
)

// MaxLenMsg is the message for a string longer than n characters.
func MaxLenMsg(n int) string {
	return fmt.Sprintf("Ensure this field has no more than %d characters.", n)
}

// RequiredString checks a required, non-blank string of at most max characters and
// returns it trimmed. p is nil when the field was absent from the body.
func RequiredString(f errs.Fields, field string, p *string, maxLen int) string {
	if p == nil {
		f.Add(field, MsgRequired)
		return ""
	}
	s := strings.TrimSpace(*p)
	if s == "" {
		f.Add(field, MsgBlank)
		return ""
	}
	MaxLen(f, field, s, maxLen)
	return s
}

// OptionalString trims an optional string and checks its length; absent is "".
func OptionalString(f errs.Fields, field string, p *string, maxLen int) string {
	if p == nil {
		return ""
	}
	s := strings.TrimSpace(*p)
	MaxLen(f, field, s, maxLen)
	return s
}

// MaxLen records an error if s is longer than max characters (0 means unbounded).
func MaxLen(f errs.Fields, field, s string, maxLen int) {
	if maxLen > 0 && utf8.RuneCountInString(s) > maxLen {
		f.Add(field, MaxLenMsg(maxLen))
	}
}

// Email checks an optional email address and returns it trimmed.
func Email(f errs.Fields, field, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		f.Add(field, MsgEmail)
		return s
	}
	MaxLen(f, field, s, 254)
	return s
}

// Choice checks that s is one of the allowed values.
func Choice(f errs.Fields, field, s string, allowed []string) {
	for _, a := range allowed {
		if s == a {
			return
		}
	}
	f.Add(field, fmt.Sprintf("\"%s\" is not a valid choice.", s))
}
