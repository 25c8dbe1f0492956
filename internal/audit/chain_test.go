package audit

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func sampleEvent() Event {
	return Event{
		At:      time.Date(2025, 3, 1, 8, 30, 0, 123456000, time.UTC),
		ActorID: 4, ActorUsername: "dr.kamau", ActorRole: "doctor",
		Action: ActionView, ObjectType: "patient", ObjectID: "7", PatientID: 7,
		Outcome: Success, ClientIP: "10.0.0.5", RequestID: "abc123", Detail: "opened the chart",
	}
}

// The encoding is part of every stored chain: if this hash changes, logs written by an
// older binary no longer verify. The value was computed outside Go from the documented
// encoding: "<byte length>:<bytes>" for each field in order, then SHA-256.
func TestChainHashIsStable(t *testing.T) {
	const want = "8382dea2bc1106f0387a57e5a67ca2164c24de6fc281758d531c419bfccfd213"
	got := chainHash(1, sampleEvent(), genesis)
	if got != want {
		t.Fatalf("chainHash = %s, want %s: the encoding changed", got, want)
	}
}

// Every field, and every boundary between fields, is covered by the hash.
func TestChainHashCoversEveryField(t *testing.T) {
	base := chainHash(5, sampleEvent(), genesis)
	changes := map[string]func(e *Event){
		"at":             func(e *Event) { e.At = e.At.Add(time.Microsecond) },
		"actor_id":       func(e *Event) { e.ActorID = 0 },
		"actor_username": func(e *Event) { e.ActorUsername += "x" },
		"actor_role":     func(e *Event) { e.ActorRole = "nurse" },
		"action":         func(e *Event) { e.Action = ActionUpdate },
		"object_type":    func(e *Event) { e.ObjectType = "vitals" },
		"object_id":      func(e *Event) { e.ObjectID = "8" },
		"patient_id":     func(e *Event) { e.PatientID = 8 },
		"outcome":        func(e *Event) { e.Outcome = Denied },
		"client_ip":      func(e *Event) { e.ClientIP = "10.0.0.6" },
		"request_id":     func(e *Event) { e.RequestID = "" },
		"detail":         func(e *Event) { e.Detail = "opened the chart." },
		// the same characters split differently between two neighbouring fields
		"field boundary": func(e *Event) { e.ObjectType, e.ObjectID = "patient7", "" },
		// an id written as text in the next field
		"null vs text": func(e *Event) { e.PatientID, e.Outcome = 0, "7success" },
	}
	for name, change := range changes {
		e := sampleEvent()
		change(&e)
		if chainHash(5, e, genesis) == base {
			t.Errorf("changing %s leaves the hash unchanged", name)
		}
	}
	if chainHash(6, sampleEvent(), genesis) == base {
		t.Error("the position (seq) is not covered by the hash")
	}
	if chainHash(5, sampleEvent(), strings.Repeat("1", 64)) == base {
		t.Error("prev_hash is not covered by the hash")
	}
}

func TestNormalize(t *testing.T) {
	e := Event{Action: ActionView, Detail: strings.Repeat("é", maxDetail+10) + "tail",
		ActorUsername: "bad\xffname\x00", At: time.Date(2025, 3, 1, 11, 0, 0, 999, time.FixedZone("EAT", 3*3600))}
	if err := e.normalize(); err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(e.Detail); n != maxDetail {
		t.Errorf("detail has %d characters, want %d", n, maxDetail)
	}
	if e.ActorUsername != "bad\uFFFDname\uFFFD" {
		t.Errorf("username = %q, want invalid bytes and NUL replaced", e.ActorUsername)
	}
	if want := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC); !e.At.Equal(want) || e.At.Location() != time.UTC {
		t.Errorf("at = %v, want %v (UTC, microseconds)", e.At, want)
	}
	if e.Outcome != Success {
		t.Errorf("outcome = %q, want success by default", e.Outcome)
	}
	for name, bad := range map[string]Event{
		"no action":       {},
		"unknown outcome": {Action: ActionView, Outcome: "maybe"},
	} {
		if err := bad.normalize(); err == nil {
			t.Errorf("%s: normalize accepted it", name)
		}
	}
}
