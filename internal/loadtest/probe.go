package loadtest

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// probe times, every ProbeEvery until ctx ends, a queue change made through one
// instance until it shows on a doctor's live queue page served by another: it opens the
// page's event stream on instance B, registers a patient and records their vitals
// (unwell, so that they head the queue) through instance A, and waits for the stream's
// message naming the patient's MRN. The delay runs from the vitals request being sent.
// The instances take turns as A and B.
func (run *sustained) probe(ctx context.Context) (delays []time.Duration, failures int, first error) {
	t := time.NewTicker(run.o.ProbeEvery)
	defer t.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return delays, failures, first
		case <-t.C:
		}
		from, to := run.envs[i%len(run.envs)], run.envs[(i+1)%len(run.envs)]
		d, err := run.probeOnce(ctx, from, to)
		if ctx.Err() != nil {
			return delays, failures, first
		}
		if err != nil {
			failures++
			if first == nil {
				first = err
			}
			continue
		}
		delays = append(delays, d)
	}
}

// probeWait is how long a probe waits for its change before counting it lost.
const probeWait = 10 * time.Second

func (run *sustained) probeOnce(ctx context.Context, from, to *env) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, probeWait+5*time.Second)
	defer cancel()
	var p struct {
		ID  int64  `json:"id"`
		MRN string `json:"mrn"`
	}
	if err := from.nurse.do(ctx, "POST", "/patients/api/patients/", map[string]any{
		"first_name": "Probe", "last_name": "Livecheck", "gender": "female"}, &p); err != nil {
		return 0, err
	}
	doc := to.doctors[0]
	doc.mu.RLock()
	token := doc.token
	doc.mu.RUnlock()
	req, err := http.NewRequestWithContext(ctx, "GET", doc.base+"/app/queue/live/", nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := (&http.Client{}).Do(req) // its own connection: a stream is not for reuse
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("live page on %s: %s", doc.base, resp.Status)
	}
	msgs := readEvents(ctx, resp)
	select { // the stream starts with the whole page
	case <-msgs:
	case <-time.After(probeWait):
		return 0, fmt.Errorf("live page on %s: no first message", doc.base)
	}
	sent := time.Now()
	body := map[string]any{"temperature": 39.4, "pulse_rate": 128, "respiratory_rate": 27, "systolic_bp": 92,
		"diastolic_bp": 60, "spo2": 90, "consciousness": "A"}
	if err := from.nurse.do(ctx, "POST", "/patients/api/patients/"+strconv.FormatInt(p.ID, 10)+"/record_vitals/", body, nil); err != nil {
		return 0, err
	}
	run.waiting.Add(1)
	deadline := time.After(probeWait)
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				return 0, fmt.Errorf("live page on %s: the stream ended", doc.base)
			}
			if strings.Contains(m, p.MRN) {
				return time.Since(sent), nil
			}
		case <-deadline:
			return 0, fmt.Errorf("live page on %s: %s did not appear within %s", doc.base, p.MRN, probeWait)
		}
	}
}

// readEvents passes on the data of each server-sent event of resp until it or ctx ends.
func readEvents(ctx context.Context, resp *http.Response) <-chan string {
	out := make(chan string, 16)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 8<<20)
		var data strings.Builder
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if data.Len() > 0 {
					select {
					case out <- data.String():
					case <-ctx.Done():
						return
					}
					data.Reset()
				}
			case strings.HasPrefix(line, "data:"):
				data.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
				data.WriteByte('\n')
			}
		}
	}()
	return out
}

// delayStats are the probes' median and maximum.
func delayStats(ds []time.Duration) (p50, worst time.Duration) {
	if len(ds) == 0 {
		return 0, 0
	}
	s := slices.Sorted(slices.Values(ds))
	return s[len(s)/2], s[len(s)-1]
}
