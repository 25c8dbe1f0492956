package vitals

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	ui "healthsynx/internal/web"
)

// The ways pages show vitals, shared by the pages of this module, the doctor queue and
// the consultation page, so that a set reads the same wherever it appears.

// riskTones colours a NEWS2 risk as the RCP chart does: green, amber, red.
var riskTones = map[Risk]string{RiskLow: "ok", RiskLowMedium: "warn", RiskMedium: "warn", RiskHigh: "danger"}

// riskLabel is a risk in words: "low-medium" → "Low-medium risk".
func riskLabel(r Risk) string {
	if r == "" {
		return "Not scored"
	}
	return strings.ToUpper(string(r[:1])) + string(r[1:]) + " risk"
}

// RiskBadge shows a NEWS2 risk alone, "NEWS2 high", for lists that know the band but
// not the score.
func RiskBadge(r Risk) template.HTML {
	if r == "" {
		return badge("", "No NEWS2")
	}
	return badge(riskTones[r], "NEWS2 "+string(r))
}

// NEWS2Badge shows a set's score and risk, "NEWS2 5 · medium", with "partial" when
// parameters were not measured: the score then covers only those that were. Badges sit
// in narrow table cells, so they say no more than that.
func NEWS2Badge(n NEWS2) template.HTML {
	if n.Score == nil || n.Risk == nil {
		return badge("", "No NEWS2")
	}
	text := fmt.Sprintf("NEWS2 %d · %s", *n.Score, *n.Risk)
	if n.Partial {
		text += " · partial"
	}
	return badge(riskTones[*n.Risk], text)
}

func badge(tone, text string) template.HTML {
	if tone == "" {
		tone = "neutral"
	}
	return template.HTML(`<span class="badge badge-` + tone + `">` + template.HTMLEscapeString(text) + `</span>`)
}

// Brief writes a set's observations on one line, each with its unit:
// "37.2 °C · pulse 88/min · RR 18/min · BP 120/80 mmHg · SpO₂ 97% on O₂ · ACVPU A".
func Brief(v Vitals) string { return strings.Join(Measures(v), " · ") }

// Measures are a set's observations as Brief writes them, one string each, for a page
// that keeps each on one line in a narrow column.
func Measures(v Vitals) []string {
	var parts []string
	if v.Temperature != nil {
		parts = append(parts, v.Temperature.String()+" °C")
	}
	if v.PulseRate != nil {
		parts = append(parts, "pulse "+strconv.Itoa(*v.PulseRate)+"/min")
	}
	if v.RespiratoryRate != nil {
		parts = append(parts, "RR "+strconv.Itoa(*v.RespiratoryRate)+"/min")
	}
	if bp := pressure(v); bp != "" {
		parts = append(parts, "BP "+bp+" mmHg")
	}
	if v.SpO2 != nil {
		s := "SpO₂ " + strconv.Itoa(*v.SpO2) + "%"
		if v.OnOxygen {
			s += " on O₂"
		}
		parts = append(parts, s)
	}
	if v.Consciousness != nil {
		parts = append(parts, "ACVPU "+*v.Consciousness)
	}
	if len(parts) == 0 {
		return []string{"Weight and height only"}
	}
	return parts
}

// pressure is "120/80", or "" when the pressure was not taken.
func pressure(v Vitals) string {
	if v.SystolicBP == nil || v.DiastolicBP == nil {
		return ""
	}
	return strconv.Itoa(*v.SystolicBP) + "/" + strconv.Itoa(*v.DiastolicBP)
}

// RecordedAt is when a set was taken, in the hospital's time zone.
func RecordedAt(v Vitals, loc *time.Location) time.Time {
	t, err := time.Parse(time.RFC3339Nano, v.RecordedAt)
	if err != nil {
		return time.Time{} // a representation this package wrote always parses
	}
	return t.In(location(loc))
}

func location(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// trendPoints is how many of the latest sets the trend charts draw: enough to see a
// visit's course, few enough for the time labels to stay readable.
const trendPoints = 20

// TrendCharts draws the latest sets of history (newest first, as History returns it) as
// small charts side by side: temperature, pulse and respiration, blood pressure, SpO₂.
// A chart with nothing measured is left out; "" when there is nothing to draw.
func TrendCharts(history []Vitals, loc *time.Location) template.HTML {
	n := min(len(history), trendPoints)
	if n == 0 {
		return ""
	}
	sets := make([]Vitals, n)
	for i := range n {
		sets[i] = history[n-1-i] // oldest first, as time runs left to right
	}
	labels := timeLabels(sets, loc)
	values := func(get func(Vitals) (float64, bool)) []float64 {
		out := make([]float64, n)
		for i, v := range sets {
			out[i] = math.NaN() // a gap in the line
			if f, ok := get(v); ok {
				out[i] = f
			}
		}
		return out
	}
	temperature := values(func(v Vitals) (float64, bool) {
		if v.Temperature == nil {
			return 0, false
		}
		return v.Temperature.Float(), true
	})
	whole := func(get func(Vitals) *int) []float64 {
		return values(func(v Vitals) (float64, bool) {
			if p := get(v); p != nil {
				return float64(*p), true
			}
			return 0, false
		})
	}
	oneDecimal := func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
	charts := []ui.LineChart{
		{Title: "Temperature", YLabel: "°C", Format: oneDecimal,
			Series: []ui.Series{{Name: "Temperature", Values: temperature}}},
		{Title: "Pulse and breathing", YLabel: "per minute", Series: []ui.Series{
			{Name: "Pulse", Values: whole(func(v Vitals) *int { return v.PulseRate })},
			{Name: "Respiration", Values: whole(func(v Vitals) *int { return v.RespiratoryRate })}}},
		{Title: "Blood pressure", YLabel: "mmHg", Series: []ui.Series{
			{Name: "Systolic", Values: whole(func(v Vitals) *int { return v.SystolicBP })},
			{Name: "Diastolic", Values: whole(func(v Vitals) *int { return v.DiastolicBP })}}},
		{Title: "Oxygen saturation", YLabel: "SpO₂ %",
			Series: []ui.Series{{Name: "SpO₂", Values: whole(func(v Vitals) *int { return v.SpO2 })}}},
	}
	var b strings.Builder
	b.WriteString(`<div class="charts">`)
	for _, c := range charts {
		if !measured(c.Series) {
			continue
		}
		c.Labels = labels
		b.WriteString(string(c.SVG()))
	}
	b.WriteString(`</div>`)
	// The charts escape their own text (ui.LineChart.SVG).
	return template.HTML(b.String())
}

// timeLabels names each set by its time: the hour within a day, with the weekday within
// a week, the date beyond. The labels stay short enough not to run into each other or
// off the chart's edge; each point's tooltip has its label too.
func timeLabels(sets []Vitals, loc *time.Location) []string {
	first := RecordedAt(sets[0], loc)
	last := RecordedAt(sets[len(sets)-1], loc)
	layout := "15:04"
	switch {
	case last.Sub(first) >= 6*24*time.Hour:
		layout = "2 Jan"
	case first.YearDay() != last.YearDay() || first.Year() != last.Year():
		layout = "Mon 15:04"
	}
	out := make([]string, len(sets))
	for i, v := range sets {
		out[i] = RecordedAt(v, loc).Format(layout)
	}
	return out
}

func measured(series []ui.Series) bool {
	for _, s := range series {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				return true
			}
		}
	}
	return false
}
