package subtitle

import (
	"bytes"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// tricky holds what writers most often get wrong: markup characters, a
// "-->" in the text, a blank line inside a cue, hours past 99, CJK lines.
var tricky = &Document{
	Lang: "zh-Hans",
	Cues: []Cue{
		{Start: 0, End: ms(1500), Lines: Text("大家好，这里是最佳拍档")},
		{ID: "two", Start: ms(1580), End: ms(3999), Lines: Text("Anthropic的联合创始人", "丹妮拉·阿莫代伊")},
		{Start: ms(4000), End: ms(5001), Lines: Text("a < b && c > d", `"quoted" --> arrow`)},
		{Start: ms(6000), End: ms(7000), Lines: Text("first", "", "after blank")},
		{Start: ms(100*3600*1000 + 61001), End: ms(100*3600*1000 + 62002), Lines: Text("late")},
	},
}

// styled has every inline style the writers know.
var styled = &Document{
	Lang: "zh-Hans",
	Cues: []Cue{
		{Start: 0, End: ms(2000), Lines: []Line{{{Text: "大家好，"}, {Text: "这里", Italic: true}, {Text: "是最佳拍档", Bold: true}}}},
		{Start: ms(2500), End: ms(4000), Lines: []Line{{{Text: "under", Underline: true}, {Text: " & "}, {Text: "red", Color: "red"}, {Text: " #f0f", Color: "#ff00ff"}, {Text: " #f0e", Color: "#ff00ee"}}, {{Text: "all three", Bold: true, Italic: true, Underline: true}}}},
		{Start: ms(4500), End: ms(6000), Lines: []Line{{{Text: "丹妮拉", Voice: "Daniela <D>", Lang: "zh"}, {Text: "：安全", Classes: []string{"loud"}}}}},
		{Start: ms(6500), End: ms(9000), Lines: []Line{{{Text: "一"}, {Text: "二", At: ms(7000), Timed: true}, {Text: "三", Ruby: "sān", At: ms(8000), Timed: true}}}},
		{Start: ms(9500), End: ms(10000), Align: 8, Lines: Text("at the top")},
		{Start: ms(10500), End: ms(11000), Align: 4, Lines: Text("middle, left")},
		{Start: ms(11500), End: ms(12000), Align: 9, Settings: "line:10% align:end", Lines: Text("own settings win in WebVTT")},
	},
}

func TestEncodeGolden(t *testing.T) {
	cases := []struct {
		name string
		f    Format
		o    EncodeOptions
	}{
		{"styled.srt", SRT, EncodeOptions{}},
		{"styled.vtt", WebVTT, EncodeOptions{}},
		{"styled.ttml", TTML, EncodeOptions{}},
		{"tricky.srt", SRT, EncodeOptions{}},
		{"tricky-crlf-bom.srt", SRT, EncodeOptions{BOM: true, CRLF: true}},
		{"tricky.vtt", WebVTT, EncodeOptions{}},
		{"tricky.ttml", TTML, EncodeOptions{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := tricky
			if strings.HasPrefix(c.name, "styled") {
				doc = styled
			}
			var buf bytes.Buffer
			if err := Encode(&buf, doc, c.f, c.o); err != nil {
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
	if err := Encode(&plain, tricky, SRT, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := Encode(&crlf, tricky, SRT, EncodeOptions{BOM: true, CRLF: true}); err != nil {
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
	neg := &Document{Cues: []Cue{{Start: -ms(1), End: ms(1), Lines: Text("x")}}}
	backwards := &Document{Cues: []Cue{{Start: ms(2), End: ms(1), Lines: Text("x")}}}
	for _, f := range Formats() {
		var buf bytes.Buffer
		if err := Encode(&buf, neg, f, EncodeOptions{}); err == nil || !strings.Contains(err.Error(), "cue 1") {
			t.Errorf("%v: err = %v, want an error naming cue 1", f, err)
		}
		// A cue ending before it starts is written as it is (browsers keep
		// them from WebVTT files; check reports them).
		buf.Reset()
		if err := Encode(&buf, backwards, f, EncodeOptions{}); err != nil {
			t.Errorf("%v: %v", f, err)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"srt": SRT, "SRT": SRT, ".vtt": WebVTT, "webvtt": WebVTT, "ttml": TTML, "dfxp": TTML} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseFormat("docx"); err == nil || !strings.Contains(err.Error(), "srt, vtt, ttml") {
		t.Errorf("ParseFormat(docx) error = %v, want one listing the known formats", err)
	}
	if FormatFromPath("a/b.VTT") != WebVTT || FormatFromPath("a/b") != Unknown || FormatFromPath("x.txt") != Unknown {
		t.Error("FormatFromPath")
	}
}

// The writers' quick paths give what the general ones give: escaping
// without a Replacer, and lines that need no splitting or trimming.
func TestEncodeQuickPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "字", " ", "\t", "\u3000", "&", "<", ">", "\x00", "\n", "\r", "", "b c", "\xff"}
	text := func() string {
		var b strings.Builder
		for n := rng.IntN(5); n >= 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for i := 0; i < 20000; i++ {
		s := text()
		if got, want := string(appendVTTEscaped(nil, s)), vttEscaper.Replace(s); got != want {
			t.Fatalf("escaping %q: %q, want %q", s, got, want)
		}
		var lines []Line
		for n := rng.IntN(3); n >= 0; n-- {
			var l Line
			for m := rng.IntN(3); m >= 0; m-- {
				l = append(l, Span{Text: text(), Italic: rng.IntN(2) == 0})
			}
			lines = append(lines, l)
		}
		want := splitTextLines(append([]Line(nil), lines...))
		if got := textLines(lines); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("lines %q: %q, want %q", lines, got, want)
		}
	}
}
