package openapi

import (
	"encoding"
	"encoding/json"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Describer is implemented by types whose JSON form reflection cannot see, such as money
// written as a decimal string or a date without a time. Its result is used as is.
type Describer interface {
	JSONSchema() map[string]any
}

var (
	describerType     = reflect.TypeFor[Describer]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	timeType          = reflect.TypeFor[time.Time]()
	rawMessageType    = reflect.TypeFor[json.RawMessage]()
	numberType        = reflect.TypeFor[json.Number]()
)

// schemas turns Go types into JSON Schemas that describe what encoding/json writes and
// reads for them. Named struct types become shared components referred to by $ref, so a
// type used by many operations is described once.
type schemas struct {
	defs  map[string]Schema       // component name → schema
	names map[reflect.Type]string // struct type → its component name
}

func newSchemas() *schemas {
	return &schemas{defs: map[string]Schema{}, names: map[reflect.Type]string{}}
}

// of describes values of type t.
func (g *schemas) of(t reflect.Type) Schema {
	if t.Kind() == reflect.Pointer {
		return nullable(g.of(t.Elem()))
	}
	if s, ok := describe(t); ok {
		return s
	}
	switch t {
	case timeType:
		return Schema{"type": "string", "format": "date-time"}
	case rawMessageType:
		return Schema{}
	case numberType:
		return Schema{"type": "number"}
	}
	ptr := reflect.PointerTo(t)
	if t.Implements(jsonMarshalerType) || ptr.Implements(jsonMarshalerType) {
		// Its JSON form is its own business: claim nothing rather than guess wrong.
		return Schema{}
	}
	if t.Implements(textMarshalerType) || ptr.Implements(textMarshalerType) {
		return Schema{"type": "string"}
	}
	switch t.Kind() {
	case reflect.Bool:
		return Schema{"type": "boolean"}
	case reflect.Int8, reflect.Int16, reflect.Int32:
		return Schema{"type": "integer", "format": "int32"}
	case reflect.Int, reflect.Int64:
		return Schema{"type": "integer", "format": "int64"}
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint, reflect.Uint64, reflect.Uintptr:
		return Schema{"type": "integer", "minimum": 0}
	case reflect.Float32:
		return Schema{"type": "number", "format": "float"}
	case reflect.Float64:
		return Schema{"type": "number", "format": "double"}
	case reflect.String:
		return Schema{"type": "string"}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return Schema{"type": "string", "contentEncoding": "base64"}
		}
		return Schema{"type": "array", "items": g.of(t.Elem())}
	case reflect.Array:
		return Schema{"type": "array", "items": g.of(t.Elem()), "minItems": t.Len(), "maxItems": t.Len()}
	case reflect.Map:
		if t.Elem().Kind() == reflect.Interface {
			return Schema{"type": "object"}
		}
		return Schema{"type": "object", "additionalProperties": g.of(t.Elem())}
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		return g.ref(t)
	}
	// Interfaces hold anything; channels and functions cannot be encoded.
	return Schema{}
}

// describe asks a Describer type for its schema.
func describe(t reflect.Type) (Schema, bool) {
	if !reflect.PointerTo(t).Implements(describerType) {
		return nil, false
	}
	return Schema(reflect.New(t).Interface().(Describer).JSONSchema()), true
}

// ref registers a named struct as a component and refers to it. The name is taken
// before the fields are described so that recursive types terminate.
func (g *schemas) ref(t reflect.Type) Schema {
	name, ok := g.names[t]
	if !ok {
		name = g.componentName(t)
		g.names[t] = name
		g.defs[name] = nil // taken; described next
		g.defs[name] = g.object(t)
	}
	return Schema{"$ref": "#/components/schemas/" + name}
}

// typeArgPath matches the package path that reflection writes in front of each type
// argument of a generic type's name.
var typeArgPath = regexp.MustCompile(`[\w./-]*/`)

// componentName is "package.Type" (departments.Department): short, stable across builds,
// and distinct for the Input and Message types that many modules define. Should two
// packages share a last path element, the later type gets its full import path.
func (g *schemas) componentName(t reflect.Type) string {
	pkg := t.PkgPath()
	name := typeArgPath.ReplaceAllString(t.Name(), "")
	name = strings.NewReplacer("[", "_", "]", "", ",", "_", "*", "", " ", "").Replace(name)
	short := pkg[strings.LastIndexByte(pkg, '/')+1:] + "." + name
	if _, taken := g.defs[short]; !taken {
		return short
	}
	return strings.ReplaceAll(pkg, "/", ".") + "." + name
}

// object describes a struct as encoding/json sees it: exported fields under their json
// names, embedded structs' fields promoted, "-" fields left out. A field is required
// when it is always written and a reader cannot tell it was absent: it is neither a
// pointer nor omitempty/omitzero.
func (g *schemas) object(t reflect.Type) Schema {
	props := Schema{}
	var required []string
	seen := map[string]bool{}
	g.fields(t, props, &required, seen)
	s := Schema{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// fields adds t's fields to props. seen holds the names already taken by shallower
// fields, which win over promoted ones as they do in encoding/json.
func (g *schemas) fields(t reflect.Type, props Schema, required *[]string, seen map[string]bool) {
	var embedded []reflect.Type
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				embedded = append(embedded, ft)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		s := g.of(ft)
		if hasOpt(opts, "string") && isScalar(ft) {
			s = Schema{"type": "string"}
		}
		props[name] = s
		if ft.Kind() != reflect.Pointer && !hasOpt(opts, "omitempty") && !hasOpt(opts, "omitzero") {
			*required = append(*required, name)
		}
	}
	for _, et := range embedded {
		g.fields(et, props, required, seen)
	}
}

func hasOpt(opts, want string) bool {
	return slices.Contains(strings.Split(opts, ","), want)
}

// isScalar reports the kinds that the ",string" option quotes.
func isScalar(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// nullable also admits null, in OpenAPI 3.1's way: "null" joins the type list. A schema
// without a plain type (a $ref, an enum) is wrapped in anyOf instead, and the empty
// schema already admits everything.
func nullable(s Schema) Schema {
	if len(s) == 0 {
		return s
	}
	_, hasEnum := s["enum"]
	_, hasConst := s["const"]
	if t, ok := s["type"].(string); ok && !hasEnum && !hasConst {
		out := Schema{}
		for k, v := range s {
			out[k] = v
		}
		out["type"] = []string{t, "null"}
		return out
	}
	return Schema{"anyOf": []Schema{s, {"type": "null"}}}
}
