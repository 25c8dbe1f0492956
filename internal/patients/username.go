package patients

import (
	"crypto/rand"
	"regexp"
	"strings"
)

// Usernames for patients registered without one, by the original's rule (W-10): the
// slug of "first-last", "patient" when that is empty, and while the name is taken, the
// slug with "-" and four random letters or digits after it.

var (
	slugDrop   = regexp.MustCompile(`[^a-z0-9_\s-]`)
	slugRuns   = regexp.MustCompile(`[-\s]+`)
	suffixChar = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
)

const (
	usernameFallback = "patient"
	usernameMaxLen   = 150
	suffixLen        = 4
)

// usernameBase is the slug of "first-last" as Django's slugify makes it (ASCII-folded,
// lower-cased, only letters, digits, _ and -, runs of spaces and hyphens made one
// hyphen, - and _ trimmed from the ends), or "patient" when nothing is left. It leaves
// room for the suffix within the username's 150 characters.
func usernameBase(first, last string) string {
	s := slugDrop.ReplaceAllString(fold(first+"-"+last), "")
	s = strings.Trim(slugRuns.ReplaceAllString(s, "-"), "-_")
	s = strings.TrimRight(truncate(s, usernameMaxLen-1-suffixLen), "-_")
	if s == "" {
		return usernameFallback
	}
	return s
}

// withSuffix is base, "-" and four random characters from [A-Za-z0-9].
func withSuffix(base string) string {
	b := make([]byte, suffixLen)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (it panics if the system has no randomness)
	for i := range b {
		b[i] = suffixChar[int(b[i])%len(suffixChar)]
	}
	return base + "-" + string(b)
}
