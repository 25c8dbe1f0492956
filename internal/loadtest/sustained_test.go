package loadtest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The staff of a sustained run: a fifth doctors (at most one per account), three
// tenths desk nurses, a tenth at the billing desk, the rest reading — every part
// played, and every client given one.
func TestSplit(t *testing.T) {
	for _, c := range []struct {
		clients, accounts int
		want              roles
	}{
		{50, 10, roles{doctors: 10, nurses: 15, cashiers: 5, readers: 20}},
		{50, 3, roles{doctors: 3, nurses: 15, cashiers: 5, readers: 27}},
		{12, 3, roles{doctors: 2, nurses: 3, cashiers: 1, readers: 6}},
		{4, 10, roles{doctors: 1, nurses: 1, cashiers: 1, readers: 1}},
	} {
		got := split(c.clients, c.accounts)
		if got != c.want {
			t.Errorf("split(%d, %d) = %+v, want %+v", c.clients, c.accounts, got, c.want)
		}
		if sum := got.doctors + got.nurses + got.cashiers + got.readers; sum != c.clients {
			t.Errorf("split(%d, %d) places %d clients", c.clients, c.accounts, sum)
		}
	}
}

// readEvents passes on each event's data, its data lines joined, and ignores
// comments and other fields.
func TestReadEvents(t *testing.T) {
	body := ": heartbeat\n\nid: 1\nevent: reset\ndata: <p>one</p>\n\nid: 2\ndata: <p>two\ndata: lines</p>\n\n"
	resp := &http.Response{Body: io.NopCloser(strings.NewReader(body))}
	ch := readEvents(context.Background(), resp)
	var got []string
	for m := range ch {
		got = append(got, m)
	}
	want := []string{"<p>one</p>\n", "<p>two\nlines</p>\n"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("events %q, want %q", got, want)
	}
}

// An instance's figures come from its /metrics: memory, goroutines and the main
// pool's connections; a server that answers otherwise gives an unreadable sample.
func TestInstanceSample(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/metrics" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, "# HELP go_goroutines Number of goroutines.\n# TYPE go_goroutines gauge\ngo_goroutines 23\n"+
			"go_sql_open_connections{db_name=\"main\"} 8\ngo_sql_in_use_connections{db_name=\"main\"} 3\n"+
			"go_sql_open_connections{db_name=\"other\"} 99\nprocess_resident_memory_bytes 5.24288e+07\n")
	}))
	defer srv.Close()
	in := newInstances([]string{srv.URL, srv.URL + "/nowhere"}, nil, srv.Client())
	in.sample(context.Background(), "before")
	reps := in.reports()
	s := reps[0].Samples[0]
	if s.err != nil || s.goroutines != 23 || s.open != 8 || s.used != 3 || s.rss != 50<<20 || s.label != "before" {
		t.Errorf("sample %+v", s)
	}
	if reps[0].PeakRSS != 50<<20 {
		t.Errorf("peak %d", reps[0].PeakRSS)
	}
	if reps[1].Samples[0].err == nil {
		t.Error("a server without /metrics gave a readable sample")
	}
}

// Growth is goroutines beyond the slack, or a connection still in use, after the run.
func TestGrew(t *testing.T) {
	r := InstanceReport{Samples: []sample{{goroutines: 13}, {goroutines: 13 + goroutineSlack}}}
	if r.Grew() {
		t.Error("within the slack counted as growth")
	}
	r.Samples[1].goroutines++
	if !r.Grew() {
		t.Error("goroutines past the slack not counted")
	}
	r = InstanceReport{Samples: []sample{{goroutines: 13}, {goroutines: 13, used: 1}}}
	if !r.Grew() {
		t.Error("a connection left in use not counted")
	}
	// Idle pool connections, each with a driver goroutine, are not growth.
	r = InstanceReport{Samples: []sample{{goroutines: 14, open: 1}, {goroutines: 14 + 11 + goroutineSlack, open: 12}}}
	if r.Grew() {
		t.Error("idle pool connections counted as growth")
	}
}

// The report of a run that broke a rule says so, and Failed is true.
func TestSustainedReportRules(t *testing.T) {
	rep := SustainedReport{Options: SustainedOptions{URLs: []string{"a", "b"}, Think: time.Second},
		Rows:    []SustainedRow{{Name: "waiting list", Budget: 20 * time.Millisecond, result: result{latencies: []time.Duration{time.Millisecond}, elapsed: time.Second}}},
		Doubles: []int64{7}, Probes: []time.Duration{10 * time.Millisecond}}
	var b strings.Builder
	rep.Write(&b)
	if !rep.Failed() || !strings.Contains(b.String(), "Handed to two doctors: **1** (entries 7)") {
		t.Errorf("failed %v, report:\n%s", rep.Failed(), b.String())
	}
	rep.Doubles = nil
	if rep.Failed() {
		t.Error("a clean run failed")
	}
	rep.ProbeErrs = 1
	if !rep.Failed() {
		t.Error("a lost live update did not fail the run")
	}
}
