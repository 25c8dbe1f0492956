package openapi

import (
	"embed"
	"net/http"

	swaggerfiles "github.com/swaggo/files/v2"
)

// ui holds our own pages and scripts; Swagger UI itself comes embedded in swaggerfiles,
// so the documentation works without internet access.
//
//go:embed ui
var ui embed.FS

// swaggerAssets are the files of the Swagger UI distribution that our page loads. The
// rest of it (its demo page, an initializer that opens the petstore, source maps) is
// not served.
var swaggerAssets = map[string]bool{
	"swagger-ui.css":       true,
	"swagger-ui-bundle.js": true,
	"favicon-32x32.png":    true,
}

// serveSwaggerUI serves /swagger/: our page, our initializer and stylesheet, and the
// Swagger UI assets. The site's strict Content-Security-Policy holds here too: the page
// has no inline script, and Swagger UI 5 styles elements through the DOM, which
// style-src 'self' allows, rather than with inline style attributes or elements.
func (d *docs) serveSwaggerUI(w http.ResponseWriter, r *http.Request) {
	switch file := r.PathValue("file"); {
	case file == "":
		http.ServeFileFS(w, r, ui, "ui/swagger.html")
	case file == "swagger-init.js" || file == "docs.css":
		http.ServeFileFS(w, r, ui, "ui/"+file)
	case swaggerAssets[file]:
		// The assets change only with the module version, that is with the binary.
		w.Header().Set("Cache-Control", "public, max-age=86400")
		http.ServeFileFS(w, r, swaggerfiles.FS, file)
	default:
		d.rt.NotFound(w, r)
	}
}
