package check

import (
	"os"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

// The benchmarks run over the generated sample (401 captions); BenchmarkRead
// is what reading it costs, for scale.
func benchDoc(b *testing.B) (string, *subtitle.Document, *Raw) {
	text, err := os.ReadFile("../cmd/subkit/testdata/golden/interview-zh.srt")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := subtitle.Read("s.srt", text, subtitle.SRT)
	if err != nil {
		b.Fatal(err)
	}
	return string(text), doc, &Raw{Format: subtitle.SRT, Cues: subtitle.Sources("s.srt", string(text), subtitle.SRT)}
}

func BenchmarkRead(b *testing.B) {
	text, _, _ := benchDoc(b)
	for b.Loop() {
		subtitle.ReadText("s.srt", text, subtitle.SRT)
	}
}

func BenchmarkSources(b *testing.B) {
	text, _, _ := benchDoc(b)
	for b.Loop() {
		subtitle.Sources("s.srt", text, subtitle.SRT)
	}
}

func BenchmarkCheck(b *testing.B) {
	_, doc, raw := benchDoc(b)
	l := limits(b, "netflix-zh-hans")
	for b.Loop() {
		Check(doc, l, raw)
	}
}

func BenchmarkMeasure(b *testing.B) {
	_, doc, _ := benchDoc(b)
	l := limits(b, "netflix-zh-hans")
	for b.Loop() {
		Measure(doc, l)
	}
}

func BenchmarkTimeline(b *testing.B) {
	_, doc, _ := benchDoc(b)
	l := limits(b, "netflix-zh-hans")
	for b.Loop() {
		Timeline(doc, l, "s")
	}
}

// BenchmarkReport checks 100,000 flash captions (200,000 findings),
// holding the report (Check) and handing each finding on as it is found
// (Findings): B/op is what the report itself costs.
func BenchmarkReport(b *testing.B) {
	d := flashes(100_000)
	l := limits(b, "netflix-en")
	b.Run("Check", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if fs := Check(d, l, nil); len(fs) != 200_000 {
				b.Fatal(len(fs))
			}
		}
	})
	b.Run("Findings", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			for range Findings(d, l, nil) {
				n++
			}
			if n != 200_000 {
				b.Fatal(n)
			}
		}
	})
}
