package extcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"
)

// ParseError is an error a client reported, at a line and column of the
// file when it says where (0 when it does not).
type ParseError struct {
	Message string `json:"message"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
}

func (e ParseError) String() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Message) }

// WebVTTResult is what the W3C WebVTT parser read from one file.
type WebVTTResult struct {
	File   string       `json:"file"`
	Cues   []Cue        `json:"cues"`
	Errors []ParseError `json:"errors"`
}

// WebVTT parses the files with the W3C webvtt-parser (npm), through
// tools/validate/vtt.js, in one node run. The parser is strict: it reports
// every syntax error the WebVTT spec defines, cue text errors such as a bad
// escape included. A file the parser rejects is not a test failure here: its
// errors are in the result for the test to check.
func WebVTT(t testing.TB, files ...string) []WebVTTResult {
	t.Helper()
	node := RequireTool(t, "node/webvtt-parser")
	root := Root(t)
	abs := absAll(t, files)
	args := append([]string{filepath.Join(root, "tools", "validate", "vtt.js")}, abs...)
	stdout, stderr, status := run(t, 2*time.Minute, root, node, args...)
	if status > 1 {
		t.Fatalf("vtt.js exited with status %d; stderr:\n%s", status, tail(stderr))
	}
	var out []WebVTTResult
	decodeLines(t, "vtt.js", stdout, func(dec *json.Decoder) error {
		var r WebVTTResult
		if err := dec.Decode(&r); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	checkFiles(t, "vtt.js", abs, len(out), func(i int) string { return out[i].File })
	for i := range out {
		out[i].File = files[i]
	}
	return out
}

// decodeLines decodes a client's JSON lines with next until the input ends.
func decodeLines(t testing.TB, client string, stdout []byte, next func(*json.Decoder) error) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(stdout))
	for {
		err := next(dec)
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s printed what is not its JSON: %v\n%s", client, err, tail(stdout))
		}
	}
}

// checkFiles makes sure a client answered for each file, in order.
func checkFiles(t testing.TB, client string, files []string, n int, file func(int) string) {
	t.Helper()
	if n != len(files) {
		t.Fatalf("%s answered for %d files, asked about %d", client, n, len(files))
	}
	for i, f := range files {
		if file(i) != f {
			t.Fatalf("%s answered for %s in the place of %s", client, file(i), f)
		}
	}
}
