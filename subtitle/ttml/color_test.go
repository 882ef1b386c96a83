package ttml

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

// colorForms are span colors in forms the TTML writers have taken since
// ASS, FCPXML and TTML share one color reader, with the TTML color each
// is written as and what ttconv's SRT gives back: CSS names beyond TTML's
// twenty (written as they were, which ttconv refused) and #rgb and
// percentages (the same), beside forms TTML has that are kept as they are.
var colorForms = []struct{ in, ttml, ttconv string }{
	{"RebeccaPurple", "#663399", "#663399ff"},
	{"darkorange", "#ff8c00", "#ff8c00ff"},
	{"#abc", "#aabbcc", "#aabbccff"},
	{"rgb(100%,0%,50%)", "#ff0080", "#ff0080ff"},
	{"rgba(0,0,255,0.5)", "#0000ff80", "#0000ff80"},
	{"yellow", "yellow", "#ffff00ff"},
	{"rgb(1,2,3)", "rgb(1,2,3)", "#010203ff"},
}

// TestWriteCSSColors writes each form as TTML, IMSC and EBU-TT-D and checks
// what was written, that xmllint finds the first two valid TTML and that
// ttconv reads each color of all three without a word. A color the reader cannot read is not written,
// and Losses says so.
func TestWriteCSSColors(t *testing.T) {
	d := &subtitle.Document{}
	for i, f := range colorForms {
		at := time.Duration(i+1) * time.Second
		d.Cues = append(d.Cues, subtitle.Cue{Start: at, End: at + time.Second, Lines: []subtitle.Line{{{Text: "colored " + f.in, Color: f.in}}}})
	}
	if l := subtitle.Losses(d, subtitle.TTML); len(l) > 0 {
		t.Errorf("losses %v", l)
	}
	bad := &subtitle.Document{Cues: []subtitle.Cue{{Start: time.Second, End: 2 * time.Second, Lines: []subtitle.Line{{{Text: "x", Color: "nocolor"}}}}}}
	if l := subtitle.Losses(bad, subtitle.TTML); len(l) != 1 || l[0] != "colors in 1 cue" {
		t.Errorf("losses of a color that is none: %v", l)
	}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, bad, subtitle.TTML, subtitle.EncodeOptions{}); err != nil || strings.Contains(buf.String(), "nocolor") {
		t.Errorf("a color that is none written: %v\n%s", err, buf.String())
	}
	dir := t.TempDir()
	var files []string
	for _, p := range []Profile{TTML1, IMSC11Text, EBUTTD} {
		var buf bytes.Buffer
		if err := WriteProfile(&buf, d, subtitle.EncodeOptions{}, p); err != nil {
			t.Fatal(err)
		}
		for _, f := range colorForms {
			want := f.ttml
			if p == EBUTTD {
				want = "#" + strings.TrimSuffix(f.ttconv[1:], "ff")
			}
			if !strings.Contains(buf.String(), `tts:color="`+want+`"`) {
				t.Errorf("profile %d: %q not written as %q:\n%s", p, f.in, want, buf.String())
			}
		}
		path := filepath.Join(dir, "colors"+string(rune('0'+p))+".ttml")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	for _, r := range extcheck.TTMLSchema(t, files[:2]...) {
		if !r.Valid {
			t.Errorf("%s is not valid TTML:\n%s", r.File, strings.Join(r.Messages, "\n"))
		}
	}
	for _, path := range files {
		cues, msgs := extcheck.TTConvMessages(t, path)
		if len(msgs) > 0 {
			t.Errorf("ttconv said of %s:\n%s", filepath.Base(path), strings.Join(msgs, "\n"))
		}
		if len(cues) != len(colorForms) {
			t.Fatalf("ttconv read %d cues, wrote %d", len(cues), len(colorForms))
		}
		for i, f := range colorForms {
			if want := `<font color="` + f.ttconv + `">`; !strings.Contains(cues[i].Raw, want) {
				t.Errorf("%s: ttconv read %q as %q, want %s", filepath.Base(path), f.in, cues[i].Raw, want)
			}
		}
	}
}

// TestReadBadColor reads a tts:color that is no color: a warning naming
// its line, and the span keeps the color around it.
func TestReadBadColor(t *testing.T) {
	doc := `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling">
<body><div>
<p begin="1s" end="2s" tts:color="red">a <span tts:color="nocolor">b</span></p>
<p begin="2s" end="3s" tts:color="darkorange">c</p>
</div></body></tt>`
	d, ws, err := subtitle.ReadText("in.ttml", doc, subtitle.TTML)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].String() != `line 3: tts:color="nocolor": "nocolor" is not a color: a CSS color is a name, #rrggbb or rgb(): ignored` {
		t.Errorf("warnings %q", ws)
	}
	want := []subtitle.Cue{
		{Start: time.Second, End: 2 * time.Second, Lines: []subtitle.Line{{{Text: "a b", Color: "red"}}}},
		{Start: 2 * time.Second, End: 3 * time.Second, Lines: []subtitle.Line{{{Text: "c", Color: "darkorange"}}}},
	}
	if !reflect.DeepEqual(d.Cues, want) {
		t.Errorf("cues %+v\nwant %+v", d.Cues, want)
	}
}
