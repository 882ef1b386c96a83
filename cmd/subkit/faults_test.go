package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
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

// testMainAsSubkit runs the test binary as subkit, with SUBKIT_TEST_MAIN
// saying what to do when the outputs are written to their temporary files:
// "hang" (to be interrupted there), "race:FILE" (another process writes
// FILE then) or "plain" (nothing).
func testMainAsSubkit() {
	mode := os.Getenv("SUBKIT_TEST_MAIN")
	switch {
	case mode == "hang":
		testHookBeforeRename = func() {
			fmt.Fprintln(os.Stderr, "written")
			select {}
		}
	case strings.HasPrefix(mode, "race:"):
		testHookBeforeRename = func() {
			os.WriteFile(strings.TrimPrefix(mode, "race:"), []byte("the other run's\n"), 0o644)
		}
	}
	catchSignals(os.Stderr)
	os.Exit(run(append([]string{"subkit"}, os.Args[1:]...), os.Stdin, os.Stdout, os.Stderr))
}

// subkitCmd is the test binary run as subkit in dir.
func subkitCmd(t *testing.T, dir, mode string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SUBKIT_TEST_MAIN="+mode)
	return cmd
}

// tempFiles lists the hidden temporary files in dir.
func tempFiles(t *testing.T, dir string) []string {
	var out []string
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

// SIGINT and SIGTERM remove the temporary files of a run; kill -9 cannot,
// and the next run into that directory removes them.
func TestInterruptRemovesTemps(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "in.srt"), []byte(faultSRT), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := subkitCmd(t, dir, "hang", "convert", "-t", "vtt", "in.srt")
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait until the output is in its temporary file.
			line, _ := bufio.NewReader(stderr).ReadString('\n')
			if line != "written\n" {
				cmd.Process.Kill()
				t.Fatalf("subkit said %q", line)
			}
			if n := len(tempFiles(t, dir)); n != 1 {
				t.Fatalf("%d temporary files while writing, want 1", n)
			}
			cmd.Process.Signal(sig)
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("exit: %v", err)
			}
			if sig == syscall.SIGKILL {
				if n := len(tempFiles(t, dir)); n != 1 {
					t.Fatalf("%d temporary files after kill -9, want the 1 left", n)
				}
				// The next run removes it.
				if out, err := subkitCmd(t, dir, "plain", "convert", "-t", "ttml", "in.srt").CombinedOutput(); err != nil {
					t.Fatalf("next run: %v: %s", err, out)
				}
			} else if want := 128 + int(sig); ee.ExitCode() != want {
				t.Errorf("exit code %d, want %d", ee.ExitCode(), want)
			}
			if left := tempFiles(t, dir); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
			if _, err := os.Stat(filepath.Join(dir, "in.vtt")); err == nil {
				t.Errorf("the interrupted output was written")
			}
		})
	}
}

// Stale temporary files are removed by the next run writing into their
// directory: those of a process that is gone, and old-style ones over an
// hour old. Others' files, and young old-style ones, stay.
func TestSweepStaleTemps(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, age time.Duration) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(-age)
		os.Chtimes(p, at, at)
	}
	write(".a.srt.subkit-tmp-2147483646-12345", 0) // no such process
	write(fmt.Sprintf(".b.srt.subkit-tmp-%d-1", os.Getppid()), 0)
	write(".c.srt.tmp1234567", 2*time.Hour)
	write(".d.srt.tmp1234567", time.Minute)
	write(".e.srt.swp", 2*time.Hour)
	write("f.tmp1", 2*time.Hour)
	sweepStaleTemps(dir, time.Now())
	got := tempFiles(t, dir)
	want := []string{fmt.Sprintf(".b.srt.subkit-tmp-%d-1", os.Getppid()), ".d.srt.tmp1234567", ".e.srt.swp"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("left %v, want %v", got, want)
	}
}

// Two runs writing one output: the one that finishes second refuses to
// replace what the other wrote meanwhile, whether the output was new or
// replaced with --force.
func TestConcurrentRunsDoNotReplaceEachOther(t *testing.T) {
	for _, force := range []bool{false, true} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "in.srt"), []byte(faultSRT), 0o644)
		args := []string{"convert", "-t", "vtt", "in.srt"}
		if force {
			os.WriteFile(filepath.Join(dir, "in.vtt"), []byte("old\n"), 0o644)
			args = append(args, "--force")
		}
		out, err := subkitCmd(t, dir, "race:"+filepath.Join(dir, "in.vtt"), args...).CombinedOutput()
		if err == nil || !strings.Contains(string(out), "output in.vtt ") || !strings.Contains(string(out), "while subkit ran") {
			t.Errorf("force %v: %v, %s; want a refusal", force, err, out)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "in.vtt")); string(b) != "the other run's\n" {
			t.Errorf("force %v: in.vtt is %q, want the other run's", force, b)
		}
		if left := tempFiles(t, dir); len(left) > 0 {
			t.Errorf("left behind: %v", left)
		}
	}
}

// --in-place on a symbolic link writes the file it points to and keeps
// the link; so does --force on a linked output.
func TestInPlaceThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.srt")
	link := filepath.Join(dir, "link.srt")
	os.WriteFile(target, []byte(faultSRT), 0o644)
	if err := os.Symlink("real.srt", link); err != nil {
		t.Skip(err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"subkit", "retime", "--shift", "1s", "--in-place", link}, nil, io.Discard, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
	}
	b, _ := os.ReadFile(target)
	if !strings.Contains(string(b), "00:00:02,000 --> 00:00:02,200") {
		t.Errorf("the target was not retimed:\n%s", b)
	}
	outTarget, outLink := filepath.Join(dir, "real.vtt"), filepath.Join(dir, "link.vtt")
	os.WriteFile(outTarget, []byte("WEBVTT\n"), 0o644)
	os.Symlink("real.vtt", outLink)
	if code := run([]string{"subkit", "convert", "-t", "vtt", "--force", "-o", outLink, target}, nil, io.Discard, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if fi, err := os.Lstat(outLink); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the output link was replaced: %v %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(outTarget); !strings.Contains(string(b), "00:00:02.000 --> 00:00:02.200") {
		t.Errorf("the output link's target was not written:\n%s", b)
	}
}
