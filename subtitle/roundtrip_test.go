package subtitle_test

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

// randomSRTDoc makes a document of what SRT carries: times, lines of
// italic, bold and underlined spans, CJK and Latin text.
func randomSRTDoc(rng *rand.Rand) *subtitle.Document {
	words := []string{"大家好", "这里是", "最佳拍档", "Anthropic", "的", "hello", "world", "a < b", "Tom & Jerry", "2026", "！", "，", "“引号”"}
	d := &subtitle.Document{}
	at := time.Duration(rng.IntN(5000)) * time.Millisecond
	for i := 0; i < 1+rng.IntN(20); i++ {
		c := subtitle.Cue{Start: at, End: at + time.Duration(300+rng.IntN(7000))*time.Millisecond}
		for l := 0; l < 1+rng.IntN(2); l++ {
			var line subtitle.Line
			for k := 0; k < 1+rng.IntN(4); k++ {
				s := subtitle.Span{Text: words[rng.IntN(len(words))], Italic: rng.IntN(3) == 0, Bold: rng.IntN(4) == 0, Underline: rng.IntN(5) == 0}
				if n := len(line); n > 0 && sameSRTStyle(&line[n-1], &s) {
					line[n-1].Text += s.Text
					continue
				}
				line = append(line, s)
			}
			c.Lines = append(c.Lines, line)
		}
		d.Cues = append(d.Cues, c)
		at = c.End + time.Duration(rng.IntN(3000))*time.Millisecond
		if rng.IntN(10) == 0 {
			at += 100 * time.Hour
		}
	}
	return d
}

func through(t *testing.T, d *subtitle.Document, f subtitle.Format) *subtitle.Document {
	t.Helper()
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, f, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	back, info, err := subtitle.Decode("x"+f.Ext(), buf.Bytes(), subtitle.ReadOptions{})
	if err != nil {
		t.Fatalf("%v: %v\n%s", f, err, buf.String())
	}
	if len(info.Warnings) > 0 {
		t.Fatalf("%v: warnings %v reading our own output:\n%s", f, info.Warnings, buf.String())
	}
	return back
}

// comparable reduces a document to what SRT carries, spans merged.
func comparable(d *subtitle.Document) []subtitle.Cue {
	var out []subtitle.Cue
	for _, c := range d.Cues {
		n := subtitle.Cue{Start: c.Start, End: c.End}
		for _, l := range c.Lines {
			var line subtitle.Line
			for _, s := range l {
				s = subtitle.Span{Text: s.Text, Italic: s.Italic, Bold: s.Bold, Underline: s.Underline}
				if k := len(line); k > 0 && sameSRTStyle(&line[k-1], &s) {
					line[k-1].Text += s.Text
					continue
				}
				line = append(line, s)
			}
			n.Lines = append(n.Lines, line)
		}
		out = append(out, n)
	}
	return out
}

// TestRoundTripsAcrossFormats: SRT→WebVTT→SRT and SRT→TTML→SRT keep every
// cue's times, text, italics, bold and underline exactly.
func TestRoundTripsAcrossFormats(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 500; i++ {
		d := randomSRTDoc(rng)
		srt := through(t, d, subtitle.SRT)
		want := comparable(srt)
		if !reflect.DeepEqual(comparable(d), want) {
			t.Fatalf("doc %d: SRT alone changed it:\n got %+v\nwant %+v", i, want, comparable(d))
		}
		for _, mid := range []subtitle.Format{subtitle.WebVTT, subtitle.TTML} {
			got := comparable(through(t, through(t, srt, mid), subtitle.SRT))
			if !reflect.DeepEqual(got, want) {
				for k := range want {
					if k >= len(got) || !reflect.DeepEqual(got[k], want[k]) {
						t.Fatalf("doc %d through %v: cue %d\n got %+v\nwant %+v", i, mid, k+1, got[min(k, len(got)-1)], want[k])
					}
				}
				t.Fatalf("doc %d through %v: %d cues, want %d", i, mid, len(got), len(want))
			}
		}
	}
}

// TestConvertKeepsWebVTTExtras: WebVTT's ids, notes, settings, voices and
// karaoke timestamps survive WebVTT→WebVTT, and converting to SRT names
// each as a loss.
func TestConvertKeepsWebVTTExtras(t *testing.T) {
	in := "WEBVTT\n\nNOTE made by hand\n\nintro\n00:00:01.000 --> 00:00:02.000 align:left line:0\n<v Roger>Hi <00:00:01.500>there</v>\n"
	d, _, err := subtitle.Decode("in.vtt", []byte(in), subtitle.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, subtitle.WebVTT, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if buf.String() != in {
		t.Errorf("WebVTT round trip:\n got %q\nwant %q", buf.String(), in)
	}
	losses := strings.Join(subtitle.Losses(d, subtitle.SRT), "; ")
	for _, want := range []string{"comment blocks (NOTE) in 1 block", "cue identifiers in 1 cue", "WebVTT cue settings (kept as top/middle/bottom, left/right placement only) in 1 cue", "voice names (<v>) in 1 cue", "inline timestamps (karaoke) in 1 cue"} {
		if !strings.Contains(losses, want) {
			t.Errorf("losses %q lack %q", losses, want)
		}
	}
}

// sameSRTStyle reports whether two spans have the same style as SRT
// writes it.
func sameSRTStyle(a, b *subtitle.Span) bool {
	return a.Italic == b.Italic && a.Bold == b.Bold && a.Underline == b.Underline && a.Color == b.Color
}
