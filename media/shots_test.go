package media

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/subkit-dev/subkit/internal/testvideo"
	"github.com/subkit-dev/subkit/timing"
)

// TestDetectShots: the cuts of a made video are found on their exact
// frames, at 29.97 and 25 fps; the flash inside the first shot is not a
// cut; ffprobe's rate is the exact fraction.
func TestDetectShots(t *testing.T) {
	for _, c := range []struct {
		rate string
		want timing.Rate
	}{{"30000/1001", timing.Rate{Num: 30000, Den: 1001}}, {"25", timing.Rate{Num: 25, Den: 1}}} {
		path, cuts := testvideo.Make(t, t.TempDir(), "v.mp4", c.rate, testvideo.Default)
		r, err := FrameRate(context.Background(), path)
		if err != nil || r != c.want {
			t.Fatalf("%s: FrameRate = %v, %v", c.rate, r, err)
		}
		s, err := DetectShots(context.Background(), path, ShotOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if s.Rate != c.want || !slices.Equal(s.Cuts, cuts) {
			t.Errorf("%s: cuts %v at %v, want %v at %v", c.rate, s.Cuts, s.Rate, cuts, c.want)
		}
	}
}

func TestDetectShotsErrors(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	ctx := context.Background()
	if _, err := DetectShots(ctx, filepath.Join(dir, "none.mp4"), ShotOptions{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	audioOnly := filepath.Join(dir, "tone.flac")
	makeAudio(t, audioOnly, "1")
	if _, err := DetectShots(ctx, audioOnly, ShotOptions{}); !errors.Is(err, ErrNotMedia) {
		t.Errorf("audio only: %v", err)
	}
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not a video\n"), 0o644)
	if _, err := DetectShots(ctx, text, ShotOptions{}); err == nil {
		t.Error("a text file gave cuts")
	}
}

// frames makes yuv420p frames of one grey level each.
func frames(levels ...byte) []byte {
	var b []byte
	for _, l := range levels {
		b = append(b, bytes.Repeat([]byte{l}, shotFrame)...)
	}
	return b
}

// TestDetectCutsMade: the detector alone on made frames: level changes
// that last are cuts, a one-frame flash and a slow fade are not, and a
// cut in the last frames or the first are found.
func TestDetectCutsMade(t *testing.T) {
	var levels []byte
	add := func(l byte, n int) {
		for range n {
			levels = append(levels, l)
		}
	}
	add(20, 5)          // frames 0-4
	add(200, 30)        // cut at 5
	levels[20] = 255    // a flash at 20: two big differences in a row
	add(60, 20)         // cut at 35
	for i := range 40 { // a fade from 60 to 220 over 40 frames: 4 a frame
		levels = append(levels, byte(60+4*i))
	}
	add(10, 3) // cut at 95, three frames before the end
	cuts, n, err := detectCuts(bytes.NewReader(frames(levels...)), 0)
	if err != nil || n != int64(len(levels)) {
		t.Fatalf("%d frames, %v", n, err)
	}
	if want := []int64{5, 35, 95}; !slices.Equal(cuts, want) {
		t.Errorf("cuts %v, want %v", cuts, want)
	}
	if _, _, err := detectCuts(bytes.NewReader(frames(1, 2)[:shotFrame+7]), 0); err == nil {
		t.Error("a cut-off frame is not an error")
	}
}

// BenchmarkDetectCuts is the measure's own cost a frame, without ffmpeg:
// compare ns/op with the decoder's time a frame (scripts/bench-shots.sh).
func BenchmarkDetectCuts(b *testing.B) {
	levels := make([]byte, 1000)
	for i := range levels {
		levels[i] = byte(i * 7 % 251)
	}
	data := frames(levels...)
	b.SetBytes(int64(shotFrame))
	b.ResetTimer()
	for i := 0; i < b.N; i += len(levels) {
		if _, _, err := detectCuts(bytes.NewReader(data), 0); err != nil {
			b.Fatal(err)
		}
	}
}
