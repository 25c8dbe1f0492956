package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Require skips the test unless browser tests are switched on (HEALTHSYNX_E2E=1).
func Require(t testing.TB) {
	t.Helper()
	if os.Getenv("HEALTHSYNX_E2E") != "1" {
		t.Skip("browser test: set HEALTHSYNX_E2E=1 to run it in headless Chromium")
	}
}

// startTimeout bounds the browser start: a wedged Chromium should fail the
// tests in seconds, not at the go test deadline.
const startTimeout = 30 * time.Second

// The browser is shared by every test of the package: starting Chromium costs
// about a second, a new tab in a fresh browser context a few milliseconds.
var shared struct {
	mu     sync.Mutex
	ctx    context.Context // the browser's first tab; new tabs derive from it
	cancel func()          // stops the browser and removes its profile
	err    error           // a failed start is not retried by every test
}

// browser returns the context of the shared browser, starting it on first use.
// It fails the test when Chromium is missing or does not start.
func browser(t testing.TB) context.Context {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.ctx == nil && shared.err == nil {
		shared.err = startBrowser()
	}
	if shared.err != nil {
		t.Fatalf("browser tests are on (HEALTHSYNX_E2E=1) but the browser is unusable: %v", shared.err)
	}
	return shared.ctx
}

func startBrowser() error {
	path, err := chromiumPath()
	if err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "healthsynx-chromium-")
	if err != nil {
		return err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		// Chromium must not talk to anything but the server under test: the
		// tests assert on every request, and CI has no internet access.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	cancel := func() { cancelTab(); cancelAlloc(); _ = os.RemoveAll(profile) }

	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err = <-started:
	case <-time.After(startTimeout):
		err = fmt.Errorf("chromium did not start within %s", startTimeout)
	}
	if err != nil {
		cancel()
		return fmt.Errorf("start %s: %w", path, err)
	}
	shared.ctx, shared.cancel = ctx, cancel
	return nil
}

// chromiumPath finds the browser: $HEALTHSYNX_CHROMIUM, else chromium on $PATH.
func chromiumPath() (string, error) {
	name := os.Getenv("HEALTHSYNX_CHROMIUM")
	if name == "" {
		name = "chromium"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return "", errors.New("chromium not found: install Debian's chromium package or set HEALTHSYNX_CHROMIUM to the browser binary")
	}
	return path, nil
}

// Shutdown stops the shared browser, if one was started. TestMain calls it.
func Shutdown() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.cancel != nil {
		shared.cancel()
	}
	shared.ctx, shared.cancel = nil, nil
}
