package main

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestSummary(t *testing.T) {
	in := `{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"pass","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestB","Output":"--- SKIP: TestB\n"}
{"Action":"skip","Package":"p","Test":"TestB"}
{"Action":"output","Package":"p","Output":"ok  \tp\t0.1s\n"}
{"Action":"pass","Package":"p"}
`
	var out bytes.Buffer
	if code := run(strings.NewReader(in), &out); code != 0 {
		t.Errorf("exit %d", code)
	}
	want := "ok  \tp\t0.1s\n1 passed, 0 failed, 1 skipped\n  skipped: p.TestB\n"
	if out.String() != want {
		t.Errorf("got %q\nwant %q", out.String(), want)
	}
	fail := `{"Action":"output","Package":"q","Test":"TestC","Output":"--- FAIL: TestC (0.00s)\n"}
{"Action":"fail","Package":"q","Test":"TestC"}
{"Action":"output","Package":"q","Output":"FAIL\tq\t0.1s\n"}
{"Action":"fail","Package":"q"}
`
	out.Reset()
	if code := run(strings.NewReader(fail), &out); code != 1 || !strings.Contains(out.String(), "--- FAIL: TestC") || !strings.Contains(out.String(), "0 passed, 1 failed, 0 skipped") {
		t.Errorf("exit %d, output %q", code, out.String())
	}
}

// A stream that breaks off (or a line too long to read) is a failure, not
// a summary of what was read before it.
func TestSummaryReadError(t *testing.T) {
	in := io.MultiReader(strings.NewReader(`{"Action":"pass","Package":"p","Test":"TestA"}`+"\n"), iotest.ErrReader(errors.New("broken pipe")))
	var out bytes.Buffer
	if code := run(in, &out); code != 1 {
		t.Errorf("exit %d, want 1; printed %q", code, out.String())
	}
	if !strings.Contains(out.String(), "broken pipe") {
		t.Errorf("the error is not named: %q", out.String())
	}
}
