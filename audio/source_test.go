package audio

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
)

func writeWAV(t *testing.T, path string, x []float32, rate int) {
	t.Helper()
	frames := make([][]float64, len(x))
	for i, v := range x {
		frames[i] = []float64{float64(v)}
	}
	if err := os.WriteFile(path, wavBytes(wavePCM, 0, rate, 1, 16, frames), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A FLAC file is decoded through ffmpeg and finds the same speech as the
// WAV it was made from.
func TestOpenThroughFFmpeg(t *testing.T) {
	ffmpeg := extcheck.RequireTool(t, "ffmpeg")
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(4, 4))
	bursts := randomBursts(rng, 12)
	x := synth(16000, 12, bursts, 15, true, 8)
	wav := filepath.Join(dir, "a.wav")
	writeWAV(t, wav, x, 16000)
	flac := filepath.Join(dir, "a.flac")
	if out, err := exec.Command(ffmpeg, "-v", "error", "-i", wav, flac).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	segs := func(path string) []Segment {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, native := s.Source.(*WAVReader); native != (filepath.Ext(path) == ".wav") {
			t.Errorf("%s: read natively %v", path, native)
		}
		f, err := Analyze(s)
		if err != nil {
			t.Fatal(err)
		}
		return Detect(f, VADOptions{})
	}
	a, b := segs(wav), segs(flac)
	if len(a) != len(b) || len(a) < len(bursts) {
		t.Fatalf("WAV %d segments, FLAC %d, bursts %d", len(a), len(b), len(bursts))
	}
	for i := range a {
		if math.Abs(a[i].Start-b[i].Start) > 0.003 || math.Abs(a[i].End-b[i].End) > 0.003 {
			t.Errorf("segment %d: WAV %.3f-%.3f, FLAC %.3f-%.3f", i, a[i].Start, a[i].End, b[i].Start, b[i].End)
		}
	}
}

// ffmpeg's complaint about a file it cannot decode is passed on.
func TestOpenUndecodable(t *testing.T) {
	extcheck.RequireTool(t, "ffmpeg")
	p := filepath.Join(t.TempDir(), "junk.mp3")
	os.WriteFile(p, []byte("this is not audio at all"), 0o644)
	s, err := Open(context.Background(), p)
	if err == nil {
		defer s.Close()
		_, err = Analyze(s)
	}
	if err == nil || !containsAll(err.Error(), "ffmpeg could not decode it") {
		t.Fatalf("got %v, want ffmpeg's complaint", err)
	}
}

// Without ffmpeg on the PATH a WAV is still read, and anything else fails
// with ErrNoFFmpeg.
func TestOpenWithoutFFmpeg(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PATH", dir)
	wav := filepath.Join(dir, "a.wav")
	writeWAV(t, wav, make([]float32, 1600), 16000)
	s, err := Open(context.Background(), wav)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	mp3 := filepath.Join(dir, "a.mp3")
	os.WriteFile(mp3, []byte("ID3"), 0o644)
	if _, err := Open(context.Background(), mp3); !errors.Is(err, ErrNoFFmpeg) {
		t.Fatalf("got %v, want ErrNoFFmpeg", err)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// ReadAll returns every sample of a WAV longer than its read buffer.
func TestReadAll(t *testing.T) {
	frames := make([][]float64, 40000)
	for i := range frames {
		frames[i] = []float64{float64(i%200-100) / 128}
	}
	r, err := NewWAVReader(bytes.NewReader(wavBytes(waveFloat, 0, 8000, 1, 32, frames)))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(frames) {
		t.Fatalf("%d samples, want %d", len(got), len(frames))
	}
	for i, v := range got {
		if float64(v) != frames[i][0] {
			t.Fatalf("sample %d is %v, want %v", i, v, frames[i][0])
		}
	}
}
