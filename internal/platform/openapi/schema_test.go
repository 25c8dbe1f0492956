package openapi

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"
)

type money int64

func (money) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "pattern": `^-?\d+\.\d{2}$`}
}

type audited struct {
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

type node struct {
	Name     string  `json:"name"`
	Children []*node `json:"children"`
}

type patient struct {
	audited
	ID        int64             `json:"id"`
	Name      string            `json:"name,omitempty"`
	Nickname  *string           `json:"nickname"`
	Balance   money             `json:"balance"`
	Deposit   *money            `json:"deposit,omitempty"`
	Ward      *node             `json:"ward"`
	Tags      []string          `json:"tags"`
	Extra     map[string]int    `json:"extra,omitzero"`
	Secret    string            `json:"-"`
	Count     int               `json:"count,string"`
	Raw       json.RawMessage   `json:"raw"`
	Untagged  bool              // encoding/json uses the Go name
	Anything  any               `json:"anything"`
	Nested    struct{ A int }   `json:"nested"`
	Photo     []byte            `json:"photo"`
	Labels    map[string]string `json:"labels"`
	CreatedBy int               `json:"created_by"` // shadows the embedded field
}

func TestSchemaOfStruct(t *testing.T) {
	g := newSchemas()
	got := g.of(reflect.TypeFor[patient]())
	if !reflect.DeepEqual(got, Schema{"$ref": "#/components/schemas/openapi.patient"}) {
		t.Fatalf("a named struct should be a component reference, got %v", got)
	}
	want := Schema{
		"type": "object",
		"properties": Schema{
			"created_by": Schema{"type": "integer", "format": "int64"},
			"created_at": Schema{"type": "string", "format": "date-time"},
			"id":         Schema{"type": "integer", "format": "int64"},
			"name":       Schema{"type": "string"},
			"nickname":   Schema{"type": []string{"string", "null"}},
			"balance":    Schema{"type": "string", "pattern": `^-?\d+\.\d{2}$`},
			"deposit":    Schema{"type": []string{"string", "null"}, "pattern": `^-?\d+\.\d{2}$`},
			"ward":       Schema{"anyOf": []Schema{{"$ref": "#/components/schemas/openapi.node"}, {"type": "null"}}},
			"tags":       Schema{"type": "array", "items": Schema{"type": "string"}},
			"extra":      Schema{"type": "object", "additionalProperties": Schema{"type": "integer", "format": "int64"}},
			"count":      Schema{"type": "string"},
			"raw":        Schema{},
			"Untagged":   Schema{"type": "boolean"},
			"anything":   Schema{},
			"nested": Schema{"type": "object", "required": []string{"A"},
				"properties": Schema{"A": Schema{"type": "integer", "format": "int64"}}},
			"photo":  Schema{"type": "string", "contentEncoding": "base64"},
			"labels": Schema{"type": "object", "additionalProperties": Schema{"type": "string"}},
		},
		"required": []string{"id", "balance", "tags", "count", "raw", "Untagged", "anything", "nested", "photo", "labels", "created_by", "created_at"},
	}
	if got := g.defs["openapi.patient"]; !reflect.DeepEqual(got, want) {
		t.Errorf("patient schema\n got %v\nwant %v", got, want)
	}
	wantNode := Schema{"type": "object", "required": []string{"name", "children"}, "properties": Schema{
		"name": Schema{"type": "string"},
		"children": Schema{"type": "array", "items": Schema{"anyOf": []Schema{
			{"$ref": "#/components/schemas/openapi.node"}, {"type": "null"}}}},
	}}
	if got := g.defs["openapi.node"]; !reflect.DeepEqual(got, wantNode) {
		t.Errorf("a recursive type should refer to itself\n got %v\nwant %v", got, wantNode)
	}
}

func TestSchemaOfScalars(t *testing.T) {
	tests := []struct {
		typ  reflect.Type
		want Schema
	}{
		{reflect.TypeFor[bool](), Schema{"type": "boolean"}},
		{reflect.TypeFor[int32](), Schema{"type": "integer", "format": "int32"}},
		{reflect.TypeFor[uint](), Schema{"type": "integer", "minimum": 0}},
		{reflect.TypeFor[float64](), Schema{"type": "number", "format": "double"}},
		{reflect.TypeFor[json.Number](), Schema{"type": "number"}},
		{reflect.TypeFor[*time.Time](), Schema{"type": []string{"string", "null"}, "format": "date-time"}},
		{reflect.TypeFor[[2]int](), Schema{"type": "array", "items": Schema{"type": "integer", "format": "int64"}, "minItems": 2, "maxItems": 2}},
		{reflect.TypeFor[map[string]any](), Schema{"type": "object"}},
		{reflect.TypeFor[*any](), Schema{}},
		{reflect.TypeFor[*bool](), Schema{"type": []string{"boolean", "null"}}},
	}
	for _, tt := range tests {
		if got := newSchemas().of(tt.typ); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%v: got %v, want %v", tt.typ, got, tt.want)
		}
	}
}

type enumish string

func (enumish) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "enum": []any{"a", "b"}}
}

func TestNullableEnumUsesAnyOf(t *testing.T) {
	// ["string", "null"] next to an enum without null would still refuse null.
	got := newSchemas().of(reflect.TypeFor[*enumish]())
	want := Schema{"anyOf": []Schema{{"type": "string", "enum": []any{"a", "b"}}, {"type": "null"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

type page[T any] struct {
	Items []T `json:"items"`
}

func TestComponentNames(t *testing.T) {
	g := newSchemas()
	g.of(reflect.TypeFor[page[patient]]())
	if _, ok := g.defs["openapi.page_openapi.patient"]; !ok {
		t.Errorf("generic type name not made safe: %v", slices.Collect(maps.Keys(g.defs)))
	}
	// A second type named openapi.X from another package path keeps its full path.
	g.defs["openapi.node"] = Schema{}
	if got := g.componentName(reflect.TypeFor[node]()); got != "healthsynx.internal.platform.openapi.node" {
		t.Errorf("clash not resolved: %q", got)
	}
}
