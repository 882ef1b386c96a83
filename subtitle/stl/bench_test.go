package stl

import (
	"bytes"
	"fmt"
	"testing"

	astisub "github.com/asticode/go-astisub"

	"github.com/subkit-dev/subkit/subtitle"
)

// BenchmarkReadSTL reads a file of 10,000 two-row subtitles (written by
// subkit) with subkit's reader and with go-astisub's, in the same run:
// quote the ratio.
func BenchmarkReadSTL(b *testing.B) {
	d := &subtitle.Document{}
	for i := range 10000 {
		d.Cues = append(d.Cues, subtitle.Cue{Start: ms(int64(i) * 3000), End: ms(int64(i)*3000 + 2000),
			Lines: subtitle.Text(fmt.Sprintf("Sous-titre numéro %d —", i), "deuxième ligne")})
	}
	var buf bytes.Buffer
	if err := write(&buf, d, subtitle.EncodeOptions{}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.Run("subkit", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := read("b.stl", string(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("astisub", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := astisub.ReadFromSTL(bytes.NewReader(data), astisub.STLOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
