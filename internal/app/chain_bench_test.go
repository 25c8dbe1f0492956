package app_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

// BenchmarkRequestChain measures a trivial authenticated GET (/users/api/, which answers
// {} once the caller is signed in) through the whole application — middleware, Bearer
// token check with its user lookup, policy check — against a bare net/http handler that
// writes the same body, over real loopback HTTP in the same run. Compare req/s.
func BenchmarkRequestChain(b *testing.B) {
	e := apitest.New(b, "sqlite")
	c := e.As(auth.RoleDoctor, "benchdoc")
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "{}\n")
	}))
	defer bare.Close()
	run := func(b *testing.B, url, token string) {
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				req, _ := http.NewRequest("GET", url, nil)
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				res, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != 200 {
					b.Errorf("status %d", res.StatusCode)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	}
	b.Run("bare", func(b *testing.B) { run(b, bare.URL+"/users/api/", "") })
	b.Run("full", func(b *testing.B) { run(b, e.URL+"/users/api/", c.Token) })
}
