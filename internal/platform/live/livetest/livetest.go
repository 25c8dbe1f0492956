// Package livetest reads Server-Sent Events in tests, parsing them as a browser's
// EventSource does (the WHATWG "event stream interpretation"), so that a test sees what
// a page would.
package livetest

import (
	"bufio"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// Message is one block of an event stream, up to a blank line.
type Message struct {
	ID      string // the id field; HasID tells an empty one from none
	HasID   bool
	Event   string // the event field: "" is the default type, "message"
	Data    string // the data fields joined with LF
	HasData bool   // an EventSource dispatches only messages with data
	Comment string // the text of comment lines (": heartbeat"), joined with LF
}

// Reader parses an event stream.
type Reader struct {
	r      *bufio.Reader
	skipLF bool // the last line ended with CR: an LF right after it belongs to that end
}

// NewReader reads messages from r.
func NewReader(r io.Reader) *Reader { return &Reader{r: bufio.NewReader(r)} }

// Next returns the next message. A message cut short by the end of the stream is
// discarded, as EventSource does.
func (p *Reader) Next() (Message, error) {
	var m Message
	var data, comments []string
	for {
		line, err := p.line()
		if err != nil {
			return Message{}, err
		}
		if line == "" {
			if !m.HasID && data == nil && comments == nil && m.Event == "" {
				continue // blank lines between messages
			}
			m.HasData = data != nil
			m.Data = strings.Join(data, "\n")
			m.Comment = strings.Join(comments, "\n")
			return m, nil
		}
		field, value, found := strings.Cut(line, ":")
		if found {
			value = strings.TrimPrefix(value, " ")
		}
		switch field {
		case "":
			comments = append(comments, value)
		case "event":
			m.Event = value
		case "data":
			data = append(data, value)
		case "id":
			if !strings.ContainsRune(value, 0) {
				m.ID, m.HasID = value, true
			}
		}
	}
}

// line reads up to CRLF, LF or CR without looking past a CR, which could block on a
// live stream.
func (p *Reader) line() (string, error) {
	var b strings.Builder
	for {
		c, err := p.r.ReadByte()
		if err != nil {
			return "", err
		}
		if p.skipLF {
			p.skipLF = false
			if c == '\n' {
				continue
			}
		}
		switch c {
		case '\r':
			p.skipLF = true
			return b.String(), nil
		case '\n':
			return b.String(), nil
		}
		b.WriteByte(c)
	}
}

// Stream is an open event stream read in the background.
type Stream struct {
	t    testing.TB
	Resp *http.Response
	msgs chan Message
	done chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

// Open sends req and fails the test unless the answer is a 200 text/event-stream. The
// stream is closed when the test ends.
func Open(t testing.TB, req *http.Request) *Stream {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("open event stream %s: %v", req.URL, err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || ct != "text/event-stream" {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
		resp.Body.Close()
		t.Fatalf("open event stream %s: %d %s: %s", req.URL, resp.StatusCode, ct, b)
	}
	s := &Stream{t: t, Resp: resp, msgs: make(chan Message), done: make(chan struct{})}
	s.wg.Go(func() {
		defer close(s.msgs)
		rd := NewReader(resp.Body)
		for {
			m, err := rd.Next()
			if err != nil {
				return
			}
			select {
			case s.msgs <- m:
			case <-s.done:
				return
			}
		}
	})
	t.Cleanup(s.Close)
	return s
}

// Messages delivers every message, comments included; it is closed when the stream ends.
func (s *Stream) Messages() <-chan Message { return s.msgs }

// Next returns the next message an EventSource would dispatch (one with data), failing
// the test if none comes within wait or the stream ends.
func (s *Stream) Next(wait time.Duration) Message {
	s.t.Helper()
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		select {
		case m, ok := <-s.msgs:
			if !ok {
				s.t.Fatalf("the event stream ended while a message was awaited")
			}
			if m.HasData {
				return m
			}
		case <-deadline.C:
			s.t.Fatalf("no event within %s", wait)
		}
	}
}

// Ends fails the test unless the server ends the stream within wait; messages before
// the end are skipped.
func (s *Stream) Ends(wait time.Duration) {
	s.t.Helper()
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		select {
		case _, ok := <-s.msgs:
			if !ok {
				return
			}
		case <-deadline.C:
			s.t.Fatalf("the event stream is still open after %s", wait)
		}
	}
}

// Close hangs up, as a browser leaving the page does, and waits for the reader to stop.
func (s *Stream) Close() {
	s.once.Do(func() {
		close(s.done)
		s.Resp.Body.Close()
		s.wg.Wait()
	})
}
