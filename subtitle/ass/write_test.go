package ass

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// TestWriteReadBack writes ASS and SSA through go-astisub and reads them
// back: times survive at the formats' precision (centiseconds) and text
// survives.
func TestWriteReadBack(t *testing.T) {
	doc := &subtitle.Document{Cues: []subtitle.Cue{
		{Start: ms(1000), End: ms(2480), Lines: subtitle.Text("Hello, world.")},
		{Start: ms(3000), End: ms(5200), Lines: []subtitle.Line{{{Text: "Two lines, "}, {Text: "one italic", Italic: true}}, {{Text: "second line"}}}},
		{Start: ms(3600000), End: ms(3602000), Lines: subtitle.Text("An hour later")},
	}}
	for _, f := range []subtitle.Format{subtitle.ASS, subtitle.SSA} {
		t.Run(f.String(), func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(f)(&buf, doc, subtitle.EncodeOptions{}); err != nil {
				t.Fatal(err)
			}
			back, _, err := read(f)("out"+f.Ext(), buf.String())
			if err != nil {
				t.Fatal(err)
			}
			if len(back.Cues) != len(doc.Cues) {
				t.Fatalf("read back %d cues, wrote %d", len(back.Cues), len(doc.Cues))
			}
			for i, c := range back.Cues {
				w := doc.Cues[i]
				if c.Start != w.Start || c.End != w.End {
					t.Errorf("cue %d: read %v-%v, wrote %v-%v", i+1, c.Start, c.End, w.Start, w.End)
				}
				if got, want := strings.Join(c.PlainLines(), "|"), strings.Join(w.PlainLines(), "|"); got != want {
					t.Errorf("cue %d: read %q, wrote %q", i+1, got, want)
				}
			}
		})
	}
}
