package openapi

// Document is an OpenAPI 3.1 document. Only the parts HealthSynx uses are modelled; the
// field order is the order a reader expects in the JSON and YAML renderings.
type Document struct {
	OpenAPI    string              `json:"openapi"`
	Info       Info                `json:"info"`
	Tags       []Tag               `json:"tags,omitempty"`
	Paths      map[string]PathItem `json:"paths"`
	Components Components          `json:"components"`
}

// Info describes the API as a whole.
type Info struct {
	Title       string `json:"title"`
	Version     string `json:"version"`
	Description string `json:"description,omitempty"`
}

// Tag groups operations; the reference page shows one section per tag.
type Tag struct {
	Name string `json:"name"`
}

// PathItem holds the operations of one path, keyed by lower-case method.
type PathItem map[string]*Operation

// Operation is one method on one path.
type Operation struct {
	OperationID string              `json:"operationId"`
	Summary     string              `json:"summary,omitempty"`
	Description string              `json:"description,omitempty"`
	Tags        []string            `json:"tags,omitempty"`
	Parameters  []Parameter         `json:"parameters,omitempty"`
	RequestBody *RequestBody        `json:"requestBody,omitempty"`
	Responses   map[string]Response `json:"responses"`
	// Security is never omitted: an empty list marks a public operation explicitly.
	Security []SecurityRequirement `json:"security"`
	// Permission names the policy permission the route requires (x-permission).
	Permission string `json:"x-permission"`
}

// SecurityRequirement names security schemes that together authorise a request.
type SecurityRequirement map[string][]string

// Parameter is a path or query parameter.
type Parameter struct {
	Name        string `json:"name"`
	In          string `json:"in"`
	Description string `json:"description,omitempty"`
	Required    bool   `json:"required,omitempty"`
	Schema      Schema `json:"schema"`
}

// RequestBody is the body an operation accepts.
type RequestBody struct {
	Required bool                 `json:"required"`
	Content  map[string]MediaType `json:"content"`
}

// Response is one documented outcome. Ref, when set, stands for a shared response in
// components and nothing else is written.
type Response struct {
	Ref         string               `json:"$ref,omitempty"`
	Description string               `json:"description,omitempty"`
	Content     map[string]MediaType `json:"content,omitempty"`
}

// MediaType is the shape of a body in one content type. A nil Schema leaves the body
// undescribed, as for binary downloads.
type MediaType struct {
	Schema  Schema `json:"schema,omitempty"`
	Example any    `json:"example,omitempty"`
}

// Components holds what operations refer to by $ref.
type Components struct {
	Schemas         map[string]Schema         `json:"schemas"`
	Responses       map[string]Response       `json:"responses"`
	SecuritySchemes map[string]SecurityScheme `json:"securitySchemes"`
}

// SecurityScheme describes one way to authenticate.
type SecurityScheme struct {
	Type         string `json:"type"`
	Description  string `json:"description,omitempty"`
	Scheme       string `json:"scheme,omitempty"`
	BearerFormat string `json:"bearerFormat,omitempty"`
	In           string `json:"in,omitempty"`
	Name         string `json:"name,omitempty"`
}

// Schema is a JSON Schema (draft 2020-12, the OpenAPI 3.1 dialect).
type Schema map[string]any
