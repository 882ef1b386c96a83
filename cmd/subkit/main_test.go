package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/internal/testvideo"
)

func TestMain(m *testing.M) {
	if os.Getenv("SUBKIT_TEST_MAIN") != "" {
		testMainAsSubkit()
	}
	quickRaceExit()
	testscript.Main(m, map[string]func(){
		"subkit": func() {
			catchSignals(os.Stderr)
			os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// quickRaceExit makes the subkit commands the tests run (this binary, run
// again) exit 10 ms after their work instead of 1 s when it is built with
// -race: the race detector waits atexit_sleep_ms (1000 by default) before
// every exit for other goroutines to report, and the scripts run subkit
// some 200 times. A race found still prints its report and makes the
// command exit with status 66, which fails the script. GORACE is passed on
// to the scripts by testscript and to subkitCmd by os.Environ; a GORACE
// that sets atexit_sleep_ms already is left alone.
func quickRaceExit() {
	v := os.Getenv("GORACE")
	if strings.Contains(v, "atexit_sleep_ms") {
		return
	}
	os.Setenv("GORACE", strings.TrimSpace(v+" atexit_sleep_ms=10"))
}

// TestScripts runs the end-to-end tests in testdata/script: each .txtar
// file is a shell-like script of subkit commands and the files they use.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			e.Setenv("SAMPLE", sampleTranscript(t))
			// SUBKITBIN is the directory with subkit alone, for scripts
			// that run it with nothing else on the PATH; ORIGPATH puts
			// the PATH back.
			e.Setenv("ORIGPATH", e.Getenv("PATH"))
			for _, dir := range filepath.SplitList(e.Getenv("PATH")) {
				if _, err := os.Stat(filepath.Join(dir, "subkit")); err == nil {
					e.Setenv("SUBKITBIN", dir)
					break
				}
			}
			return nil
		},
		// [ffmpeg]: ffmpeg and ffprobe are installed; under CI their
		// absence fails the script instead of skipping it.
		Condition: func(cond string) (bool, error) {
			if cond != "ffmpeg" {
				return false, fmt.Errorf("unknown condition %q", cond)
			}
			for _, tool := range []string{"ffmpeg", "ffprobe"} {
				if _, err := exec.LookPath(tool); err != nil {
					if extcheck.InCI() {
						return false, fmt.Errorf("%s is missing (CI installs it: .ci/run)", tool)
					}
					return false, nil
				}
			}
			return true, nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"exits": exits, "mkwav": mkwav,
			"mkbytes": mkbytes, "pydecode": pydecode, "mkvideo": mkvideo},
	})
}

// exits N COMMAND ARGS... runs a command as exec does and fails unless it
// exits with status N.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// mkbytes FILE TEXT writes TEXT to FILE with Go's string escapes
// (\r, \n, \xFF) decoded: files in legacy encodings, and broken ones.
func mkbytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkbytes FILE TEXT")
	}
	b, err := strconv.Unquote(`"` + strings.ReplaceAll(args[1], `"`, `\"`) + `"`)
	if err != nil {
		ts.Fatalf("mkbytes: %v", err)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b), 0o644))
}

// pydecode FILE CODEC OUT decodes FILE with Python's codec CODEC, strictly,
// and writes the text to OUT in UTF-8: an independent reader of what
// subkit writes in legacy encodings. Scripts that use it skip when
// python3 is missing ([!exec:python3] skip).
func pydecode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: pydecode FILE CODEC OUT")
	}
	const script = `import sys
open(sys.argv[3], 'wb').write(open(sys.argv[1], 'rb').read().decode(sys.argv[2], 'strict').encode('utf-8'))`
	ts.Check(ts.Exec("python3", "-c", script, ts.MkAbs(args[0]), args[1], ts.MkAbs(args[2])))
}

func sampleTranscript(t *testing.T) string {
	p, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return p + "/../../testdata/interview-zh.txt"
}

// mkvideo FILE RATE writes testvideo.Default, shots with cuts at frames
// 40, 75, 104, 154 and 185, as an H.264 video at RATE frames a second.
// Scripts guard it with [!ffmpeg] skip.
func mkvideo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkvideo FILE RATE")
	}
	a, _ := testvideo.Args(ts.MkAbs(args[0]), args[1], testvideo.Default)
	if out, err := exec.Command("ffmpeg", a...).CombinedOutput(); err != nil {
		ts.Fatalf("mkvideo: ffmpeg: %v: %s", err, out)
	}
}

// mkwav FILE [START-END...] writes a 16 kHz 16-bit WAV of voice-like
// bursts at the given seconds in quiet white noise, lasting 1 s past the
// last burst (or 5 s of noise alone). A burst is a harmonic complex whose
// pitch moves about 140 Hz and whose level rises and falls four times a
// second, as syllables do (a steady tone is taken for a held note, not
// speech).
func mkwav(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: mkwav FILE [START-END...]")
	}
	type burst struct{ a, b float64 }
	var bs []burst
	end := 5.0
	for _, arg := range args[1:] {
		a, b, ok := strings.Cut(arg, "-")
		x, err1 := strconv.ParseFloat(a, 64)
		y, err2 := strconv.ParseFloat(b, 64)
		if !ok || err1 != nil || err2 != nil || y <= x {
			ts.Fatalf("mkwav: bad burst %q", arg)
		}
		bs = append(bs, burst{x, y})
		end = y + 1
	}
	const rate = 16000
	n := int(end * rate)
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 2*n)
	phase := 0.0
	for i := 0; i < n; i++ {
		t := float64(i) / rate
		v := 0.003 * rng.NormFloat64()
		phase += 2 * math.Pi * 140 * (1 + 0.1*math.Sin(2*math.Pi*3*t)) / rate
		for _, b := range bs {
			if t >= b.a && t < b.b {
				env := 0.8 + 0.2*math.Cos(2*math.Pi*4*(t-b.a))
				for h := 1; h <= 20; h++ {
					v += 0.08 * env * math.Sin(float64(h)*phase) / float64(h)
				}
			}
		}
		binary.LittleEndian.PutUint16(data[2*i:], uint16(int16(math.Max(-1, math.Min(1, v))*32767)))
	}
	var h []byte
	h = append(h, "RIFF"...)
	h = binary.LittleEndian.AppendUint32(h, uint32(36+len(data)))
	h = append(h, "WAVEfmt "...)
	h = binary.LittleEndian.AppendUint32(h, 16)
	h = binary.LittleEndian.AppendUint16(h, 1)
	h = binary.LittleEndian.AppendUint16(h, 1)
	h = binary.LittleEndian.AppendUint32(h, rate)
	h = binary.LittleEndian.AppendUint32(h, 2*rate)
	h = binary.LittleEndian.AppendUint16(h, 2)
	h = binary.LittleEndian.AppendUint16(h, 16)
	h = append(h, "data"...)
	h = binary.LittleEndian.AppendUint32(h, uint32(len(data)))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), append(h, data...), 0o644))
}
