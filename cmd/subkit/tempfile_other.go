//go:build !unix

package main

import (
	"os"
	"path/filepath"
)

// createTemp creates a new file beside path to write it under another
// name first.
func createTemp(path string) (*os.File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err == nil {
		err = f.Chmod(0o644)
	}
	return f, err
}

func rename(from, to string) error { return os.Rename(from, to) }

func openRead(name string) (*os.File, error) { return os.Open(name) }
