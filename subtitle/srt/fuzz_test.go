package srt

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

// FuzzReadSRT reads arbitrary text as SRT: no panic, an error only as a
// *ParseError naming the file, a few warnings at most, and what is read
// writes back as SRT that reads back the same.
func FuzzReadSRT(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.srt"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	for _, c := range srtLossCases {
		if len(c.in) < 4096 {
			f.Add(c.in)
		}
	}
	f.Add("1\n00:00:01,000 --> 00:00:02,000\n<<b></b>b> <i><</i><i>b></i>\n<font color=red><font>x</font></font></font>\n")
	f.Add("1\n00:00:01,000 --> 00:00:02,000\n<i>a\n</i>00:00:03,000 --> 00:00:04,000\n\n<b></b>00:00:05,000 --> 00:00:06,000\n")
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := trimSpace(text), strings.TrimSpace(text); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", text, got, want)
		}
		doc, ws, err := readSRT("fuzz.srt", text)
		if err != nil {
			var pe *subtitle.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.srt" || pe.Line < 1 || !errors.Is(err, subtitle.ErrSyntax) {
				t.Fatalf("error %v is not a positioned ParseError naming the file", err)
			}
			return
		}
		if len(ws) > numSRTWarnings+1+maxDropped+1 {
			t.Fatalf("%d warnings", len(ws))
		}
		for _, w := range ws {
			if w.Line < 1 {
				t.Fatalf("warning %v has no line", w)
			}
		}
		if subtitle.Check(doc) != nil {
			return // kept and warned about, but not writable
		}
		var out bytes.Buffer
		if err := subtitle.Encode(&out, doc, subtitle.SRT, subtitle.EncodeOptions{}); err != nil {
			t.Fatal(err)
		}
		back, _, err := readSRT("fuzz.srt", out.String())
		if err != nil {
			if len(doc.Cues) == 0 {
				return
			}
			t.Fatalf("reading what was written: %v\n%q", err, out.String())
		}
		// A line that would read as a timing line is written with "->"
		// for its "-->" (Losses says so).
		for i := range doc.Cues {
			for j, l := range doc.Cues[i].Lines {
				doc.Cues[i].Lines[j] = unTiming(l)
			}
		}
		if !reflect.DeepEqual(back.Cues, doc.Cues) && !(len(back.Cues) == 0 && len(doc.Cues) == 0) {
			t.Fatalf("read\n%s\nwrote\n%q\nread back\n%s", dumpSRT(doc, nil, nil), out.String(), dumpSRT(back, nil, nil))
		}
	})
}
