package demo

import (
	"math/bits"
	"strings"
)

// Identifiers that must be unique (usernames, national ids, passport numbers, mobile
// money references) are made from the row's id by an invertible scramble, so that they
// look random, never repeat between rows or between runs (ids never repeat), and an
// existing value can be traced back to the one id that would make it again (see
// clashes in synthetic_ids.go).

// scramble is the bijection n → (n·mul + add) mod m on [0, m); mul is coprime to m.
type scramble struct {
	mul, add, mod, inv uint64
}

func newScramble(mul, add, mod uint64) scramble {
	return scramble{mul: mul, add: add % mod, mod: mod, inv: inverse(mul, mod)}
}

// mulMod is a·b mod m without overflow.
func mulMod(a, b, m uint64) uint64 {
	hi, lo := bits.Mul64(a%m, b%m)
	_, r := bits.Div64(hi, lo, m)
	return r
}

// inverse is the inverse of a modulo m (a and m coprime), by the extended Euclidean
// algorithm.
func inverse(a, m uint64) uint64 {
	t, newT := int64(0), int64(1)
	r, newR := int64(m), int64(a%m)
	for newR != 0 {
		q := r / newR
		t, newT = newT, t-q*newT
		r, newR = newR, r-q*newR
	}
	if t < 0 {
		t += int64(m)
	}
	return uint64(t)
}

func (s scramble) encode(n uint64) uint64 { return (mulMod(n, s.mul, s.mod) + s.add) % s.mod }

func (s scramble) decode(x uint64) uint64 { return mulMod((x+s.mod-s.add)%s.mod, s.inv, s.mod) }

const base36 = "0123456789abcdefghijklmnopqrstuvwxyz"

// digits writes n in base len(alphabet), left-padded to width.
func digits(n uint64, alphabet string, width int) string {
	b := make([]byte, width)
	base := uint64(len(alphabet))
	for i := width - 1; i >= 0; i-- {
		b[i] = alphabet[n%base]
		n /= base
	}
	return string(b)
}

// undigits reads what digits wrote; ok is false for a character outside alphabet.
func undigits(s, alphabet string) (n uint64, ok bool) {
	base := uint64(len(alphabet))
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(alphabet, s[i])
		if d < 0 {
			return 0, false
		}
		n = n*base + uint64(d)
	}
	return n, true
}

// The codes. Widths are chosen so that every id up to patients.MaxMRNID (usernames,
// national ids) or far beyond (references) has its own code.
var (
	// usernameCode is the five lower-case characters after a patient's name. The
	// desk's generated usernames end in four characters, so the two never meet.
	usernameCode = code{newScramble(48_271, 7_654_321, 60_466_176), base36, 5} // 36^5
	// nationalIDCode is a Kenyan national id number: eight digits.
	nationalIDCode = code{newScramble(7_919_993, 20_000_000, 100_000_000), "0123456789", 8}
	// passportCode is the seven digits of a foreign patient's passport, after "A".
	passportCode = code{newScramble(3_571_429, 1_234_567, 10_000_000), "0123456789", 7}
	// mobileMoneyCode is the nine characters of a mobile money transaction code after
	// its leading letter.
	mobileMoneyCode = code{newScramble(1_000_003, 31_415_926_535, 101_559_956_668_416), strings.ToUpper(base36), 9} // 36^9
)

// code writes the scrambled id in a fixed alphabet and width.
type code struct {
	scramble
	alphabet string
	width    int
}

func (c code) of(id int64) string { return digits(c.encode(uint64(id)), c.alphabet, c.width) }

// id is the id whose code is s; ok is false when s is not such a code.
func (c code) id(s string) (int64, bool) {
	if len(s) != c.width {
		return 0, false
	}
	n, ok := undigits(s, c.alphabet)
	if !ok || n >= c.mod {
		return 0, false
	}
	return int64(c.decode(n)), true
}
