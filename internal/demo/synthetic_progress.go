package demo

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress reports how far the load has come and how long it has left, every few
// seconds, judging by the rows written (a patient's rows vary, the rows' cost less).
type progress struct {
	out           io.Writer
	patients      int
	rows          int
	start         time.Time
	mu            sync.Mutex
	donePatients  int
	doneRows      int
	stop, stopped chan struct{}
}

// progressEvery is how often progress prints.
const progressEvery = 5 * time.Second

func startProgress(out io.Writer, patients, rows int) *progress {
	p := &progress{out: out, patients: patients, rows: rows, start: time.Now(), stop: make(chan struct{}), stopped: make(chan struct{})}
	go func() {
		defer close(p.stopped)
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-tick.C:
				p.print()
			}
		}
	}()
	return p
}

// add counts a written batch.
func (p *progress) add(patients, rows int) {
	p.mu.Lock()
	p.donePatients += patients
	p.doneRows += rows
	p.mu.Unlock()
}

func (p *progress) print() {
	p.mu.Lock()
	patients, rows := p.donePatients, p.doneRows
	p.mu.Unlock()
	elapsed := time.Since(p.start)
	rate := float64(rows) / elapsed.Seconds()
	left := "unknown"
	if rate > 0 {
		left = "about " + (time.Duration(float64(p.rows-rows)/rate) * time.Second).Round(time.Second).String()
	}
	fmt.Fprintf(p.out, "synthetic hospital: %s of %s patients, %s of %s rows (%.0f%%), %s rows/s, %s left\n",
		thousands(patients), thousands(p.patients), thousands(rows), thousands(p.rows), 100*float64(rows)/float64(max(p.rows, 1)),
		thousands(int(rate)), left)
}

// finish stops the reports.
func (p *progress) finish() {
	close(p.stop)
	<-p.stopped
}

// thousands writes n with thousands separators: 1,234,567.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
