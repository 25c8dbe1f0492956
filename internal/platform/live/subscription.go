package live

import "slices"

// Subscription receives the events of its topics in the order the hub saw them.
type Subscription struct {
	hub    *Hub
	topics []string
	ch     chan Event
	closed bool // guarded by hub.mu
}

// Events is closed when the subscription or the hub closes.
func (s *Subscription) Events() <-chan Event { return s.ch }

// Close ends the subscription. It is safe to call more than once.
func (s *Subscription) Close() {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	s.closeLocked()
}

func (s *Subscription) closeLocked() {
	if s.closed {
		return
	}
	s.closed = true
	close(s.ch)
	h := s.hub
	delete(h.subs, s)
	for _, name := range s.topics {
		if t := h.topics[name]; t != nil {
			delete(t.subs, s)
		}
	}
}

// offer queues ev without ever blocking the publisher (the hub lock is held). A
// subscriber whose queue is full has fallen behind. Dropping its oldest events would
// leave its page silently wrong, and disconnecting it would make it replay every missed
// event on reconnection; instead its queue is replaced by a single Reset, so it renders
// the current state once when it catches up.
func (s *Subscription) offer(ev Event) {
	select {
	case s.ch <- ev:
		return
	default:
	}
	for drained := false; !drained; {
		select {
		case <-s.ch:
		default:
			drained = true
		}
	}
	s.ch <- Event{ID: ev.ID, Reset: true}
}

// Subscribe returns a subscription to the events published on topics from now on.
func (h *Hub) Subscribe(topics ...string) *Subscription {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.subscribeLocked(topics)
}

// SubscribeAfter is Subscribe for a client that last saw the event lastID (an SSE
// Last-Event-ID): the subscription starts with the events it missed, or, when those
// cannot be replayed (lastID is empty, too old, or from another instance or an earlier
// run), with a Reset.
func (h *Hub) SubscribeAfter(lastID string, topics ...string) *Subscription {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.subscribeLocked(topics)
	if s.closed {
		return s
	}
	var missed []Event
	seq, ok := h.position(lastID)
	if ok {
		missed, ok = h.missedLocked(seq, s.topics)
	}
	if !ok {
		missed = []Event{{ID: h.eventID(h.seq), Reset: true}}
	}
	for _, ev := range missed {
		s.ch <- ev // fits: missedLocked replays fewer events than the buffer holds
	}
	return s
}

func (h *Hub) subscribeLocked(topics []string) *Subscription {
	names := slices.Clone(topics)
	slices.Sort(names)
	s := &Subscription{hub: h, topics: slices.Compact(names), ch: make(chan Event, h.opts.Buffer)}
	if h.closed {
		s.closed = true
		close(s.ch)
		return s
	}
	h.subs[s] = struct{}{}
	for _, name := range s.topics {
		h.topicLocked(name).subs[s] = struct{}{}
	}
	return s
}
