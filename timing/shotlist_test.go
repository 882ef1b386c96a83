package timing

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestParseShots(t *testing.T) {
	ntsc := Rate{30000, 1001}
	in := "\uFEFF# cuts\n" +
		"12.345\n" +
		"0:01:02.500 dialogue starts\n" +
		"\n" +
		"01:03,25\n" +
		"90s\n" +
		"lavfi.scd.time=91.5\n" +
		"fps 30000/1001\n" +
		"1000f\n" +
		"frame 1001\n" +
		"00:01:00:02\n" + // non-drop: frame 1802
		"00:01:00;02\n" + // drop-frame: the first number after the minute, frame 1800
		"00:10:00;00\n" + // every tenth minute keeps its numbers: frame 17982
		"fps: 25\n" +
		"25f\n"
	times, rate, err := ParseShots("cuts.txt", strings.NewReader(in), Rate{})
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{12345 * time.Millisecond, 62500 * time.Millisecond, 63250 * time.Millisecond, 90 * time.Second, 91500 * time.Millisecond,
		ntsc.Time(1000), ntsc.Time(1001), ntsc.Time(1802), ntsc.Time(1800), ntsc.Time(17982), time.Second}
	if len(times) != len(want) {
		t.Fatalf("got %d cuts %v, want %d", len(times), times, len(want))
	}
	for i := range want {
		if times[i] != want[i] {
			t.Errorf("cut %d: %v, want %v", i+1, times[i], want[i])
		}
	}
	if rate != (Rate{25, 1}) {
		t.Errorf("file rate %v", rate)
	}
	// The rate given stands for frames before any fps line.
	if ts, _, err := ParseShots("c", strings.NewReader("48f\n"), Rate{24, 1}); err != nil || len(ts) != 1 || ts[0] != 2*time.Second {
		t.Errorf("48f at 24: %v %v", ts, err)
	}
	for text, msg := range map[string]string{
		"1.5\n\n240f\n":            "c:3: \"240f\" counts frames, but no frame rate is known",
		"1.5\nsoon\n":              "c:2: \"soon\" is not a time",
		"fps 0\n":                  "c:1: bad frame rate",
		"fps 25\n00:00:01:25\n":    "c:2: bad timecode \"00:00:01:25\": minutes and seconds go to 59, frames to 24",
		"fps 25\n00:00:01;02\n":    "c:2: drop-frame timecode \"00:00:01;02\" needs 29.97 or 59.94 fps",
		"fps 29.97\n00:01:00;00\n": "c:2: drop-frame timecode \"00:01:00;00\" names a dropped frame number",
		"-3\n":                     "c:1: \"-3\" is before the start",
	} {
		_, _, err := ParseShots("c", strings.NewReader(text), Rate{})
		if err == nil || !strings.HasPrefix(err.Error(), msg) {
			t.Errorf("%q: error %v, want %s...", text, err, msg)
		}
	}
}

func TestWriteShotsReadsBack(t *testing.T) {
	s := Shots{Rate: Rate{24000, 1001}, Cuts: []int64{1, 240, 86400, 3 * 86400}}
	var b bytes.Buffer
	if err := WriteShots(&b, s, "film.mp4"); err != nil {
		t.Fatal(err)
	}
	times, rate, err := ParseShots("w", &b, Rate{})
	if err != nil || rate != s.Rate {
		t.Fatalf("%v %v", rate, err)
	}
	back := ShotsAt(times, rate)
	if len(back.Cuts) != len(s.Cuts) {
		t.Fatalf("%v", back.Cuts)
	}
	for i := range s.Cuts {
		if back.Cuts[i] != s.Cuts[i] {
			t.Errorf("cut %d: %d, want %d", i, back.Cuts[i], s.Cuts[i])
		}
	}
}

// FuzzParseShots: any text gives cuts or an error naming the file and a
// line, never a panic; every cut is at 0 or later; what is read writes
// out and reads back to the same frames.
func FuzzParseShots(f *testing.F) {
	f.Add("12.345\n0:01:02.500 x\nfps 30000/1001\n1000f\n00:01:00;02\n", "")
	f.Add("lavfi.scd.time=91.5\nframe 12\n", "25")
	f.Add("fps: 23.976\n00:00:01:23\n", "")
	f.Fuzz(func(t *testing.T, text, rate string) {
		r, _ := ParseRate(rate)
		times, fileRate, err := ParseShots("f.txt", strings.NewReader(text), r)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.txt:") {
				t.Fatalf("error without the file: %v", err)
			}
			return
		}
		for _, d := range times {
			if d < 0 {
				t.Fatalf("negative cut %v", d)
			}
		}
		use := fileRate
		if !use.Valid() {
			use = Rate{24, 1}
		}
		s := ShotsAt(times, use)
		var b bytes.Buffer
		WriteShots(&b, s, "x")
		back, _, err := ParseShots("back", &b, Rate{})
		if err != nil {
			t.Fatalf("reading back: %v\n%s", err, b.String())
		}
		s2 := ShotsAt(back, use)
		if len(s2.Cuts) != len(s.Cuts) {
			t.Fatalf("%v became %v", s.Cuts, s2.Cuts)
		}
		for i := range s.Cuts {
			if s.Cuts[i] != s2.Cuts[i] {
				t.Fatalf("%v became %v", s.Cuts, s2.Cuts)
			}
		}
	})
}
