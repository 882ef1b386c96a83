package align

import (
	"math"
	"testing"
)

// A band the recording leaves empty is raised to melFloorDB under the
// speech's mean band power; bands above the floor and the input are left
// as they are.
func TestFloorMel(t *testing.T) {
	speech := []float64{1, 1, 1, 1} // mean band power 1: floor at -40 dB
	mel := []float32{0, -2, float32(math.Log(1e-7)), float32(math.Log(1e-3))}
	in := append([]float32(nil), mel...)
	got := floorMel(mel, speech)
	fl := float32(math.Log(1e-4))
	want := []float32{0, -2, fl, float32(math.Log(1e-3))}
	for i := range want {
		if math.Abs(float64(got[i]-want[i])) > 1e-5 {
			t.Errorf("band %d: %.3f, want %.3f", i, got[i], want[i])
		}
		if mel[i] != in[i] {
			t.Errorf("band %d of the input changed: %.3f, was %.3f", i, mel[i], in[i])
		}
	}
}
