package app_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/live"
	"healthsynx/internal/platform/live/livetest"
)

const streamWait = 5 * time.Second // generous: each wait ends when its event arrives

func openLiveMe(t *testing.T, url, token string) *livetest.Stream {
	t.Helper()
	req, err := http.NewRequest("GET", url+"/live/me/", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return livetest.Open(t, req)
}

func TestLiveMeStreamsTheCallersOwnEvents(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		nurse := e.User(auth.RoleNurse, "akinyi")
		doctor := e.User(auth.RoleDoctor, "otieno")
		s := openLiveMe(t, e.URL, e.Login("akinyi", apitest.Password).Token)

		if m := s.Next(streamWait); m.Event != "reset" || m.Data != "{}" {
			t.Errorf("first message %+v; want a reset", m)
		}
		if n := e.App.DB.Stats().InUse; n != 0 {
			t.Errorf("%d database connections in use by an idle stream, want 0", n)
		}
		e.App.Live.Publish(ctx, live.UserTopic(doctor), []byte(`{"for":"the doctor"}`))
		e.App.Live.Publish(ctx, live.UserTopic(nurse), []byte(`{"unread":3}`))
		if m := s.Next(streamWait); m.Data != `{"unread":3}` || m.Event != "" {
			t.Errorf("received %+v; want the nurse's own event only", m)
		}
		e.App.Live.Publish(ctx, live.UserTopic(nurse), nil)
		if m := s.Next(streamWait); m.Data != "{}" {
			t.Errorf("an event without data arrived as %q, want {}", m.Data)
		}
	})
}

func TestServeShutdownEndsLiveStreams(t *testing.T) {
	e := apitest.New(t, "sqlite")
	token := e.As(auth.RolePatient, "wanjiru").Token
	e.App.Config.Addr = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := make(chan string, 1)
	served := make(chan error, 1)
	go func() { served <- e.App.Serve(ctx, func(a string) { addr <- a }) }()
	s := openLiveMe(t, "http://"+<-addr, token)
	s.Next(streamWait)

	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(streamWait): // Serve would wait up to 20 s for a stream left open
		t.Fatal("Serve did not return: an open stream held the shutdown")
	}
	s.Ends(streamWait)
}
