package password

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// The hashes imported from the original Django application. They are always stale: Verify
// asks for each to be replaced by argon2id once its user signs in.

// Bounds on imported hashes, for the same reason as the argon2 bounds: Django writes cost 12
// and at most 1,000,000 iterations (5.2), so these leave room without letting one corrupt row
// hold a core for more than a few seconds.
const (
	maxBcryptCost       = 16
	maxPBKDF2Iterations = 10_000_000
)

// verifyBcryptSHA256 checks Django's BCryptSHA256PasswordHasher hashes. Django runs bcrypt
// over the lowercase hex SHA-256 of the password (which sidesteps bcrypt's 72-byte limit) and
// writes "bcrypt_sha256$" + the bcrypt hash with an empty salt field between:
// "bcrypt_sha256$$2b$12$…". The original's seed file lost one "$", giving
// "bcrypt_sha256$2b$12$…"; Django itself then fails on those rows, but their bcrypt part is
// intact, so both spellings are accepted.
func verifyBcryptSHA256(body, pw string) (ok, stale bool, err error) {
	if !strings.HasPrefix(body, "$") {
		body = "$" + body
	}
	stored := []byte(body)
	cost, err := bcrypt.Cost(stored)
	if err != nil {
		return false, false, malformed("bcrypt_sha256: " + err.Error())
	}
	if cost > maxBcryptCost {
		return false, false, malformed("bcrypt_sha256: cost out of range")
	}
	digest := sha256.Sum256([]byte(pw))
	// CompareHashAndPassword compares in constant time.
	err = bcrypt.CompareHashAndPassword(stored, []byte(hex.EncodeToString(digest[:])))
	switch {
	case err == nil:
		return true, true, nil
	case errors.Is(err, bcrypt.ErrMismatchedHashAndPassword):
		return false, true, nil
	default:
		return false, false, malformed("bcrypt_sha256: " + err.Error())
	}
}

// verifyPBKDF2SHA256 checks Django's PBKDF2PasswordHasher hashes,
// "<iterations>$<salt>$<base64 key>" after "pbkdf2_sha256$". The salt is used as text, and the
// key is as long as a SHA-256 digest. (Django's pbkdf2_sha1 is not accepted: the original's
// hashes are bcrypt_sha256, and PRODUCT.md names only these two imported formats.)
func verifyPBKDF2SHA256(body, pw string) (ok, stale bool, err error) {
	fields := strings.Split(body, "$")
	if len(fields) != 3 {
		return false, false, malformed("pbkdf2: want 3 fields")
	}
	iterations, ok := parseCanonicalUint(fields[0])
	if !ok || iterations < 1 || iterations > maxPBKDF2Iterations {
		return false, false, malformed("pbkdf2: bad iteration count")
	}
	salt := fields[1]
	if salt == "" {
		return false, false, malformed("pbkdf2: empty salt")
	}
	want, err := decodeCanonical(base64.StdEncoding, fields[2])
	if err != nil || len(want) != sha256.Size {
		return false, false, malformed("pbkdf2: bad key")
	}
	got, err := pbkdf2.Key(sha256.New, pw, []byte(salt), int(iterations), sha256.Size)
	if err != nil {
		return false, false, malformed("pbkdf2: " + err.Error())
	}
	return subtle.ConstantTimeCompare(got, want) == 1, true, nil
}

// verifyDjangoArgon2 checks Django's Argon2PasswordHasher hashes, "argon2$argon2id$v=19$…":
// our own encoding behind one more prefix. Django's older argon2i hashes are refused; the
// original never installed argon2-cffi, so it wrote no argon2 hashes of either kind, and this
// path exists only for accounts imported from other Django deployments.
func verifyDjangoArgon2(body, pw string) (ok, stale bool, err error) {
	variant, rest, _ := strings.Cut(body, "$")
	if variant != "argon2id" {
		return false, false, malformed("argon2: unsupported variant")
	}
	ok, _, err = verifyArgon2id(rest, pw)
	return ok, true, err
}
