package timing

import (
	"math/rand"
	"testing"
	"time"
)

func msd(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

func TestParseRate(t *testing.T) {
	ok := map[string]Rate{"25": {25, 1}, "23.976": {24000, 1001}, "29.97": {30000, 1001}, "59.94": {60000, 1001},
		"24": {24, 1}, "50": {50, 1}, "60": {60, 1}, "30": {30, 1}, "24000/1001": {24000, 1001}, "48/2": {24, 1}, "12.5": {25, 2}}
	for in, want := range ok {
		if got, err := ParseRate(in); err != nil || got != want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "0", "-25", "abc", "25fps", "1/0", "0/1", "2.5.1", "99999"} {
		if r, err := ParseRate(bad); err == nil {
			t.Errorf("ParseRate(%q) = %v, want an error", bad, r)
		}
	}
	if f, to, err := ParseFPS("25:23.976"); err != nil || f != (Rate{25, 1}) || to != (Rate{24000, 1001}) {
		t.Errorf("ParseFPS = %v %v %v", f, to, err)
	}
}

func TestMapsExact(t *testing.T) {
	// 25 fps to 23.976: one hour becomes 1:02:34.500 (3600 s × 25×1001/24000).
	if got := FPS(Rate{25, 1}, Rate{24000, 1001})(time.Hour); got != msd(3753750) {
		t.Errorf("FPS 25→23.976 of 1 h = %v", got)
	}
	if got := Scale(2, 10*time.Second)(15 * time.Second); got != 20*time.Second {
		t.Errorf("Scale = %v", got)
	}
	m, err := Sync([]Point{{Old: msd(1000), New: msd(1500)}})
	if err != nil || m(msd(5000)) != msd(5500) {
		t.Errorf("one-point sync is a shift: %v", err)
	}
	if _, err := Sync([]Point{{msd(1), msd(2)}, {msd(1), msd(3)}}); err == nil {
		t.Error("two points at one time: no error")
	}
	if _, err := Sync(nil); err == nil {
		t.Error("no points: no error")
	}
}

// TestRetimeProperties: the properties the issue asks for, over random
// files and maps.
func TestRetimeProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for k := 0; k < 500; k++ {
		var items []Interval
		at := int64(rng.Intn(5000))
		for i := 0; i < 1+rng.Intn(50); i++ {
			d := int64(500 + rng.Intn(6000))
			items = append(items, Interval{Start: msd(at), End: msd(at + d)})
			at += d + int64(rng.Intn(3000))
		}
		// Shift by D then by -D is the identity (nothing goes below 0).
		d := msd(int64(rng.Intn(200000)))
		there, _ := Retime(items, Shift(d), RetimeOptions{})
		back, _ := Retime(there, Shift(-d), RetimeOptions{})
		for i := range items {
			if back[i].Start != items[i].Start || back[i].End != items[i].End {
				t.Fatalf("shift ±%v moved %v to %v", d, items[i], back[i])
			}
		}
		// A two-point sync maps both points exactly.
		p1 := Point{Old: items[0].Start, New: msd(int64(rng.Intn(100000)))}
		last := items[len(items)-1].End
		p2 := Point{Old: last, New: p1.New + msd(int64(1+rng.Intn(3000000)))}
		if p2.Old == p1.Old {
			continue
		}
		m, err := Sync([]Point{p2, p1})
		if err != nil {
			t.Fatal(err)
		}
		if m(p1.Old) != p1.New || m(p2.Old) != p2.New {
			t.Fatalf("sync %v %v maps them to %v %v", p1, p2, m(p1.Old), m(p2.Old))
		}
		// 25:23.976 and back returns every time within 1 ms.
		f := FPS(Rate{25, 1}, Rate{24000, 1001})
		g := FPS(Rate{24000, 1001}, Rate{25, 1})
		for _, it := range items {
			if diff := g(f(it.Start)) - it.Start; diff < -time.Millisecond || diff > time.Millisecond {
				t.Fatalf("fps round trip moved %v by %v", it.Start, diff)
			}
		}
		// No output is negative, overlapping, or out of order, whatever the map.
		out, _ := Retime(items, Shift(-msd(int64(rng.Intn(100000)))).Then(Scale(0.5+rng.Float64(), 0)), RetimeOptions{DropNegative: rng.Intn(2) == 0})
		for i, it := range out {
			if it.Start < 0 || it.End < it.Start {
				t.Fatalf("bad interval %v", it)
			}
			if i > 0 && it.Start < out[i-1].End && out[i-1].End > 0 {
				t.Fatalf("overlap: %v then %v", out[i-1], it)
			}
		}
	}
}

func TestSyncPiecewise(t *testing.T) {
	m, err := Sync([]Point{{msd(0), msd(1000)}, {msd(10000), msd(11000)}, {msd(20000), msd(41000)}})
	if err != nil {
		t.Fatal(err)
	}
	cases := map[int64]int64{0: 1000, 5000: 6000, 10000: 11000, 15000: 26000, 20000: 41000, 30000: 71000, -1000: 0}
	for in, want := range cases {
		if got := m(msd(in)); got != msd(want) {
			t.Errorf("m(%d ms) = %v, want %d ms", in, got, want)
		}
	}
}

func TestRetimeClampsAndDrops(t *testing.T) {
	items := []Interval{{Start: msd(500), End: msd(1500)}, {Start: msd(2000), End: msd(2800)}, {Start: msd(4000), End: msd(5000), Inline: []time.Duration{msd(4500)}}}
	out, rep := Retime(items, Shift(-msd(2500)), RetimeOptions{})
	if len(out) != 3 || out[0].Start != 0 || out[0].End != 0 || out[1].Start != 0 || out[1].End != msd(300) || out[2].Inline[0] != msd(2000) {
		t.Errorf("kept: %v", out)
	}
	if len(rep.Before0) != 1 || rep.Before0[0] != 0 || len(rep.Clamped) != 1 || rep.Clamped[0] != 1 || rep.Dropped {
		t.Errorf("report %+v", rep)
	}
	out, rep = Retime(items, Shift(-msd(2500)), RetimeOptions{DropNegative: true})
	if len(out) != 2 || !rep.Dropped {
		t.Errorf("dropped: %v %+v", out, rep)
	}
	// A window changes only what starts inside it.
	out, _ = Retime(items, Shift(msd(100)), RetimeOptions{Window: true, From: msd(1000), To: msd(3000)})
	if out[0].Start != msd(500) || out[1].Start != msd(2100) || out[2].Start != msd(4000) {
		t.Errorf("window: %v", out)
	}
}

func TestParseSyncPoint(t *testing.T) {
	p, err := ParseSyncPoint("00:01:02.500=1:03")
	if err != nil || p.Old != msd(62500) || p.New != msd(63000) || p.Cue != 0 {
		t.Errorf("%+v %v", p, err)
	}
	p, err = ParseSyncPoint("#12=90s")
	if err != nil || p.Cue != 12 || p.New != 90*time.Second {
		t.Errorf("%+v %v", p, err)
	}
	for _, bad := range []string{"", "1s", "#0=1s", "#x=1s", "1s=", "=1s", "abc=1s"} {
		if _, err := ParseSyncPoint(bad); err == nil {
			t.Errorf("ParseSyncPoint(%q): no error", bad)
		}
	}
}
