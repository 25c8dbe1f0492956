package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// client calls the API as one signed-in member of staff; the workers of a phase share
// it.
type client struct {
	base               string
	http               *http.Client
	username, password string

	mu    sync.RWMutex
	token string
}

// CheckLoopback refuses a server anywhere but this machine: the load test must never
// be pointed at a hospital's server.
func CheckLoopback(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("--url %q is not an http:// address", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return u, nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return u, nil
	}
	return nil, fmt.Errorf("--url %q is not on this machine: the load test only drives a server on the loopback interface", raw)
}

func newHTTPClient(conns int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, IdleConnTimeout: time.Minute,
	}}
}

// signIn returns a client signed in as username.
func signIn(ctx context.Context, hc *http.Client, base, username, password string) (*client, error) {
	c := &client{base: strings.TrimRight(base, "/"), http: hc, username: username, password: password}
	return c, c.signIn(ctx)
}

// signIn obtains a fresh access token (they last minutes; a long run outlives one).
func (c *client) signIn(ctx context.Context) error {
	var pair struct {
		Access string `json:"access"`
	}
	err := c.send(ctx, "POST", "/api/token/", "", map[string]string{"username": c.username, "password": c.password}, &pair)
	if err != nil {
		return fmt.Errorf("signing in as %s: %w", c.username, err)
	}
	c.mu.Lock()
	c.token = pair.Access
	c.mu.Unlock()
	return nil
}

// statusError is an answer other than 2xx.
type statusError struct {
	method, path string
	status       int
	body         string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.method, e.path, e.status, e.body)
}

// do sends an authenticated request, signing in again once if the token has expired.
func (c *client) do(ctx context.Context, method, path string, body, out any) error {
	c.mu.RLock()
	token := c.token
	c.mu.RUnlock()
	err := c.send(ctx, method, path, token, body, out)
	var se *statusError
	if errors.As(err, &se) && se.status == http.StatusUnauthorized {
		if err := c.signIn(ctx); err != nil {
			return err
		}
		c.mu.RLock()
		token = c.token
		c.mu.RUnlock()
		err = c.send(ctx, method, path, token, body, out)
	}
	return err
}

// send sends body (as JSON, when not nil) and decodes a 2xx answer into out (when not
// nil); the body is read to the end either way, so the connection is reused.
func (c *client) send(ctx context.Context, method, path, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return &statusError{method: method, path: path, status: resp.StatusCode, body: strings.TrimSpace(string(data[:min(len(data), 200)]))}
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

func (c *client) get(ctx context.Context, path string, out any) error {
	return c.do(ctx, "GET", path, nil, out)
}
