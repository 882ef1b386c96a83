package webvtt

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

// FuzzReadWebVTT: readWebVTT never panics; an error is only a missing
// signature; and what it reads, written with our writer, reads back
// without warnings, with the same cues, and as a fixed point: writing and
// reading it again changes nothing. (Documents with bad times cannot be
// written; the writer's refusal is tested elsewhere.)
func FuzzReadWebVTT(f *testing.F) {
	for _, s := range []string{
		"WEBVTT\n\nid\n00:01.000 --> 00:02.000 align:start\n<b>hi</b> &amp;\n\nNOTE x\n",
		"WEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\n<v Bob>a<ruby>b<rt>c</rt></ruby><00:00:00.500>d\r\n",
		"WEBVTT\n\nREGION\nid:r\n\n00:00.000 --> 00:01.000 region:r line:0\n<c.red.x>&nbsp;</c><lang en>e",
		"WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\nNOTE Language: en\n\n1\n00:01.000 --> 00:02.000\n--> x\n",
	} {
		f.Add(s)
	}
	files, _ := filepath.Glob("testdata/*.vtt")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		d1, _, err := readWebVTT("fuzz.vtt", text)
		if err != nil {
			var pe *subtitle.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.vtt" || pe.Line != 1 || !errors.Is(err, subtitle.ErrSyntax) {
				t.Fatalf("error %v is not a ParseError at line 1", err)
			}
			return
		}
		if subtitle.Check(d1) != nil {
			return
		}
		write := func(d *subtitle.Document) string {
			var b bytes.Buffer
			if err := subtitle.Encode(&b, d, subtitle.WebVTT, subtitle.EncodeOptions{}); err != nil {
				t.Fatalf("read a document that cannot be written: %v", err)
			}
			return b.String()
		}
		read := func(text string) *subtitle.Document {
			d, ws, err := readWebVTT("out.vtt", text)
			// A cue that ends before it starts is written as it is, and
			// read with the same warning as the first time.
			ws = slices.DeleteFunc(ws, func(w subtitle.Warning) bool { return strings.Contains(w.Message, "before it starts") })
			if err != nil || len(ws) > 0 {
				t.Fatalf("our writer's output reads with error %v, warnings %v:\n%s", err, ws, text)
			}
			return d
		}
		out1 := write(d1)
		d2 := read(out1)
		if len(d2.Cues) != len(d1.Cues) {
			t.Fatalf("%d cues read back, %d written:\n%s", len(d2.Cues), len(d1.Cues), out1)
		}
		for i, c := range d2.Cues {
			if w := d1.Cues[i]; c.Start != w.Start || c.End != w.End || validVTTID(w.ID) && c.ID != w.ID {
				t.Fatalf("cue %d read back as %q %v-%v, written %q %v-%v", i+1, c.ID, c.Start, c.End, w.ID, w.Start, w.End)
			}
		}
		out2 := write(d2)
		if d3 := read(out2); !reflect.DeepEqual(d3, d2) {
			t.Fatalf("not a fixed point: written\n%s\nthen\n%s", out1, out2)
		}
	})
}
