package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strconv"
)

// genesis is the prev_hash of the first event (and the head of an empty log).
const genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// chainVersion starts every hashed encoding, so that a future change of the encoding can
// be told apart from tampering.
const chainVersion = "healthsynx-audit-v1"

// hashTime is the timestamp layout inside the hash: UTC, always six fractional digits,
// the precision every engine stores.
const hashTime = "2006-01-02T15:04:05.000000Z"

// chainHash is the hex SHA-256 of the event at position seq following prevHash. Each
// value is written as its byte length and its bytes, in a fixed order, so that no two
// different events share an encoding whatever characters their fields hold. Changing
// this function breaks every chain already stored.
func chainHash(seq int64, e Event, prevHash string) string {
	h := sha256.New()
	for _, v := range []string{
		chainVersion,
		strconv.FormatInt(seq, 10),
		e.At.UTC().Format(hashTime),
		optionalID(e.ActorID),
		e.ActorUsername,
		string(e.ActorRole),
		string(e.Action),
		e.ObjectType,
		e.ObjectID,
		optionalID(e.PatientID),
		string(e.Outcome),
		e.ClientIP,
		e.RequestID,
		e.Detail,
		prevHash,
	} {
		writeField(h, v)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeField(h hash.Hash, v string) {
	h.Write(strconv.AppendInt(nil, int64(len(v)), 10))
	h.Write([]byte{':'})
	h.Write([]byte(v))
}

// optionalID encodes a nullable id: "" for none, which no real id spells.
func optionalID(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}
