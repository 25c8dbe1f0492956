package loadtest

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Write prints the report as a Markdown table, the form docs/PERFORMANCE.md keeps.
func (rep Report) Write(w io.Writer) {
	o := rep.Options
	fmt.Fprintf(w, "%s, %s patients, %d clients, %s per phase (at most %d calls)\n\n", rep.Engine, thousands(rep.Patients),
		o.Clients, o.Duration, o.MaxCalls)
	fmt.Fprintln(w, "| operation | p95 budget | API p50 | API p95 | API p99 | API calls/s | errors | direct p50 | direct p95 | API ÷ direct (p95) | server RSS (peak) | budget |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, r := range rep.Rows {
		a, d := r.API, r.Direct
		verdict, budget := "—", "—"
		if r.Budget > 0 {
			budget = ms(r.Budget)
			verdict = "met"
			if len(a.latencies) == 0 || a.percentile(95) > r.Budget {
				verdict = "**missed**"
			}
		}
		ratio := "—"
		if dp := d.percentile(95); dp > 0 && len(a.latencies) > 0 {
			ratio = fmt.Sprintf("%.1f×", float64(a.percentile(95))/float64(dp))
		}
		name := r.Name
		if r.Clients != o.Clients {
			name += fmt.Sprintf(" (%d clients, one per doctor)", r.Clients)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %.0f | %d | %s | %s | %s | %s | %s |\n", name, budget,
			ms(a.percentile(50)), ms(a.percentile(95)), ms(a.percentile(99)), a.rate(), a.errors,
			ms(d.percentile(50)), ms(d.percentile(95)), ratio, mib(r.RSS), verdict)
	}
	fmt.Fprintf(w, "\nServer peak RSS over the run: %s. Patients waiting in the doctors' department while the queue was read: %d.\n",
		mib(rep.PeakRSS), rep.Waiting)
	for _, r := range rep.Rows {
		for _, side := range []struct {
			name string
			res  result
		}{{"API", r.API}, {"direct", r.Direct}} {
			if side.res.firstErr != nil {
				fmt.Fprintf(w, "\n%s, %s: %d errors; the first: %s", r.Name, side.name, side.res.errors, oneLine(side.res.firstErr))
			}
		}
	}
	fmt.Fprintln(w)
}

// Failed reports whether any call failed.
func (rep Report) Failed() bool {
	for _, r := range rep.Rows {
		if r.API.errors > 0 || r.Direct.errors > 0 {
			return true
		}
	}
	return false
}

// ms writes a duration in milliseconds, to a tenth.
func ms(d time.Duration) string {
	if d == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

func mib(b int64) string {
	if b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
}

// thousands writes n with thousands separators.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func oneLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
