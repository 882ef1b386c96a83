package timing

import (
	"fmt"
	"os"
	"strings"
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

// sampleLines is the sample transcript repeated to n lines, with the
// length of video the sample has for its lines.
func sampleLines(b *testing.B, n int) ([]Line, time.Duration) {
	data, err := os.ReadFile("../testdata/interview-zh.txt")
	if err != nil {
		b.Fatal(err)
	}
	one := ParseTranscript(string(data))
	ls := make([]Line, n)
	for i := range ls {
		ls[i] = one[i%len(one)]
		ls[i].Num = i + 1
	}
	return ls, time.Duration(n) * 1373910 * time.Millisecond / time.Duration(len(one))
}

// BenchmarkEstimateLines shows how the estimator scales with the number of
// lines: the time a line should stay the same from 10k to 1M lines.
// cpu-ns/line is the process's CPU time (GC included), steadier than the
// wall clock on a shared machine.
func BenchmarkEstimateLines(b *testing.B) {
	p := ProfileFor("zh-Hans")
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			ls, d := sampleLines(b, n)
			o := Options{Profile: p, Rules: DefaultRules(p), Duration: d}
			cpu := cpuTime()
			for b.Loop() {
				if _, err := Estimate(ls, o); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/line")
			b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N)/float64(n), "cpu-ns/line")
		})
	}
}

// BenchmarkEstimateLongLine times one line of n characters (the sample's
// text without its line ends), which becomes thousands of captions.
func BenchmarkEstimateLongLine(b *testing.B) {
	data, err := os.ReadFile("../testdata/interview-zh.txt")
	if err != nil {
		b.Fatal(err)
	}
	flat := []rune(strings.ReplaceAll(string(data), "\n", "，"))
	p := ProfileFor("zh-Hans")
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("chars=%d", n), func(b *testing.B) {
			r := make([]rune, 0, n)
			for len(r) < n {
				r = append(r, flat[:min(len(flat), n-len(r))]...)
			}
			ls := []Line{{Text: string(r), Num: 1}}
			o := Options{Profile: p, Rules: DefaultRules(p), Duration: time.Duration(n) * time.Second / 4}
			cpu := cpuTime()
			for b.Loop() {
				if _, err := Estimate(ls, o); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/char")
			b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N)/float64(n), "cpu-ns/char")
		})
	}
}
