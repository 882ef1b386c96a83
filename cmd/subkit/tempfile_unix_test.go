//go:build unix

package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// linkFresh, the way a fresh output is put in place where rename cannot
// refuse to replace, moves the file to a free name and refuses a taken one.
func TestLinkFresh(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, ".new.tmp"), filepath.Join(dir, "out.srt")
	os.WriteFile(from, []byte("ours\n"), 0o644)
	os.WriteFile(to, []byte("theirs\n"), 0o644)
	if err := linkFresh(from, to); !errors.Is(err, errAppeared) {
		t.Fatalf("onto an existing file: %v, want errAppeared", err)
	}
	if b, _ := os.ReadFile(to); string(b) != "theirs\n" {
		t.Errorf("the existing file became %q", b)
	}
	os.Remove(to)
	if err := linkFresh(from, to); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(to); string(b) != "ours\n" {
		t.Errorf("the output is %q", b)
	}
	if _, err := os.Lstat(from); !os.IsNotExist(err) {
		t.Errorf("the temporary file is still there: %v", err)
	}
}
