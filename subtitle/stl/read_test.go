package stl

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

// tti is a TTI block for a test file: subtitle number, extension block
// number, times in frames at 25 fps, position and text.
type tti struct {
	sn      int
	ebn     byte
	cs      byte // cumulative status
	in, out int  // frames
	vp, jc  byte
	comment bool
	text    []byte
}

// stlFile builds an EBU STL file as other programs write them: dsc is the
// display standard ('0' open, '1' teletext), then the TTI blocks.
func stlFile(dsc byte, blocks ...tti) []byte {
	g := bytes.Repeat([]byte{' '}, gsiSize)
	copy(g, "850STL25.01")
	g[11] = dsc
	copy(g[12:], "0009")
	copy(g[238:], fmt.Sprintf("%05d", len(blocks)))
	copy(g[253:], "23")
	g[255] = '1'
	copy(g[256:], "00000000")
	out := g
	for _, b := range blocks {
		t := []byte{0, byte(b.sn), byte(b.sn >> 8), b.ebn, b.cs}
		for _, f := range []int{b.in, b.out} {
			s := f / 25
			t = append(t, byte(s/3600), byte(s/60%60), byte(s%60), byte(f%25))
		}
		cf := byte(0)
		if b.comment {
			cf = 1
		}
		t = append(t, b.vp, b.jc, cf)
		t = append(t, b.text...)
		for len(t) < ttiSize {
			t = append(t, codeUnused)
		}
		out = append(out, t[:ttiSize]...)
	}
	return out
}

// teletextRow is a row as teletext subtitlers write it: double height,
// start box twice, the text, end box twice.
func teletextRow(s string) []byte {
	return append(append([]byte{0x0D, 0x0B, 0x0B}, s...), 0x0A, 0x0A)
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// spanText shows a cue's lines with formatting: [text|i u colour].
func cueText(c subtitle.Cue) string {
	var lines []string
	for _, l := range c.Lines {
		var b strings.Builder
		for _, s := range l {
			f := ""
			if s.Italic {
				f += "i"
			}
			if s.Underline {
				f += "u"
			}
			if s.Color != "" {
				f += " " + s.Color
			}
			b.WriteString("[" + s.Text + "|" + strings.TrimSpace(f) + "]")
		}
		lines = append(lines, b.String())
	}
	return strings.Join(lines, " / ")
}

// TestReadRealShapes reads files with the shapes of real ones that
// go-astisub read wrong, and has ttconv read them too.
func TestReadRealShapes(t *testing.T) {
	cases := []struct {
		name string
		file []byte
		want []string // cueText of each cue
		// ttconv is why ttconv reads the file otherwise, "" when it
		// agrees.
		ttconv string
	}{{
		name: "open subtitles without start-box codes",
		file: stlFile('0', tti{sn: 1, ebn: 0xFF, in: 25, out: 50, vp: 20, jc: 2, text: []byte("Open text\x8aon two rows")}),
		want: []string{"[Open text|] / [on two rows|]"},
	}, {
		name: "teletext with boxes and double height",
		file: stlFile('1', tti{sn: 1, ebn: 0xFF, in: 25, out: 50, vp: 20, jc: 2,
			text: cat(teletextRow("Boxed"), []byte{0x8A, 0x8A}, teletextRow("teletext"))}),
		want: []string{"[Boxed|] / [teletext|]"},
	}, {
		name: "a subtitle over three TTI blocks",
		file: stlFile('0',
			tti{sn: 1, ebn: 0, in: 25, out: 75, vp: 18, jc: 2, text: []byte("First block and")},
			tti{sn: 1, ebn: 1, in: 25, out: 75, vp: 18, jc: 2, text: []byte(" second block\x8a")},
			tti{sn: 1, ebn: 0xFF, in: 25, out: 75, vp: 18, jc: 2, text: []byte("third block")},
			tti{sn: 2, ebn: 0xFF, in: 100, out: 125, vp: 20, jc: 2, text: []byte("Next")}),
		want: []string{"[First block and second block|] / [third block|]", "[Next|]"},
	}, {
		name: "colour codes between words",
		file: stlFile('1', tti{sn: 1, ebn: 0xFF, in: 25, out: 50, vp: 22, jc: 2,
			text: []byte("\x07Alpha\x02Green\x03Yellow")}),
		want: []string{"[Alpha |][Green |lime][Yellow|yellow]"},
	}, {
		name: "three rows",
		file: stlFile('0', tti{sn: 1, ebn: 0xFF, in: 25, out: 50, vp: 19, jc: 2,
			text: []byte("one\x8atwo\x8athree")}),
		want: []string{"[one|] / [two|] / [three|]"},
	}, {
		name: "user data and comments skipped, italics and underline",
		file: stlFile('0',
			tti{sn: 1, ebn: 0xFE, in: 0, out: 0, text: []byte("user data")},
			tti{sn: 1, ebn: 0xFF, in: 0, out: 25, comment: true, text: []byte("a comment")},
			tti{sn: 2, ebn: 0xFF, in: 25, out: 50, vp: 1, jc: 1, text: []byte("Plain \x80slanted\x81 \x82under\x83")}),
		want:   []string{"[Plain |][slanted|i][ |][under|u]"},
		ttconv: "ttconv 1.0.5 shows comment blocks (CF 1) and drops a space beside a control code",
	}, {
		name: "accents and the dash of table 00",
		file: stlFile('0', tti{sn: 1, ebn: 0xFF, in: 25, out: 50, vp: 20, jc: 2,
			text: []byte("\xc2Ecole \xd0 \xc8uber \xc1a")}),
		want: []string{"[École — über à|]"},
	}, {
		name: "dollar and hash in the upper half of table 00",
		file: stlFile('0', tti{sn: 1, ebn: 0xFF, in: 25, out: 50, vp: 20, jc: 2,
			text: []byte("I got \xa410 on \xa62 and \xa85")}),
		want:   []string{"[I got $10 on #2 and ¤5|]"},
		ttconv: "ttconv 1.0.5 reads 0xA4 as ¤ and has no character for 0xA6",
	}, {
		name: "a cumulative set",
		file: stlFile('1',
			tti{sn: 1, ebn: 0xFF, in: 25, out: 50, vp: 20, jc: 2, text: teletextRow("Before")},
			tti{sn: 2, ebn: 0xFF, cs: 1, in: 75, out: 175, vp: 18, jc: 2, text: teletextRow("One,")},
			tti{sn: 3, ebn: 0xFF, cs: 2, in: 100, out: 175, vp: 20, jc: 2, text: teletextRow("\x03two,")},
			tti{sn: 4, ebn: 0xFF, cs: 3, in: 125, out: 175, vp: 22, jc: 2, text: teletextRow("three.")},
			tti{sn: 5, ebn: 0xFF, in: 200, out: 225, vp: 22, jc: 2, text: teletextRow("After")}),
		want: []string{"[Before|]", "[One,|]", "[One,|] / [two,|yellow]", "[One,|] / [two,|yellow] / [three.|]", "[After|]"},
	}, {
		name: "a cumulative set whose subtitles leave at their own times",
		file: stlFile('0',
			tti{sn: 1, ebn: 0xFF, cs: 1, in: 25, out: 100, vp: 18, jc: 2, text: []byte("First")},
			tti{sn: 2, ebn: 0xFF, cs: 2, in: 50, out: 125, vp: 20, jc: 2, text: []byte("second")},
			tti{sn: 3, ebn: 0xFF, cs: 3, in: 75, out: 150, vp: 22, jc: 2, text: []byte("third")}),
		want: []string{"[First|]", "[First|] / [second|]", "[First|] / [second|] / [third|]", "[second|] / [third|]", "[third|]"},
	}}
	var files []string
	dir := t.TempDir()
	for i, c := range cases {
		d, ws, err := read(c.name, string(c.file))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(ws) > 0 {
			t.Errorf("%s: warnings %v", c.name, ws)
		}
		var got []string
		for _, cue := range d.Cues {
			got = append(got, cueText(cue))
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got %s\nwant %s", c.name, strings.Join(got, "\n     "), strings.Join(c.want, "\n     "))
		}
		f := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".stl")
		if err := os.WriteFile(f, c.file, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		_ = i
	}
	// ttconv reads the same text and times from each.
	for i, f := range files {
		if cases[i].ttconv != "" {
			t.Logf("%s: not compared with ttconv: %s", cases[i].name, cases[i].ttconv)
			continue
		}
		want, _, _ := read(f, string(cases[i].file))
		got := ttconvRead(t, f)
		if diff := diffPlain(got, want); diff != "" {
			t.Errorf("%s: ttconv reads otherwise: %s", cases[i].name, diff)
		}
	}
}

// ttconvRead converts an EBU STL file to SRT with ttconv (Debian
// python3-ttconv) and reads that SRT.
func ttconvRead(t *testing.T, file string) *subtitle.Document {
	t.Helper()
	tc := extcheck.RequireTool(t, "ttconv")
	out := strings.TrimSuffix(file, ".stl") + ".ttconv.srt"
	cmd := exec.Command(tc, "convert", "-i", file, "-o", out, "--itype", "STL", "--otype", "SRT")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ttconv failed on %s: %v\n%s", file, err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := subtitle.ReadText(out, string(b), subtitle.SRT)
	if err != nil {
		t.Fatalf("ttconv's SRT: %v\n%s", err, b)
	}
	return d
}

// diffPlain compares two documents' times (to the millisecond) and plain
// text, and italics.
func diffPlain(got, want *subtitle.Document) string {
	show := func(d *subtitle.Document) string {
		var parts []string
		for _, c := range d.Cues {
			var lines []string
			for _, l := range c.Lines {
				var b strings.Builder
				for _, s := range l {
					// Italic words marked one by one: where the spaces
					// beside a style change go is no difference.
					if !s.Italic {
						b.WriteString(s.Text)
						continue
					}
					for _, w := range strings.Fields(s.Text) {
						b.WriteString(" <i>" + w + "</i> ")
					}
				}
				lines = append(lines, strings.Join(strings.Fields(b.String()), " "))
			}
			parts = append(parts, c.Start.String()+"-"+c.End.String()+" "+strings.Join(lines, " / "))
		}
		return strings.Join(parts, "\n")
	}
	g, w := show(got), show(want)
	if g != w {
		return "\n got " + g + "\nwant " + w
	}
	return ""
}

// TestReadCumulativeBroken: a cumulative set that is not begun or ended
// as Tech 3264 says is read all the same, and each oddity is a warning;
// a subtitle of a set shown no time is named, never dropped in silence.
func TestReadCumulativeBroken(t *testing.T) {
	file := stlFile('0',
		tti{sn: 1, ebn: 0xFF, cs: 2, in: 25, out: 75, vp: 20, jc: 2, text: []byte("No first")},
		tti{sn: 2, ebn: 0xFF, cs: 2, in: 50, out: 75, vp: 22, jc: 2, text: []byte("and no last")},
		tti{sn: 3, ebn: 0xFF, in: 100, out: 125, vp: 22, jc: 2, text: []byte("Plain")},
		tti{sn: 4, ebn: 0xFF, cs: 1, in: 150, out: 150, vp: 22, jc: 2, text: []byte("Never shown")},
		tti{sn: 5, ebn: 0xFF, cs: 3, in: 150, out: 175, vp: 22, jc: 2, text: []byte("Last")})
	d, ws, err := read("broken.stl", string(file))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range d.Cues {
		got = append(got, fmt.Sprintf("%v-%v %s", c.Start, c.End, cueText(c)))
	}
	want := []string{"1s-2s [No first|]", "2s-3s [No first|] / [and no last|]", "4s-5s [Plain|]", "6s-7s [Last|]"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var msgs []string
	for _, w := range ws {
		msgs = append(msgs, w.Message)
	}
	wantW := []string{
		"subtitle 1 continues a cumulative set (CS 02) that no first subtitle (CS 01) began: read as its first",
		"cumulative set from subtitle 1 has no last subtitle (CS 03) before subtitle 3: read as ended there",
		"subtitle 4 of a cumulative set skipped: it is shown no time (6s to 6s)",
	}
	if strings.Join(msgs, "\n") != strings.Join(wantW, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(msgs, "\n"), strings.Join(wantW, "\n"))
	}
}
