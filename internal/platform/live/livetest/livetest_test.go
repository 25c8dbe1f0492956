package livetest

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// The streams are the examples of the HTML standard's Server-Sent Events section, plus
// the line-end forms it allows.
func TestReaderFollowsTheStandard(t *testing.T) {
	for _, c := range []struct {
		name, stream string
		want         []Message
	}{
		{"multi-line data", "data: YHOO\ndata: +2\ndata: 10\n\n", []Message{
			{Data: "YHOO\n+2\n10", HasData: true},
		}},
		{"comments, ids and one leading space", ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n", []Message{
			{Comment: "test stream"},
			{Data: "first event", HasData: true, ID: "1", HasID: true},
			{Data: "second event", HasData: true, ID: "", HasID: true},
			{Data: " third event", HasData: true},
		}},
		{"empty data, and an unfinished message", "data\n\ndata\ndata\n\ndata:", []Message{
			{Data: "", HasData: true},
			{Data: "\n", HasData: true},
		}},
		{"event types", "event: reset\ndata: x\n\n", []Message{
			{Event: "reset", Data: "x", HasData: true},
		}},
		{"CR and CRLF line ends", "data: a\rdata: b\r\ndata: c\r\r\nid: 2\r\n\r\n", []Message{
			{Data: "a\nb\nc", HasData: true},
			{ID: "2", HasID: true},
		}},
		{"an id with NUL is ignored", "id: a\x00b\ndata: x\n\n", []Message{
			{Data: "x", HasData: true},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(c.stream))
			for i, want := range c.want {
				got, err := r.Next()
				if err != nil {
					t.Fatalf("message %d: %v", i, err)
				}
				if got != want {
					t.Errorf("message %d = %+v, want %+v", i, got, want)
				}
			}
			if m, err := r.Next(); !errors.Is(err, io.EOF) {
				t.Errorf("after the last message: %+v, %v; want EOF", m, err)
			}
		})
	}
}
