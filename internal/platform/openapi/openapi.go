// Package openapi describes the served API as an OpenAPI 3.1 document and serves it, with
// Swagger UI and a server-rendered reference page. The document is derived from the
// router's routes, which carry their own documentation, so it cannot list a route that
// is not served or miss one that is.
package openapi

import (
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
)

// sessionCookie carries a web UI session, the second way to call the API. It is
// identity.SessionCookie, which the platform cannot import; a test holds them equal.
const sessionCookie = "healthsynx_session"

// Build describes routes as an OpenAPI 3.1.0 document. HTML pages are left out.
func Build(routes []web.Route, info Info) *Document {
	g := newSchemas()
	doc := &Document{
		OpenAPI: "3.1.0",
		Info:    info,
		Paths:   map[string]PathItem{},
		Components: Components{
			Schemas:         g.defs,
			Responses:       errorResponses(),
			SecuritySchemes: securitySchemes(),
		},
	}
	// Go types are named "package.Type", so these never clash with them.
	g.defs["Detail"] = Schema{"type": "object", "required": []string{"detail"}, "properties": Schema{
		"detail": Schema{"type": "string", "description": "What went wrong, for a person to read."},
		"code":   Schema{"type": "string", "description": "What went wrong, for a program to act on, where it can."},
	}}
	g.defs["FieldErrors"] = Schema{"type": "object", "description": "The messages for each invalid field.",
		"additionalProperties": Schema{"type": "array", "items": Schema{"type": "string"}}}

	ids := map[string]bool{}
	var tags []string
	for _, r := range routes {
		if r.Page {
			continue
		}
		path := specPath(r.Path)
		op := operation(g, r)
		op.OperationID = unique(ids, operationID(r.Method, path))
		if doc.Paths[path] == nil {
			doc.Paths[path] = PathItem{}
		}
		doc.Paths[path][strings.ToLower(r.Method)] = op
		if r.Tag != "" && !slices.Contains(tags, r.Tag) {
			tags = append(tags, r.Tag)
		}
	}
	slices.Sort(tags)
	for _, t := range tags {
		doc.Tags = append(doc.Tags, Tag{Name: t})
	}
	return doc
}

// specPath writes a route path in OpenAPI's template syntax: a wildcard tail {file...}
// becomes the plain parameter {file}.
func specPath(p string) string { return strings.ReplaceAll(p, "...}", "}") }

func operation(g *schemas, r web.Route) *Operation {
	op := &Operation{
		Summary:     r.Summary,
		Description: r.Description,
		Permission:  string(r.Perm),
		Parameters:  append(pathParams(r.Path), queryParams(r)...),
		Responses:   map[string]Response{},
	}
	if r.Tag != "" {
		op.Tags = []string{r.Tag}
	}
	if r.Request != nil {
		op.RequestBody = &RequestBody{Required: true, Content: map[string]MediaType{
			"application/json": {Schema: g.of(bodyType(r.Request))},
		}}
		op.Responses["400"] = Response{Ref: responseRef("BadRequest")}
	}
	status := r.Status
	if status == 0 {
		status = http.StatusOK
	}
	op.Responses[strconv.Itoa(status)] = success(g, r, status)
	if r.List || slices.ContainsFunc(op.Parameters, func(p Parameter) bool { return p.In == "path" }) {
		op.Responses["404"] = Response{Ref: responseRef("NotFound")}
	}
	if r.Perm == auth.Public {
		op.Security = []SecurityRequirement{}
	} else {
		op.Security = []SecurityRequirement{{"bearerAuth": {}}, {"cookieAuth": {}}}
		op.Responses["401"] = Response{Ref: responseRef("Unauthorized")}
		op.Responses["403"] = Response{Ref: responseRef("Forbidden")}
	}
	return op
}

// bodyType is the type of a documented body; a pointer to a body is still a body, not null.
func bodyType(v any) reflect.Type {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func success(g *schemas, r web.Route, status int) Response {
	resp := Response{Description: http.StatusText(status)}
	if status == http.StatusNoContent {
		return resp
	}
	contentType := r.Produces
	if contentType == "" {
		contentType = "application/json"
	}
	var s Schema
	switch {
	case r.Response != nil:
		s = g.of(bodyType(r.Response))
	case strings.HasPrefix(contentType, "text/"):
		s = Schema{"type": "string"}
	}
	if r.List {
		if s == nil {
			s = Schema{}
		}
		s = envelope(s, r.Cursor)
	}
	if s == nil && r.Produces == "" {
		return resp // a JSON body nobody described: say nothing rather than guess
	}
	resp.Content = map[string]MediaType{contentType: {Schema: s}}
	return resp
}

// envelope is a list body: {count, next, previous, results} for page-number lists, as
// web.Envelope writes it, and {next, previous, results} for keyset (cursor) lists, as
// web.CursorEnvelope does: counting would defeat keyset paging.
func envelope(items Schema, cursor bool) Schema {
	link := func(desc string) Schema {
		return Schema{"type": []string{"string", "null"}, "format": "uri", "description": desc}
	}
	props := Schema{
		"next":     link("The next page, or null on the last one."),
		"previous": link("The previous page, or null on the first one."),
		"results":  Schema{"type": "array", "items": items},
	}
	required := []string{"next", "previous", "results"}
	if !cursor {
		props["count"] = Schema{"type": "integer", "minimum": 0, "description": "Number of results on all pages."}
		required = append([]string{"count"}, required...)
	}
	return Schema{"type": "object", "required": required, "properties": props}
}

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

func pathParams(path string) []Parameter {
	var out []Parameter
	for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
		name, tail := strings.CutSuffix(m[1], "...")
		p := Parameter{Name: name, In: "path", Required: true, Schema: Schema{"type": "string"}}
		if isID(name) {
			p.Schema = Schema{"type": "integer", "format": "int64", "minimum": 1}
		}
		if tail {
			p.Description = "The rest of the path."
		}
		out = append(out, p)
	}
	return out
}

// isID recognises the path parameters that hold a row id (id, patient_id, …): the
// handlers parse them with web.PathID, which takes positive integers only.
func isID(name string) bool {
	return name == "id" || strings.HasSuffix(name, "_id")
}

// queryParams documents paging and the route's own query parameters. A cursor list
// pages by ?cursor= alone, with a page size of its own choosing; a page-number list
// takes web.ParsePage's parameters and limits.
func queryParams(r web.Route) []Parameter {
	var out []Parameter
	switch {
	case r.Cursor:
		out = append(out,
			Parameter{Name: "cursor", In: "query", Schema: Schema{"type": "string"},
				Description: "Where to start: the cursor in a previous page's next or previous link."},
			Parameter{Name: "page_size", In: "query", Schema: Schema{"type": "integer", "minimum": 1},
				Description: "Results per page."})
	case r.List:
		out = append(out,
			Parameter{Name: "page", In: "query", Description: "Page number, from 1, or \"last\".",
				Schema: Schema{"anyOf": []Schema{{"type": "integer", "minimum": 1}, {"const": "last"}}}},
			Parameter{Name: "page_size", In: "query", Description: "Results per page.",
				Schema: Schema{"type": "integer", "minimum": 1, "maximum": web.MaxPageSize, "default": web.DefaultPageSize}})
	}
	for _, q := range r.Query {
		typ := q.Type
		if typ == "" {
			typ = "string"
		}
		out = append(out, Parameter{Name: q.Name, In: "query", Description: q.Description, Schema: Schema{"type": typ}})
	}
	return out
}

var nonWord = regexp.MustCompile(`\W+`)

// operationID derives a stable id from the method and path: GET /departments/{id}/ is
// get_departments_by_id. Client generators name their functions after it.
func operationID(method, path string) string {
	parts := []string{strings.ToLower(method)}
	for seg := range strings.SplitSeq(path, "/") {
		if name, ok := strings.CutPrefix(seg, "{"); ok {
			seg = "by_" + strings.TrimSuffix(name, "}")
		}
		if seg = strings.Trim(nonWord.ReplaceAllString(seg, "_"), "_"); seg != "" {
			parts = append(parts, seg)
		}
	}
	return strings.Join(parts, "_")
}

// unique makes id unique among those already taken (/a-b/ and /a_b/ would clash) by
// numbering the later ones; routes arrive sorted, so the numbers are stable.
func unique(taken map[string]bool, id string) string {
	out := id
	for n := 2; taken[out]; n++ {
		out = id + "_" + strconv.Itoa(n)
	}
	taken[out] = true
	return out
}

func responseRef(name string) string { return "#/components/responses/" + name }

// errorResponses are the error bodies web.Error writes, shared by every operation.
func errorResponses() map[string]Response {
	detail := func(desc, example string) Response {
		return Response{Description: desc, Content: map[string]MediaType{"application/json": {
			Schema: Schema{"$ref": "#/components/schemas/Detail"}, Example: map[string]string{"detail": example}}}}
	}
	return map[string]Response{
		"BadRequest": {Description: "The input is invalid: each field lists its errors, or detail says what is wrong.",
			Content: map[string]MediaType{"application/json": {Schema: Schema{"anyOf": []Schema{
				{"$ref": "#/components/schemas/FieldErrors"}, {"$ref": "#/components/schemas/Detail"}}}}}},
		"Unauthorized": detail("No credentials, or invalid or expired ones.", web.MsgNotAuthenticated),
		"Forbidden":    detail("The caller's role does not hold the permission this operation needs.", web.MsgForbidden),
		"NotFound":     detail("No such object, or the caller may not see it; for a list, no such page.", web.MsgNotFound),
	}
}

func securitySchemes() map[string]SecurityScheme {
	return map[string]SecurityScheme{
		"bearerAuth": {Type: "http", Scheme: "bearer", BearerFormat: "JWT",
			Description: "An access token from POST /api/token/, sent in the Authorization header after \"Bearer \"."},
		"cookieAuth": {Type: "apiKey", In: "cookie", Name: sessionCookie,
			Description: "The session of a user signed in to the web UI."},
	}
}
