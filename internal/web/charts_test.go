package web

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"testing"
)

// node is a parsed SVG element, enough to walk the chart.
type node struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []node     `xml:",any"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n node) num(t *testing.T, name string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(n.attr(name), 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.XMLName.Local, name, n.attr(name), err)
	}
	return f
}

// all lists the elements named tag, depth first.
func (n node) all(tag string) []node {
	var out []node
	for _, c := range n.Children {
		if c.XMLName.Local == tag {
			out = append(out, c)
		}
		out = append(out, c.all(tag)...)
	}
	return out
}

// parseSVG checks that the chart is well-formed XML and accessible, and that
// it has no style attribute for the CSP to block.
func parseSVG(t *testing.T, svg string) node {
	t.Helper()
	var root node
	if err := xml.Unmarshal([]byte(svg), &root); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, svg)
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root is %v, want an SVG element", root.XMLName)
	}
	if root.attr("role") != "img" || root.attr("aria-label") == "" {
		t.Errorf(`want role="img" and an aria-label, got role=%q aria-label=%q`, root.attr("role"), root.attr("aria-label"))
	}
	if strings.Contains(svg, "style=") || strings.Contains(svg, "<style") {
		t.Error("chart carries inline style, which the CSP blocks")
	}
	return root
}

func texts(n node, class string) []string {
	var out []string
	for _, t := range n.all("text") {
		if strings.Contains(" "+t.attr("class")+" ", " "+class+" ") {
			out = append(out, t.Text)
		}
	}
	return out
}

func TestLineChartPlotsEveryReading(t *testing.T) {
	c := LineChart{
		Title:  "Patients waiting",
		XLabel: "Time", YLabel: "Patients",
		Labels:   []string{"08:00", "09:00", "10:00", "11:00", "12:00"},
		Series:   []Series{{Name: "Waiting", Values: []float64{2, 6, 11, 4, 5}}},
		FromZero: true,
	}
	root := parseSVG(t, string(c.SVG()))

	circles := root.all("circle")
	if len(circles) != 5 {
		t.Fatalf("%d points, want 5", len(circles))
	}
	// x grows with time, y shrinks as the value grows (SVG's y points down).
	for i := 1; i < len(circles); i++ {
		if circles[i].num(t, "cx") <= circles[i-1].num(t, "cx") {
			t.Errorf("point %d is not right of point %d", i, i-1)
		}
	}
	y := func(i int) float64 { return circles[i].num(t, "cy") }
	if !(y(2) < y(1) && y(1) < y(4) && y(4) < y(3) && y(3) < y(0)) {
		t.Errorf("point heights do not follow 2, 6, 11, 4, 5: %v %v %v %v %v", y(0), y(1), y(2), y(3), y(4))
	}
	for _, p := range circles {
		if p.num(t, "cy") < plotTop || p.num(t, "cy") > plotBottom {
			t.Errorf("point at y=%v is outside the plot", p.num(t, "cy"))
		}
	}
	if got := circles[2].all("title"); len(got) != 1 || got[0].Text != "Waiting, 10:00: 11" {
		t.Errorf("tooltip of the peak: %v", got)
	}

	paths := root.all("path")
	if len(paths) != 1 || strings.Count(paths[0].attr("d"), "M") != 1 || strings.Count(paths[0].attr("d"), "L") != 4 {
		t.Fatalf("want one unbroken line through 5 points, got %v", paths)
	}
	if got := texts(root, "chart-title"); len(got) != 1 || got[0] != "Patients waiting" {
		t.Errorf("title %q", got)
	}
	if got := texts(root, "chart-axis-label"); strings.Join(got, "|") != "Time|Patients" {
		t.Errorf("axis titles %q", got)
	}
	if got := texts(root, "chart-tick-x"); strings.Join(got, " ") != "08:00 09:00 10:00 11:00 12:00" {
		t.Errorf("x labels %q", got)
	}
	ticks := texts(root, "chart-tick-y")
	if len(ticks) < 3 || ticks[0] != "0" || ticks[len(ticks)-1] != "12" {
		t.Errorf("y ticks %q, want round values from 0 to 12", ticks)
	}
	label := root.attr("aria-label")
	for _, want := range []string{"Patients waiting", "5 values from 08:00 to 12:00", "lowest 2", "highest 11", "last 5"} {
		if !strings.Contains(label, want) {
			t.Errorf("aria-label %q misses %q", label, want)
		}
	}
}

func TestLineChartGapsAndSeries(t *testing.T) {
	c := LineChart{
		Title:  "Blood pressure",
		Labels: []string{"Mon", "Tue", "Wed", "Thu"},
		Series: []Series{
			{Name: "Systolic", Values: []float64{120, math.NaN(), 135, 128, 999}}, // no label for 999
			{Name: "Diastolic", Values: []float64{80, 85, 90}},
		},
	}
	root := parseSVG(t, string(c.SVG()))
	paths := root.all("path")
	if len(paths) != 2 {
		t.Fatalf("%d lines, want 2", len(paths))
	}
	if d := paths[0].attr("d"); strings.Count(d, "M") != 2 || strings.Count(d, "L") != 1 {
		t.Errorf("systolic line %q: want a gap on Tuesday (two strokes)", d)
	}
	if n := len(root.all("circle")); n != 3+3 {
		t.Errorf("%d points, want 6 (the missing and the unlabelled reading are not drawn)", n)
	}
	if got := texts(root, "chart-legend"); strings.Join(got, ",") != "Systolic,Diastolic" {
		t.Errorf("legend %q", got)
	}
	ticks := texts(root, "chart-tick-y")
	if ticks[0] != "80" || ticks[len(ticks)-1] != "140" {
		t.Errorf("y ticks %q, want 80 to 140: not from zero, not stretched to the unlabelled 999", ticks)
	}
}

func TestBarChartHeightsAreProportional(t *testing.T) {
	c := BarChart{
		Title:  "Revenue by day",
		YLabel: "KES",
		Bars:   []Bar{{"Mon", 12000}, {"Tue", 0}, {"Wed", 30000}, {"Thu", 18000}},
		Format: func(v float64) string { return "KES " + FormatNumber(v) },
	}
	root := parseSVG(t, string(c.SVG()))
	bars := root.all("rect")
	if len(bars) != 4 {
		t.Fatalf("%d bars, want 4", len(bars))
	}
	h := make([]float64, len(bars))
	for i, b := range bars {
		h[i] = b.num(t, "height")
		// Every bar stands on the zero line, the bottom of the plot.
		if bottom := b.num(t, "y") + h[i]; math.Abs(bottom-plotBottom) > 0.11 {
			t.Errorf("bar %d ends at y=%v, not on the axis", i, bottom)
		}
	}
	if h[1] != 0 {
		t.Errorf("zero bar has height %v", h[1])
	}
	for i, v := range []float64{12000, 30000, 18000} {
		j := []int{0, 2, 3}[i]
		if ratio := h[j] / h[2]; math.Abs(ratio-v/30000) > 0.01 {
			t.Errorf("bar %d is %.3f of the highest, want %.3f", j, ratio, v/30000)
		}
	}
	if got := bars[2].all("title"); len(got) != 1 || got[0].Text != "Wed: KES 30,000" {
		t.Errorf("tooltip %v", got)
	}
	ticks := texts(root, "chart-tick-y")
	if ticks[0] != "KES 0" || ticks[len(ticks)-1] != "KES 30,000" {
		t.Errorf("y ticks %q", ticks)
	}
	if label := root.attr("aria-label"); !strings.Contains(label, "highest Wed at KES 30,000") || !strings.Contains(label, "lowest Tue at KES 0") {
		t.Errorf("aria-label %q", label)
	}
}

func TestBarChartNegativeValuesHangBelowZero(t *testing.T) {
	root := parseSVG(t, string(BarChart{Title: "Stock change", Bars: []Bar{{"In", 40}, {"Out", -25}}}.SVG()))
	bars := root.all("rect")
	zero := bars[0].num(t, "y") + bars[0].num(t, "height")
	if math.Abs(bars[1].num(t, "y")-zero) > 0.11 {
		t.Errorf("negative bar starts at y=%v, want the zero line at %v", bars[1].num(t, "y"), zero)
	}
	if bars[1].num(t, "height") <= 0 {
		t.Error("negative bar has no height")
	}
}

func TestChartsWithoutDataSaySo(t *testing.T) {
	for name, svg := range map[string]string{
		"line":        string(LineChart{Title: "Pulse"}.SVG()),
		"line of NaN": string(LineChart{Title: "Pulse", Labels: []string{"a"}, Series: []Series{{Values: []float64{math.NaN()}}}}.SVG()),
		"bar":         string(BarChart{Title: "Revenue"}.SVG()),
	} {
		root := parseSVG(t, svg)
		if got := texts(root, "chart-empty"); len(got) != 1 || got[0] != "No data yet" {
			t.Errorf("%s: %q", name, got)
		}
		if !strings.HasSuffix(root.attr("aria-label"), "no data yet.") {
			t.Errorf("%s: aria-label %q", name, root.attr("aria-label"))
		}
	}
}

func TestChartTextIsEscaped(t *testing.T) {
	svg := string(BarChart{Title: `<script>alert("x")</script> & co`, Bars: []Bar{{`<b>`, 1}}}.SVG())
	root := parseSVG(t, svg)
	if got := texts(root, "chart-title"); len(got) != 1 || got[0] != `<script>alert("x")</script> & co` {
		t.Errorf("title came back as %q", got)
	}
	if strings.Contains(svg, "<script") || strings.Contains(svg, "<b>") {
		t.Error("markup in a label reached the SVG unescaped")
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{0, 11, "0 2 4 6 8 10 12"},
		{36.2, 38.9, "36 36.5 37 37.5 38 38.5 39"},
		{0, 30000, "0 5,000 10,000 15,000 20,000 25,000 30,000"},
		{-25, 40, "-30 -20 -10 0 10 20 30 40"},
		{5, 5, "4 4.5 5 5.5 6"},
		{0, 0, "0 0.2 0.4 0.6 0.8 1"},
	} {
		var got []string
		for _, v := range niceTicks(tc.lo, tc.hi) {
			got = append(got, FormatNumber(v))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("niceTicks(%v, %v) = %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 7: "7", 1234: "1,234", 1234567.891: "1,234,567.89", 36.5: "36.5",
		-1500: "-1,500", 0.30000000000000004: "0.3", -0.001: "0", 100: "100",
	} {
		if got := FormatNumber(v); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}
