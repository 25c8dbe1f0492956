package apitest

import (
	"regexp"
	"strings"
	"testing"
)

// inlineCode is what the CSP forbids in a page: inline scripts, styles and handlers.
var inlineCode = regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]|\sstyle="|\son[a-z]+="`)

// HasPage fails the test unless the page answered status and holds every want. Every
// page it sees must also keep the rules of the web UI: no inline code (the CSP forbids
// it), under 100 KB, and the form token in every form that posts.
func HasPage(t *testing.T, res Response, status int, want ...string) {
	t.Helper()
	if res.Status != status {
		t.Fatalf("status %d, want %d\n%s", res.Status, status, res.Body)
	}
	body := string(res.Body)
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
	if inlineCode.MatchString(body) {
		t.Errorf("inline code in the page: %s", inlineCode.FindString(body))
	}
	if len(body) > 100<<10 {
		t.Errorf("the page is %d bytes, over the 100 KB budget", len(body))
	}
	if posts, tokens := strings.Count(body, `method="post"`), strings.Count(body, `name="csrf" value="`); tokens < posts {
		t.Errorf("%d forms post, %d carry the form token", posts, tokens)
	}
}
