package timing

import (
	"os"
	"testing"
	"time"
)

// BenchmarkEstimateSample times the sample transcript (398 lines) with
// the simple segmenter, as the estimator's own cost without a dictionary.
func BenchmarkEstimateSample(b *testing.B) {
	data, err := os.ReadFile("../testdata/interview-zh.txt")
	if err != nil {
		b.Fatal(err)
	}
	ls := ParseTranscript(string(data))
	p := ProfileFor("zh-Hans")
	o := Options{Profile: p, Rules: DefaultRules(p), Duration: 1373910 * time.Millisecond}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Estimate(ls, o); err != nil {
			b.Fatal(err)
		}
	}
}
