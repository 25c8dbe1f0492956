// Package errs defines the structured errors every layer returns. A kind says what went
// wrong in terms a client can act on; the web layer maps each kind to one HTTP status, once.
package errs

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies an error for the caller.
type Kind int

const (
	Internal        Kind = iota // unexpected; logged, shown to clients as a generic message
	Invalid                     // the request is malformed or fails validation
	NotFound                    // the object does not exist, or the caller may not know it exists
	Unauthenticated             // no or bad credentials
	Forbidden                   // authenticated, but not allowed
	Conflict                    // the request clashes with the current state (duplicate, wrong status)
	TooManyRequests             // throttled
	Unavailable                 // a dependency is down
)

func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid"
	case NotFound:
		return "not_found"
	case Unauthenticated:
		return "unauthenticated"
	case Forbidden:
		return "forbidden"
	case Conflict:
		return "conflict"
	case TooManyRequests:
		return "too_many_requests"
	case Unavailable:
		return "unavailable"
	}
	return "internal"
}

// Error is the structured error. Message is safe to show to a client; Err is the cause,
// which is logged but never shown.
type Error struct {
	Kind    Kind
	Op      string              // the operation that failed, e.g. "departments.Create"
	Message string              // client-facing message (for detail / error bodies)
	Key     string              // response key for Message: "detail" (default) or "error", as the original used
	Code    string              // machine-readable code, rendered as "code" (e.g. token_not_valid)
	Fields  map[string][]string // field errors, rendered as {"field": ["message"]}
	Err     error
	// RetryAfter is the number of seconds a throttled client should wait.
	RetryAfter int
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString(e.Kind.String())
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if len(e.Fields) > 0 {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, " [%s: %s]", k, strings.Join(e.Fields[k], "; "))
		}
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an error of a kind with a client-facing message.
func E(kind Kind, msg string) *Error { return &Error{Kind: kind, Message: msg} }

// Wrap marks an unexpected failure of op; the cause is kept for the log only.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Kind: Internal, Op: op, Err: err}
}

// NotFoundf is the usual 404.
func NotFoundf(format string, a ...any) *Error {
	return &Error{Kind: NotFound, Message: fmt.Sprintf(format, a...)}
}

// KindOf reports the kind of err; errors that are not *Error are Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Is reports whether err is an *Error of kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// Fields collects field validation errors.
type Fields map[string][]string

// Add records a message for a field.
func (f Fields) Add(field, msg string) { f[field] = append(f[field], msg) }

// Has reports whether a field already has an error.
func (f Fields) Has(field string) bool { return len(f[field]) > 0 }

// Err returns an Invalid error carrying the fields, or nil if there are none.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Fields: map[string][]string(f)}
}

// Field is a shortcut for a single field error.
func Field(field, msg string) error {
	return &Error{Kind: Invalid, Fields: map[string][]string{field: {msg}}}
}
