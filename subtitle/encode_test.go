package subtitle_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// tricky holds what writers most often get wrong: markup characters, a
// "-->" in the text, a blank line inside a cue, hours past 99, CJK lines.
var tricky = &subtitle.Document{
	Lang: "zh-Hans",
	Cues: []subtitle.Cue{
		{Start: 0, End: ms(1500), Lines: subtitle.Text("大家好，这里是最佳拍档")},
		{ID: "two", Start: ms(1580), End: ms(3999), Lines: subtitle.Text("Anthropic的联合创始人", "丹妮拉·阿莫代伊")},
		{Start: ms(4000), End: ms(5001), Lines: subtitle.Text("a < b && c > d", `"quoted" --> arrow`)},
		{Start: ms(6000), End: ms(7000), Lines: subtitle.Text("first", "", "after blank")},
		{Start: ms(100*3600*1000 + 61001), End: ms(100*3600*1000 + 62002), Lines: subtitle.Text("late")},
	},
}

// styled has every inline style the writers know.
var styled = &subtitle.Document{
	Lang: "zh-Hans",
	Cues: []subtitle.Cue{
		{Start: 0, End: ms(2000), Lines: []subtitle.Line{{{Text: "大家好，"}, {Text: "这里", Italic: true}, {Text: "是最佳拍档", Bold: true}}}},
		{Start: ms(2500), End: ms(4000), Lines: []subtitle.Line{{{Text: "under", Underline: true}, {Text: " & "}, {Text: "red", Color: "red"}, {Text: " #f0f", Color: "#ff00ff"}, {Text: " #f0e", Color: "#ff00ee"}}, {{Text: "all three", Bold: true, Italic: true, Underline: true}}}},
		{Start: ms(4500), End: ms(6000), Lines: []subtitle.Line{{{Text: "丹妮拉", Voice: "Daniela <D>", Lang: "zh"}, {Text: "：安全", Classes: []string{"loud"}}}}},
		{Start: ms(6500), End: ms(9000), Lines: []subtitle.Line{{{Text: "一"}, {Text: "二", At: ms(7000), Timed: true}, {Text: "三", Ruby: "sān", At: ms(8000), Timed: true}}}},
		{Start: ms(9500), End: ms(10000), Align: 8, Lines: subtitle.Text("at the top")},
		{Start: ms(10500), End: ms(11000), Align: 4, Lines: subtitle.Text("middle, left")},
		{Start: ms(11500), End: ms(12000), Align: 9, Settings: "line:10% align:end", Lines: subtitle.Text("own settings win in WebVTT")},
	},
}

func TestEncodeGolden(t *testing.T) {
	cases := []struct {
		name string
		f    subtitle.Format
		o    subtitle.EncodeOptions
	}{
		{"styled.srt", subtitle.SRT, subtitle.EncodeOptions{}},
		{"styled.vtt", subtitle.WebVTT, subtitle.EncodeOptions{}},
		{"styled.ttml", subtitle.TTML, subtitle.EncodeOptions{}},
		{"tricky.srt", subtitle.SRT, subtitle.EncodeOptions{}},
		{"tricky-crlf-bom.srt", subtitle.SRT, subtitle.EncodeOptions{BOM: true, CRLF: true}},
		{"tricky.vtt", subtitle.WebVTT, subtitle.EncodeOptions{}},
		{"tricky.ttml", subtitle.TTML, subtitle.EncodeOptions{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := tricky
			if strings.HasPrefix(c.name, "styled") {
				doc = styled
			}
			var buf bytes.Buffer
			if err := subtitle.Encode(&buf, doc, c.f, c.o); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "encode", c.name+".golden")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from golden file:\n got: %q\nwant: %q", c.name, buf.String(), want)
			}
		})
	}
}

func TestEncodeOptions(t *testing.T) {
	var plain, crlf bytes.Buffer
	if err := subtitle.Encode(&plain, tricky, subtitle.SRT, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := subtitle.Encode(&crlf, tricky, subtitle.SRT, subtitle.EncodeOptions{BOM: true, CRLF: true}); err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(plain.Bytes(), []byte("\ufeff")) || bytes.Contains(plain.Bytes(), []byte("\r")) {
		t.Error("default SRT has a BOM or a CR")
	}
	if !bytes.HasPrefix(crlf.Bytes(), []byte("\ufeff")) {
		t.Error("BOM option wrote no BOM")
	}
	back := strings.ReplaceAll(strings.TrimPrefix(crlf.String(), "\ufeff"), "\r\n", "\n")
	if back != plain.String() || strings.Contains(back, "\r") {
		t.Error("CRLF output is not the LF output with CR LF line ends")
	}
}

func TestEncodeRejectsBadTimes(t *testing.T) {
	neg := &subtitle.Document{Cues: []subtitle.Cue{{Start: -ms(1), End: ms(1), Lines: subtitle.Text("x")}}}
	backwards := &subtitle.Document{Cues: []subtitle.Cue{{Start: ms(2), End: ms(1), Lines: subtitle.Text("x")}}}
	for _, f := range subtitle.Formats() {
		var buf bytes.Buffer
		if err := subtitle.Encode(&buf, neg, f, subtitle.EncodeOptions{}); err == nil || !strings.Contains(err.Error(), "cue 1") {
			t.Errorf("%v: err = %v, want an error naming cue 1", f, err)
		}
		// A cue ending before it starts is written as it is (browsers keep
		// them from WebVTT files; check reports them).
		buf.Reset()
		if err := subtitle.Encode(&buf, backwards, f, subtitle.EncodeOptions{}); err != nil {
			t.Errorf("%v: %v", f, err)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]subtitle.Format{"srt": subtitle.SRT, "SRT": subtitle.SRT, ".vtt": subtitle.WebVTT, "webvtt": subtitle.WebVTT, "ttml": subtitle.TTML, "dfxp": subtitle.TTML} {
		if got, err := subtitle.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := subtitle.ParseFormat("docx"); err == nil || !strings.Contains(err.Error(), "srt, vtt, ttml") {
		t.Errorf("ParseFormat(docx) error = %v, want one listing the known formats", err)
	}
	if subtitle.FormatFromPath("a/b.VTT") != subtitle.WebVTT || subtitle.FormatFromPath("a/b") != subtitle.Unknown || subtitle.FormatFromPath("x.txt") != subtitle.Unknown {
		t.Error("FormatFromPath")
	}
}
