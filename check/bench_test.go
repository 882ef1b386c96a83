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
