package live

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"healthsynx/internal/platform/live/livetest"
)

const wait = 5 * time.Second // generous: every wait ends as soon as its event arrives

// streamServer serves hub.Stream on topic "t" at /. A Reset renders as "all:<id>",
// an event as its data; "skip" renders as nothing and "fail" as an error. handled is
// closed each time a handler returns.
func streamServer(t *testing.T, h *Hub) (srv *httptest.Server, handled chan struct{}) {
	handled = make(chan struct{}, 10)
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() { handled <- struct{}{} }()
		h.Stream(w, r, []string{"t"}, func(ev Event) ([]byte, error) {
			switch {
			case ev.Reset:
				return []byte("all:" + ev.ID), nil
			case string(ev.Data) == "skip":
				return nil, nil
			case string(ev.Data) == "fail":
				return nil, errors.New("render failed")
			}
			return ev.Data, nil
		})
	}))
	t.Cleanup(srv.Close)
	return srv, handled
}

func open(t *testing.T, url, lastID string) *livetest.Stream {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	return livetest.Open(t, req)
}

func ended(t *testing.T, handled chan struct{}, why string) {
	t.Helper()
	select {
	case <-handled:
	case <-time.After(wait):
		t.Fatalf("the handler is still running %s after %s", why, wait)
	}
}

func TestStreamWireFormat(t *testing.T) {
	noLeaks(t)
	h := New(nil, Options{})
	defer h.Close()
	srv, _ := streamServer(t, h)
	s := open(t, srv.URL, "")
	defer s.Close()

	if cc := s.Resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", cc)
	}
	first := s.Next(wait)
	if first.Event != "reset" || first.Data != "all:"+first.ID || !first.HasID {
		t.Errorf("first message %+v; want a reset carrying the current content", first)
	}

	for _, c := range []struct{ name, data, want string }{
		{"one line", "<p>3 waiting</p>", "<p>3 waiting</p>"},
		{"every kind of line end", "a\nb\r\nc\rd", "a\nb\nc\nd"},
		{"a trailing line end", "a\n", "a\n"},
		{"blank lines", "a\n\n\nb", "a\n\n\nb"},
		{"text that looks like fields", "x\n\nid: forged\nevent: reset\ndata: y", "x\n\nid: forged\nevent: reset\ndata: y"},
		{"colons and leading spaces", " :a: b", " :a: b"},
	} {
		h.Publish(context.Background(), "t", []byte(c.data))
		m := s.Next(wait)
		if m.Data != c.want || m.Event != "" || !strings.HasPrefix(m.ID, h.id+"-") {
			t.Errorf("%s: received %+v, want data %q as a plain message with this hub's id", c.name, m, c.want)
		}
	}

	h.Publish(context.Background(), "t", []byte("skip"))
	h.Publish(context.Background(), "other", []byte("not subscribed"))
	h.Publish(context.Background(), "t", []byte("after"))
	if m := s.Next(wait); m.Data != "after" {
		t.Errorf("after an event rendered as nothing: %q, want %q", m.Data, "after")
	}
}

func TestStreamSendsHeartbeats(t *testing.T) {
	noLeaks(t)
	h := New(nil, Options{Heartbeat: 20 * time.Millisecond})
	defer h.Close()
	srv, _ := streamServer(t, h)
	s := open(t, srv.URL, "")
	defer s.Close()
	deadline := time.After(wait)
	for {
		select {
		case m := <-s.Messages():
			if m.Comment == "heartbeat" && !m.HasData && !m.HasID {
				return
			}
		case <-deadline:
			t.Fatal("no heartbeat comment")
		}
	}
}

func TestStreamResumesFromLastEventID(t *testing.T) {
	noLeaks(t)
	h := New(nil, Options{History: 3})
	defer h.Close()
	srv, handled := streamServer(t, h)

	s := open(t, srv.URL, "")
	s.Next(wait) // the reset
	h.Publish(context.Background(), "t", []byte("1"))
	last := s.Next(wait).ID
	s.Close()
	ended(t, handled, "after the client hung up")

	h.Publish(context.Background(), "t", []byte("2"))
	h.Publish(context.Background(), "t", []byte("3"))
	again := open(t, srv.URL, last)
	for _, want := range []string{"2", "3"} {
		if m := again.Next(wait); m.Data != want || m.Event != "" {
			t.Fatalf("resumed stream sent %+v, want %q", m, want)
		}
	}
	again.Close()

	h.Publish(context.Background(), "t", []byte("4"))
	h.Publish(context.Background(), "t", []byte("5")) // History 3: "2", the first missed, is gone
	late := open(t, srv.URL, last)
	defer late.Close()
	if m := late.Next(wait); m.Event != "reset" {
		t.Errorf("resuming past the history sent %+v, want a reset", m)
	}
}

func TestStreamEndsWhenTheClientLeaves(t *testing.T) {
	noLeaks(t)
	h := New(nil, Options{})
	defer h.Close()
	srv, handled := streamServer(t, h)
	s := open(t, srv.URL, "")
	s.Next(wait)
	s.Close()
	ended(t, handled, "after the client hung up")
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.subs) != 0 {
		t.Errorf("%d subscriptions remain after the stream ended", len(h.subs))
	}
}

func TestStreamEndsWhenTheHubCloses(t *testing.T) {
	noLeaks(t)
	h := New(nil, Options{})
	srv, handled := streamServer(t, h)
	s := open(t, srv.URL, "")
	s.Next(wait)
	h.Close()
	s.Ends(wait)
	ended(t, handled, "after the hub closed")

	// A client that reconnects to a closing instance is let go at once, with a 200 so
	// that its EventSource tries again (elsewhere) rather than giving up.
	late := open(t, srv.URL, "")
	late.Ends(wait)
}

func TestStreamEndsAfterItsLifetime(t *testing.T) {
	noLeaks(t)
	h := New(nil, Options{Lifetime: 50 * time.Millisecond})
	defer h.Close()
	srv, handled := streamServer(t, h)
	s := open(t, srv.URL, "")
	s.Ends(wait)
	ended(t, handled, "after its lifetime")
}

func TestStreamEndsWhenRenderFails(t *testing.T) {
	noLeaks(t)
	log := logs(t)
	h := New(nil, Options{})
	defer h.Close()
	srv, handled := streamServer(t, h)
	s := open(t, srv.URL, "")
	s.Next(wait)
	h.Publish(context.Background(), "t", []byte("fail"))
	s.Ends(wait)
	ended(t, handled, "after render failed")
	if !strings.Contains(log.String(), `err="render failed"`) {
		t.Errorf("the render error was not logged:\n%s", log)
	}
}

// TestShutdownEndsStreamsPromptly is the wiring the application uses: the hub closes
// when the server shuts down, so Shutdown need not wait for open streams.
func TestShutdownEndsStreamsPromptly(t *testing.T) {
	noLeaks(t)
	h := New(nil, Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.Stream(w, r, []string{"t"}, func(ev Event) ([]byte, error) { return []byte("x"), nil })
	})}
	srv.RegisterOnShutdown(h.Close)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var streams []*livetest.Stream
	for range 3 {
		s := open(t, "http://"+ln.Addr().String()+"/", "")
		s.Next(wait)
		streams = append(streams, s)
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v (the streams held it open)", err)
	}
	for _, s := range streams {
		s.Ends(wait)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve: %v", err)
	}
}
