package check

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

// svgElements reads the SVG's width and its elements of a class.
func svgElements(t *testing.T, svg []byte) (width float64, byClass map[string][]map[string]string, texts []string) {
	t.Helper()
	byClass = map[string][]map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			texts = append(texts, string(cd))
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attrs := map[string]string{}
		for _, a := range se.Attr {
			attrs[a.Name.Local] = a.Value
		}
		if se.Name.Local == "svg" {
			width, _ = strconv.ParseFloat(attrs["width"], 64)
		}
		if c := attrs["class"]; c != "" {
			byClass[c] = append(byClass[c], attrs)
		}
	}
}

// A track that ends on a minute has no empty row after it; the ticks
// within a row are labelled; a long title and the legend stay inside the
// picture.
func TestTimelineLayout(t *testing.T) {
	doc := &subtitle.Document{Cues: []subtitle.Cue{
		{Start: time.Second, End: 2 * time.Second, Lines: subtitle.Text("hello there")},
		{Start: 50 * time.Second, End: time.Minute, Lines: subtitle.Text("bye")},
	}}
	l := Limits{CPS: 17}
	width, els, texts := svgElements(t, Timeline(doc, l, strings.Repeat("a/very/long/path/", 20)+"film.srt (netflix-other)"))
	if n := len(els["row"]); n != 1 {
		t.Errorf("%d rows for a track of 0:01 to 1:00, want 1", n)
	}
	var ticks []string
	for _, tx := range texts {
		if strings.HasPrefix(tx, "+") {
			ticks = append(ticks, tx)
		}
	}
	if strings.Join(ticks, " ") != "+6s +12s +18s +24s +30s +36s +42s +48s +54s" {
		t.Errorf("tick labels %q", ticks)
	}
	shown := false
	for _, tx := range texts {
		if strings.HasPrefix(tx, "a/very") { // the title shown; its tooltip follows
			if left+textWidth(tx, 14) > width {
				t.Errorf("title %q runs past the width %g", tx, width)
			}
			shown = true
			break
		}
	}
	if !shown {
		t.Error("no title shown")
	}
	// The widest legend: long units at a long limit.
	doc.Cues[1].End = 2 * time.Minute
	width, els, _ = svgElements(t, Timeline(doc, Limits{WPM: 180.123456789}, "t"))
	if n := len(els["row"]); n != 2 {
		t.Errorf("%d rows for a track of 0:01 to 2:00, want 2", n)
	}
	if len(els["legend"]) == 0 {
		t.Error("no legend")
	}
	for _, e := range els["legend"] {
		x, _ := strconv.ParseFloat(e["x"], 64)
		if x+14 > width {
			t.Errorf("legend at x %g past the width %g", x, width)
		}
	}
}
