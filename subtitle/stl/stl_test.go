package stl

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
)

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// TestWriteReadBack writes EBU STL and reads it back with subkit's reader
// and with ttconv: times survive at the format's precision (25 fps
// frames), text survives with its accents, dashes and italics, and the
// placement survives.
func TestWriteReadBack(t *testing.T) {
	doc := &subtitle.Document{Lang: "fr", Title: "Test", Cues: []subtitle.Cue{
		{Start: ms(1000), End: ms(2480), Lines: subtitle.Text("Ça va — très bien, l’été « oui »")},
		{Start: ms(3000), End: ms(5200), Lines: []subtitle.Line{{{Text: "Two lines, "}, {Text: "one italic", Italic: true}}, {{Text: "second "}, {Text: "underlined", Underline: true}}}},
		{Start: ms(6000), End: ms(7000), Align: 8, Lines: subtitle.Text("At the top ½ ♪ Łódź ß", "and a third", "row")},
		{Start: ms(3600000), End: ms(3602000), Align: 4, Lines: []subtitle.Line{{{Text: "An hour later, "}, {Text: "in red", Color: "#ff0000"}}}},
		{Start: ms(3603000), End: ms(3604000), Lines: subtitle.Text(strings.Repeat("A long caption over many blocks. ", 6))},
	}}
	var buf bytes.Buffer
	if err := write(&buf, doc, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if (buf.Len()-gsiSize)%ttiSize != 0 {
		t.Fatalf("file of %d bytes is not a GSI block and whole TTI blocks", buf.Len())
	}
	back, ws, err := read("out.stl", buf.String())
	if err != nil || len(ws) > 0 {
		t.Fatal(err, ws)
	}
	if back.Lang != "fr" || back.Title != "Test" {
		t.Errorf("language %q, title %q", back.Lang, back.Title)
	}
	want := []string{
		"[Ça va — très bien, l’été « oui »|]",
		"[Two lines, |][one italic|i] / [second |][underlined|u]",
		"[At the top ½ ♪ Łódź ß|] / [and a third|] / [row|]",
		"[An hour later, |][in red|red]",
		"[" + strings.TrimSpace(strings.Repeat("A long caption over many blocks. ", 6)) + "|]",
	}
	if len(back.Cues) != len(doc.Cues) {
		t.Fatalf("read back %d cues, wrote %d", len(back.Cues), len(doc.Cues))
	}
	for i, c := range back.Cues {
		w := doc.Cues[i]
		if c.Start != w.Start || c.End != w.End {
			t.Errorf("cue %d: read %v-%v, wrote %v-%v", i+1, c.Start, c.End, w.Start, w.End)
		}
		if got := cueText(c); got != want[i] {
			t.Errorf("cue %d: read %s, want %s", i+1, got, want[i])
		}
		if c.Align != w.Align {
			t.Errorf("cue %d: align %d, wrote %d", i+1, c.Align, w.Align)
		}
	}
	// ttconv reads the same.
	f := filepath.Join(t.TempDir(), "out.stl")
	if err := os.WriteFile(f, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if d := diffPlain(ttconvRead(t, f), back); d != "" {
		t.Errorf("ttconv reads otherwise:%s", d)
	}
}

// Text no STL table holds (Chinese) is an error naming each cue, never a
// file; Cyrillic goes in table 01.
func TestWriteCharacterTables(t *testing.T) {
	doc := &subtitle.Document{Cues: []subtitle.Cue{
		{Start: ms(1000), End: ms(2000), Lines: subtitle.Text("你好")},
		{Start: ms(3000), End: ms(4000), Lines: subtitle.Text("fine")},
		{Start: ms(5000), End: ms(6000), Lines: subtitle.Text("emoji 🙂")},
	}}
	var buf bytes.Buffer
	err := subtitle.Encode(&buf, doc, subtitle.STL, subtitle.EncodeOptions{})
	if !errors.Is(err, ErrCharset) || !strings.Contains(err.Error(), "cue 1: '你' (U+4F60)") ||
		!strings.Contains(err.Error(), "cue 3: '🙂' (U+1F642)") || strings.Contains(err.Error(), "cue 2") {
		t.Errorf("error %v", err)
	}
	if buf.Len() > 0 {
		t.Errorf("%d bytes written", buf.Len())
	}

	ru := &subtitle.Document{Cues: []subtitle.Cue{{Start: ms(1000), End: ms(2000), Lines: subtitle.Text("Привет, мир!")}}}
	buf.Reset()
	if err := subtitle.Encode(&buf, ru, subtitle.STL, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if cct := string(buf.Bytes()[12:14]); cct != "01" {
		t.Errorf("character code table %q, want 01", cct)
	}
	back, _, err := read("ru.stl", buf.String())
	if err != nil || back.Cues[0].PlainLines()[0] != "Привет, мир!" {
		t.Errorf("read back %v %v", back, err)
	}
	f := filepath.Join(t.TempDir(), "ru.stl")
	if err := os.WriteFile(f, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if d := diffPlain(ttconvRead(t, f), back); d != "" {
		t.Errorf("ttconv reads otherwise:%s", d)
	}
}

// FuzzReadSTL: any bytes after a GSI block read without a panic, and what
// reads can be written (or is refused for its characters) and read back
// with as many cues.
func FuzzReadSTL(f *testing.F) {
	f.Add(stlFile('0', tti{sn: 1, ebn: 0xFF, in: 25, out: 50, vp: 20, jc: 2, text: []byte("Open\x8a\x80it\x81 \x02green")})[gsiSize:])
	f.Add(stlFile('1', tti{sn: 1, ebn: 0, in: 25, out: 50, text: teletextRow("a")}, tti{sn: 1, ebn: 0xFF, in: 25, out: 50, text: []byte("\xc2e\xd0")})[gsiSize:])
	f.Add(stlFile('0', tti{sn: 1, ebn: 0xFF, in: 25, out: 50, text: []byte("\xa410 \xa6")})[gsiSize:])
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, dsc := range []byte{'0', '1'} {
			file := append(stlFile(dsc), body...)
			d, _, err := read("f.stl", string(file))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := subtitle.Encode(&buf, d, subtitle.STL, subtitle.EncodeOptions{}); err != nil {
				if errors.Is(err, ErrCharset) {
					continue
				}
				t.Fatal(err)
			}
			back, _, err := read("back.stl", buf.String())
			if err != nil || len(back.Cues) != len(d.Cues) {
				t.Fatalf("read back: %v, %d cues of %d", err, len(back.Cues), len(d.Cues))
			}
		}
	})
}

// Every Latin-1 character is written in table 00 and read back as itself
// (Ð, which table 00 has as Đ, excepted).
func TestLatin1(t *testing.T) {
	for r := rune(0xA0); r <= 0xFF; r++ {
		b, ok := encodeRune(nil, "00", r)
		if !ok {
			t.Errorf("%q (U+%04X) not written", r, r)
			continue
		}
		got, n := decodeChar("00", b)
		if n != len(b) || got != string(r) && !(r == 'Ð' && got == "Đ") {
			t.Errorf("%q (U+%04X) written % X, read back %q", r, r, b, got)
		}
	}
}

// Punctuation no table holds ("…", "–", the narrow space French puts
// before "!") is written as its nearest, and Losses says so.
func TestWriteNearest(t *testing.T) {
	d := &subtitle.Document{Cues: []subtitle.Cue{
		{Start: ms(1000), End: ms(2000), Lines: subtitle.Text("Attendez… – non\u202f!")},
		{Start: ms(3000), End: ms(4000), Lines: subtitle.Text("plain")},
	}}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, subtitle.STL, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	back, _, err := read("n.stl", buf.String())
	if err != nil || back.Cues[0].PlainLines()[0] != "Attendez... - non !" {
		t.Fatalf("%v %q", err, back.Cues[0].PlainLines())
	}
	if l := subtitle.Losses(d, subtitle.STL); len(l) != 1 || !strings.HasSuffix(l[0], "in 1 cue") || !strings.Contains(l[0], "… as ...") {
		t.Errorf("losses %q", l)
	}
}

// TestColours: a CSS colour is read by csscolor, in any of its forms, and
// written as the teletext colour it is, else as the nearest (which Losses
// reports); a colour that is none, or transparent, is written white, even
// after another colour, and reported as dropped. ttconv reads the colours
// back.
func TestColours(t *testing.T) {
	cases := []struct {
		in, want string
		near     bool
	}{
		{"red", "red", false}, {"#FF0000", "red", false}, {"#f00", "red", false}, {"rgb(255, 0, 0)", "red", false},
		{"rgba(255,0,0,0.5)", "red", false}, {"Lime", "lime", false}, {"#0f0", "lime", false}, {"aqua", "cyan", false},
		{"fuchsia", "magenta", false}, {"black", "black", false}, {"rgb(0,0,0)", "black", false}, {"white", "", false},
		{"green", "lime", true}, {"orange", "yellow", true}, {"navy", "blue", true}, {"silver", "", true}, {"dimgray", "black", true},
		{"nocolor", "", false}, {"transparent", "", false},
	}
	d := &subtitle.Document{}
	for i, c := range cases {
		at := ms(int64(2000*i + 1000))
		d.Cues = append(d.Cues, subtitle.Cue{Start: at, End: at + ms(1500),
			Lines: []subtitle.Line{{{Text: "Say", Color: "blue"}, {Text: " word" + strconv.Itoa(i), Color: c.in}}}})
	}
	var buf bytes.Buffer
	if err := write(&buf, d, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	back, ws, err := read("out.stl", buf.String())
	if err != nil || len(ws) > 0 || len(back.Cues) != len(cases) {
		t.Fatalf("%v %v: %d cues", err, ws, len(back.Cues))
	}
	for i, c := range cases {
		var got [][2]string
		for _, sp := range back.Cues[i].Lines[0] {
			for _, w := range strings.Fields(sp.Text) {
				got = append(got, [2]string{w, sp.Color})
			}
		}
		if want := [][2]string{{"Say", "blue"}, {"word" + strconv.Itoa(i), c.want}}; !reflect.DeepEqual(got, want) {
			t.Errorf("%q is read back as %q, want %q", c.in, got, want)
		}
		want := ""
		switch _, err := csscolor.Parse(c.in); {
		case c.near:
			want = "colors other than teletext's eight (written as the nearest) in 1 cue"
		case err != nil || c.in == "transparent":
			want = "colors in 1 cue"
		}
		one := &subtitle.Document{Cues: d.Cues[i : i+1]}
		if got := strings.Join(subtitle.Losses(one, subtitle.STL), "; "); got != want {
			t.Errorf("%q: Losses %q, want %q", c.in, got, want)
		}
	}
	file := filepath.Join(t.TempDir(), "colours.stl")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tt := extcheck.TTConv(t, file)
	if len(tt) != len(cases) {
		t.Fatalf("ttconv read %d cues, want %d", len(tt), len(cases))
	}
	css := map[string]string{"": "", "black": "#000000", "red": "#ff0000", "lime": "#00ff00", "yellow": "#ffff00",
		"blue": "#0000ff", "magenta": "#ff00ff", "cyan": "#00ffff"}
	for i, c := range cases {
		want := [][2]string{{"Say", "#0000ff"}, {"word" + strconv.Itoa(i), css[c.want]}}
		if got := extcheck.TextColors(tt[i].Raw); !reflect.DeepEqual(got, want) {
			t.Errorf("ttconv: %q (%q) read as %q, want %q", c.in, tt[i].Raw, got, want)
		}
	}
}
