package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const faultSRT = "1\n00:00:01,000 --> 00:00:01,200\nmuch too much text for so short a time on screen\n\n2\n00:00:01,210 --> 00:00:03,000\ntwo\n"

// A report that cannot be written is a failed run: /dev/full takes no
// bytes, and every command that reports on standard output must say so
// and exit non-zero.
func TestStdoutWriteErrors(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	dir := t.TempDir()
	in := filepath.Join(dir, "f.srt")
	if err := os.WriteFile(in, []byte(faultSRT), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", "--json", in},
		{"check", in},
		{"stats", in},
		{"stats", "--json", in},
		{"convert", "--json", "-t", "vtt", "-o", filepath.Join(dir, "out.vtt"), in},
		{"convert", "-t", "vtt", "-o", "-", in},
		{"fix", "--dry-run", "--json", in},
		{"generate", "-d", "3s", "-t", "srt", "-o", "-", filepath.Join(dir, "t.txt")},
		{"help"},
	} {
		os.WriteFile(filepath.Join(dir, "t.txt"), []byte("one line\n"), 0o644)
		var stderr bytes.Buffer
		code := run(append([]string{"subkit"}, args...), strings.NewReader(""), full, &stderr)
		if code == 0 || !strings.Contains(stderr.String(), "writing standard output") {
			t.Errorf("%s: exit %d, stderr %q; want a non-zero exit and a write error", strings.Join(args, " "), code, stderr.String())
		}
		os.Remove(filepath.Join(dir, "out.vtt"))
	}
}

// An input over the size limit is refused from its size, not after it is
// read: a sparse file of 1.1 GiB costs no memory to refuse.
func TestLargeInputRefusedBeforeReading(t *testing.T) {
	name := filepath.Join(t.TempDir(), "huge.srt")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxInput + 100<<20); err != nil {
		t.Skip("cannot make a sparse file:", err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	_, err = e.readInput(name)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "larger than 1024 MiB") {
		t.Fatalf("readInput: %v, want larger than 1024 MiB", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("refusing allocated %d MiB; want it refused before reading", got>>20)
	}
}
