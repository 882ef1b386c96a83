package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/media"
	"github.com/subkit-dev/subkit/timing"
)

// TestGenerateSameFromAnyEncoding: the sample transcript as UTF-8, with a
// BOM, with CRLF line ends, as UTF-16 LE and BE and as GB18030, from a
// file or from standard input, gives byte-identical tracks.
func TestGenerateSameFromAnyEncoding(t *testing.T) {
	sample, err := os.ReadFile(sampleTranscript(t))
	if err != nil {
		t.Fatal(err)
	}
	crlf := bytes.ReplaceAll(sample, []byte("\n"), []byte("\r\n"))
	u16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(crlf)
	if err != nil {
		t.Fatal(err)
	}
	u16be, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes(sample)
	if err != nil {
		t.Fatal(err)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(sample)
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string][]byte{
		"bom":      append([]byte("\ufeff"), sample...),
		"crlf":     crlf,
		"utf16le":  u16le,
		"utf16be":  u16be,
		"gb18030":  gb,
		"cr-only":  bytes.ReplaceAll(sample, []byte("\n"), []byte("\r")),
		"no-final": bytes.TrimRight(sample, "\n"),
	}
	for _, f := range []string{"srt", "ttml"} {
		code, want, stderr := runSubkit(t, nil, "generate", "-q", "-d", "1373.91s", "-f", f, "-o", "-", sampleTranscript(t))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for name, data := range variants {
			dir := t.TempDir()
			path := filepath.Join(dir, "t.txt")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			code, got, stderr := runSubkit(t, nil, "generate", "-q", "-d", "1373.91s", "-f", f, "-o", "-", path)
			if code != 0 || got != want {
				t.Errorf("%s from a file, %s: exit %d, same output %v; %s", name, f, code, got == want, stderr)
			}
			code, got, stderr = runSubkit(t, data, "generate", "-q", "-d", "1373.91s", "-f", f, "-")
			if code != 0 || got != want {
				t.Errorf("%s from stdin, %s: exit %d, same output %v; %s", name, f, code, got == want, stderr)
			}
		}
	}
}

// TestGenerateErrors: bad input and bad usage give a one-line error that
// names the file and the reason, the right exit code, and no output file.
func TestGenerateErrors(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
	cases := []struct {
		name  string
		files map[string][]byte
		args  []string
		code  int
		msg   string // stderr's first line must contain this
	}{
		{"empty file", map[string][]byte{"e.txt": nil}, []string{"e.txt"}, 1, "e.txt: no text"},
		{"blank lines only", map[string][]byte{"b.txt": []byte("\n \r\n\t\n")}, []string{"b.txt"}, 1, "b.txt: no text"},
		{"binary", map[string][]byte{"p.txt": png}, []string{"p.txt"}, 1, "p.txt:2:1: binary data, not text (byte 0x1A)"},
		{"missing file", nil, []string{"nope.txt"}, 1, "nope.txt: no such file or directory"},
		{"directory", map[string][]byte{"d/x.txt": []byte("好")}, []string{"d"}, 1, "d: is a directory"},
		{"unknown format", map[string][]byte{"t.txt": []byte("好")}, []string{"-t", "docx", "t.txt"}, 2, `unknown format "docx" (known: srt, vtt, ttml, ass, ssa, stl, `},
		{"bad duration", map[string][]byte{"t.txt": []byte("好")}, []string{"--duration", "ten", "t.txt"}, 2, `--duration: bad duration "ten"`},
		{"negative duration", map[string][]byte{"t.txt": []byte("好")}, []string{"--duration=-5s", "t.txt"}, 2, "--duration must be positive"},
		{"both lengths", map[string][]byte{"t.txt": []byte("好")}, []string{"--duration", "5s", "--video", "v.mp4", "t.txt"}, 2, "--duration or --video, not both"},
		{"too short", map[string][]byte{"t.txt": []byte("一\n二\n三\n")}, []string{"--duration", "2s", "t.txt"}, 1, "t.txt: 3 captions need at least 0:00:02.668"},
		{"no input", nil, []string{}, 2, "no transcript given"},
		{"unknown flag", map[string][]byte{"t.txt": []byte("好")}, []string{"--bogus", "t.txt"}, 2, "flag provided but not defined: -bogus"},
		{"flag without value", map[string][]byte{"t.txt": []byte("好")}, []string{"t.txt", "--duration"}, 2, "flag --duration needs a value"},
		{"two formats to stdout", map[string][]byte{"t.txt": []byte("好")}, []string{"-o", "-", "t.txt"}, 2, "-o - writes one format"},
		{"stdin, many formats", nil, []string{"-"}, 2, "standard input needs -o DIR"},
		{"one file, two inputs", map[string][]byte{"a.txt": []byte("好"), "b.txt": []byte("好")}, []string{"-o", "x.srt", "a.txt", "b.txt"}, 2, "names one file but 2 transcripts"},
		{"bad lang", map[string][]byte{"t.txt": []byte("好")}, []string{"--lang", "中文", "t.txt"}, 2, "not a language tag"},
		{"min over max", map[string][]byte{"t.txt": []byte("好")}, []string{"--min", "8s", "--max", "7s", "t.txt"}, 2, "--min 8s is over --max 7s"},
		{"cps with duration", map[string][]byte{"t.txt": []byte("好")}, []string{"--cps", "5", "-d", "9s", "t.txt"}, 2, "--cps places captions when no length is known"},
		{"zero cps", map[string][]byte{"t.txt": []byte("好")}, []string{"--cps", "0", "t.txt"}, 2, "--cps must be a positive number"},
		{"unknown command", nil, nil, 2, `unknown command "frob"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range c.files {
				p := filepath.Join(dir, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			wd, _ := os.Getwd()
			if err := os.Chdir(dir); err != nil {
				t.Fatal(err)
			}
			defer os.Chdir(wd)
			args := append([]string{"generate"}, c.args...)
			if c.args == nil {
				args = []string{"frob"}
			}
			code, stdout, stderr := runSubkit(t, nil, args...)
			first, _, _ := strings.Cut(stderr, "\n")
			if code != c.code || !strings.Contains(first, c.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, c.code, c.msg)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			// No output file of any kind was left behind.
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if _, ok := c.files[e.Name()]; !ok && e.Name() != "d" {
					t.Errorf("left %s behind", e.Name())
				}
			}
		})
	}
}

// TestGenerateBatchGoesOn: one bad transcript among good ones is reported,
// the others are written, and the exit code is 1.
func TestGenerateBatchGoesOn(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("大家好\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("\x00\x01\x02binary"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.txt"), []byte("最近罕见公开亮相\n"), 0o644)
	code, _, stderr := runSubkit(t, nil, "generate", "-f", "srt", filepath.Join(dir, "a.txt"), filepath.Join(dir, "bad.txt"), filepath.Join(dir, "c.txt"))
	if code != 1 || !strings.Contains(stderr, "bad.txt:1:1: binary data") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	for _, name := range []string{"a.srt", "c.srt"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.srt")); err == nil {
		t.Error("bad.srt written")
	}
}

// TestGenerateNeverOverwritesInput: a transcript named like an output.
func TestGenerateNeverOverwritesInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "talk.srt")
	os.WriteFile(in, []byte("大家好\n"), 0o644)
	code, _, stderr := runSubkit(t, nil, "generate", "-f", "srt", in)
	if code != 1 || !strings.Contains(stderr, "would overwrite the input") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(in); string(b) != "大家好\n" {
		t.Errorf("input changed to %q", b)
	}
}

// TestGenerateVideo reads the length of a real video file with ffprobe.
func TestGenerateVideo(t *testing.T) {
	ffmpeg := extcheck.RequireTool(t, "ffmpeg")
	extcheck.RequireTool(t, "ffprobe")
	dir := t.TempDir()
	video := filepath.Join(dir, "v.mkv")
	cmd := exec.Command(ffmpeg, "-v", "error", "-f", "lavfi", "-i", "color=c=black:s=64x36:d=12.5", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "12.5", "-shortest", video)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	os.WriteFile(filepath.Join(dir, "t.txt"), []byte("大家好\n最近罕见公开亮相\n"), 0o644)
	code, out, stderr := runSubkit(t, nil, "generate", "--video", video, "-f", "srt", "-o", "-", filepath.Join(dir, "t.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	length, err := media.Duration(context.Background(), video)
	if err != nil {
		t.Fatal(err)
	}
	if length < 12500*time.Millisecond || length > 13*time.Second {
		t.Fatalf("ffprobe says %v, want about 12.5 s", length)
	}
	end := strings.ReplaceAll(timing.FormatDuration(length.Truncate(time.Millisecond)), ".", ",")
	if !strings.HasSuffix(out, " --> 0"+end+"\n公开亮相\n") {
		t.Errorf("last caption does not end at the video's end %s:\n%s", end, out)
	}
	// Not a video: ffprobe's complaint, naming the file.
	code, _, stderr = runSubkit(t, nil, "generate", "--video", filepath.Join(dir, "t.txt"), filepath.Join(dir, "t.txt"))
	if code != 1 || !strings.Contains(stderr, "t.txt") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestGenerateVideoWithoutFFprobe: a clear error naming the missing tool.
func TestGenerateVideoWithoutFFprobe(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "v.mp4"), []byte("x"), 0o644)
	t.Setenv("PATH", dir) // nothing on it
	code, _, stderr := runSubkit(t, nil, "generate", "--video", filepath.Join(dir, "v.mp4"), filepath.Join(dir, "v.mp4"))
	if code != 1 || !strings.Contains(stderr, "ffprobe not found") || !strings.Contains(stderr, "apt-get install ffmpeg") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestGenerateToDevice: -o /dev/null is written to, not replaced by a
// rename.
func TestGenerateToDevice(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "t.txt"), []byte("大家好\n"), 0o644)
	code, _, stderr := runSubkit(t, nil, "generate", "-f", "srt", "-o", os.DevNull, filepath.Join(dir, "t.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fi, err := os.Stat(os.DevNull)
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a device: %v %v", os.DevNull, fi.Mode(), err)
	}
}
