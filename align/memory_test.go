package align

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/audio"
)

// madeFeatures are features of minutes of made audio (a harmonic voice
// of syllable-like bursts, lines of 2-5 s with pauses between, over
// noise 15 dB down) and, as references, each line's own log-mel rows:
// what Content gets for a recording and its spoken transcript.
func madeFeatures(minutes float64) (*audio.Features, [][]float32, [][2]float64) {
	const rate = 16000
	rng := rand.New(rand.NewPCG(uint64(minutes*10), 3))
	n := int(minutes * 60 * rate)
	x := make([]float32, n)
	var lines [][2]float64
	for t := 1.0; t < minutes*60-6; {
		d := 2 + 3*rng.Float64()
		lines = append(lines, [2]float64{t, t + d})
		f0 := 110 + 60*rng.Float64()
		for i := int(t * rate); i < int((t+d)*rate); i++ {
			s := float64(i) / rate
			env := 0.5 + 0.5*math.Sin(2*math.Pi*4*s)
			f := f0 * (1 + 0.1*math.Sin(2*math.Pi*0.7*s))
			var v float64
			for h := 1; h <= 8; h++ {
				v += math.Sin(2*math.Pi*f*float64(h)*s) / float64(h)
			}
			x[i] = float32(0.1 * env * v)
		}
		t += d + 0.2 + rng.Float64()
	}
	for i := range x {
		x[i] += float32(0.005 * rng.NormFloat64())
	}
	f := audio.AnalyzeSamples(x, rate)
	refs := make([][]float32, len(lines))
	for i, l := range lines {
		a, b := int(l[0]/f.Step), int(l[1]/f.Step)
		refs[i] = append([]float32(nil), f.Mel[a*audio.MelBands:b*audio.MelBands]...)
	}
	return f, refs, lines
}

// heapPeak samples the heap's live objects every millisecond until
// stopped and returns the most seen.
func heapPeak() (stop func() uint64) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(done); <-finished; return peak.Load() }
}

// BenchmarkContentMemory guards Content's memory: the most heap it holds
// beyond the features and references it is given, per minute of audio,
// on 3 and 12 minutes of made audio. What Content adds must grow no
// faster than the audio (the search's bands are bounded), so the figure
// a minute stays about the same for both; it fails when the longer one's
// is over 1.5 times the shorter's.
func BenchmarkContentMemory(b *testing.B) {
	perMin := map[float64]float64{}
	for _, minutes := range []float64{3, 12} {
		b.Run(fmt.Sprintf("%gmin", minutes), func(b *testing.B) {
			var worst float64
			for b.Loop() {
				b.StopTimer()
				f, refs, guide := madeFeatures(minutes)
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				base := ms.HeapAlloc
				stop := heapPeak()
				b.StartTimer()
				if _, err := Content(f, refs, guide, ContentParams{}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				peak := stop()
				worst = math.Max(worst, float64(peak-min(peak, base))/minutes)
				runtime.KeepAlive(f)
				b.StartTimer()
			}
			b.ReportMetric(worst/1e6, "peak-MB/audio-min")
			perMin[minutes] = worst
		})
	}
	if a, z := perMin[3], perMin[12]; a > 0 && z > 1.5*a {
		b.Fatalf("Content's peak heap grows faster than the audio: %.1f MB a minute over 12 minutes, %.1f over 3", z/1e6, a/1e6)
	}
}
