package check

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"

	"github.com/subkit-dev/subkit/guide"
	"github.com/subkit-dev/subkit/subtitle"
)

// FuzzCheck: whatever a reader makes of the text, Check, Measure and
// Timeline do not panic, every finding names a caption of the document
// and a known rule, and the timeline is well-formed XML.
func FuzzCheck(f *testing.F) {
	f.Add("1\n00:00:01,000 --> 00:00:02,000\n<i>a</b>\n\n2\n00:00:01,500 --> 00:00:01,000\n<font color=red>x\n", false)
	f.Add("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A><ruby>漢<rt>kan</ruby>\n\n00:00.000 --> 00:04.000\n<c.x>OpenAI\nGPT\n", true)
	known := map[Rule]bool{}
	for _, r := range Rules() {
		known[r] = true
	}
	f.Fuzz(func(t *testing.T, text string, vtt bool) {
		format := subtitle.SRT
		if vtt {
			format = subtitle.WebVTT
		}
		doc, _, err := subtitle.ReadText("f", text, format)
		if err != nil {
			return
		}
		raw := &Raw{Format: format, Cues: subtitle.Sources("f", text, format)}
		for _, name := range guide.Names() {
			p, _ := guide.Lookup(name)
			l := For(p, Options{})
			for _, fd := range Check(doc, l, raw) {
				if fd.Caption < 1 || fd.Caption > len(doc.Cues) || !known[fd.Rule] || fd.Message == "" {
					t.Fatalf("%s: finding %+v", name, fd)
				}
			}
			Measure(doc, l)
			dec := xml.NewDecoder(bytes.NewReader(Timeline(doc, l, "t")))
			for {
				_, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: timeline: %v", name, err)
				}
			}
		}
	})
}
