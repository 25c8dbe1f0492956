package loadtest

import (
	"fmt"
	"io"
	"strings"
)

// Write prints the sustained run's report as Markdown, the form docs/PERFORMANCE.md
// keeps.
func (rep SustainedReport) Write(w io.Writer) {
	o, r := rep.Options, rep.Roles
	fmt.Fprintf(w, "%s, %s patients at the start, %d instance(s), %d clients (%d doctors, %d desk nurses, %d at the billing desk, %d reading), "+
		"a pause of %s on average between a client's steps, %s\n\n", rep.Engine, thousands(rep.Patients), len(o.URLs), o.Clients,
		r.doctors, r.nurses, r.cashiers, r.readers, o.Think, rep.Elapsed.Round(1e9))
	fmt.Fprintln(w, "| operation | p95 budget | calls | calls/s | errors | p50 | p95 | p99 | max | budget |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|")
	for _, row := range rep.Rows {
		verdict, budget := "—", "—"
		if row.Budget > 0 {
			budget, verdict = ms(row.Budget), "met"
			if len(row.latencies) == 0 || row.percentile(95) > row.Budget {
				verdict = "**missed**"
			}
		}
		fmt.Fprintf(w, "| %s | %s | %d | %.1f | %d | %s | %s | %s | %s | %s |\n", row.Name, budget, len(row.latencies),
			row.rate(), row.errors, ms(row.percentile(50)), ms(row.percentile(95)), ms(row.percentile(99)),
			ms(row.percentile(100)), verdict)
	}
	fmt.Fprintf(w, "\nPatients called: %d; seen out and billed: %d; paid: %d. Handed to two doctors: %s. "+
		"Charged twice: %s. Seen out without a charge: %s.\n", rep.Called, rep.Completed, rep.Paid,
		noneOr(rep.Doubles), noneOr(rep.ChargedTwice), noneOr(rep.Uncharged))
	if len(o.URLs) > 1 {
		p50, worst := delayStats(rep.Probes)
		fmt.Fprintf(w, "Live updates across instances: %d changes made through one instance reached a doctor's live page on the other "+
			"in %s median, %s at worst; %d did not arrive.\n", len(rep.Probes), ms(p50), ms(worst), rep.ProbeErrs)
	}
	for _, in := range rep.Instances {
		fmt.Fprintf(w, "\n%s — peak RSS %s%s\n\n", in.URL, mib(in.PeakRSS), map[bool]string{true: "; **kept goroutines or connections after the run**", false: ""}[in.Grew()])
		fmt.Fprintln(w, "| when | RSS | goroutines | DB connections open | in use |")
		fmt.Fprintln(w, "|---|---|---|---|---|")
		for _, s := range in.Samples {
			if s.err != nil {
				fmt.Fprintf(w, "| %s | unreadable: %s | | | |\n", s.label, oneLine(s.err))
				continue
			}
			fmt.Fprintf(w, "| %s | %s | %d | %d | %d |\n", s.label, mib(s.rss), s.goroutines, s.open, s.used)
		}
	}
	for _, row := range rep.Rows {
		if row.firstErr != nil {
			fmt.Fprintf(w, "\n%s: %d errors; the first: %s", row.Name, row.errors, oneLine(row.firstErr))
		}
	}
	if rep.ProbeErr != nil {
		fmt.Fprintf(w, "\nlive updates: %d lost; the first: %s", rep.ProbeErrs, oneLine(rep.ProbeErr))
	}
	fmt.Fprintln(w)
}

func noneOr(ids []int64) string {
	if len(ids) == 0 {
		return "none"
	}
	s := make([]string, 0, min(len(ids), 10))
	for _, id := range ids[:min(len(ids), 10)] {
		s = append(s, fmt.Sprint(id))
	}
	return fmt.Sprintf("**%d** (entries %s)", len(ids), strings.Join(s, ", "))
}
