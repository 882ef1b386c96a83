package sami

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/formattest"
)

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// TestReadLanguages reads a Korean and English file: Korean, the first
// declared, by default, with the English reported as not read; English
// when asked by class, by language tag or by name.
func TestReadLanguages(t *testing.T) {
	d, info := formattest.Decode(t, "testdata/ko.smi", Format, subtitle.ReadOptions{})
	want := []subtitle.Cue{
		{Start: ms(1000), End: ms(3500), Lines: []subtitle.Line{{{Text: "안녕하세요."}}, {{Text: "반갑습니다", Color: "#ffff00"}}}},
		{Start: ms(4200), End: ms(6000), Lines: []subtitle.Line{{{Text: "속삭임", Italic: true}, {Text: " & 대화"}}}},
		{Start: ms(6000), End: ms(8000), Lines: subtitle.Text("마지막")},
	}
	if !reflect.DeepEqual(d.Cues, want) {
		t.Fatalf("got  %+v\nwant %+v", d.Cues, want)
	}
	if d.Lang != "ko-KR" || d.Title != "영화 제목" || len(info.Warnings) != 1 || !strings.Contains(info.Warnings[0].Message, "not read: ENCC") {
		t.Errorf("lang %q title %q warnings %v", d.Lang, d.Title, info.Warnings)
	}
	for _, pick := range []string{"ENCC", "en-US", "english"} {
		d, _ := formattest.Decode(t, "testdata/ko.smi", Format, subtitle.ReadOptions{Language: pick})
		if d.Lang != "en-US" || len(d.Cues) != 3 || d.Cues[0].PlainLines()[1] != "Nice to meet you." {
			t.Errorf("--language %s: %+v", pick, d.Cues)
		}
	}
	b, _ := os.ReadFile("testdata/ko.smi")
	_, _, err := subtitle.Decode("ko.smi", b, subtitle.ReadOptions{Language: "ja"})
	if err == nil || !strings.Contains(err.Error(), `no language "ja" in the file (it has: KRCC, ENCC)`) {
		t.Errorf("unknown language: %v", err)
	}
}

func TestReadProblems(t *testing.T) {
	d, ws, err := read("in.smi", "<SAMI><BODY>\n<SYNC Start=abc><P>lost\n<SYNC Start=100><P>a <marquee>b</marquee>\n<SYNC Start=200>no paragraph\n</BODY></SAMI>", subtitle.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cues) != 2 || d.Cues[1].PlainLines()[0] != "no paragraph" || len(ws) != 2 || ws[0].Line != 2 || ws[1].Line != 3 {
		t.Fatalf("cues %+v warnings %v", d.Cues, ws)
	}
	_, _, err = read("in.smi", "<SAMI><SYNC Start=x>", subtitle.ReadOptions{})
	formattest.SyntaxError(t, err, 1)
}

func TestWrite(t *testing.T) {
	d := &subtitle.Document{Lang: "zh-Hans", Title: "T & <x>", Cues: []subtitle.Cue{
		{Start: ms(1000), End: ms(2000), Lines: []subtitle.Line{{{Text: "a < b", Italic: true}, {Text: "  c", Color: "red"}}, {{Text: "二"}}}},
		{Start: ms(2000), End: ms(3000), Lines: subtitle.Text("next")},
	}}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, Format, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<TITLE>T &amp; &lt;x&gt;</TITLE>", ".ZHHANSCC { Name: zh-Hans; lang: zh-Hans; SAMIType: CC; }",
		"<SYNC Start=1000><P Class=ZHHANSCC><i>a &lt; b</i><font color=\"red\"> &nbsp;c</font><br>二\n<SYNC Start=2000><P Class=ZHHANSCC>next\n<SYNC Start=3000><P Class=ZHHANSCC>&nbsp;\n</BODY>\n</SAMI>\n"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, buf.String())
		}
	}
	back, ws, err := read("x.smi", buf.String(), subtitle.ReadOptions{})
	if err != nil || len(ws) > 0 || !reflect.DeepEqual(back.Cues, d.Cues) || back.Lang != "zh-Hans" {
		t.Errorf("read back %v %v %+v", err, ws, back)
	}
}

func randomDoc(rng *rand.Rand) *subtitle.Document {
	words := []string{"hello", "안녕하세요", "a & b", "<br>", "x  y", "&nbsp;"}
	d := &subtitle.Document{Lang: "ko-KR"}
	at := ms(rng.Int64N(10000))
	for i := 0; i < 1+rng.IntN(10); i++ {
		c := subtitle.Cue{Start: at, End: at + ms(1+rng.Int64N(5000))}
		for l := 0; l < 1+rng.IntN(2); l++ {
			var line subtitle.Line
			for k := 0; k < 1+rng.IntN(3); k++ {
				s := subtitle.Span{Text: words[rng.IntN(len(words))], Italic: rng.IntN(3) == 0, Bold: rng.IntN(4) == 0, Underline: rng.IntN(5) == 0}
				if rng.IntN(4) == 0 {
					s.Color = "#00ff00"
				}
				if n := len(line); n > 0 && line[n-1].Italic == s.Italic && line[n-1].Bold == s.Bold && line[n-1].Underline == s.Underline && line[n-1].Color == s.Color {
					line[n-1].Text += s.Text
					continue
				}
				line = append(line, s)
			}
			c.Lines = append(c.Lines, line)
		}
		d.Cues = append(d.Cues, c)
		at = c.End
		if rng.IntN(2) == 0 {
			at += ms(rng.Int64N(3600 * 1000))
		}
	}
	return d
}

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 9))
	for n := 0; n < 300; n++ {
		d := randomDoc(rng)
		formattest.RoundTrip(t, d, Format, subtitle.EncodeOptions{CRLF: n%2 == 1})
	}
}

// TestFFmpegReads: ffmpeg's SAMI demuxer reads our output and a
// hand-written one-language file as we do. (ffmpeg reads every language
// of a file at once, so a file of several cannot be compared cue by cue.)
func TestFFmpegReads(t *testing.T) {
	ours := formattest.WriteTemp(t, "ours.smi", randomDoc(rand.New(rand.NewPCG(3, 3))), Format, subtitle.EncodeOptions{})
	for _, file := range []string{ours, "testdata/one.smi"} {
		var got []extcheck.Cue
		for _, c := range extcheck.FFmpeg(t, file, "sami") {
			// ffmpeg keeps &nbsp; as U+00A0; we read it as the space players show.
			c.Text = strings.ReplaceAll(c.Text, "\u00a0", " ")
			if strings.TrimSpace(c.Text) != "" { // blank: our end marks
				got = append(got, c)
			}
		}
		formattest.Agree(t, "ffmpeg", file, got, formattest.Expected(t, file, Format), 0)
	}
}

// FuzzReadSAMI reads arbitrary text as SAMI: no panic, errors only as
// ParseErrors naming the file, and what is read writes back and reads
// back the same.
func FuzzReadSAMI(f *testing.F) {
	formattest.AddFiles(f, "testdata/ko.smi", "testdata/one.smi")
	f.Add("<SAMI><SYNC Start='10'><P Class=A><font color=ff0000><b>x<br></font>y</b><SYNC start=\"5\"><p>z<!-- c -->")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // readers get text as DecodeText decodes it: UTF-8
		}
		d, _, err := read("fuzz.smi", text, subtitle.ReadOptions{})
		if err != nil {
			var pe *subtitle.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.smi" {
				t.Fatalf("error %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := subtitle.Encode(&buf, d, Format, subtitle.EncodeOptions{}); err != nil {
			if subtitle.Check(d) != nil {
				return
			}
			t.Fatal(err)
		}
		back, ws, err := read("fuzz.smi", buf.String(), subtitle.ReadOptions{})
		if err != nil || len(ws) > 0 || !reflect.DeepEqual(back.Cues, d.Cues) && len(d.Cues) > 0 {
			t.Fatalf("read %+v\nwrote %q\nread back %+v %v %v", d.Cues, buf.String(), back, ws, err)
		}
	})
}

// TestReadFontColors: a <font color> that is a CSS color is kept as
// written, six hex digits without "#" get one, and another value is
// ignored with one warning at the line of the first.
func TestReadFontColors(t *testing.T) {
	in := "<SAMI><BODY>\n<SYNC Start=1000><P><font color=ff0000>a</font> <font color=\"rgb(0,0,255)\">b</font>\n" +
		"<SYNC Start=2000><P>fine\n<SYNC Start=3000><P><font color=red>c <font color=\"nocolor\">d</font></font>\n" +
		"<SYNC Start=4000><P><font color=\"#ff000\">e</font>\n</BODY></SAMI>\n"
	d, ws, err := read("x.smi", in, subtitle.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range d.Cues {
		for _, l := range c.Lines {
			for _, s := range l {
				got = append(got, strings.TrimSpace(s.Text)+":"+s.Color)
			}
		}
	}
	want := []string{"a:#ff0000", ":", "b:rgb(0,0,255)", "fine:", "c d:red", "e:"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spans %q, want %q", got, want)
	}
	if len(ws) != 1 || ws[0].Line != 4 || ws[0].Message != `<font color="nocolor">: "nocolor" is not a color: a CSS color is a name, #rrggbb or rgb(): ignored (2 times; the first here)` {
		t.Errorf("warnings %v", ws)
	}
}
