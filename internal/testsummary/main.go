// Command testsummary reads `go test -json` on standard input, prints the
// output go test would have printed without -json, and ends with one line
// counting the tests that passed, failed and were skipped, followed by the
// names of the skipped ones, which plain `go test` does not show:
//
//	go test -race -json ./... | go run ./internal/testsummary
//
// It exits 1 if any test or package failed.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

func main() {
	os.Exit(run(os.Stdin, os.Stdout))
}

func run(in io.Reader, out io.Writer) int {
	var passed, failed int
	var skipped []string
	pkgFailed := false
	logs := map[string][]string{}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Fprintln(out, sc.Text()) // build errors come as plain text
			continue
		}
		// As go test prints without -v: package lines (ok, FAIL) as they
		// come, a test's lines only if it fails.
		key := e.Package + "." + e.Test
		if e.Action == "output" {
			if e.Test == "" {
				if e.Output != "PASS\n" { // -json runs as -v, which adds it
					io.WriteString(out, e.Output)
				}
			} else if !strings.HasPrefix(e.Output, "=== ") {
				logs[key] = append(logs[key], e.Output)
			}
		}
		if e.Test != "" && e.Action == "fail" {
			for _, l := range logs[key] {
				io.WriteString(out, l)
			}
		}
		if e.Test != "" && (e.Action == "pass" || e.Action == "fail" || e.Action == "skip") {
			delete(logs, key)
		}
		switch {
		case e.Test == "" && e.Action == "fail":
			pkgFailed = true
		case e.Test == "":
		case e.Action == "pass":
			passed++
		case e.Action == "fail":
			failed++
		case e.Action == "skip":
			skipped = append(skipped, e.Package+"."+e.Test)
		}
	}
	sort.Strings(skipped)
	fmt.Fprintf(out, "%d passed, %d failed, %d skipped\n", passed, failed, len(skipped))
	for _, s := range skipped {
		fmt.Fprintf(out, "  skipped: %s\n", s)
	}
	if err := sc.Err(); err != nil {
		// A line too long to read: what came after it was not counted.
		fmt.Fprintf(out, "testsummary: reading go test's output: %v\n", err)
		return 1
	}
	if failed > 0 || pkgFailed {
		return 1
	}
	return 0
}
