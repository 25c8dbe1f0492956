package password

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestHashRoundTrips(t *testing.T) {
	for _, pw := range []string{seedPassword, "x", "pässwörd with spaces ✓", strings.Repeat("long", 300)} {
		encoded, err := Hash(pw)
		if err != nil {
			t.Fatalf("Hash(%q): %v", pw, err)
		}
		ok, rehash, err := Verify(encoded, pw)
		if !ok || rehash || err != nil {
			t.Errorf("Verify(Hash(%q)) = %v, %v, %v; want true, false, nil", pw, ok, rehash, err)
		}
		if ok, _, _ := Verify(encoded, pw+"!"); ok {
			t.Errorf("Verify(Hash(%q), wrong password) = true", pw)
		}
	}
}

func TestHashWritesCurrentParameters(t *testing.T) {
	encoded, err := Hash(seedPassword)
	if err != nil {
		t.Fatal(err)
	}
	prefix := fmt.Sprintf("argon2id$v=19$m=%d,t=%d,p=%d$", current.memoryKiB, current.passes, current.lanes)
	if !strings.HasPrefix(encoded, prefix) {
		t.Fatalf("Hash = %q, want prefix %q", encoded, prefix)
	}
	h, err := parseArgon2(strings.TrimPrefix(encoded, "argon2id$"))
	if err != nil {
		t.Fatal(err)
	}
	if len(h.salt) != saltLen || len(h.key) != keyLen {
		t.Errorf("salt %d bytes, key %d bytes; want %d and %d", len(h.salt), len(h.key), saltLen, keyLen)
	}
}

func TestHashSaltsEachHash(t *testing.T) {
	a, errA := Hash(seedPassword)
	b, errB := Hash(seedPassword)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if a == b {
		t.Fatalf("two hashes of one password are equal: %q", a)
	}
}

func TestHashRefusesEmptyPassword(t *testing.T) {
	if encoded, err := Hash(""); !errors.Is(err, ErrEmptyPassword) || encoded != "" {
		t.Fatalf(`Hash("") = %q, %v; want "", ErrEmptyPassword`, encoded, err)
	}
}

// Any parameter other than the current ones asks for a rehash, weaker or not, so that changing
// current reaches every account.
func TestVerifyAsksToRehashOtherArgonParameters(t *testing.T) {
	for _, p := range []argonParams{
		{memoryKiB: 8 * 1024, passes: 1, lanes: 1},
		{memoryKiB: current.memoryKiB, passes: 1, lanes: 1},
		{memoryKiB: current.memoryKiB / 2, passes: current.passes, lanes: current.lanes},
		{memoryKiB: current.memoryKiB, passes: current.passes + 1, lanes: current.lanes},
		{memoryKiB: current.memoryKiB, passes: current.passes, lanes: 2},
	} {
		encoded := hashWith(seedPassword, p)
		if ok, rehash, err := Verify(encoded, seedPassword); !ok || !rehash || err != nil {
			t.Errorf("%+v: Verify = %v, %v, %v; want true, true, nil", p, ok, rehash, err)
		}
		if ok, rehash, err := Verify(encoded, "TestPass123?"); ok || rehash || err != nil {
			t.Errorf("%+v: Verify(wrong) = %v, %v, %v; want false, false, nil", p, ok, rehash, err)
		}
	}
}
