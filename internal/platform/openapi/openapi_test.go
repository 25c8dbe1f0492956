package openapi_test

import (
	"maps"
	"net/http"
	"reflect"
	"slices"
	"testing"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/openapi"
	"healthsynx/internal/platform/web"
)

type item struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type input struct {
	Name *string `json:"name"`
}

func nop(http.ResponseWriter, *http.Request) {}

func build(routes ...web.Route) *openapi.Document {
	for i := range routes {
		routes[i].Handler = nop
	}
	return openapi.Build(routes, openapi.Info{Title: "Test", Version: "1"})
}

func TestBuildLeavesOutPages(t *testing.T) {
	doc := build(
		web.Route{Method: "GET", Path: "/login/", Perm: auth.Public, Page: true},
		web.Route{Method: "GET", Path: "/static/{file...}", Perm: auth.Public, Page: true},
		web.Route{Method: "GET", Path: "/files/{file...}", Perm: auth.Public},
	)
	if len(doc.Paths) != 1 || doc.Paths["/files/{file}"]["get"] == nil {
		t.Fatalf("want only the API route, with its wildcard as a plain parameter; got %v", doc.Paths)
	}
	p := doc.Paths["/files/{file}"]["get"].Parameters[0]
	if p.Name != "file" || p.In != "path" || !p.Required || p.Schema["type"] != "string" {
		t.Errorf("wildcard parameter: %+v", p)
	}
}

func TestBuildSecurityAndErrors(t *testing.T) {
	doc := build(
		web.Route{Method: "GET", Path: "/healthz", Perm: auth.Public},
		web.Route{Method: "PATCH", Path: "/things/{id}/", Perm: auth.DepartmentsWrite, Request: input{}, Response: item{}},
	)
	public := doc.Paths["/healthz"]["get"]
	if public.Security == nil || len(public.Security) != 0 {
		t.Errorf("a public operation needs an explicit empty security list, got %#v", public.Security)
	}
	if got := codes(public); !slices.Equal(got, []string{"200"}) {
		t.Errorf("public operation responses = %v", got)
	}

	op := doc.Paths["/things/{id}/"]["patch"]
	want := []openapi.SecurityRequirement{{"bearerAuth": {}}, {"cookieAuth": {}}}
	if !reflect.DeepEqual(op.Security, want) {
		t.Errorf("security = %v, want %v", op.Security, want)
	}
	if got := codes(op); !slices.Equal(got, []string{"200", "400", "401", "403", "404"}) {
		t.Errorf("responses = %v", got)
	}
	if op.Permission != "departments.write" {
		t.Errorf("x-permission = %q", op.Permission)
	}
	id := op.Parameters[0]
	if id.Name != "id" || id.In != "path" || id.Schema["type"] != "integer" {
		t.Errorf("id parameter: %+v", id)
	}
	body := op.RequestBody.Content["application/json"].Schema
	if body["$ref"] != "#/components/schemas/openapi_test.input" {
		t.Errorf("request body schema = %v", body)
	}
	if _, ok := doc.Components.Schemas["openapi_test.item"]; !ok {
		t.Errorf("response type not in components: %v", doc.Components.Schemas)
	}
	if s := doc.Components.SecuritySchemes["bearerAuth"]; s.Type != "http" || s.Scheme != "bearer" || s.BearerFormat != "JWT" {
		t.Errorf("bearerAuth = %+v", s)
	}
	for _, name := range []string{"BadRequest", "Unauthorized", "Forbidden", "NotFound"} {
		if _, ok := doc.Components.Responses[name]; !ok {
			t.Errorf("shared response %s missing", name)
		}
	}
	if s := doc.Components.SecuritySchemes["cookieAuth"]; s.Type != "apiKey" || s.In != "cookie" || s.Name == "" {
		t.Errorf("cookieAuth = %+v", s)
	}
}

func TestBuildLists(t *testing.T) {
	doc := build(
		web.Route{Method: "GET", Path: "/things/", Perm: auth.DepartmentsRead, Response: item{}, List: true,
			Query: []web.Param{{Name: "search", Description: "Name prefix"}}},
		web.Route{Method: "GET", Path: "/events/", Perm: auth.DepartmentsRead, Response: item{}, List: true, Cursor: true},
	)
	op := doc.Paths["/things/"]["get"]
	if got := paramNames(op); !slices.Equal(got, []string{"page", "page_size", "search"}) {
		t.Errorf("parameters = %v", got)
	}
	if got := codes(op); !slices.Contains(got, "404") {
		t.Errorf("a list answers 404 for a page past the end; responses = %v", got)
	}
	env := op.Responses["200"].Content["application/json"].Schema
	if !reflect.DeepEqual(env["required"], []string{"count", "next", "previous", "results"}) {
		t.Errorf("envelope required = %v", env["required"])
	}
	results := env["properties"].(openapi.Schema)["results"].(openapi.Schema)
	if results["items"].(openapi.Schema)["$ref"] != "#/components/schemas/openapi_test.item" {
		t.Errorf("results = %v", results)
	}

	cursor := doc.Paths["/events/"]["get"]
	if got := paramNames(cursor); !slices.Equal(got, []string{"cursor", "page_size"}) {
		t.Errorf("cursor list parameters = %v", got)
	}
	env = cursor.Responses["200"].Content["application/json"].Schema
	if _, ok := env["properties"].(openapi.Schema)["count"]; ok {
		t.Errorf("a cursor page has no count: %v", env)
	}
	if !reflect.DeepEqual(env["required"], []string{"next", "previous", "results"}) {
		t.Errorf("cursor envelope required = %v", env["required"])
	}
}

func TestBuildContentAndStatus(t *testing.T) {
	doc := build(
		web.Route{Method: "GET", Path: "/metrics", Perm: auth.Public, Produces: "text/plain"},
		web.Route{Method: "GET", Path: "/invoices/{id}/pdf/", Perm: auth.DepartmentsRead, Produces: "application/pdf"},
		web.Route{Method: "POST", Path: "/things/", Perm: auth.DepartmentsWrite, Request: input{}, Response: item{}, Status: http.StatusCreated},
		web.Route{Method: "DELETE", Path: "/things/{id}/", Perm: auth.DepartmentsWrite, Status: http.StatusNoContent},
	)
	if s := doc.Paths["/metrics"]["get"].Responses["200"].Content["text/plain"].Schema; s["type"] != "string" {
		t.Errorf("text/plain body = %v", s)
	}
	pdf, ok := doc.Paths["/invoices/{id}/pdf/"]["get"].Responses["200"].Content["application/pdf"]
	if !ok || pdf.Schema != nil {
		t.Errorf("a PDF is documented by its content type alone, got %v", pdf)
	}
	if _, ok := doc.Paths["/things/"]["post"].Responses["201"].Content["application/json"]; !ok {
		t.Errorf("201 body missing: %v", doc.Paths["/things/"]["post"].Responses)
	}
	del := doc.Paths["/things/{id}/"]["delete"].Responses["204"]
	if del.Description == "" || del.Content != nil {
		t.Errorf("204 must have a description and no body, got %+v", del)
	}
}

func TestOperationIDs(t *testing.T) {
	doc := build(
		web.Route{Method: "GET", Path: "/departments/{id}/", Perm: auth.Public},
		web.Route{Method: "GET", Path: "/a-b/", Perm: auth.Public},
		web.Route{Method: "GET", Path: "/a_b/", Perm: auth.Public},
		web.Route{Method: "GET", Path: "/openapi.json", Perm: auth.Public},
	)
	want := map[string]string{
		"/departments/{id}/": "get_departments_by_id",
		"/a-b/":              "get_a_b",
		"/a_b/":              "get_a_b_2",
		"/openapi.json":      "get_openapi_json",
	}
	for path, id := range want {
		if got := doc.Paths[path]["get"].OperationID; got != id {
			t.Errorf("%s: operationId %q, want %q", path, got, id)
		}
	}
}

func TestTagsAreSortedAndUnique(t *testing.T) {
	doc := build(
		web.Route{Method: "GET", Path: "/b/", Perm: auth.Public, Tag: "zebra"},
		web.Route{Method: "GET", Path: "/a/", Perm: auth.Public, Tag: "apple"},
		web.Route{Method: "POST", Path: "/a/", Perm: auth.Public, Tag: "apple"},
	)
	if want := []openapi.Tag{{Name: "apple"}, {Name: "zebra"}}; !reflect.DeepEqual(doc.Tags, want) {
		t.Errorf("tags = %v, want %v", doc.Tags, want)
	}
}

func codes(op *openapi.Operation) []string { return slices.Sorted(maps.Keys(op.Responses)) }

func paramNames(op *openapi.Operation) []string {
	var out []string
	for _, p := range op.Parameters {
		out = append(out, p.Name)
	}
	return out
}
