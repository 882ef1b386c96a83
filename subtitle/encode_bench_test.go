package subtitle

import (
	"fmt"
	"io"
	"testing"
	"time"
)

// BenchmarkEncode writes a 200,000-cue document, the size of the
// conversion benchmark's big.srt, in each format.
func BenchmarkEncode(b *testing.B) {
	d := &Document{Lang: "zh-Hans"}
	for i := 0; i < 200000; i++ {
		t := time.Duration(i) * 3 * time.Second
		d.Cues = append(d.Cues, Cue{Start: t, End: t + 2500*time.Millisecond,
			Lines: Text(fmt.Sprintf("第%d条字幕，大家好", i), "and a second line of English text")})
	}
	for _, f := range Formats() {
		b.Run(f.String(), func(b *testing.B) {
			for b.Loop() {
				if err := Encode(io.Discard, d, f, EncodeOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
