package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// sampleArgs is the README's main command, with the length of the video
// the timing benchmark's truth was spoken to (seed 1).
var sampleArgs = []string{"generate", "--duration", "1373.91s"}

// runSubkit runs the command in-process and returns its exit code and
// output streams.
func runSubkit(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"subkit"}, args...), bytes.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// TestGoldenSample generates the sample's three tracks and compares them
// with testdata/golden; go test -update rewrites them, for review by eye.
func TestGoldenSample(t *testing.T) {
	dir := t.TempDir()
	args := append(append([]string{}, sampleArgs...), "-o", dir, sampleTranscript(t))
	code, _, stderr := runSubkit(t, nil, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, ext := range []string{".srt", ".vtt", ".ttml"} {
		got, err := os.ReadFile(filepath.Join(dir, "interview-zh"+ext))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "golden", "interview-zh"+ext)
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (go test -update creates it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; if the change is meant, run go test -update and review the diff", ext, golden)
		}
	}
}

// TestGoldenSampleClients checks the golden tracks with independent
// clients: the W3C WebVTT parser and Chromium read the WebVTT, xmllint
// validates the TTML against the TTML1 schema and imsc renders it, and all
// of them must see exactly the cues subkit reads from the SRT.
func TestGoldenSampleClients(t *testing.T) {
	srt, err := os.ReadFile("testdata/golden/interview-zh.srt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := subtitle.Read("interview-zh.srt", srt, subtitle.SRT)
	if err != nil {
		t.Fatal(err)
	}
	want := extcheck.ExpectedCues(doc)
	if len(want) < 398 {
		t.Fatalf("the SRT has %d cues, fewer than the transcript's 398 lines", len(want))
	}
	vtt, _ := filepath.Abs("testdata/golden/interview-zh.vtt")
	ttml, _ := filepath.Abs("testdata/golden/interview-zh.ttml")

	t.Run("webvtt-parser", func(t *testing.T) {
		r := extcheck.WebVTT(t, vtt)[0]
		for _, e := range r.Errors {
			t.Errorf("webvtt-parser: %s", e)
		}
		for _, d := range extcheck.DiffCues(r.Cues, want) {
			t.Error(d)
		}
	})
	t.Run("chromium", func(t *testing.T) {
		r := extcheck.Chromium(t, vtt)[0]
		if r.Error != "" || r.ReadyState != 2 {
			t.Fatalf("track did not load: %+v", r.Error)
		}
		for _, d := range extcheck.DiffCues(r.Cues, want) {
			t.Error(d)
		}
	})
	t.Run("xmllint", func(t *testing.T) {
		r := extcheck.TTMLSchema(t, ttml)[0]
		if !r.Valid {
			t.Errorf("not valid TTML1: %s", strings.Join(r.Messages, "\n"))
		}
	})
	t.Run("imsc", func(t *testing.T) {
		r := extcheck.TTMLRender(t, ttml)[0]
		for _, d := range extcheck.DiffTTML(r, want, "zh-Hans") {
			t.Error(d)
		}
	})
}
