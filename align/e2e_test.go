package align

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"os/exec"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/espeak"
	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/timing"
)

// speak says text with espeak-ng and returns its samples, the silence at
// both ends cut as the benchmark's synthesizer cuts it (|x| < 64/32768).
func speak(t *testing.T, bin, voice, text string) ([]float32, int) {
	t.Helper()
	return speakArgs(t, bin, "-v", voice, text)
}

// speakArgs runs espeak-ng with args (the text last), as speak does.
func speakArgs(t *testing.T, bin string, args ...string) ([]float32, int) {
	t.Helper()
	args = append(args[:len(args)-1:len(args)-1], "--stdout", args[len(args)-1])
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		t.Fatalf("espeak-ng: %v", err)
	}
	r, err := audio.NewWAVReader(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("espeak-ng's WAV: %v", err)
	}
	x, err := audio.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	const thr = 64.0 / 32768
	a, b := 0, len(x)
	for a < b && math.Abs(float64(x[a])) < thr {
		a++
	}
	for b > a && math.Abs(float64(x[b-1])) < thr {
		b--
	}
	return x[a:b], r.Rate()
}

// Lines spoken by espeak-ng with pauses between them (one of 120 ms),
// in noise 15 dB under the speech, are timed to within 50 ms of where
// each starts, by sound alone and by what is said (with a spoken
// reference, as align does).
func TestCaptionsSpokenLines(t *testing.T) {
	bin := extcheck.RequireTool(t, "espeak-ng")
	lines := []string{
		"大家好，这里是最佳拍档",
		"今天我们聊一聊",
		"一家公司创业五年来的心路历程",
		"技术判断",
		"和行业思考",
		"最后我们看一看它的未来",
	}
	pauses := []float64{1.5, 0.6, 0.12, 1.8, 0.4, 0.9}
	var x []float32
	var starts []float64
	rate := 0
	for i, l := range lines {
		s, r := speak(t, bin, "cmn", l)
		rate = r
		x = append(x, make([]float32, int(pauses[i]*float64(r)))...)
		starts = append(starts, float64(len(x))/float64(r))
		x = append(x, s...)
	}
	x = append(x, make([]float32, rate)...)
	// Noise 15 dB under the speech's power.
	var p float64
	for _, v := range x {
		p += float64(v) * float64(v)
	}
	g := math.Sqrt(p / float64(len(x)) / math.Pow(10, 1.5))
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range x {
		x[i] += float32(g * rng.NormFloat64())
	}
	f := audio.AnalyzeSamples(x, rate)
	var tl []timing.Line
	for i, l := range lines {
		tl = append(tl, timing.Line{Text: l, Num: i + 1})
	}
	prof := timing.ProfileFor("zh-Hans")
	byContent := func(texts []string) ([][]float32, error) {
		return espeak.LogMel(context.Background(), espeak.Voice("zh"), texts)
	}
	for _, ref := range []func([]string) ([][]float32, error){nil, byContent} {
		how := "by sound"
		if ref != nil {
			how = "by content"
		}
		res, ares, err := Captions(tl, f, Options{Timing: timing.Options{Profile: prof, Rules: timing.DefaultRules(prof)}, Reference: ref})
		if err != nil {
			t.Fatal(how, err)
		}
		if len(res.Captions) != len(lines) {
			t.Fatalf("%s: %d captions for %d lines", how, len(res.Captions), len(lines))
		}
		if ref != nil && len(ares.Fits) != len(lines) {
			t.Errorf("%s: %d fits for %d lines", how, len(ares.Fits), len(lines))
		}
		for i, c := range res.Captions {
			want := time.Duration(starts[i] * float64(time.Second))
			if d := c.Start - want; d < -50*time.Millisecond || d > 50*time.Millisecond {
				t.Errorf("%s: line %d starts at %s, the speech at %s", how, i+1, timing.FormatDuration(c.Start), timing.FormatDuration(want))
			}
			if i > 0 && c.Start < res.Captions[i-1].End+timing.DefaultRules(prof).Gap {
				t.Errorf("%s: caption %d starts %s, before the gap after the one before (ends %s)", how, i+1, timing.FormatDuration(c.Start), timing.FormatDuration(res.Captions[i-1].End))
			}
		}
	}
}
