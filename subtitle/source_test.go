package subtitle

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestSources(t *testing.T) {
	srt := "1\r\n00:00:01,000 --> 00:00:02,000\r\n<i>open\r\nstill open\r\n\r\n" +
		"2\r\n00:00:03,000 --> 00:00:04,000\r\n<b></b>\r\n\r\n" +
		"3\r\n00:00:05,000 --> 00:00:06,000\r\n{\\an8}  top  \r\n"
	doc, err := Read("a.srt", []byte(srt), SRT)
	if err != nil {
		t.Fatal(err)
	}
	got := Sources("a.srt", srt, SRT)
	want := []CueSource{
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
	got = Sources("a.vtt", vtt, WebVTT)
	want = []CueSource{
		{Line: 6, Text: []string{"<v Ann>hello", "<i>world"}},
		{Line: 10},
		{Line: 12, Text: []string{"last"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("WebVTT sources = %+v, want %+v", got, want)
	}
	if Sources("a.ttml", "<tt/>", TTML) != nil || Sources("a.vtt", "not", WebVTT) != nil {
		t.Error("sources for TTML or a file that does not read")
	}
}

// TestSourcesMatchCues: every test file gets one source a cue.
func TestSourcesMatchCues(t *testing.T) {
	files, _ := filepath.Glob("testdata/srt/*.srt")
	more, _ := filepath.Glob("testdata/webvtt/*.vtt")
	files = append(files, more...)
	files = append(files, "../cmd/subkit/testdata/golden/interview-zh.srt", "../cmd/subkit/testdata/golden/interview-zh.vtt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, info, err := Prepare(f, b, ReadOptions{})
		if err != nil {
			continue
		}
		doc, _, err := ReadText(f, text, info.Format)
		if err != nil {
			continue
		}
		src := Sources(f, text, info.Format)
		if len(src) != len(doc.Cues) {
			t.Errorf("%s: %d sources for %d cues", f, len(src), len(doc.Cues))
		}
		for i := 1; i < len(src); i++ {
			if src[i].Line <= src[i-1].Line {
				t.Errorf("%s: source %d at line %d, after %d", f, i+1, src[i].Line, src[i-1].Line)
			}
		}
	}
	if len(files) < 15 {
		t.Errorf("only %d files", len(files))
	}
}

// FuzzSources: any text that reads as SRT or WebVTT has one source a cue,
// in line order, and Sources never panics.
func FuzzSources(f *testing.F) {
	f.Add("1\n00:00:01,000 --> 00:00:02,000\n<i>a\n\n2\n00:00:03,000 --> 00:00:04,000\n<b></b>\n", false)
	f.Add("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>x\n\n00:03.000 --> 00:04.000\n", true)
	f.Add("text\n1\n00:00:01,000 --> 00:00:02,000\n00:00:03,000 --> 00:00:04,000\n", false)
	f.Fuzz(func(t *testing.T, text string, vtt bool) {
		format := SRT
		if vtt {
			format = WebVTT
		}
		doc, _, err := ReadText("f", text, format)
		src := Sources("f", text, format)
		if err != nil {
			return
		}
		if len(src) != len(doc.Cues) {
			t.Fatalf("%d sources for %d cues", len(src), len(doc.Cues))
		}
		for i := 1; i < len(src); i++ {
			if src[i].Line <= src[i-1].Line {
				t.Fatalf("source %d at line %d, after %d", i+1, src[i].Line, src[i-1].Line)
			}
		}
	})
}
