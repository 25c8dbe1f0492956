package openapi

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"slices"
	"strings"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
)

// The reference page reads the document, not the routes, so that it shows exactly what
// the JSON says. These types are what its template needs, worked out in Go so that the
// template stays a layout.

type refPage struct {
	Doc     *Document
	Schemes []refScheme
	Groups  []refGroup
	Schemas []refSchema
}

type refScheme struct{ Name, Kind, Description string }

type refGroup struct {
	Tag string
	Ops []refOp
}

type refOp struct {
	ID, Method, Path, Summary, Description string
	Permission                             string
	Public                                 bool
	Params                                 []refField
	Request                                *refBody
	Responses                              []refResponse
}

type refResponse struct {
	Status, Description string
	Body                *refBody
}

// refBody is a body: its content type, its type in words and, for an object, its fields.
type refBody struct {
	ContentType string
	Type        []typePart
	Fields      []refField
}

type refField struct {
	Name, In    string
	Type        []typePart
	Required    bool
	Description string
}

type refSchema struct {
	Name   string
	Type   []typePart
	Fields []refField
}

// typePart is a piece of a type written in words; Ref names a schema to link to.
type typePart struct{ Text, Ref string }

var referenceTemplate = template.Must(template.New("reference.html").ParseFS(ui, "ui/reference.html"))

func renderReference(doc *Document) ([]byte, error) {
	var buf bytes.Buffer
	if err := referenceTemplate.Execute(&buf, newRefPage(doc)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// serveReference serves /redoc/: the reference page and its stylesheet.
func (d *docs) serveReference(w http.ResponseWriter, r *http.Request) {
	switch r.PathValue("file") {
	case "":
		out, err := d.load()
		if err != nil {
			web.Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(out.reference)
	case "docs.css":
		http.ServeFileFS(w, r, ui, "ui/docs.css")
	default:
		d.rt.NotFound(w, r)
	}
}

// methodOrder is the order operations of one path are listed in; other methods follow,
// by name.
var methodOrder = []string{"get", "post", "put", "patch", "delete"}

func compareMethods(a, b string) int {
	rank := func(m string) int {
		if i := slices.Index(methodOrder, m); i >= 0 {
			return i
		}
		return len(methodOrder)
	}
	return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
}

func newRefPage(doc *Document) refPage {
	page := refPage{Doc: doc}
	for _, name := range slices.Sorted(maps.Keys(doc.Components.SecuritySchemes)) {
		s := doc.Components.SecuritySchemes[name]
		kind := s.Type
		if s.Type == "http" {
			kind = "HTTP " + s.Scheme
		} else if s.Type == "apiKey" {
			kind = s.In + " " + s.Name
		}
		page.Schemes = append(page.Schemes, refScheme{Name: name, Kind: kind, Description: s.Description})
	}
	groups := map[string]*refGroup{}
	for _, path := range slices.Sorted(maps.Keys(doc.Paths)) {
		for _, method := range slices.SortedFunc(maps.Keys(doc.Paths[path]), compareMethods) {
			op := doc.Paths[path][method]
			tag := "other"
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			if groups[tag] == nil {
				groups[tag] = &refGroup{Tag: tag}
			}
			groups[tag].Ops = append(groups[tag].Ops, newRefOp(doc, method, path, op))
		}
	}
	for _, tag := range slices.Sorted(maps.Keys(groups)) {
		page.Groups = append(page.Groups, *groups[tag])
	}
	for _, name := range slices.Sorted(maps.Keys(doc.Components.Schemas)) {
		s := doc.Components.Schemas[name]
		page.Schemas = append(page.Schemas, refSchema{Name: name, Type: typeWords(s), Fields: fieldsOf(s, "")})
	}
	return page
}

func newRefOp(doc *Document, method, path string, op *Operation) refOp {
	out := refOp{ID: op.OperationID, Method: strings.ToUpper(method), Path: path, Summary: op.Summary,
		Description: op.Description, Permission: op.Permission, Public: op.Permission == string(auth.Public)}
	for _, p := range op.Parameters {
		out.Params = append(out.Params, refField{Name: p.Name, In: p.In, Type: typeWords(p.Schema),
			Required: p.Required, Description: joinNotes(p.Description, constraints(p.Schema))})
	}
	if op.RequestBody != nil {
		out.Request = bodyOf(doc, op.RequestBody.Content)
	}
	for _, status := range slices.Sorted(maps.Keys(op.Responses)) {
		resp := op.Responses[status]
		name, shared := strings.CutPrefix(resp.Ref, "#/components/responses/")
		if shared {
			resp = doc.Components.Responses[name]
		}
		body := bodyOf(doc, resp.Content)
		if shared && body != nil {
			body.Fields = nil // the same error bodies on every operation: a link is enough
		}
		out.Responses = append(out.Responses, refResponse{Status: status, Description: resp.Description, Body: body})
	}
	return out
}

// bodyOf describes the first (in practice the only) content type of a body. A body that
// is a shared schema has that schema's fields listed in place, so that each operation
// reads on its own.
func bodyOf(doc *Document, content map[string]MediaType) *refBody {
	if len(content) == 0 {
		return nil
	}
	ct := slices.Sorted(maps.Keys(content))[0]
	s := content[ct].Schema
	if s == nil {
		return &refBody{ContentType: ct}
	}
	body := &refBody{ContentType: ct, Type: typeWords(s)}
	if name, ok := refName(s); ok {
		s = doc.Components.Schemas[name]
	}
	body.Fields = fieldsOf(s, "")
	return body
}

// fieldsOf lists an object's properties, those of nested inline objects under dotted
// names (data.name, results[].id). Shared schemas are linked, not expanded.
func fieldsOf(s Schema, prefix string) []refField {
	props := asSchema(s["properties"])
	required := asStrings(s["required"])
	var out []refField
	for _, name := range slices.Sorted(maps.Keys(props)) {
		p := asSchema(props[name])
		desc, _ := p["description"].(string)
		out = append(out, refField{Name: prefix + name, Type: typeWords(p),
			Required: slices.Contains(required, name), Description: joinNotes(desc, constraints(p))})
		if p["properties"] != nil {
			out = append(out, fieldsOf(p, prefix+name+".")...)
		} else if items := asSchema(p["items"]); items["properties"] != nil {
			out = append(out, fieldsOf(items, prefix+name+"[].")...)
		}
	}
	return out
}

func refName(s Schema) (string, bool) {
	ref, _ := s["$ref"].(string)
	return strings.CutPrefix(ref, "#/components/schemas/")
}

// typeWords writes a schema's type for a reader: "integer (int64)", "string or null",
// "array of <departments.Department>".
func typeWords(s Schema) []typePart {
	if name, ok := refName(s); ok {
		return []typePart{{Ref: name}}
	}
	if alts := asSchemas(s["anyOf"]); alts != nil {
		var out []typePart
		for i, alt := range alts {
			if i > 0 {
				out = append(out, typePart{Text: " or "})
			}
			out = append(out, typeWords(alt)...)
		}
		return out
	}
	if c, ok := s["const"]; ok {
		b, _ := json.Marshal(c)
		return []typePart{{Text: string(b)}}
	}
	names := asStrings(s["type"])
	if len(names) == 0 {
		return []typePart{{Text: "any"}}
	}
	var out []typePart
	for i, name := range names {
		if i > 0 {
			out = append(out, typePart{Text: " or "})
		}
		switch name {
		case "array":
			out = append(out, typePart{Text: "array of "})
			out = append(out, typeWords(asSchema(s["items"]))...)
		case "object":
			if extra := asSchema(s["additionalProperties"]); extra != nil {
				out = append(out, typePart{Text: "map of "})
				out = append(out, typeWords(extra)...)
			} else {
				out = append(out, typePart{Text: "object"})
			}
		default:
			if f, ok := s["format"].(string); ok {
				name += " (" + f + ")"
			}
			out = append(out, typePart{Text: name})
		}
	}
	return out
}

// constraints spells out the limits a schema puts on a value.
func constraints(s Schema) string {
	var notes []string
	for _, c := range []struct{ key, words string }{
		{"minimum", "at least %s"}, {"maximum", "at most %s"},
		{"minLength", "at least %s characters"}, {"maxLength", "at most %s characters"},
		{"default", "default %s"}, {"enum", "one of %s"},
	} {
		if v, ok := s[c.key]; ok {
			b, _ := json.Marshal(v)
			notes = append(notes, fmt.Sprintf(c.words, b))
		}
	}
	if len(notes) == 0 {
		return ""
	}
	return strings.ToUpper(notes[0][:1]) + strings.Join(notes, "; ")[1:] + "."
}

// joinNotes joins sentences, ending each with a full stop.
func joinNotes(sentences ...string) string {
	var out []string
	for _, s := range sentences {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if !strings.HasSuffix(s, ".") {
			s += "."
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

// Schemas from the generator hold Schema, []string and []Schema values; those from a
// Describer may hold the plain map[string]any and []any. These read either.

func asSchema(v any) Schema {
	switch m := v.(type) {
	case Schema:
		return m
	case map[string]any:
		return m
	}
	return nil
}

func asSchemas(v any) []Schema {
	switch l := v.(type) {
	case []Schema:
		return l
	case []any:
		out := make([]Schema, 0, len(l))
		for _, e := range l {
			out = append(out, asSchema(e))
		}
		return out
	}
	return nil
}

// asStrings reads a string list, or a single string ("type" may be either).
func asStrings(v any) []string {
	switch l := v.(type) {
	case string:
		return []string{l}
	case []string:
		return l
	case []any:
		var out []string
		for _, e := range l {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
