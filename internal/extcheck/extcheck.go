// Package extcheck runs subkit's output through real, independent clients
// in tests: the W3C WebVTT parser (webvtt-parser on npm), headless Chromium's
// <track> loader, xmllint against the TTML1 XML schemas, and the imscJS TTML
// renderer (imsc on npm).
//
// Each check takes any number of files and runs its client once for all of
// them, so a test pays one process start (one browser launch) whatever the
// number of files. Each returns what the client read, for the test to compare
// with what it wrote; ExpectedCues and the Diff functions do the usual
// comparisons.
//
// The clients are installed by .ci/run: Debian's chromium and libxml2-utils,
// and `npm ci --prefix tools/validate` for the two npm packages. When one is
// missing the test is skipped with a message saying how to install it, unless
// the environment variable CI is set: there a missing client fails the test,
// so CI never passes by skipping.
package extcheck

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

// InCI reports whether the tests run in CI: the environment variable CI is
// set to anything but "", "0" or "false".
func InCI() bool {
	switch strings.ToLower(os.Getenv("CI")) {
	case "", "0", "false":
		return false
	}
	return true
}

// Missing skips the test, or fails it in CI, because something it needs is
// not installed. how says how to install it.
func Missing(t testing.TB, what, how string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s is missing and CI is set, so this is a failure, not a skip: %s", what, how)
		return
	}
	t.Skipf("skipping: %s is missing (%s); with CI set this fails instead", what, how)
}

// Root returns the repository root: the nearest directory at or above the
// working directory that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("extcheck: no go.mod at or above the working directory")
		}
		dir = parent
	}
}

// SchemaPath is the TTML1 schema, relative to the repository root: the
// shared folder sits beside the repository.
const SchemaPath = "../shared/conformance/ttml1-xsd/ttml1.xsd"

var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// RequireTool makes sure a client is installed and returns its path; when it
// is not, the test is skipped, or fails in CI (see Missing). Names:
//
//   - "node": node, and the npm packages installed in tools/validate
//   - "node/PKG": node, and only that npm package (imsc, webvtt-parser), so
//     a skip names the package the test needs
//   - "chromium": Debian's chromium (or chromium-browser, google-chrome)
//   - "xmllint": xmllint, and the TTML1 schema in ../shared
//   - any other name: that program on PATH (ffmpeg, ffprobe, espeak-ng, sox, ...)
func RequireTool(t testing.TB, name string) string {
	t.Helper()
	if pkgs := nodePackages(name); pkgs != nil {
		path, err := lookPath(t, "node")
		if err != nil {
			Missing(t, "node", "install Node.js 20 or later")
			return ""
		}
		mods := filepath.Join(Root(t), "tools", "validate", "node_modules")
		for _, pkg := range pkgs {
			if _, err := os.Stat(filepath.Join(mods, pkg, "package.json")); err != nil {
				Missing(t, "npm package "+pkg, "run `npm ci --prefix tools/validate` in the repository root")
				return ""
			}
		}
		return path
	}
	switch name {
	case "chromium":
		for _, n := range chromiumNames {
			if path, err := lookPath(t, n); err == nil {
				return path
			}
		}
		Missing(t, "chromium", "Debian: apt-get install chromium")
		return ""
	case "xmllint":
		path, err := lookPath(t, "xmllint")
		if err != nil {
			Missing(t, "xmllint", "Debian: apt-get install libxml2-utils")
			return ""
		}
		schema := filepath.Join(Root(t), filepath.FromSlash(SchemaPath))
		KeyOn(t, schema)
		if _, err := os.Stat(schema); err != nil {
			Missing(t, "the TTML1 schema", "it comes with the shared folder beside the repository: "+SchemaPath)
			return ""
		}
		return path
	}
	path, err := lookPath(t, name)
	if err != nil {
		Missing(t, name, "install it; bash .ci/run lists what CI installs")
		return ""
	}
	return path
}

// Cue is a cue as a client read it, or as a test expects it.
type Cue struct {
	ID      string `json:"id"`
	StartMs int64  `json:"startMs"`
	EndMs   int64  `json:"endMs"`
	// Text is the cue's text as a viewer gets it: escapes decoded, markup
	// dropped, lines joined with "\n".
	Text string `json:"text"`
	// Raw is the cue text as the file holds it (WebVTT clients), or as
	// the SRT an SRT-writing client wrote it, tags kept (ffmpeg, ttconv).
	Raw string `json:"raw,omitempty"`
}

// ExpectedCues returns what a client should read back from d written in any
// format: times in milliseconds and each cue's lines joined with "\n", with
// line breaks inside a line split out and blank lines dropped (a blank line
// would end a cue in SRT and WebVTT). ID is the cue's ID, or "" when the cue
// has none a WebVTT cue identifier can hold (one with "-->" or a line break).
func ExpectedCues(d *subtitle.Document) []Cue {
	out := make([]Cue, 0, len(d.Cues))
	for _, c := range d.Cues {
		var lines []string
		for _, l := range c.Lines {
			for _, part := range strings.Split(strings.ReplaceAll(l.String(), "\r\n", "\n"), "\n") {
				if strings.TrimSpace(part) != "" {
					lines = append(lines, strings.TrimRight(part, "\r"))
				}
			}
		}
		id := c.ID
		if strings.Contains(id, "-->") || strings.ContainsAny(id, "\r\n") {
			id = ""
		}
		out = append(out, Cue{
			ID:      id,
			StartMs: c.Start.Milliseconds(),
			EndMs:   c.End.Milliseconds(),
			Text:    strings.Join(lines, "\n"),
		})
	}
	return out
}

// maxDiffs caps the differences a Diff function lists.
const maxDiffs = 10

// DiffCues compares the cues a client read with the expected ones: count,
// times, text, and the ID where the expected cue has one. It returns the
// differences, at most ten and a count of the rest, or nil.
func DiffCues(got, want []Cue) []string {
	var d []string
	if len(got) != len(want) {
		d = append(d, fmt.Sprintf("read %d cues, wrote %d", len(got), len(want)))
	}
	n := 0
	for i := 0; i < len(got) && i < len(want); i++ {
		g, w := got[i], want[i]
		var what []string
		if g.StartMs != w.StartMs || g.EndMs != w.EndMs {
			what = append(what, fmt.Sprintf("times %s --> %s, want %s --> %s", ms(g.StartMs), ms(g.EndMs), ms(w.StartMs), ms(w.EndMs)))
		}
		if g.Text != w.Text {
			what = append(what, fmt.Sprintf("text %q, want %q", g.Text, w.Text))
		}
		if w.ID != "" && g.ID != w.ID {
			what = append(what, fmt.Sprintf("id %q, want %q", g.ID, w.ID))
		}
		if len(what) == 0 {
			continue
		}
		if n++; n > maxDiffs {
			continue
		}
		d = append(d, fmt.Sprintf("cue %d: %s", i+1, strings.Join(what, "; ")))
	}
	if n > maxDiffs {
		d = append(d, fmt.Sprintf("... and %d more cues differ", n-maxDiffs))
	}
	return d
}

func ms(n int64) string { return (time.Duration(n) * time.Millisecond).String() }

// absAll returns the files as absolute paths, since the clients run in the
// repository root, not in the test's directory.
func absAll(t testing.TB, files []string) []string {
	t.Helper()
	if len(files) == 0 {
		t.Fatal("extcheck: no files to check")
	}
	out := make([]string, len(files))
	for i, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(a); err != nil {
			t.Fatalf("extcheck: %v", err)
		}
		out[i] = a
	}
	return out
}

// run runs a client in dir and returns its output and exit status. It fails
// the test when the client cannot be started, is killed, or runs past timeout.
func run(t testing.TB, timeout time.Duration, dir, name string, args ...string) (stdout, stderr []byte, status int) {
	t.Helper()
	return runEnv(t, timeout, dir, nil, name, args...)
}

// runEnv is run with env added to the environment.
func runEnv(t testing.TB, timeout time.Duration, dir string, env []string, name string, args ...string) (stdout, stderr []byte, status int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	cmd.Stdin = nil
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	ownProcessGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start).Round(time.Millisecond)
	if ctx.Err() != nil {
		t.Fatalf("%s ran past %v and was killed; stderr:\n%s", filepath.Base(name), timeout, tail(errb.Bytes()))
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		status = exit.ExitCode()
	default:
		t.Fatalf("%s: %v; stderr:\n%s", filepath.Base(name), err, tail(errb.Bytes()))
	}
	t.Logf("%s %s: exit %d in %v", filepath.Base(name), firstArg(args), status, took)
	return out.Bytes(), errb.Bytes(), status
}

func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return filepath.Base(args[0])
}

// tail returns the last lines of a client's output, for a failure message.
func tail(b []byte) string {
	const max = 4000
	if len(b) > max {
		b = b[len(b)-max:]
	}
	return string(b)
}

// nodePackages returns the npm packages a RequireTool name needs, or nil
// for a name that is not node's.
func nodePackages(name string) []string {
	if name == "node" {
		return []string{"webvtt-parser", "imsc", "opencc-js"}
	}
	if pkg, ok := strings.CutPrefix(name, "node/"); ok && pkg != "" {
		return []string{pkg}
	}
	return nil
}
