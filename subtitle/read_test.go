package subtitle

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// readBackWithAstisub writes doc as f and reads it with go-astisub
// directly, not Decode (our own readers are tested against our writers
// elsewhere), checking that every cue is there.
func readBackWithAstisub(t *testing.T, doc *Document, f Format) *Document {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, doc, f, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	back, _, err := astisubReader(f)("out"+f.Ext(), buf.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Cues) != len(doc.Cues) {
		t.Fatalf("read back %d cues, wrote %d", len(back.Cues), len(doc.Cues))
	}
	return back
}

// TestWritersReadBack reads our output back with go-astisub, a reader we
// did not write: every cue's times and lines must survive.
func TestWritersReadBack(t *testing.T) {
	doc := &Document{Lang: "zh-Hans", Cues: []Cue{
		{Start: 0, End: ms(1500), Lines: Text("大家好，这里是最佳拍档")},
		{Start: ms(1580), End: ms(3999), Lines: Text("Anthropic的联合创始人", "丹妮拉·阿莫代伊")},
		{Start: ms(4000), End: ms(5001), Lines: Text("更给喧嚣的 AI 行业", "带来了一份冷静的思考")},
		{Start: ms(3600000), End: ms(3601000), Lines: Text("一小时后")},
	}}
	for _, f := range TextFormats() {
		t.Run(f.String(), func(t *testing.T) {
			back := readBackWithAstisub(t, doc, f)
			for i, c := range back.Cues {
				w := doc.Cues[i]
				if c.Start != w.Start || c.End != w.End || !reflect.DeepEqual(c.Lines, w.Lines) {
					t.Errorf("cue %d: read %v-%v %q, wrote %v-%v %q", i+1, c.Start, c.End, c.Lines, w.Start, w.End, w.Lines)
				}
			}
		})
	}
}

// TestReadNeverPanics feeds the readers input known to make go-astisub
// panic.
func TestReadNeverPanics(t *testing.T) {
	cases := []struct {
		name string
		f    Format
		in   string
	}{
		{"ttml dur", TTML, `<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" dur="2s">x</p></div></body></tt>`},
		{"ttml span timing", TTML, `<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p><span begin="1s" end="2s">x</span></p></div></body></tt>`},
		{"srt junk", SRT, "1\n00:00:01,000 --> \nx\n"},
		{"vtt junk", WebVTT, "WEBVTT\n\n00:01.000 --> 00:00:00.500 line:\nx\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Read("bad"+c.f.Ext(), []byte(c.in), c.f)
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.File != "bad"+c.f.Ext() {
					t.Errorf("error %v does not name the file", err)
				}
				return
			}
			if doc == nil {
				t.Error("nil document without an error")
			}
		})
	}
}

// TestAstisubFormatsReadBack writes ASS, SSA and EBU STL through
// go-astisub and reads them back: times survive at the formats' precision
// (centiseconds; 25 fps frames) and text and styles survive where the
// format carries them.
func TestAstisubFormatsReadBack(t *testing.T) {
	doc := &Document{Cues: []Cue{
		{Start: ms(1000), End: ms(2480), Lines: Text("Hello, world.")},
		{Start: ms(3000), End: ms(5200), Lines: []Line{{{Text: "Two lines, "}, {Text: "one italic", Italic: true}}, {{Text: "second line"}}}},
		{Start: ms(3600000), End: ms(3602000), Lines: Text("An hour later")},
	}}
	for _, f := range []Format{ASS, SSA, STL} {
		t.Run(f.String(), func(t *testing.T) {
			back := readBackWithAstisub(t, doc, f)
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
