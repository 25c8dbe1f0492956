package web

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Charts are drawn on the server as inline SVG, so that dashboards need no
// chart library in the browser and print as they look. The SVG carries only
// classes (app.css colours it: the CSP forbids style attributes), role="img"
// and an aria-label that says in words what the picture shows.

// Series is one line of a line chart. A NaN value is a gap (no reading).
type Series struct {
	Name   string
	Values []float64
}

// LineChart draws values through time: vitals trends, queue length, waiting
// times. Every series has one value per label.
type LineChart struct {
	Title          string
	XLabel, YLabel string   // axis titles, e.g. "Time" and "Patients waiting"
	Labels         []string // the x axis, e.g. "08:00", "09:00"
	Series         []Series
	// FromZero starts the value axis at zero: right for counts and amounts,
	// wrong for vitals, whose interesting range is far from zero.
	FromZero bool
	// Format writes values on the axis and in the tooltips; FormatNumber when nil.
	Format func(float64) string
}

// Bar is one bar of a bar chart.
type Bar struct {
	Label string
	Value float64
}

// BarChart compares amounts: revenue per day, stock per medicine. The value
// axis always starts at zero, so bar lengths compare honestly.
type BarChart struct {
	Title          string
	XLabel, YLabel string
	Bars           []Bar
	Format         func(float64) string
}

// The drawing area, in viewBox units; the SVG scales to its container.
const (
	chartW, chartH            = 600.0, 320.0
	plotLeft, plotRight       = 64.0, 568.0
	plotTop, plotBottom       = 56.0, 264.0
	maxXLabels                = 8
	chartPointRadius          = 3.5
	chartBarShare             = 0.7 // of its slot a bar fills; the rest is the gap
	chartWantTicks            = 5
	chartTitleY, chartYLabelY = 24.0, 44.0
)

// SVG renders the chart.
func (c LineChart) SVG() template.HTML {
	format := orDefault(c.Format)
	var values []float64
	for _, s := range c.Series {
		values = append(values, finite(c.readings(s))...)
	}
	if len(c.Labels) == 0 || len(values) == 0 {
		return emptyChart(c.Title)
	}
	lo, hi := minMax(values)
	if c.FromZero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	ticks := niceTicks(lo, hi)
	scale := yScale(ticks)
	x := func(i int) float64 {
		if len(c.Labels) == 1 {
			return (plotLeft + plotRight) / 2
		}
		return plotLeft + float64(i)*(plotRight-plotLeft)/float64(len(c.Labels)-1)
	}

	var b strings.Builder
	open(&b, "line", c.Title+". "+c.summary(format))
	frame(&b, c.Title, c.XLabel, c.YLabel, ticks, scale, format)
	for i, l := range c.Labels {
		if showLabel(i, len(c.Labels)) {
			fmt.Fprintf(&b, `<text class="chart-tick chart-tick-x" x="%.1f" y="%.1f">%s</text>`, x(i), plotBottom+18, esc(l))
		}
	}
	for si, s := range c.Series {
		var d strings.Builder
		pen := "M"
		for i, v := range c.readings(s) {
			if missing(v) {
				pen = "M" // a gap: the next reading starts a new stroke
				continue
			}
			fmt.Fprintf(&d, "%s%.1f %.1f ", pen, x(i), scale(v))
			pen = "L"
		}
		fmt.Fprintf(&b, `<path class="chart-line chart-series-%d" d="%s"/>`, si%4, strings.TrimSpace(d.String()))
		fmt.Fprintf(&b, `<g class="chart-series-%d">`, si%4)
		for i, v := range c.readings(s) {
			if missing(v) {
				continue
			}
			fmt.Fprintf(&b, `<circle class="chart-point" cx="%.1f" cy="%.1f" r="%.1f"><title>%s</title></circle>`,
				x(i), scale(v), chartPointRadius, esc(pointTitle(s.Name, c.Labels[i], format(v))))
		}
		b.WriteString(`</g>`)
	}
	if len(c.Series) > 1 {
		legend(&b, c.Series)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// readings are the values of s that have a label on the x axis.
func (c LineChart) readings(s Series) []float64 {
	return s.Values[:min(len(s.Values), len(c.Labels))]
}

// summary says in words what the lines show, for screen readers.
func (c LineChart) summary(format func(float64) string) string {
	parts := make([]string, 0, len(c.Series))
	for _, s := range c.Series {
		vals := finite(c.readings(s))
		name := s.Name
		if name == "" {
			name = c.YLabel
		}
		if len(vals) == 0 {
			parts = append(parts, name+": no values")
			continue
		}
		lo, hi := minMax(vals)
		parts = append(parts, fmt.Sprintf("%s: %d values from %s to %s, lowest %s, highest %s, last %s",
			name, len(vals), c.Labels[0], c.Labels[len(c.Labels)-1], format(lo), format(hi), format(vals[len(vals)-1])))
	}
	return strings.Join(parts, "; ") + "."
}

// SVG renders the chart.
func (c BarChart) SVG() template.HTML {
	format := orDefault(c.Format)
	values := make([]float64, 0, len(c.Bars))
	for _, bar := range c.Bars {
		values = append(values, bar.Value)
	}
	values = finite(values)
	if len(values) == 0 {
		return emptyChart(c.Title)
	}
	lo, hi := minMax(values)
	ticks := niceTicks(math.Min(lo, 0), math.Max(hi, 0))
	scale := yScale(ticks)
	slot := (plotRight - plotLeft) / float64(len(c.Bars))

	var b strings.Builder
	open(&b, "bar", c.Title+". "+c.summary(format))
	frame(&b, c.Title, c.XLabel, c.YLabel, ticks, scale, format)
	for i, bar := range c.Bars {
		centre := plotLeft + (float64(i)+0.5)*slot
		if showLabel(i, len(c.Bars)) {
			fmt.Fprintf(&b, `<text class="chart-tick chart-tick-x" x="%.1f" y="%.1f">%s</text>`, centre, plotBottom+18, esc(bar.Label))
		}
		if missing(bar.Value) {
			continue
		}
		top, bottom := scale(math.Max(bar.Value, 0)), scale(math.Min(bar.Value, 0))
		fmt.Fprintf(&b, `<rect class="chart-bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s</title></rect>`,
			centre-slot*chartBarShare/2, top, slot*chartBarShare, bottom-top, esc(pointTitle("", bar.Label, format(bar.Value))))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func (c BarChart) summary(format func(float64) string) string {
	low, high := -1, -1
	for i, bar := range c.Bars {
		if missing(bar.Value) {
			continue
		}
		if low < 0 || bar.Value < c.Bars[low].Value {
			low = i
		}
		if high < 0 || bar.Value > c.Bars[high].Value {
			high = i
		}
	}
	return fmt.Sprintf("%d bars; highest %s at %s, lowest %s at %s.",
		len(c.Bars), c.Bars[high].Label, format(c.Bars[high].Value), c.Bars[low].Label, format(c.Bars[low].Value))
}

// open starts the SVG element.
func open(b *strings.Builder, kind, label string) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-%s" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`,
		kind, chartW, chartH, esc(label))
}

// frame draws the title, the grid with its value ticks, the axes and their titles.
func frame(b *strings.Builder, title, xLabel, yLabel string, ticks []float64, scale func(float64) float64, format func(float64) string) {
	fmt.Fprintf(b, `<text class="chart-title" x="16" y="%.0f">%s</text>`, chartTitleY, esc(title))
	for _, t := range ticks {
		y := scale(t)
		fmt.Fprintf(b, `<line class="chart-grid" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, plotLeft, y, plotRight, y)
		fmt.Fprintf(b, `<text class="chart-tick chart-tick-y" x="%.1f" y="%.1f">%s</text>`, plotLeft-8, y+4, esc(format(t)))
	}
	fmt.Fprintf(b, `<line class="chart-axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, plotLeft, plotTop, plotLeft, plotBottom)
	fmt.Fprintf(b, `<line class="chart-axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, plotLeft, plotBottom, plotRight, plotBottom)
	if xLabel != "" {
		fmt.Fprintf(b, `<text class="chart-axis-label chart-axis-label-x" x="%.1f" y="%.1f">%s</text>`, (plotLeft+plotRight)/2, chartH-12, esc(xLabel))
	}
	if yLabel != "" {
		// Above the value axis rather than rotated beside it: it reads without
		// tilting the head and never collides with long tick values.
		fmt.Fprintf(b, `<text class="chart-axis-label" x="16" y="%.0f">%s</text>`, chartYLabelY, esc(yLabel))
	}
}

// legend names the series, right-aligned on the title line.
func legend(b *strings.Builder, series []Series) {
	x := plotRight
	for _, s := range series {
		x -= legendWidth(s.Name)
	}
	for i, s := range series {
		fmt.Fprintf(b, `<g class="chart-series-%d"><rect class="chart-swatch" x="%.1f" y="%.1f" width="12" height="12"/><text class="chart-legend" x="%.1f" y="%.1f">%s</text></g>`,
			i%4, x, chartTitleY-10, x+16, chartTitleY, esc(s.Name))
		x += legendWidth(s.Name)
	}
}

// legendWidth estimates the room a legend entry takes: the swatch, the name at
// about 7 units a character, and a gap.
func legendWidth(name string) float64 { return 16 + 7*float64(len([]rune(name))) + 16 }

func emptyChart(title string) template.HTML {
	var b strings.Builder
	open(&b, "empty", title+": no data yet.")
	fmt.Fprintf(&b, `<text class="chart-title" x="16" y="%.0f">%s</text>`, chartTitleY, esc(title))
	fmt.Fprintf(&b, `<text class="chart-empty" x="%.1f" y="%.1f">No data yet</text></svg>`, (plotLeft+plotRight)/2, (plotTop+plotBottom)/2)
	return template.HTML(b.String())
}

// showLabel thins the x labels so that at most maxXLabels are written.
func showLabel(i, n int) bool {
	every := (n + maxXLabels - 1) / maxXLabels
	return i%every == 0
}

func pointTitle(series, label, value string) string {
	if series != "" {
		return series + ", " + label + ": " + value
	}
	return label + ": " + value
}

// yScale maps a value to its y coordinate, the first tick at the bottom of the
// plot and the last at the top.
func yScale(ticks []float64) func(float64) float64 {
	lo, hi := ticks[0], ticks[len(ticks)-1]
	return func(v float64) float64 {
		return plotBottom - (v-lo)/(hi-lo)*(plotBottom-plotTop)
	}
}

// niceTicks covers [lo, hi] with about chartWantTicks round values (steps of
// 1, 2 or 5 times a power of ten), the first at or below lo, the last at or
// above hi.
func niceTicks(lo, hi float64) []float64 {
	if hi == lo {
		pad := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-pad, hi+pad
		if lo < 0 && lo+pad >= 0 {
			lo = 0 // a flat line of zeros or small counts need not go negative
		}
	}
	raw := (hi - lo) / chartWantTicks
	step := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / step; { // the nearest of 1, 2, 5 and 10
	case f >= 7:
		step *= 10
	case f >= 3:
		step *= 5
	case f >= 1.5:
		step *= 2
	}
	first := math.Floor(lo/step + 1e-9)
	last := math.Ceil(hi/step - 1e-9)
	ticks := make([]float64, 0, int(last-first)+1)
	for k := first; k <= last; k++ {
		ticks = append(ticks, k*step)
	}
	return ticks
}

// FormatNumber writes 1234567.891 as "1,234,567.89": thousands grouped, at
// most two decimals, no trailing zeros.
func FormatNumber(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	var b strings.Builder
	if v < 0 && (whole != "0" || frac != "") {
		b.WriteByte('-')
	}
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

func orDefault(format func(float64) string) func(float64) string {
	if format == nil {
		return FormatNumber
	}
	return format
}

// missing reports a value that cannot be drawn: NaN marks a missing reading.
func missing(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

func finite(vs []float64) []float64 {
	out := make([]float64, 0, len(vs))
	for _, v := range vs {
		if !missing(v) {
			out = append(out, v)
		}
	}
	return out
}

func minMax(vs []float64) (lo, hi float64) {
	lo, hi = vs[0], vs[0]
	for _, v := range vs[1:] {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}

func esc(s string) string { return template.HTMLEscapeString(s) }
