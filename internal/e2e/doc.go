// Package e2e drives the real HealthSynx pages in headless Chromium.
//
// The tests are off by default, so that `go test ./...` stays fast and needs no
// browser. CI switches them on:
//
//	HEALTHSYNX_E2E=1 go test ./internal/e2e/
//
// With the switch on, a missing Chromium fails the tests instead of skipping
// them, so that a broken CI image cannot pass silently. HEALTHSYNX_CHROMIUM
// names another browser binary; HEALTHSYNX_E2E_ARTIFACTS is where screenshots
// of failed tests go (default: healthsynx-e2e in the system temp directory).
//
// Each test starts its own application (fresh SQLite file, demo data) on a
// random 127.0.0.1 port and opens a tab in a fresh browser context of one
// shared browser. The tab records every request, console error and
// Content-Security-Policy violation, so a test can assert that a page works
// offline and under the strict CSP.
package e2e
