package check

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

func sec(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func statsDoc() *subtitle.Document {
	return &subtitle.Document{Lang: "zh-Hans", Cues: []subtitle.Cue{
		{Start: sec(1), End: sec(3), Lines: subtitle.Text("大家好")},                // 1.5 cps
		{Start: sec(3.5), End: sec(5), Lines: subtitle.Text("这一句话的字数实在是太多了读不完")}, // 10.67 cps
		{Start: sec(4.5), End: sec(6), Lines: subtitle.Text("重叠了")},              // 2 cps, overlaps 0.5 s
		{Start: sec(6), End: sec(7), Lines: nil},                                 // no text
		{Start: sec(59), End: sec(62), Lines: subtitle.Text("跨过一分钟的字幕")},         // 8 chars in 3 s: 2.67 cps
		{Start: sec(62.1), End: sec(63), Lines: subtitle.Text("八个字八个字八个")},       // 8.89 cps: near the limit
	}}
}

func TestMeasure(t *testing.T) {
	s := Measure(statsDoc(), limits(t, "netflix-zh-hans"))
	if s.Captions != 6 || s.Span != sec(62) || s.Overlaps != 1 || s.Limit != 9 || s.Unit != "cps" {
		t.Errorf("stats = %+v", s)
	}
	// On screen: 1-3, 3.5-7, 59-62, 62.1-63: 2 + 3.5 + 3 + 0.9.
	if s.OnScreen != sec(9.4) {
		t.Errorf("on screen %v, want 9.4s", s.OnScreen)
	}
	// Speeds of the five captions with text: 1.5, 2, 2.667, 8.889, 10.667.
	if s.CPS.N != 5 || s.CPS.Min != 1.5 || !near(s.CPS.Median, 8.0/3) || !near(s.CPS.Max, 16/1.5) {
		t.Errorf("cps = %+v", s.CPS)
	}
	// p90 is 0.6 of the way from 8.889 to 10.667.
	if want := 8/0.9 + 0.6*(16/1.5-8/0.9); !near(s.CPS.P90, want) {
		t.Errorf("cps p90 = %g, want %g", s.CPS.P90, want)
	}
	// Edges at 4.5, 6.75, 8.1, 9, 11.25: three under 4.5, one in 8.1-9, one in 9-11.25.
	if want := []int{3, 0, 0, 1, 1, 0}; !slices.Equal(s.CPS.Counts, want) {
		t.Errorf("cps counts %v, want %v", s.CPS.Counts, want)
	}
	// Durations 2, 1.5, 1.5, 1, 3, 0.9.
	if s.Duration.N != 6 || s.Duration.Min != 0.9 || s.Duration.Max != 3 || s.Duration.Median != 1.5 || !slices.Equal(s.Duration.Counts, []int{1, 3, 1, 1, 0, 0, 0, 0}) {
		t.Errorf("durations = %+v", s.Duration)
	}
	// Gaps 0.5, 0 (overlap), 0, 52, 0.1; the first edge is the least gap.
	if s.Gap.N != 5 || s.Gap.Edges[0] != 0.083 || s.Gap.Max != 52 || !slices.Equal(s.Gap.Counts, []int{2, 1, 0, 1, 0, 0, 1}) {
		t.Errorf("gaps = %+v", s.Gap)
	}
	var worst []int
	for _, w := range s.Worst {
		worst = append(worst, w.Caption)
	}
	if !slices.Equal(worst, []int{2, 6, 5, 3, 1}) {
		t.Errorf("worst = %v", worst)
	}
	if e := Measure(&subtitle.Document{}, Limits{}); e.Captions != 0 || e.CPS.N != 0 || len(e.Worst) != 0 {
		t.Errorf("empty: %+v", e)
	}
}

// TestTimeline reads the SVG back as XML: one bar a caption, two for the
// caption across the minute, each of the class its speed gives.
func TestTimeline(t *testing.T) {
	svg := Timeline(statsDoc(), limits(t, "netflix-zh-hans"), "a & b")
	classes := map[string][]string{}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	sawTitle := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, svg)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local != "rect" {
				continue
			}
			var class, caption string
			for _, a := range e.Attr {
				switch a.Name.Local {
				case "class":
					class = a.Value
				case "data-caption":
					caption = a.Value
				}
			}
			if caption != "" {
				classes[caption] = append(classes[caption], class)
			}
		case xml.CharData:
			if bytes.HasPrefix(e, []byte("a & b: 6 captions")) {
				sawTitle = true
			}
		}
	}
	want := map[string][]string{"1": {"ok"}, "2": {"over"}, "3": {"ok"}, "4": {"notext"}, "5": {"ok", "ok"}, "6": {"near"}}
	for k, v := range want {
		if !slices.Equal(classes[k], v) {
			t.Errorf("caption %s bars %v, want %v", k, classes[k], v)
		}
	}
	if len(classes) != len(want) || !sawTitle {
		t.Errorf("bars %v, title seen %v", classes, sawTitle)
	}
	if Class(Caption{Speed: 5}, 0) != "plain" {
		t.Error("no limit is not plain")
	}
}
