package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"subkit": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end tests in testdata/script: each .txtar
// file is a shell-like script of subkit commands and the files they use.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			e.Setenv("SAMPLE", sampleTranscript(t))
			return nil
		},
	})
}

func sampleTranscript(t *testing.T) string {
	p, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return p + "/../../testdata/interview-zh.txt"
}
