package subtitle_test

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	astisub "github.com/asticode/go-astisub"

	"github.com/subkit-dev/subkit/subtitle"
)

// readBackWithAstisub writes doc as f and reads it with go-astisub
// directly, not Decode (our own readers are tested against our writers
// elsewhere), checking that every cue is there.
func readBackWithAstisub(t *testing.T, doc *subtitle.Document, f subtitle.Format) *subtitle.Document {
	t.Helper()
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, doc, f, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	back, err := astisubRead(f, buf.String())
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
	doc := &subtitle.Document{Lang: "zh-Hans", Cues: []subtitle.Cue{
		{Start: 0, End: ms(1500), Lines: subtitle.Text("大家好，这里是最佳拍档")},
		{Start: ms(1580), End: ms(3999), Lines: subtitle.Text("Anthropic的联合创始人", "丹妮拉·阿莫代伊")},
		{Start: ms(4000), End: ms(5001), Lines: subtitle.Text("更给喧嚣的 AI 行业", "带来了一份冷静的思考")},
		{Start: ms(3600000), End: ms(3601000), Lines: subtitle.Text("一小时后")},
	}}
	for _, f := range subtitle.TextFormats() {
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
		f    subtitle.Format
		in   string
	}{
		{"ttml dur", subtitle.TTML, `<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" dur="2s">x</p></div></body></tt>`},
		{"ttml span timing", subtitle.TTML, `<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p><span begin="1s" end="2s">x</span></p></div></body></tt>`},
		{"srt junk", subtitle.SRT, "1\n00:00:01,000 --> \nx\n"},
		{"vtt junk", subtitle.WebVTT, "WEBVTT\n\n00:01.000 --> 00:00:00.500 line:\nx\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := subtitle.Read("bad"+c.f.Ext(), []byte(c.in), c.f)
			if err != nil {
				var pe *subtitle.ParseError
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

// astisubRead reads text in format f with go-astisub's own reader, its
// lines and styles made spans as subkit's go-astisub readers make them.
func astisubRead(f subtitle.Format, text string) (*subtitle.Document, error) {
	r := strings.NewReader(text)
	var subs *astisub.Subtitles
	var err error
	switch f {
	case subtitle.SRT:
		subs, err = astisub.ReadFromSRT(r)
	case subtitle.WebVTT:
		subs, err = astisub.ReadFromWebVTT(r)
	case subtitle.TTML:
		subs, err = astisub.ReadFromTTML(r)
	default:
		return nil, fmt.Errorf("no go-astisub reader for %v here", f)
	}
	if err != nil {
		return nil, err
	}
	d := &subtitle.Document{}
	for _, it := range subs.Items {
		c := subtitle.Cue{Start: it.StartAt, End: it.EndAt}
		for _, l := range it.Lines {
			var line subtitle.Line
			for _, li := range l.Items {
				sp := subtitle.Span{Text: li.Text}
				if sa := li.InlineStyle; sa != nil {
					sp.Italic = sa.SRTItalics || sa.WebVTTItalics || sa.TTMLFontStyle != nil && *sa.TTMLFontStyle == "italic"
					sp.Bold = sa.SRTBold || sa.WebVTTBold || sa.TTMLFontWeight != nil && *sa.TTMLFontWeight == "bold"
					sp.Underline = sa.SRTUnderline || sa.WebVTTUnderline || sa.TTMLTextDecoration != nil && strings.Contains(*sa.TTMLTextDecoration, "underline")
					switch {
					case sa.SRTColor != nil:
						sp.Color = sa.SRTColor.HTMLString()
					case sa.TTMLColor != nil:
						sp.Color = sa.TTMLColor.HTMLString()
					}
				}
				line = append(line, sp)
			}
			c.Lines = append(c.Lines, line)
		}
		d.Cues = append(d.Cues, c)
	}
	return d, nil
}
