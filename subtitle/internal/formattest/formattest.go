// Package formattest holds what the tests of the format packages
// (subtitle/sbv, subtitle/lrc, ...) share: reading a test file as its
// format, the checks every reader's fuzz target makes, and comparing the
// cues an independent client (ffmpeg, aeidon, ttconv) reads with those
// subkit reads. Only tests import it.
package formattest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

// Decode reads file with subtitle.Decode and fails the test unless it
// reads, and reads as format f.
func Decode(t testing.TB, file string, f subtitle.Format, o subtitle.ReadOptions) (*subtitle.Document, *subtitle.ReadInfo) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	d, info, err := subtitle.Decode(file, b, o)
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != f {
		t.Fatalf("%s: format %v, want %v", file, info.Format, f)
	}
	return d, info
}

// AddFiles adds the files' text to a fuzz target's seed corpus.
func AddFiles(f *testing.F, files ...string) {
	f.Helper()
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
}

// Read reads text as format f, as a fuzz target does, and checks what
// the reader returns: an error must be a *ParseError naming file, with a
// line, wrapping subtitle.ErrSyntax; each warning must have a line. ok is
// false when the text did not read (and the error was as it should be).
func Read(t *testing.T, f subtitle.Format, file, text string) (d *subtitle.Document, ok bool) {
	t.Helper()
	d, ws, err := subtitle.ReadText(file, text, f)
	if err != nil {
		var pe *subtitle.ParseError
		if !errors.As(err, &pe) || pe.File != file || pe.Line < 1 || !errors.Is(err, subtitle.ErrSyntax) {
			t.Fatalf("error %v", err)
		}
		return nil, false
	}
	for _, w := range ws {
		if w.Line < 1 {
			t.Fatalf("warning without a line: %v", w)
		}
	}
	return d, true
}

// ReadWriteRead is the body of the fuzz target of a format that keeps all
// it reads: text read as f (see Read) writes, and what is written reads
// back without an error or a warning, with the same cues.
func ReadWriteRead(t *testing.T, f subtitle.Format, file, text string) {
	t.Helper()
	d, ok := Read(t, f, file, text)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, f, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	back, ws, err := subtitle.ReadText(file, buf.String(), f)
	if err != nil || len(ws) > 0 || !reflect.DeepEqual(back.Cues, d.Cues) && len(d.Cues) > 0 {
		t.Fatalf("read %+v\nwrote %q\nread back %+v %v %v", d.Cues, buf.String(), back, ws, err)
	}
}

// WriteTemp writes d as format f to a file called name in a new
// temporary directory and returns its path.
func WriteTemp(t testing.TB, name string, d *subtitle.Document, f subtitle.Format, o subtitle.EncodeOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, f, o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Expected reads file as format f with subkit's reader and returns the
// cues a client should read from it (extcheck.ExpectedCues).
func Expected(t testing.TB, file string, f subtitle.Format) []extcheck.Cue {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := subtitle.ReadText(file, string(b), f)
	if err != nil {
		t.Fatal(err)
	}
	return extcheck.ExpectedCues(d)
}

// Agree fails the test, naming the client and the file, where the cues
// the client read from file differ from want, times by more than tol
// milliseconds.
func Agree(t testing.TB, client, file string, got, want []extcheck.Cue, tol int64) {
	t.Helper()
	if diff := extcheck.DiffCuesWithin(got, want, tol); diff != nil {
		t.Errorf("%s: %s read otherwise:\n%s", filepath.Base(file), client, strings.Join(diff, "\n"))
	}
}

// Detects fails the test unless subtitle.Detect takes file's bytes for
// format f, whatever the file's name.
func Detects(t testing.TB, file string, f subtitle.Format) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := subtitle.Detect(b); got != f {
		t.Errorf("Detect(%s) = %v, want %v", file, got, f)
	}
}

// RoundTrip writes d as format f with o and reads it back: the test fails
// unless it reads without an error or a warning, with d's cues.
func RoundTrip(t testing.TB, d *subtitle.Document, f subtitle.Format, o subtitle.EncodeOptions) {
	t.Helper()
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, f, o); err != nil {
		t.Fatal(err)
	}
	back, ws, err := subtitle.ReadText("round-trip"+f.Ext(), buf.String(), f)
	if err != nil || len(ws) > 0 || !reflect.DeepEqual(back.Cues, d.Cues) {
		var got []subtitle.Cue
		if back != nil {
			got = back.Cues
		}
		t.Fatalf("%v %v\n got %+v\nwant %+v\n%s", err, ws, got, d.Cues, buf.String())
	}
}

// SyntaxError fails the test unless err is a *subtitle.ParseError at
// line that wraps subtitle.ErrSyntax, and returns it.
func SyntaxError(t testing.TB, err error, line int) *subtitle.ParseError {
	t.Helper()
	var pe *subtitle.ParseError
	if !errors.As(err, &pe) || pe.Line != line || !errors.Is(err, subtitle.ErrSyntax) {
		t.Fatalf("error %v, want a syntax error at line %d", err, line)
	}
	return pe
}
