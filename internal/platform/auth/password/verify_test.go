package password

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

// Every imported format verifies its password, asks for a rehash, and refuses wrong passwords
// that differ only in case or by one trailing character. (bcrypt at cost 12 takes 0.2 s a
// check, so the wrong passwords are few.)
func TestVerifyImportedHashes(t *testing.T) {
	tests := []struct {
		name    string
		encoded string
	}{
		{"seed bcrypt_sha256 one $ short", seedHash},
		{"seed bcrypt_sha256 as Django writes it", strings.Replace(seedHash, "$", "$$", 1)},
		{"Django bcrypt_sha256", djangoBcryptSHA256},
		{"Django pbkdf2_sha256, Django 3.2 iterations", djangoPBKDF2SHA256},
		{"Django pbkdf2_sha256, Django 5.2 iterations", djangoPBKDF2SHA256M},
		{"Django argon2id", djangoArgon2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if ok, rehash, err := Verify(tt.encoded, seedPassword); !ok || !rehash || err != nil {
				t.Errorf("right password: Verify = %v, %v, %v; want true, true, nil", ok, rehash, err)
			}
			for _, wrong := range []string{"testpass123!", "TestPass123!!"} {
				if ok, rehash, err := Verify(tt.encoded, wrong); ok || rehash || err != nil {
					t.Errorf("Verify(%q) = %v, %v, %v; want false, false, nil", wrong, ok, rehash, err)
				}
			}
		})
	}
}

// Accounts without a usable password are an ordinary state, not an error: no match, no error.
func TestVerifyNeverMatchesUnusablePasswords(t *testing.T) {
	current, err := Hash(seedPassword)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, encoded, pw string }{
		{"empty hash", "", seedPassword},
		{"empty hash, empty password", "", ""},
		{"Django unusable marker", "!VvQd8VrlcD2k6xYM3FF2mXx2lE8cRyqY9o2YpNVs", seedPassword},
		{"bare marker", "!", "!"},
		{"marker before a valid hash", "!" + current, seedPassword},
		{"empty password, argon2id hash", current, ""},
		{"empty password, seed hash", seedHash, ""},
	}
	for _, tt := range tests {
		if ok, rehash, err := Verify(tt.encoded, tt.pw); ok || rehash || err != nil {
			t.Errorf("%s: Verify = %v, %v, %v; want false, false, nil", tt.name, ok, rehash, err)
		}
	}
}

// Broken or foreign hashes fail closed, without panicking, and say why through err.
func TestVerifyRefusesMalformedHashes(t *testing.T) {
	const (
		salt     = "c2FsdHNhbHRzYWx0c2FsdA"                      // 16 bytes
		key      = "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U" // 32 bytes
		bcrypt60 = "$2b$12$QiWL4/hI4KsOtY4h217TFOqZ3czfEQn0JjTzNh8e.0gz3wIsnKqXK"
	)
	argon := func(params string) string { return "argon2id$v=19$" + params + "$" + salt + "$" + key }
	tests := []struct {
		encoded string
		want    error
	}{
		{"argon2id", ErrMalformedHash},
		{"argon2id$", ErrMalformedHash},
		{"argon2id$v=19$m=19456,t=2,p=1$" + salt, ErrMalformedHash},
		{argon(("m=19456,t=2,p=1")) + "$extra", ErrMalformedHash},
		{"argon2id$v=16$m=19456,t=2,p=1$" + salt + "$" + key, ErrMalformedHash},
		{"argon2id$m=19456,t=2,p=1$" + salt + "$" + key, ErrMalformedHash},
		{argon("m=0,t=2,p=1"), ErrMalformedHash},
		{argon("m=19456,t=0,p=1"), ErrMalformedHash},
		{argon("m=19456,t=2,p=0"), ErrMalformedHash},
		{argon("m=19456,t=2,p=256"), ErrMalformedHash},
		{argon("m=7,t=1,p=1"), ErrMalformedHash},
		{argon("m=4294967295,t=2,p=1"), ErrMalformedHash},
		{argon("m=99999999999,t=2,p=1"), ErrMalformedHash},
		{argon("m=19456,t=4294967295,p=1"), ErrMalformedHash},
		{argon("m=-1,t=2,p=1"), ErrMalformedHash},
		{argon("m=+19456,t=2,p=1"), ErrMalformedHash},
		{argon("t=2,m=19456,p=1"), ErrMalformedHash},
		{argon("m=19456,t=2"), ErrMalformedHash},
		{argon("m=19456,t=2,p=1,k=1"), ErrMalformedHash},
		{argon("m=19456,t=2,p=1,"), ErrMalformedHash},
		{argon("m=19456;t=2;p=1"), ErrMalformedHash},
		{"argon2id$v=19$m=19456,t=2,p=1$!!!!$" + key, ErrMalformedHash},
		{"argon2id$v=19$m=19456,t=2,p=1$c2FsdA$" + key, ErrMalformedHash}, // 4-byte salt
		{"argon2id$v=19$m=19456,t=2,p=1$" + salt + "$a2V5", ErrMalformedHash},
		{"argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + key + "=", ErrMalformedHash},
		{"argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + key + "\n", ErrMalformedHash},
		{"argon2$argon2i$v=19$m=19456,t=2,p=1$" + salt + "$" + key, ErrMalformedHash},
		{"argon2$argon2d$v=19$m=19456,t=2,p=1$" + salt + "$" + key, ErrMalformedHash},
		{"argon2$argon2id", ErrMalformedHash},
		{"argon2$", ErrMalformedHash},
		{"bcrypt_sha256$", ErrMalformedHash},
		{"bcrypt_sha256$$", ErrMalformedHash},
		{"bcrypt_sha256$$2b$12$short", ErrMalformedHash},
		{"bcrypt_sha256$$" + bcrypt60[:40], ErrMalformedHash},
		{"bcrypt_sha256$$$2b$12$QiWL4/hI4KsOtY4h217TFOqZ3czfEQn0JjTzNh8e.0gz3wIsnKqXK", ErrMalformedHash},
		{"bcrypt_sha256$$2b$31$QiWL4/hI4KsOtY4h217TFOqZ3czfEQn0JjTzNh8e.0gz3wIsnKqXK", ErrMalformedHash},
		{"bcrypt_sha256$$2b$1x$QiWL4/hI4KsOtY4h217TFOqZ3czfEQn0JjTzNh8e.0gz3wIsnKqXK", ErrMalformedHash},
		{"bcrypt_sha256$$3b$12$QiWL4/hI4KsOtY4h217TFOqZ3czfEQn0JjTzNh8e.0gz3wIsnKqXK", ErrMalformedHash},
		{"bcrypt_sha256$$2b$12$Qi!L4/hI4KsOtY4h217TFOqZ3czfEQn0JjTzNh8e.0gz3wIsnKqXK", ErrMalformedHash},
		{"pbkdf2_sha256", ErrMalformedHash},
		{"pbkdf2_sha256$260000$salt", ErrMalformedHash},
		{"pbkdf2_sha256$abc$salt$aQ3Qx+verGCf8zYZNdVg6odGeFphOfikdiyvwu3KD6Q=", ErrMalformedHash},
		{"pbkdf2_sha256$0$salt$aQ3Qx+verGCf8zYZNdVg6odGeFphOfikdiyvwu3KD6Q=", ErrMalformedHash},
		{"pbkdf2_sha256$-1$salt$aQ3Qx+verGCf8zYZNdVg6odGeFphOfikdiyvwu3KD6Q=", ErrMalformedHash},
		{"pbkdf2_sha256$0260000$y9ai1r4TkjW1ftsUk6ft15$aQ3Qx+verGCf8zYZNdVg6odGeFphOfikdiyvwu3KD6Q=", ErrMalformedHash},
		{"pbkdf2_sha256$2147483648$salt$aQ3Qx+verGCf8zYZNdVg6odGeFphOfikdiyvwu3KD6Q=", ErrMalformedHash},
		{"pbkdf2_sha256$260000$$aQ3Qx+verGCf8zYZNdVg6odGeFphOfikdiyvwu3KD6Q=", ErrMalformedHash},
		{"pbkdf2_sha256$260000$salt$not base64", ErrMalformedHash},
		{"pbkdf2_sha256$260000$salt$aQ3Qx+verGCf8zYZNdVg6odGeFphOfikdiyvwu3KD6Q", ErrMalformedHash},
		{"pbkdf2_sha256$260000$salt$0cnvlvWj3Dmc2qm6k8utw45zYsE=", ErrMalformedHash}, // SHA-1 length
		{"pbkdf2_sha256$260000$y9ai1r4TkjW1ftsUk6ft15$aQ3Qx+verGCf8zYZNdVg6odGeFphOfikdiyvwu3KD6Q=$", ErrMalformedHash},
		{"pbkdf2_sha1$260000$LooljkWcldufMIOznh5sGU$0cnvlvWj3Dmc2qm6k8utw45zYsE=", ErrUnknownFormat}, // Django's own, not accepted
		{bcrypt60, ErrUnknownFormat},                                                                 // bare bcrypt, no algorithm name
		{"bcrypt$" + bcrypt60, ErrUnknownFormat},
		{"md5$salt$1c3b5ea6f4d1e4a4e8c6ee1c3d0a8d1f", ErrUnknownFormat},
		{"sha1$salt$7a3c3f1a1d6f2d1f1c1e5b2a7e0c8d1e9f0a1b2c", ErrUnknownFormat},
		{"unsalted_md5$$5f4dcc3b5aa765d61d8327deb882cf99", ErrUnknownFormat},
		{"5f4dcc3b5aa765d61d8327deb882cf99", ErrUnknownFormat},
		{"ARGON2ID$v=19$m=19456,t=2,p=1$" + salt + "$" + key, ErrUnknownFormat},
		{"$", ErrUnknownFormat},
		{"\x00\xff\xfe", ErrUnknownFormat},
		{strings.Repeat("$", 10000), ErrUnknownFormat},
	}
	for _, tt := range tests {
		ok, rehash, err := Verify(tt.encoded, seedPassword)
		if ok || rehash || !errors.Is(err, tt.want) {
			t.Errorf("Verify(%q) = %v, %v, %v; want false, false, %v", tt.encoded, ok, rehash, err, tt.want)
		}
	}
}

// Every way Verify can fail without a hash to check must still compute one argon2id key with
// the current parameters, as DummyVerify does, or login timing would tell which usernames
// exist. Counting the computations, rather than timing them, keeps the test exact on a busy
// machine.
func TestVerifyWorksAsHardWhenNothingCanMatch(t *testing.T) {
	real, err := Hash(seedPassword)
	if err != nil {
		t.Fatal(err)
	}
	var calls []argonParams
	t.Cleanup(func() { idKey = argon2.IDKey })
	idKey = func(pw, salt []byte, passes, memoryKiB uint32, lanes uint8, n uint32) []byte {
		calls = append(calls, argonParams{memoryKiB: memoryKiB, passes: passes, lanes: lanes})
		return argon2.IDKey(pw, salt, passes, memoryKiB, lanes, n)
	}
	for _, tt := range []struct {
		name string
		run  func()
	}{
		{"a real check", func() { Verify(real, "wrong password") }},
		{"DummyVerify", func() { DummyVerify("wrong password") }},
		{"unusable hash", func() { Verify("!unusable", "wrong password") }},
		{"empty hash", func() { Verify("", "wrong password") }},
		{"empty password", func() { Verify(real, "") }},
		{"unknown format", func() { Verify("md5$x$y", "wrong password") }},
		{"malformed argon2id", func() { Verify("argon2id$v=19$junk", "wrong password") }},
		{"malformed bcrypt_sha256", func() { Verify("bcrypt_sha256$$2b$12$junk", "wrong password") }},
		{"malformed pbkdf2_sha256", func() { Verify("pbkdf2_sha256$x", "wrong password") }},
	} {
		calls = nil
		tt.run()
		if !slices.Equal(calls, []argonParams{current}) {
			t.Errorf("%s computed argon2id with %+v, want once with %+v", tt.name, calls, current)
		}
	}
}

// FuzzVerify checks that no input panics, and that the results stay consistent: a rehash is
// only asked for a match, and a broken hash never matches.
func FuzzVerify(f *testing.F) {
	for _, encoded := range []string{
		seedHash, djangoBcryptSHA256, djangoPBKDF2SHA256, djangoArgon2,
		"argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U",
		"", "!", "argon2id$", "bcrypt_sha256$$", "pbkdf2_sha256$1$s$", "$$$$",
	} {
		f.Add(encoded, seedPassword)
	}
	f.Fuzz(func(t *testing.T, encoded, pw string) {
		ok, rehash, err := Verify(encoded, pw)
		if rehash && !ok {
			t.Errorf("Verify(%q, %q) asks to rehash a hash that did not match", encoded, pw)
		}
		if err != nil && ok {
			t.Errorf("Verify(%q, %q) matched and failed: %v", encoded, pw, err)
		}
	})
}

// FuzzParseArgon2 checks that the argon2 parser accepts each hash in one written form only:
// whatever it accepts, it writes back unchanged. It needs no hashing, so it fuzzes quickly.
func FuzzParseArgon2(f *testing.F) {
	f.Add("v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U")
	f.Add(strings.TrimPrefix(djangoArgon2, "argon2$argon2id$"))
	f.Add("v=19$m=019456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U")
	f.Fuzz(func(t *testing.T, body string) {
		h, err := parseArgon2(body)
		if err != nil {
			return
		}
		if again := h.encode(); again != body {
			t.Errorf("parseArgon2 accepted %q, which encodes as %q", body, again)
		}
	})
}
