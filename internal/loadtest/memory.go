package loadtest

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// memory watches the server's resident memory: from /proc/<pid>/status when the
// server's process id is given (VmRSS now, VmHWM the peak since it started), else from
// its /metrics (process_resident_memory_bytes, sampled).
type memory struct {
	pid  int
	url  string
	http *http.Client

	mu   sync.Mutex
	peak int64 // the highest sample since reset, in bytes
}

// sampleEvery is how often the memory is read during a phase.
const sampleEvery = 200 * time.Millisecond

// watch samples until ctx ends.
func (m *memory) watch(ctx context.Context) {
	every(ctx, sampleEvery, func() {
		if rss, err := m.rss(ctx); err == nil {
			m.mu.Lock()
			m.peak = max(m.peak, rss)
			m.mu.Unlock()
		}
	})
}

// takePeak returns the peak since the last call and starts a new one.
func (m *memory) takePeak() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.peak
	m.peak = 0
	return p
}

// rss is the resident memory now, in bytes.
func (m *memory) rss(ctx context.Context) (int64, error) {
	if m.pid > 0 {
		return procStatus(m.pid, "VmRSS")
	}
	req, err := http.NewRequestWithContext(ctx, "GET", m.url+"/metrics", nil)
	if err != nil {
		return 0, err
	}
	resp, err := m.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "process_resident_memory_bytes "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return int64(f), err
		}
	}
	return 0, fmt.Errorf("%s/metrics has no process_resident_memory_bytes", m.url)
}

// highWater is the peak resident memory since the server started (VmHWM), or the
// highest sample when only /metrics can be read.
func (m *memory) highWater(sampled int64) int64 {
	if m.pid > 0 {
		if hwm, err := procStatus(m.pid, "VmHWM"); err == nil {
			return hwm
		}
	}
	return sampled
}

// procStatus reads a "Name: N kB" line of /proc/<pid>/status, in bytes.
func procStatus(pid int, name string) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("/proc/%d/status has no %s", pid, name)
}
