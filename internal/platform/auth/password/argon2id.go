package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
)

// argonParams are the cost parameters of one argon2 hash.
type argonParams struct {
	memoryKiB uint32
	passes    uint32
	lanes     uint8
}

// current are the parameters of new hashes: OWASP's recommended minimum for argon2id
// (19 MiB, 2 passes, 1 lane). Measured on this project's 2-core server (Go 1.26, amd64,
// x/crypto v0.59.0), one hash takes about 20 ms (BenchmarkHash: 18 ms). OWASP's equivalent
// 46 MiB with 1 pass takes 30 ms; 64 MiB takes 43 ms with one pass and 70 ms with two, and
// would more than triple the memory each concurrent login holds. More lanes only spread the
// same work over cores that a loaded server does not have spare. Changing these values makes
// Verify ask for a rehash of older hashes, so accounts move to the new setting as their users
// sign in.
var current = argonParams{memoryKiB: 19 * 1024, passes: 2, lanes: 1}

const (
	saltLen = 16 // bytes, as RFC 9106 recommends
	keyLen  = 32 // bytes
)

// Bounds on the hashes Verify will compute. They sit far above any hash a real system writes
// and far below what would let one corrupt row exhaust memory or hold a core for minutes.
const (
	maxArgonMemoryKiB = 256 * 1024
	maxArgonPasses    = 16
	maxArgonLanes     = 64
	minArgonSalt      = 8 // the argon2 specification's minimum
	maxArgonSalt      = 64
	minArgonKey       = 16 // argon2-cffi's default, which Django uses
	maxArgonKey       = 64
)

// b64 is the PHC string format's base64: standard alphabet, no padding.
var b64 = base64.RawStdEncoding

// argonVersion is the version field of every hash we accept; x/crypto implements only 1.3.
var argonVersion = fmt.Sprintf("v=%d", argon2.Version)

// argonSlots bounds how many argon2 computations run at once. Each holds its whole memory
// cost (19 MiB for ours, 100 MiB for Django's defaults) until it ends, so a burst of logins
// would otherwise allocate in proportion to the burst. The work is CPU-bound, so one slot per
// core costs no throughput; extra callers wait their turn.
var argonSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// idKey is argon2.IDKey, a variable so that a test can count the computations Verify makes.
var idKey = argon2.IDKey

func argon2idKey(pw string, salt []byte, p argonParams, n int) []byte {
	argonSlots <- struct{}{}
	defer func() { <-argonSlots }()
	return idKey([]byte(pw), salt, p.passes, p.memoryKiB, p.lanes, uint32(n)) // #nosec G115 -- n ≤ maxArgonKey
}

// Hash returns an argon2id hash of pw with a fresh random salt, in the form Verify reads.
func Hash(pw string) (string, error) {
	if pw == "" {
		return "", ErrEmptyPassword
	}
	return hashWith(pw, current), nil
}

func hashWith(pw string, p argonParams) string {
	salt := make([]byte, saltLen)
	rand.Read(salt) // never fails: crypto/rand aborts the program rather than return short
	h := argonHash{params: p, salt: salt, key: argon2idKey(pw, salt, p, keyLen)}
	return "argon2id$" + h.encode()
}

// verifyArgon2id checks body, an argon2id hash after its "argon2id$". A hash is stale when
// any of its parameters differs from current, so that tuning in either direction reaches
// every account.
func verifyArgon2id(body, pw string) (ok, stale bool, err error) {
	h, err := parseArgon2(body)
	if err != nil {
		return false, false, err
	}
	got := argon2idKey(pw, h.salt, h.params, len(h.key))
	ok = subtle.ConstantTimeCompare(got, h.key) == 1
	stale = h.params != current || len(h.salt) != saltLen || len(h.key) != keyLen
	return ok, stale, nil
}

type argonHash struct {
	params    argonParams
	salt, key []byte
}

// encode writes h as parseArgon2 reads it.
func (h argonHash) encode() string {
	return fmt.Sprintf("%s$m=%d,t=%d,p=%d$%s$%s", argonVersion, h.params.memoryKiB, h.params.passes,
		h.params.lanes, b64.EncodeToString(h.salt), b64.EncodeToString(h.key))
}

// parseArgon2 reads "v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<key>", the part after the
// variant name that our hashes share with Django's.
func parseArgon2(body string) (argonHash, error) {
	fields := strings.Split(body, "$")
	if len(fields) != 4 {
		return argonHash{}, malformed("argon2: want 4 fields")
	}
	if fields[0] != argonVersion {
		return argonHash{}, malformed("argon2: unsupported version")
	}
	params, err := parseArgonParams(fields[1])
	if err != nil {
		return argonHash{}, err
	}
	salt, err := decodeCanonical(b64, fields[2])
	if err != nil || len(salt) < minArgonSalt || len(salt) > maxArgonSalt {
		return argonHash{}, malformed("argon2: bad salt")
	}
	key, err := decodeCanonical(b64, fields[3])
	if err != nil || len(key) < minArgonKey || len(key) > maxArgonKey {
		return argonHash{}, malformed("argon2: bad key")
	}
	return argonHash{params: params, salt: salt, key: key}, nil
}

// parseArgonParams reads "m=<KiB>,t=<passes>,p=<lanes>" in that order, the only order
// libargon2 and we write.
func parseArgonParams(s string) (argonParams, error) {
	var values [3]uint64
	parts := strings.Split(s, ",")
	if len(parts) != len(values) {
		return argonParams{}, malformed("argon2: want m, t and p")
	}
	for i, name := range []string{"m=", "t=", "p="} {
		digits, found := strings.CutPrefix(parts[i], name)
		v, ok := parseCanonicalUint(digits)
		if !found || !ok {
			return argonParams{}, malformed("argon2: bad " + name[:1])
		}
		values[i] = v
	}
	m, t, p := values[0], values[1], values[2]
	// The specification asks for at least 8 KiB per lane; x/crypto would silently round up.
	if p < 1 || p > maxArgonLanes || t < 1 || t > maxArgonPasses || m < 8*p || m > maxArgonMemoryKiB {
		return argonParams{}, malformed("argon2: parameters out of range")
	}
	return argonParams{memoryKiB: uint32(m), passes: uint32(t), lanes: uint8(p)}, nil
}
