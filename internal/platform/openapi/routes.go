package openapi

import (
	"net/http"
	"sync"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
)

// Routes registers the API documentation: the document as JSON at /openapi.json (and at
// /swagger.json, where tools look for it) and as YAML at /swagger.yaml, Swagger UI under
// /swagger/ and the reference page under /redoc/. Call it after every other route is
// registered: the document is built on the first request, from the routes known then.
func Routes(rt *web.Router, info Info) {
	d := &docs{rt: rt}
	d.load = sync.OnceValues(func() (*rendered, error) { return render(Build(rt.Routes(), info)) })
	const tag = "documentation"
	rt.Handle(web.Route{Method: "GET", Path: "/openapi.json", Perm: auth.Public, Handler: d.serveJSON,
		Tag: tag, Summary: "This API description, as OpenAPI 3.1 JSON", Response: map[string]any{}})
	rt.Handle(web.Route{Method: "GET", Path: "/swagger.json", Perm: auth.Public, Handler: d.serveJSON,
		Tag: tag, Summary: "The same document as /openapi.json", Response: map[string]any{}})
	rt.Handle(web.Route{Method: "GET", Path: "/swagger.yaml", Perm: auth.Public, Handler: d.serveYAML,
		Tag: tag, Summary: "This API description, as OpenAPI 3.1 YAML", Produces: "application/yaml"})
	rt.Handle(web.Route{Method: "GET", Path: "/swagger/{file...}", Perm: auth.Public, Page: true, Handler: d.serveSwaggerUI})
	rt.Handle(web.Route{Method: "GET", Path: "/redoc/{file...}", Perm: auth.Public, Page: true, Handler: d.serveReference})
}

// docs serves the documentation. load builds the document and its renderings on first
// use, when every route is registered, and then returns the same ones.
type docs struct {
	rt   *web.Router
	load func() (*rendered, error)
}

func (d *docs) serveJSON(w http.ResponseWriter, r *http.Request) {
	out, err := d.load()
	if err != nil {
		web.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(out.json)
}

func (d *docs) serveYAML(w http.ResponseWriter, r *http.Request) {
	out, err := d.load()
	if err != nil {
		web.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/yaml")
	_, _ = w.Write(out.yaml)
}
