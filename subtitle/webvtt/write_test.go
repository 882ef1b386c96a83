package webvtt

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

// The writer's quick escaping gives what the Replacer gives.
func TestEscapeQuickPath(t *testing.T) {
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
	}
}

// TestWriteKeepsUnnamedCues: a WebVTT file read and written back gets no
// cue ids it did not have; a document from SRT is numbered as before.
func TestWriteKeepsUnnamedCues(t *testing.T) {
	in := "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n\nnamed\n00:00:03.000 --> 00:00:04.000\nBye\n"
	d, _, err := subtitle.Decode("x.vtt", []byte(in), subtitle.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, subtitle.WebVTT, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if buf.String() != in {
		t.Errorf("written back as\n%s\nwant\n%s", buf.String(), in)
	}
	d.IDsAsRead = false
	buf.Reset()
	subtitle.Encode(&buf, d, subtitle.WebVTT, subtitle.EncodeOptions{})
	if !strings.Contains(buf.String(), "\n\n1\n00:00:01.000") {
		t.Errorf("a document not read from WebVTT: cue not numbered:\n%s", buf.String())
	}
}

// TestWriteKeepsNoteBeforeStyle: a NOTE before the STYLE block is written
// back before it, not moved after it.
func TestWriteKeepsNoteBeforeStyle(t *testing.T) {
	in := "WEBVTT\n\nNOTE first\n\nSTYLE\n::cue { color: red }\n\nNOTE second\n\n00:00:01.000 --> 00:00:02.000\nHello\n"
	d, _, err := subtitle.Decode("x.vtt", []byte(in), subtitle.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, subtitle.WebVTT, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if buf.String() != in {
		t.Errorf("written back as\n%s\nwant\n%s", buf.String(), in)
	}
}

// TestWriteVoiceClasses: classes read from <v.loud Tom> are written back
// on the <v> tag; classes on part of a voice stay in a <c>.
func TestWriteVoiceClasses(t *testing.T) {
	for in, want := range map[string]string{
		"<v.loud Tom>Hello":                        "<v.loud Tom>Hello</v>",
		"<v Tom><c.loud>Hello</c> world</v>":       "<v Tom><c.loud>Hello</c> world</v>",
		"<v.a.b Tom>Hi <i>there</i></v>":           "<v.a.b Tom>Hi <i>there</i></v>",
		"<v.loud Tom>Hello</v> <v.soft Ann>Hi</v>": "<v.loud Tom>Hello</v> <v.soft Ann>Hi</v>",
	} {
		d, _, err := subtitle.Decode("x.vtt", []byte("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"+in+"\n"), subtitle.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := vttLine(d.Cues[0].Lines[0]); got != want {
			t.Errorf("%s: written as %s, want %s", in, got, want)
		}
	}
}

// TestWriteColors: a color is read by csscolor, in any of its forms, and
// written as the default color class it is; other colors, which WebVTT
// shows only through a STYLE block, are not written and Losses says so.
// The W3C parser reads the output without an error, the classes in place.
func TestWriteColors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"red", "red"}, {"#FF0000", "red"}, {"#f00", "red"}, {"rgb(255, 0, 0)", "red"}, {"rgba(255,0,0,0.5)", "red"},
		{"#ff0000ff", "red"}, {"Lime", "lime"}, {"#0f0", "lime"}, {"aqua", "cyan"}, {"fuchsia", "magenta"},
		{"rgb(0%,0%,100%)", "blue"}, {"#000", "black"}, {"WHITE", "white"}, {"#ffff00", "yellow"},
		{"green", ""}, {"orange", ""}, {"nocolor", ""}, {"transparent", ""},
	}
	d := &subtitle.Document{}
	for i, c := range cases {
		at := time.Duration(i+1) * time.Second
		d.Cues = append(d.Cues, subtitle.Cue{Start: at, End: at + time.Second, Lines: []subtitle.Line{{{Text: "Say "}, {Text: "this", Color: c.in}}}})
	}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, subtitle.WebVTT, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	back, _, err := subtitle.Decode("x.vtt", buf.Bytes(), subtitle.ReadOptions{})
	if err != nil || len(back.Cues) != len(cases) {
		t.Fatalf("%v: %d cues\n%s", err, len(back.Cues), buf.String())
	}
	for i, c := range cases {
		l := back.Cues[i].Lines[0]
		if got := l[len(l)-1]; !strings.HasSuffix(got.Text, "this") || got.Color != c.want {
			t.Errorf("%q is read back as %+v, want %q", c.in, l, c.want)
		}
		losses := strings.Join(subtitle.Losses(&subtitle.Document{Cues: d.Cues[i : i+1]}, subtitle.WebVTT), "; ")
		if want := map[bool]string{true: "", false: "colors in 1 cue"}[c.want != ""]; losses != want {
			t.Errorf("%q: Losses %q, want %q", c.in, losses, want)
		}
	}
	file := filepath.Join(t.TempDir(), "colors.vtt")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	w3c := extcheck.WebVTT(t, file)
	if len(w3c[0].Errors) > 0 || len(w3c[0].Cues) != len(cases) {
		t.Fatalf("W3C parser: %d cues, errors %v", len(w3c[0].Cues), w3c[0].Errors)
	}
	for i, c := range cases {
		want := "Say this"
		if c.want != "" {
			want = "Say <c." + c.want + ">this</c>"
		}
		if raw := w3c[0].Cues[i].Raw; raw != want {
			t.Errorf("%q: the W3C parser reads %q, want %q", c.in, raw, want)
		}
	}
}
