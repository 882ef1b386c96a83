package media

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/internal/testvideo"
	"github.com/subkit-dev/subkit/timing"
)

func needFFmpeg(t *testing.T) {
	t.Helper()
	extcheck.RequireTool(t, "ffmpeg")
	extcheck.RequireTool(t, "ffprobe")
}

// makeAudio writes d seconds of a tone to name with ffmpeg.
func makeAudio(t *testing.T, name string, d string) {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=duration="+d,
		"-f", "flac", "-y", "file:"+name).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, out)
	}
}

// Names with a colon are files, never protocols: "c:d.flac", and
// "file:x.flac" beside an x.flac of another length.
func TestDurationNamesWithColons(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	t.Chdir(dir)
	makeAudio(t, "c:d.flac", "2")
	makeAudio(t, "x.flac", "3")
	makeAudio(t, "file:x.flac", "5")
	for name, want := range map[string]time.Duration{"c:d.flac": 2 * time.Second, "file:x.flac": 5 * time.Second,
		"x.flac": 3 * time.Second, filepath.Join(dir, "c:d.flac"): 2 * time.Second} {
		got, err := Duration(context.Background(), name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if d := got - want; d < -50*time.Millisecond || d > 50*time.Millisecond {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
}

// A text or caption file is not a video, whatever ffprobe makes of it.
func TestDurationNotMedia(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	files := map[string]string{
		"notes.txt": "hello\nworld\n",
		"talk.srt":  "1\n00:00:01,000 --> 00:00:02,000\nhi\n",
		"art.ans":   "\x1b[31mred\x1b[0m text drawn on a terminal\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := Duration(context.Background(), p)
		if !errors.Is(err, ErrNotMedia) {
			t.Errorf("%s: %v, %v; want ErrNotMedia", name, d, err)
		}
	}
}

// Probe gives a video's length and rate from one run; a sound file has a
// length and no video, so no frame rate.
func TestProbe(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	video, _ := testvideo.Make(t, dir, "v.mp4", "30000/1001", testvideo.Default)
	i, err := Probe(context.Background(), video)
	if err != nil {
		t.Fatal(err)
	}
	frames := 0
	for _, s := range testvideo.Default {
		frames += s.Frames
	}
	want := time.Duration(float64(frames) * 1001 / 30000 * float64(time.Second))
	if d := i.Duration - want; !i.Video || i.Rate != (timing.Rate{Num: 30000, Den: 1001}) || d < -40*time.Millisecond || d > 40*time.Millisecond {
		t.Errorf("video: %+v, want %v at 30000/1001", i, want)
	}
	tone := filepath.Join(dir, "tone.flac")
	makeAudio(t, tone, "2")
	i, err = Probe(context.Background(), tone)
	if err != nil {
		t.Fatal(err)
	}
	if l, err := i.Length(); err != nil || l < 1950*time.Millisecond || l > 2050*time.Millisecond {
		t.Errorf("tone: length %v, %v", l, err)
	}
	if r, err := i.FrameRate(); !errors.Is(err, ErrNotMedia) || i.Video {
		t.Errorf("tone: rate %v, %v; want ErrNotMedia", r, err)
	}
}
