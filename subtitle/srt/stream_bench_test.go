package srt

import (
	"io"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

// BenchmarkStreamSRT converts the 200,000-cue file of BenchmarkReadSRT
// through subtitle.StreamSRT, the path `subkit convert` takes from SRT.
func BenchmarkStreamSRT(b *testing.B) {
	text := benchSRTText()
	for _, to := range []subtitle.Format{subtitle.SRT, subtitle.WebVTT} {
		b.Run(to.String(), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := subtitle.StreamSRT("bench.srt", text, to, subtitle.EncodeOptions{}, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
