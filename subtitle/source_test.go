package subtitle_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

func TestSources(t *testing.T) {
	srt := "1\r\n00:00:01,000 --> 00:00:02,000\r\n<i>open\r\nstill open\r\n\r\n" +
		"2\r\n00:00:03,000 --> 00:00:04,000\r\n<b></b>\r\n\r\n" +
		"3\r\n00:00:05,000 --> 00:00:06,000\r\n{\\an8}  top  \r\n"
	doc, err := subtitle.Read("a.srt", []byte(srt), subtitle.SRT)
	if err != nil {
		t.Fatal(err)
	}
	got := subtitle.Sources("a.srt", srt, subtitle.SRT)
	want := []subtitle.CueSource{
		{Line: 2, Text: []string{"<i>open", "still open"}},
		{Line: 7, Text: []string{"<b></b>"}},
		{Line: 11, Text: []string{`{\an8}  top`}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SRT sources = %+v, want %+v", got, want)
	}
	// The Document has lost what the sources keep.
	if len(doc.Cues) != 3 || len(doc.Cues[1].Lines) != 0 || !doc.Cues[0].Lines[1][0].Italic {
		t.Errorf("document = %+v", doc.Cues)
	}

	vtt := "WEBVTT\n\nNOTE hi\n\nid\n00:01.000 --> 00:02.000 align:start\n<v Ann>hello\n<i>world\n\n00:03.000 --> 00:04.000\n\n00:05.000 --> 00:06.000\nlast"
	got = subtitle.Sources("a.vtt", vtt, subtitle.WebVTT)
	want = []subtitle.CueSource{
		{Line: 6, Text: []string{"<v Ann>hello", "<i>world"}},
		{Line: 10},
		{Line: 12, Text: []string{"last"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("WebVTT sources = %+v, want %+v", got, want)
	}
	ttml := `<?xml version="1.0"?>
<tt xmlns="http://www.w3.org/ns/ttml"><body><div>
<p begin="1s" end="2s">one</p>
<p begin="3s" end="4s">two
<span begin="0.5s">split</span></p>
</div></body></tt>`
	got = subtitle.Sources("a.ttml", ttml, subtitle.TTML)
	if doc, err := subtitle.Read("a.ttml", []byte(ttml), subtitle.TTML); err != nil || len(doc.Cues) != len(got) {
		t.Fatalf("TTML: %v; %d cues, sources %+v", err, len(doc.Cues), got)
	}
	if len(got) < 3 || got[0].Line != 3 || got[1].Line != 4 || got[0].Text != nil {
		t.Errorf("TTML sources = %+v", got)
	}
	if subtitle.Sources("a.ttml", "<tt>", subtitle.TTML) != nil || subtitle.Sources("a.vtt", "not", subtitle.WebVTT) != nil || subtitle.Sources("a.ass", "[Script Info]", subtitle.ASS) != nil {
		t.Error("sources for a file that does not read")
	}
	// ASS: the Dialogue lines, skipping the Comment between them.
	script := assHead + "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,one\n" +
		"Comment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,not a cue\n" +
		"Dialogue: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,{\\an8}two\n"
	src := subtitle.Sources("a.ass", script, subtitle.ASS)
	if len(src) != 2 || src[0].Line != 11 || src[1].Line != 13 || src[0].Text != nil {
		t.Errorf("ASS sources %+v", src)
	}
}

// TestSourcesMatchCues: every test file gets one source a cue.
func TestSourcesMatchCues(t *testing.T) {
	files, _ := filepath.Glob("srt/testdata/*.srt")
	more, _ := filepath.Glob("webvtt/testdata/*.vtt")
	files = append(files, more...)
	more, _ = filepath.Glob("ttml/testdata/*.ttml")
	files = append(files, more...)
	files = append(files, "../cmd/subkit/testdata/golden/interview-zh.srt", "../cmd/subkit/testdata/golden/interview-zh.vtt", "../cmd/subkit/testdata/golden/interview-zh.ttml")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, info, err := subtitle.Prepare(f, b, subtitle.ReadOptions{})
		if err != nil {
			continue
		}
		doc, _, err := subtitle.ReadText(f, text, info.Format)
		if err != nil {
			continue
		}
		src := subtitle.Sources(f, text, info.Format)
		// Read once with the sources, the document is ReadText's.
		if doc2, _, _, err := subtitle.ReadTextSources(f, text, info.Format); err != nil || !reflect.DeepEqual(doc2, doc) {
			t.Errorf("%s: ReadTextSources read another document (%v)", f, err)
		}
		if len(src) != len(doc.Cues) {
			t.Errorf("%s: %d sources for %d cues", f, len(src), len(doc.Cues))
		}
		for i := 1; i < len(src); i++ {
			// TTML: a paragraph split by its spans' times makes cues of one line.
			if src[i].Line < src[i-1].Line || src[i].Line == src[i-1].Line && info.Format != subtitle.TTML {
				t.Errorf("%s: source %d at line %d, after %d", f, i+1, src[i].Line, src[i-1].Line)
			}
		}
	}
	if len(files) < 15 {
		t.Errorf("only %d files", len(files))
	}
}

// FuzzSources: any text that reads as SRT, WebVTT or TTML has one source
// a cue, in line order, and Sources never panics.
func FuzzSources(f *testing.F) {
	f.Add("1\n00:00:01,000 --> 00:00:02,000\n<i>a\n\n2\n00:00:03,000 --> 00:00:04,000\n<b></b>\n", uint8(0))
	f.Add("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>x\n\n00:03.000 --> 00:04.000\n", uint8(1))
	f.Add("text\n1\n00:00:01,000 --> 00:00:02,000\n00:00:03,000 --> 00:00:04,000\n", uint8(0))
	f.Add(`<tt xmlns="http://www.w3.org/ns/ttml"><body><p begin="1s" end="2s">a<span begin="0.5s">b</span></p></body></tt>`, uint8(2))
	f.Fuzz(func(t *testing.T, text string, kind uint8) {
		format := []subtitle.Format{subtitle.SRT, subtitle.WebVTT, subtitle.TTML}[kind%3]
		doc, _, err := subtitle.ReadText("f", text, format)
		src := subtitle.Sources("f", text, format)
		if err != nil {
			return
		}
		if len(src) != len(doc.Cues) {
			t.Fatalf("%d sources for %d cues", len(src), len(doc.Cues))
		}
		for i := 1; i < len(src); i++ {
			if src[i].Line < src[i-1].Line || src[i].Line == src[i-1].Line && format != subtitle.TTML {
				t.Fatalf("source %d at line %d, after %d", i+1, src[i].Line, src[i-1].Line)
			}
		}
	})
}

// assHead is an ASS script up to its events.
const assHead = `[Script Info]
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1
Style: Sign,Arial,48,&H0000FFFF,&H000000FF,&H00000000,&H00000000,-1,-1,0,0,100,100,0,0,1,2,2,8,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
`
