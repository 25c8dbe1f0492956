package password

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrEmptyPassword is returned by Hash: an empty password is never stored.
	ErrEmptyPassword = errors.New("password: empty password")
	// ErrUnknownFormat means a stored hash names no algorithm this package knows.
	ErrUnknownFormat = errors.New("password: unknown hash format")
	// ErrMalformedHash means a stored hash names a known algorithm but cannot be read, or asks
	// for parameters outside the bounds this package will compute.
	ErrMalformedHash = errors.New("password: malformed hash")
)

func malformed(reason string) error {
	return fmt.Errorf("%w: %s", ErrMalformedHash, reason)
}

// unusablePrefix starts Django's marker for an account without a password
// (set_unusable_password): "!" and random characters, which no hash can match.
const unusablePrefix = "!"

// Verify reports whether pw matches the stored hash encoded, and whether the hash should be
// replaced by Hash(pw) now that the password is known: true for every imported Django hash
// and for argon2id hashes made with other parameters than the current ones. needsRehash is
// only ever true together with ok.
//
// An empty pw, an empty encoded or an unusable-password marker never match, and err is nil:
// these are ordinary states of an account. err is ErrUnknownFormat or wraps ErrMalformedHash
// when the stored hash itself is broken; callers should log it and refuse the login.
//
// Every path that does not reach a real hash computation runs DummyVerify instead, so the
// response time does not tell an attacker that an account exists but cannot sign in.
func Verify(encoded, pw string) (ok, needsRehash bool, err error) {
	if pw == "" || encoded == "" || strings.HasPrefix(encoded, unusablePrefix) {
		DummyVerify(pw)
		return false, false, nil
	}
	algorithm, body, _ := strings.Cut(encoded, "$")
	var check func(body, pw string) (ok, stale bool, err error)
	switch algorithm {
	case "argon2id":
		check = verifyArgon2id
	case "argon2":
		check = verifyDjangoArgon2
	case "bcrypt_sha256":
		check = verifyBcryptSHA256
	case "pbkdf2_sha256":
		check = verifyPBKDF2SHA256
	default:
		DummyVerify(pw)
		return false, false, ErrUnknownFormat
	}
	ok, stale, err := check(body, pw)
	if err != nil {
		DummyVerify(pw)
		return false, false, err
	}
	return ok, ok && stale, nil
}

// dummySalt is fixed: DummyVerify's result is thrown away, only its cost matters.
var dummySalt = make([]byte, saltLen)

// DummyVerify does the work of checking pw against a current argon2id hash. Call it
// when a login names no existing user, so that the response time does not reveal whether the
// username exists.
//
// It cannot hide the slower first login of an account that still has an imported bcrypt
// (about 0.2 s) or PBKDF2 hash; that difference lasts only until the account is rehashed.
func DummyVerify(pw string) {
	argon2idKey(pw, dummySalt, current, keyLen)
}
