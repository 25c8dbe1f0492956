package e2e

import (
	"net/http"
	"testing"
)

// The API docs must work in a hospital with no internet: Swagger UI's assets
// are embedded in the binary, and the page may not fetch anything else.
func TestSwaggerUIWorksOffline(t *testing.T) {
	Require(t)
	srv := StartServer(t)
	p := NewPage(t, srv.URL)

	if status := p.Navigate("/swagger/"); status != http.StatusOK {
		t.Fatalf("GET /swagger/: status %d", status)
	}
	p.WaitVisible(".swagger-ui")
	// The operations appear once the UI has fetched and rendered the spec.
	p.WaitVisible(".swagger-ui .opblock")
	if n := p.Count(".swagger-ui .opblock"); n < 3 {
		t.Errorf("only %d operations listed", n)
	}
	p.ExpectLocalOnly()
	for _, e := range append(p.Errors(), p.CSPViolations()...) {
		t.Logf("browser reported: %s", e)
	}
}
