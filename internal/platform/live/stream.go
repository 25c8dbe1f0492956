package live

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"healthsynx/internal/platform/web"
)

// writeTimeout bounds one write to a client that has stopped reading, so that its
// handler ends instead of holding the stream, and shutdown, open.
const writeTimeout = 10 * time.Second

// heartbeat is an SSE comment: it keeps proxies from closing an idle stream, and lets
// the server notice a client that has gone.
const heartbeat = ": heartbeat\n\n"

// Stream answers r with a text/event-stream of the events on topics, until the client
// goes away, the hub closes or the stream's Lifetime ends (the browser then reconnects).
//
// render turns an event into the message's data, usually an HTML fragment for a
// data-sse element. For a Reset (always the first event of a new connection, and after
// any gap) it must return the current content in full. Returning nil sends nothing;
// returning an error ends the stream, and the browser's reconnection retries the event.
// Render reads from the database as it needs: the stream holds no connection between
// events.
//
// A reconnecting browser sends Last-Event-ID and receives the events it missed, or a
// Reset, sent with "event: reset", when they cannot be replayed.
func (h *Hub) Stream(w http.ResponseWriter, r *http.Request, topics []string, render func(Event) ([]byte, error)) {
	sub := h.SubscribeAfter(r.Header.Get("Last-Event-ID"), topics...)
	defer sub.Close()

	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no") // a proxy such as nginx must pass events on at once
	w.WriteHeader(http.StatusOK)
	if err := rc.Flush(); err != nil {
		slog.ErrorContext(r.Context(), "live: the response writer cannot stream", "request_id", web.RequestID(r.Context()), "err", err)
		return
	}
	send := func(b []byte) bool {
		// ErrNotSupported only means a writer without deadlines: send anyway.
		if err := rc.SetWriteDeadline(time.Now().Add(writeTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return false
		}
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// The connection may serve another request after this one: lift the deadline.
	defer func() { _ = rc.SetWriteDeadline(time.Time{}) }()

	idle := time.NewTicker(h.opts.Heartbeat)
	defer idle.Stop()
	lifetime := time.NewTimer(h.opts.Lifetime)
	defer lifetime.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-lifetime.C:
			return
		case <-idle.C:
			if !send([]byte(heartbeat)) {
				return
			}
		case ev, ok := <-sub.Events():
			if !ok {
				return
			}
			data, err := render(ev)
			if err != nil && web.ClientGone(r, err) {
				return
			}
			if err != nil {
				slog.ErrorContext(r.Context(), "live: cannot render an event; ending the stream",
					"request_id", web.RequestID(r.Context()), "topic", ev.Topic, "reset", ev.Reset, "err", err)
				return
			}
			if len(data) == 0 {
				continue
			}
			if !send(message(ev, data)) {
				return
			}
			idle.Reset(h.opts.Heartbeat)
		}
	}
}

// message formats one event. Data is split at every line end an EventSource recognises
// (CRLF, LF, CR), each line in its own data field, so no line can end the event early;
// the client joins them with LF.
func message(ev Event, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("id: ")
	b.WriteString(ev.ID)
	b.WriteByte('\n')
	if ev.Reset {
		b.WriteString("event: reset\n")
	}
	for {
		i := bytes.IndexAny(data, "\r\n")
		if i < 0 {
			break
		}
		writeData(&b, data[:i])
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		data = data[i+1:]
	}
	writeData(&b, data)
	b.WriteByte('\n')
	return b.Bytes()
}

func writeData(b *bytes.Buffer, line []byte) {
	b.WriteString("data: ")
	b.Write(line)
	b.WriteByte('\n')
}
