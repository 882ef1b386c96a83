package subtitle_test

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

// BenchmarkEncode writes a 200,000-cue document, the size of the
// conversion benchmark's big.srt, in each format.
func BenchmarkEncode(b *testing.B) {
	d := &subtitle.Document{Lang: "zh-Hans"}
	for i := 0; i < 200000; i++ {
		t := time.Duration(i) * 3 * time.Second
		d.Cues = append(d.Cues, subtitle.Cue{Start: t, End: t + 2500*time.Millisecond,
			Lines: subtitle.Text(fmt.Sprintf("第%d条字幕，大家好", i), "and a second line of English text")})
	}
	for _, f := range subtitle.Formats() {
		b.Run(f.String(), func(b *testing.B) {
			for b.Loop() {
				if err := subtitle.Encode(io.Discard, d, f, subtitle.EncodeOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
