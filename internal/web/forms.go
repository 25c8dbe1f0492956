package web

import (
	"fmt"
	"net/url"
	"strings"
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
