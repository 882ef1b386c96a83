package audio

import (
	"math"
	"testing"
)

// peakBand is the band of a row's highest value.
func peakBand(row []float32) int {
	best := 0
	for b, v := range row {
		if v > row[best] {
			best = b
		}
	}
	return best
}

// bandHz is the centre frequency of band b.
func bandHz(b int) float64 {
	lo, hi := hzToMel(melLow), hzToMel(melHigh)
	return melToHz(lo + (hi-lo)*float64(b+1)/float64(MelBands+1))
}

// A formant (a band's peak) at f lies near alpha·f once warped, for warps
// up and down; a warp of 1 leaves the rows as they are.
func TestWarpMel(t *testing.T) {
	for _, from := range []int{8, 15, 22} {
		row := make([]float32, MelBands)
		for b := range row {
			d := float64(b - from)
			row[b] = float32(-d * d / 4) // a smooth peak at band from
		}
		mel := append(append([]float32(nil), row...), row...) // two frames
		if got := WarpMel(mel, 1); &got[0] != &mel[0] {
			t.Errorf("warp 1 made a copy")
		}
		for _, a := range []float64{0.9, 1.1, 1.2} {
			w := WarpMel(mel, a)
			if len(w) != len(mel) {
				t.Fatalf("warp %.1f: %d values for %d", a, len(w), len(mel))
			}
			want := bandHz(from) * a
			for fr := 0; fr < 2; fr++ {
				got := bandHz(peakBand(w[fr*MelBands : (fr+1)*MelBands]))
				// Within half a band either way (bands are 4–6% apart here).
				if r := got / want; math.Abs(math.Log(r)) > 0.05 {
					t.Errorf("warp %.1f, peak at band %d (%.0f Hz): frame %d peaks at %.0f Hz, want about %.0f Hz", a, from, bandHz(from), fr, got, want)
				}
			}
		}
	}
}

// The bands at the edges take the nearest band's value where the source
// frequency is outside the bands, not a value from beyond the row.
func TestWarpMelEdges(t *testing.T) {
	row := make([]float32, MelBands)
	for b := range row {
		row[b] = float32(b)
	}
	up := WarpMel(row, 1.3)
	if up[0] != 0 {
		t.Errorf("warp 1.3: lowest band %v, want the lowest band's 0", up[0])
	}
	down := WarpMel(row, 0.8)
	if down[MelBands-1] != MelBands-1 {
		t.Errorf("warp 0.8: highest band %v, want the highest band's %d", down[MelBands-1], MelBands-1)
	}
	for b := 1; b < MelBands; b++ {
		if up[b] < up[b-1] || down[b] < down[b-1] {
			t.Fatalf("a rising row is no longer rising at band %d: %v / %v", b, up[b-1:b+1], down[b-1:b+1])
		}
	}
}
