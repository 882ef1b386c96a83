package align

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/espeak"
	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/timing"
)

// A voice whose every frequency is 15% higher than the synthesizer's
// (its speech played 15% faster: a shorter vocal tract, and a faster
// speaker) is fitted best by the references warped up; the synthesizer's
// own voice by the references as they are.
func TestChooseWarp(t *testing.T) {
	bin := extcheck.RequireTool(t, "espeak-ng")
	voice := espeak.Voice("zh")
	lines := []string{
		"大家好，这里是最佳拍档",
		"今天我们聊一聊",
		"一家公司创业五年来的心路历程",
		"最后我们看一看它的未来",
	}
	var x []float32
	var spans [][2]float64
	rate := 0
	for _, l := range lines {
		s, r := speak(t, bin, voice, l)
		rate = r
		x = append(x, make([]float32, r*6/10)...)
		a := float64(len(x)) / float64(r)
		x = append(x, s...)
		spans = append(spans, [2]float64{a, float64(len(x)) / float64(r)})
	}
	x = append(x, make([]float32, rate/2)...)
	rng := rand.New(rand.NewPCG(3, 3))
	for i := range x {
		x[i] += float32(0.002 * rng.NormFloat64())
	}
	refs, err := espeak.LogMel(context.Background(), voice, lines)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		speed float64
		want  float64
	}{{1, 1}, {1.15, 1.1}} {
		// Read at speed times the rate, the samples sound speed times
		// higher and last 1/speed as long.
		f := audio.AnalyzeSamples(x, int(math.Round(float64(rate)*c.speed)))
		guide := make([][2]float64, len(spans))
		for i, s := range spans {
			guide[i] = [2]float64{s[0] / c.speed, s[1] / c.speed}
		}
		in := make([][]float32, len(refs))
		for i := range refs {
			in[i] = append([]float32(nil), refs[i]...)
		}
		if c.speed != 1 {
			// Captions tries the warp only when asked.
			prof := timing.ProfileFor("zh-Hans")
			var tl []timing.Line
			for i, l := range lines {
				tl = append(tl, timing.Line{Text: l, Num: i + 1})
			}
			speakAll := func(texts []string) ([][]float32, error) { return espeak.LogMel(context.Background(), voice, texts) }
			for _, fit := range []bool{false, true} {
				o := Options{Timing: timing.Options{Profile: prof, Rules: timing.DefaultRules(prof)}, Reference: speakAll, FitWarp: fit}
				_, ares, err := Captions(tl, f, o)
				if err != nil {
					t.Fatal(err)
				}
				if want := map[bool]float64{false: 0, true: c.want}[fit]; ares.Warp != want {
					t.Errorf("Captions with FitWarp %v: warp %.2f, want %.2f", fit, ares.Warp, want)
				}
			}
		}
		if got := chooseWarp(f, in, guide, ContentParams{}); got != c.want {
			t.Errorf("speech at %.2f× the synthesizer's frequencies: warp %.2f chosen, want %.2f", c.speed, got, c.want)
		}
		for i := range refs {
			if len(in[i]) != len(refs[i]) || len(in[i]) > 0 && in[i][0] != refs[i][0] {
				t.Fatalf("chooseWarp changed reference %d", i+1)
			}
		}
	}
}
