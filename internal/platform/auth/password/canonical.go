package password

import (
	"encoding/base64"
	"errors"
	"strconv"
)

// The parsers accept each stored hash in exactly one written form, the one Django, libargon2
// and Hash write. A hash spelled differently did not come from them, and refusing it keeps
// "the same hash" and "the same string" one notion.

// decodeCanonical decodes s, refusing any spelling enc would not write: stray bits, padding
// where there is none, line breaks (which Go's decoder otherwise skips).
func decodeCanonical(enc *base64.Encoding, s string) ([]byte, error) {
	b, err := enc.DecodeString(s)
	if err == nil && enc.EncodeToString(b) != s {
		err = errors.New("base64: not in canonical form")
	}
	return b, err
}

// parseCanonicalUint reads a 32-bit decimal number written without sign or leading zeros.
func parseCanonicalUint(s string) (uint64, bool) {
	v, err := strconv.ParseUint(s, 10, 32)
	return v, err == nil && strconv.FormatUint(v, 10) == s
}
