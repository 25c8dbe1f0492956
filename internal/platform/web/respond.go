// Package web is the HTTP platform: the router that ties every route to a permission and
// its API documentation, the middleware chain, and the one place where errors, JSON and
// pagination take the original API's shapes.
package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"healthsynx/internal/platform/errs"
)

// The original API's fixed messages.
const (
	MsgNotAuthenticated = "Authentication credentials were not provided."
	MsgForbidden        = "You do not have permission to perform this action."
	MsgNotFound         = "Not found."
	MsgServerError      = "A server error occurred."
	MsgInvalidPage      = "Invalid page."
)

// JSON writes v with the status code.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v == nil {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// Detail writes {"detail": msg}.
func Detail(w http.ResponseWriter, status int, msg string) {
	JSON(w, status, map[string]string{"detail": msg})
}

// NoContent answers 204 with an empty body.
func NoContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// StatusOf maps an error kind to its HTTP status.
func StatusOf(k errs.Kind) int {
	switch k {
	case errs.Invalid:
		return http.StatusBadRequest
	case errs.NotFound:
		return http.StatusNotFound
	case errs.Unauthenticated:
		return http.StatusUnauthorized
	case errs.Forbidden:
		return http.StatusForbidden
	case errs.Conflict:
		return http.StatusBadRequest // the original answers clashes (duplicates, wrong state) with 400
	case errs.TooManyRequests:
		return http.StatusTooManyRequests
	case errs.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// StatusClientClosedRequest is the status recorded for a request its client abandoned
// before the answer (nginx's 499): the client never sees it.
const StatusClientClosedRequest = 499

// ClientGone reports whether err is only the request's context ending because its
// client went away.
func ClientGone(r *http.Request, err error) bool {
	return errors.Is(err, context.Canceled) && errors.Is(r.Context().Err(), context.Canceled)
}

// Error renders err as the original API did. Internal errors are logged with the request
// id and shown only as a generic message.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	if ClientGone(r, err) {
		// Nobody will read the answer; the work was rolled back with the request's
		// context. Not a server error: logged quietly and counted apart.
		slog.InfoContext(r.Context(), "request abandoned by the client", "request_id", RequestID(r.Context()), "method", r.Method, "path", r.URL.Path)
		w.WriteHeader(StatusClientClosedRequest)
		return
	}
	var e *errs.Error
	if !errors.As(err, &e) || e.Kind == errs.Internal {
		slog.ErrorContext(r.Context(), "request failed", "err", err, "request_id", RequestID(r.Context()), "method", r.Method, "path", r.URL.Path)
		JSON(w, http.StatusInternalServerError, map[string]string{"detail": MsgServerError, "request_id": RequestID(r.Context())})
		return
	}
	status := StatusOf(e.Kind)
	switch e.Kind {
	case errs.Unauthenticated:
		w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
	case errs.TooManyRequests:
		if e.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(e.RetryAfter))
		}
	}
	if len(e.Fields) > 0 && e.Message == "" {
		JSON(w, status, e.Fields)
		return
	}
	msg := e.Message
	if msg == "" {
		msg = defaultMessage(e.Kind)
	}
	key := e.Key
	if key == "" {
		key = "detail"
	}
	body := map[string]any{key: msg}
	if e.Code != "" {
		body["code"] = e.Code
	}
	for f, m := range e.Fields {
		body[f] = m
	}
	JSON(w, status, body)
}

func defaultMessage(k errs.Kind) string {
	switch k {
	case errs.NotFound:
		return MsgNotFound
	case errs.Unauthenticated:
		return MsgNotAuthenticated
	case errs.Forbidden:
		return MsgForbidden
	case errs.TooManyRequests:
		return "Request was throttled."
	case errs.Unavailable:
		return "Service temporarily unavailable."
	}
	return "Invalid input."
}

// maxJSONBody bounds a JSON request body unless the route sets its own limit.
const maxJSONBody = 1 << 20

// Decode reads a JSON (or, for simple flat bodies, form-encoded) request body into v.
// A malformed body or a value of the wrong type is an Invalid error naming the field.
func Decode(r *http.Request, v any) error {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/x-www-form-urlencoded" || ct == "multipart/form-data" {
		return decodeForm(r, v)
	}
	if ct != "" && ct != "application/json" {
		return &errs.Error{Kind: errs.Invalid, Message: fmt.Sprintf("Unsupported media type %q in request.", ct)}
	}
	body := http.MaxBytesReader(nil, r.Body, maxJSONBody)
	dec := json.NewDecoder(body)
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errs.E(errs.Invalid, "JSON parse error - extra data after the JSON value.")
	}
	return nil
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return errs.Field("non_field_errors", "Invalid data. Expected a dictionary, but got "+jsonKind(typeErr.Value)+".")
		}
		return errs.Field(field, expectedMessage(typeErr.Type.Kind().String(), typeErr.Value))
	case errors.As(err, &syntaxErr):
		return errs.E(errs.Invalid, fmt.Sprintf("JSON parse error - invalid syntax at byte %d.", syntaxErr.Offset))
	case errors.As(err, &maxErr):
		return &errs.Error{Kind: errs.Invalid, Message: fmt.Sprintf("Request body is larger than %d bytes.", maxErr.Limit)}
	case errors.Is(err, io.EOF):
		return errs.E(errs.Invalid, "JSON parse error - the request body is empty.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errs.E(errs.Invalid, "JSON parse error - the request body ends too early.")
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return errs.Field(fe.Field, fe.Message)
	}
	return errs.E(errs.Invalid, "JSON parse error - "+err.Error())
}

// FieldError lets a custom JSON type (a date, an amount) reject a value with a message
// the client can read; Decode reports it under the field name.
type FieldError struct{ Field, Message string }

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

func jsonKind(v string) string {
	switch v {
	case "array":
		return "list"
	case "string":
		return "str"
	case "number":
		return "int"
	case "bool":
		return "bool"
	}
	return v
}

func expectedMessage(goKind, got string) string {
	switch {
	case strings.HasPrefix(goKind, "int"), strings.HasPrefix(goKind, "uint"):
		return MsgInteger
	case strings.HasPrefix(goKind, "float"):
		return "A valid number is required."
	case goKind == "bool":
		return "Must be a valid boolean."
	case goKind == "string":
		return "Not a valid string."
	case goKind == "slice":
		return fmt.Sprintf("Expected a list of items but got type \"%s\".", jsonKind(got))
	}
	return "Invalid value."
}

// decodeForm maps form fields onto the JSON field names of v: each value is tried as the
// JSON literal it spells (number, true/false, null) and otherwise taken as a string.
func decodeForm(r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(nil, r.Body, maxJSONBody)
	if err := r.ParseMultipartForm(maxJSONBody); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		if err := r.ParseForm(); err != nil {
			return errs.E(errs.Invalid, "Malformed form body.")
		}
	}
	m := map[string]json.RawMessage{}
	for k, vals := range r.PostForm {
		if len(vals) == 0 {
			continue
		}
		raw := vals[len(vals)-1]
		if json.Valid([]byte(raw)) && !strings.HasPrefix(strings.TrimSpace(raw), "\"") && raw != "" {
			m[k] = json.RawMessage(raw)
		} else {
			b, _ := json.Marshal(raw)
			m[k] = b
		}
	}
	b, _ := json.Marshal(m)
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	return nil
}

// PathID parses the {name} path value as a positive integer id; anything else is 404,
// as the original answered.
func PathID(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, MsgNotFound)
	}
	return id, nil
}

// Handle makes the handler of a JSON route that is one call: it decodes the body into
// an In (field-named errors), passes it to do, and answers status with do's result, or
// renders do's error.
func Handle[In, Out any](status int, do func(r *http.Request, in In) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in In
		if err := Decode(r, &in); err != nil {
			Error(w, r, err)
			return
		}
		out, err := do(r, in)
		answer(w, r, status, out, err)
	}
}

// HandleID is Handle for a route with an {id} in its path: an id that is not one is
// 404 before the body is read.
func HandleID[In, Out any](status int, do func(r *http.Request, id int64, in In) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := PathID(r, "id")
		var in In
		if err == nil {
			err = Decode(r, &in)
		}
		if err != nil {
			Error(w, r, err)
			return
		}
		out, err := do(r, id, in)
		answer(w, r, status, out, err)
	}
}

func answer(w http.ResponseWriter, r *http.Request, status int, out any, err error) {
	if err != nil {
		Error(w, r, err)
		return
	}
	JSON(w, status, out)
}
