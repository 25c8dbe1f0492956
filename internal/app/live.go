package app

import (
	"net/http"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/live"
	"healthsynx/internal/platform/web"
)

func (a *App) liveRoutes() {
	a.Router.Handle(web.Route{Method: "GET", Path: "/live/me/", Perm: auth.Authenticated, Tag: "live",
		Summary: "The caller's own live events (Server-Sent Events)",
		Description: "A text/event-stream of the events addressed to the signed-in user, such as new " +
			"notifications. Each message's data is the JSON object its publisher sent, or {} when it " +
			"carried none or more than a notification holds: fetch the current state then. " +
			"A message of type `reset` (always the first) means events may have been missed: " +
			"reload the state. Reconnecting with Last-Event-ID resumes where the stream left off; " +
			"a comment is sent every 15 seconds of silence, and the server ends the stream after " +
			"10 minutes so that the client reconnects and signs in again.",
		Produces: "text/event-stream",
		Handler:  a.liveMe})
}

// liveMe streams the caller's own topic, passing each event's data through: the
// publishers on a user topic send small JSON objects.
func (a *App) liveMe(w http.ResponseWriter, r *http.Request) {
	p := auth.FromContext(r.Context())
	a.Live.Stream(w, r, []string{live.UserTopic(p.UserID)}, func(ev live.Event) ([]byte, error) {
		if ev.Data == nil {
			return []byte("{}"), nil
		}
		return ev.Data, nil
	})
}
