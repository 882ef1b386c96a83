package ttml

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

func TestHexColor(t *testing.T) {
	for in, want := range map[string]string{
		"red": "ff0000", "Yellow": "ffff00", "transparent": "00000000", "#FFF": "ffffff", "#ff000080": "ff000080", "#f008": "ff000088",
		"rgb(0, 255, 0)": "00ff00", "rgba(0,0,255,128)": "0000ff80", "rgba(0,0,255,0.5)": "0000ff80", "rgb(300,-1,0)": "ff0000",
		// Read since the readers were made one (CSS Color 4's names, rgb and rgba alike).
		"RebeccaPurple": "663399", "darkorange": "ff8c00", "rgba(1,2,3)": "010203", "#ff0000ff": "ff0000",
	} {
		if got, ok := HexColor(in); !ok || got != want {
			t.Errorf("HexColor(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "currentColor", "#ff000", "#gggggg", "rgb(1,2)", "rgb(a,b,c)", "hsl(0,0%,0%)"} {
		if got, ok := HexColor(bad); ok {
			t.Errorf("HexColor(%q) = %q", bad, got)
		}
	}
}

// FuzzWriteProfiles reads arbitrary text as TTML and writes what it read
// as IMSC 1.1 Text and as EBU-TT-D: each reads back without a warning
// (but of cues never shown), with the same language, title and cues, the
// EBU-TT-D colors as the hex it writes them in.
func FuzzWriteProfiles(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*ml"))
	for _, p := range append(files, filepath.Join("testdata", "flash-dfxp.xml"), filepath.Join("testdata", "dfxp-2006.dfxp")) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(`<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling"><body><div><p begin="1s" end="2s" tts:color="rgba(1,2,3,4)">a <span tts:color="red" tts:fontStyle="italic">b</span><br/><span tts:color="bogus">c</span></p></div></body></tt>`)
	f.Fuzz(func(t *testing.T, in string) {
		doc, _, err := readTTML("fuzz.ttml", in)
		if err != nil {
			return // FuzzReadTTML checks the errors
		}
		for _, p := range []Profile{IMSC11Text, EBUTTD} {
			var buf bytes.Buffer
			if err := WriteProfile(&buf, doc, subtitle.EncodeOptions{}, p); err != nil {
				t.Fatalf("profile %d: %v", p, err)
			}
			back, ws, err := readTTML("back.ttml", buf.String())
			if err != nil {
				t.Fatalf("profile %d: cannot read our own output: %v\n%s", p, err, buf.String())
			}
			for _, w := range ws {
				if !strings.Contains(w.Message, "never shown") {
					t.Errorf("profile %d: our own output gives the warning %q\n%s", p, w, buf.String())
				}
			}
			want := doc
			if p == EBUTTD {
				want = hexColors(doc)
			}
			if got, want := ttmlVisible(back), ttmlVisible(want); got != want {
				t.Fatalf("profile %d changed the document\nread:\n%s\nread back:\n%s\nwritten:\n%s", p, want, got, buf.String())
			}
		}
	})
}

// hexColors is d with its spans' colors as EBU-TT-D writes them: #hex,
// or none.
func hexColors(d *subtitle.Document) *subtitle.Document {
	out := *d
	out.Cues = make([]subtitle.Cue, len(d.Cues))
	for i, c := range d.Cues {
		out.Cues[i] = c
		out.Cues[i].Lines = make([]subtitle.Line, len(c.Lines))
		for j, l := range c.Lines {
			nl := make(subtitle.Line, len(l))
			for k, s := range l {
				h, ok := HexColor(s.Color)
				s.Color = ""
				if ok && h != "ffffff" {
					s.Color = "#" + h
				}
				nl[k] = s
			}
			out.Cues[i].Lines[j] = nl
		}
	}
	return &out
}

// TestEBUTTDColors writes span colors by name, hex and rgb() as EBU-TT-D
// hex styles, read back as #rrggbb; white, the default, is no color.
func TestEBUTTDColors(t *testing.T) {
	for c, want := range map[string]string{"yellow": "#ffff00", "#FFFF00": "#ffff00", "rgb(255,255,0)": "#ffff00", "#ff000080": "#ff000080", "white": "", "#fff": ""} {
		d := &subtitle.Document{Cues: []subtitle.Cue{{Start: 0, End: 1e9, Lines: []subtitle.Line{{{Text: "a"}, {Text: "b", Color: c}}}}}}
		var buf bytes.Buffer
		if err := WriteProfile(&buf, d, subtitle.EncodeOptions{}, EBUTTD); err != nil {
			t.Fatal(err)
		}
		back, ws, err := readTTML("x.ttml", buf.String())
		if err != nil || len(ws) > 0 {
			t.Fatal(err, ws)
		}
		l := back.Cues[0].Lines[0]
		switch {
		case want == "" && (len(l) != 1 || l[0].Text != "ab" || l[0].Color != ""):
			t.Errorf("color %q: read back %+v", c, l)
		case want != "" && (len(l) != 2 || l[1].Color != want):
			t.Errorf("color %q: read back %+v, want %s", c, l, want)
		}
	}
}
