package web

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"healthsynx/internal/platform/errs"
)

// NonFieldErrors is the key of errors that belong to the whole form, as in the
// API's {"field": ["message"]} bodies.
const NonFieldErrors = "non_field_errors"

// Form is a form shown again after a failed submit: the values as typed and the
// errors per field, in the shape errs.Error.Fields has. The zero value is an
// empty form.
type Form struct {
	Values url.Values
	Errors map[string][]string
}

// Value is what the named field held.
func (f *Form) Value(name string) string {
	if f == nil {
		return ""
	}
	return f.Values.Get(name)
}

// FieldErrors lists the messages of the named field.
func (f *Form) FieldErrors(name string) []string {
	if f == nil {
		return nil
	}
	return f.Errors[name]
}

// Field describes a labelled control for the "field" template.
func (f *Form) Field(name, label string, opts ...string) (Field, error) {
	fd := Field{Name: name, Label: label, Type: "text", Value: f.Value(name), Errors: f.FieldErrors(name)}
	for _, o := range opts {
		key, val, _ := strings.Cut(o, "=")
		switch key {
		case "type":
			fd.Type = val
		case "hint":
			fd.Hint = val
		case "autocomplete":
			fd.Autocomplete = val
		case "required":
			fd.Required = true
		case "blank":
			fd.Blank = val
		default:
			return fd, fmt.Errorf("field %s: unknown option %q", name, o)
		}
	}
	return fd, nil
}

// Select is Field for a drop-down of choices.
func (f *Form) Select(name, label string, choices []Choice, opts ...string) (Field, error) {
	fd, err := f.Field(name, label, opts...)
	fd.Type, fd.Choices = "select", choices
	return fd, err
}

// Field is one labelled control: an input of some type, a "textarea" or a
// "select". Its hint and errors are tied to it with aria-describedby.
type Field struct {
	Name, Label  string
	Type         string
	Value        string
	Hint         string
	Errors       []string
	Required     bool
	Autocomplete string
	Choices      []Choice
	Blank        string // a select's empty choice, "Choose…" unless set (e.g. "All roles")
}

// Choice is one option of a select.
type Choice struct{ Value, Label string }

// ID is the control's id; the label, hint and errors refer to it.
func (f Field) ID() string { return "field-" + f.Name }

// DescribedBy lists the ids of the hint and the errors, for aria-describedby.
func (f Field) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID()+"-hint")
	}
	if len(f.Errors) > 0 {
		ids = append(ids, f.ID()+"-error")
	}
	return strings.Join(ids, " ")
}

// InvalidForm turns a validation error from a service into the form to show again:
// the values as sent, each field's messages beside it, and the error's own message
// at the top. shown lists the fields the page has; messages of any other field also
// go to the top, so that no error is left unseen. It reports false for an error
// that is not a validation error, which the caller renders as an error page.
func InvalidForm(values url.Values, err error, shown ...string) (*Form, bool) {
	var e *errs.Error
	if !errors.As(err, &e) || e.Kind != errs.Invalid {
		return nil, false
	}
	f := &Form{Values: values, Errors: map[string][]string{}}
	if e.Message != "" {
		f.Errors[NonFieldErrors] = append(f.Errors[NonFieldErrors], e.Message)
	}
	for _, name := range slices.Sorted(maps.Keys(e.Fields)) {
		msgs := e.Fields[name]
		if name == NonFieldErrors || slices.Contains(shown, name) {
			f.Errors[name] = append(f.Errors[name], msgs...)
			continue
		}
		for _, m := range msgs {
			f.Errors[NonFieldErrors] = append(f.Errors[NonFieldErrors], name+": "+m)
		}
	}
	return f, true
}
