package subtitle_test

import (
	"fmt"
	"io"
	"strings"
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

// BenchmarkStreamSRTEncoding streams SRT files of 25,000 and 100,000
// cues (Chinese and English lines, 2.5 and 10 MB) to SRT in UTF-8, the
// peer, and in GBK and UTF-16, which go through the transcoding writer:
// compare time and B/op with the UTF-8 runs. The memory must stay the
// streaming writer's, the same for both sizes.
func BenchmarkStreamSRTEncoding(b *testing.B) {
	for _, n := range []int{25000, 100000} {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			t := time.Duration(i) * 3 * time.Second
			fmt.Fprintf(&sb, "%d\n%s --> %s\n第%d条字幕，大家好\nand a second line of English text\n\n", i+1,
				srtClock(t), srtClock(t+2500*time.Millisecond), i)
		}
		text := sb.String()
		for _, enc := range []string{"UTF-8", "GBK", "UTF-16"} {
			b.Run(fmt.Sprintf("%s/cues=%d", enc, n), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := subtitle.StreamSRT("big.srt", text, subtitle.SRT, subtitle.EncodeOptions{Encoding: enc}, io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func srtClock(t time.Duration) string {
	ms := int64(t / time.Millisecond)
	return fmt.Sprintf("%02d:%02d:%02d,%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}
