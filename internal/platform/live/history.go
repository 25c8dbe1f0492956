package live

import (
	"cmp"
	"slices"
	"time"
)

// topic holds a topic's subscribers and its recent events, oldest first.
type topic struct {
	subs    map[*Subscription]struct{}
	history []entry
	// floor is the lowest position this topic's history resumes from: the latest event
	// dropped because the topic had History newer ones.
	floor uint64
}

type entry struct {
	ev  Event
	seq uint64
	at  time.Time
}

func (h *Hub) topicLocked(name string) *topic {
	t := h.topics[name]
	if t == nil {
		t = &topic{subs: map[*Subscription]struct{}{}}
		h.topics[name] = t
	}
	return t
}

func (t *topic) record(e entry, limit int) {
	t.history = append(t.history, e)
	if len(t.history) > limit {
		t.floor = t.history[0].seq
		t.history[0] = entry{} // release its data now, not when append next reallocates
		t.history = t.history[1:]
	}
}

// after returns the recorded events that came after position seq.
func (t *topic) after(seq uint64) []entry {
	i, _ := slices.BinarySearchFunc(t.history, seq+1, func(e entry, s uint64) int { return cmp.Compare(e.seq, s) })
	return t.history[i:]
}

// expireLocked drops events older than MaxAge, and topics left with neither events nor
// subscribers. It looks at most every MaxAge/5, so that Publish stays cheap.
func (h *Hub) expireLocked(now time.Time) {
	if now.Sub(h.swept) < h.opts.MaxAge/5 {
		return
	}
	h.swept = now
	cutoff := now.Add(-h.opts.MaxAge)
	for name, t := range h.topics {
		n := 0
		for n < len(t.history) && t.history[n].at.Before(cutoff) {
			h.floor = max(h.floor, t.history[n].seq)
			n++
		}
		t.history = slices.Delete(t.history, 0, n)
		if len(t.history) == 0 && len(t.subs) == 0 {
			delete(h.topics, name)
		}
	}
}

// missedLocked returns the events on topics after position seq, in order, or false when
// they cannot all be replayed within a subscriber's buffer.
func (h *Hub) missedLocked(seq uint64, topics []string) ([]Event, bool) {
	if seq < h.floor || seq > h.seq {
		return nil, false
	}
	var found []entry
	for _, name := range topics {
		t := h.topics[name]
		if t == nil {
			continue // nothing published within MaxAge, and h.floor covers anything older
		}
		if seq < t.floor {
			return nil, false
		}
		found = append(found, t.after(seq)...)
	}
	// A client this far behind is better served by one Reset than by a replay.
	if len(found) >= h.opts.Buffer {
		return nil, false
	}
	slices.SortFunc(found, func(a, b entry) int { return cmp.Compare(a.seq, b.seq) })
	out := make([]Event, len(found))
	for i, e := range found {
		out[i] = e.ev
	}
	return out, true
}
