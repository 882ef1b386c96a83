//go:build !unix

package main

import (
	"os"
	"path/filepath"
)

// createTemp creates a new file beside path to write it under another
// name first.
func createTemp(path string) (*os.File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+tempMarker+pid+"-*")
	if err == nil {
		err = f.Chmod(0o644)
	}
	return f, err
}

func rename(from, to string) error { return os.Rename(from, to) }

func openRead(name string) (*os.File, error) { return os.Open(name) }

// processAlive cannot tell here: temporary files of other runs are kept.
func processAlive(pid int) bool { return true }

// renameFresh renames from to to, unless to has come to exist.
func renameFresh(from, to string) error {
	if _, err := os.Lstat(to); err == nil {
		return errAppeared
	}
	return os.Rename(from, to)
}
