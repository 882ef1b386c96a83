//go:build unix

package main

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// createTemp creates a new file beside path to write it under another
// name first. It is os.CreateTemp with fewer system calls: the file is
// opened blocking (not handed to the runtime's poller, which refuses
// regular files after three calls) and with mode 0666 less the umask, so
// no chmod is needed. Conversions of many small files spend much of their
// time here.
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	for try := 0; ; try++ {
		name := filepath.Join(dir, "."+base+tempMarker+pid+"-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		fd, err := syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o666)
		if err == nil {
			return os.NewFile(uintptr(fd), name), nil
		}
		if !errors.Is(err, syscall.EEXIST) || try == 100 {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
	}
}

// rename is os.Rename without its Lstat of the target: rename(2) itself
// refuses to put a file over a directory.
func rename(from, to string) error {
	if err := syscall.Rename(from, to); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}

// openRead is os.Open for a file read once, whole: opened blocking, like
// createTemp's files, for three system calls less.
func openRead(name string) (*os.File, error) {
	fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), name), nil
}

// processAlive reports whether a process of that id exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// linkFresh renames from to to, unless to has come to exist: another
// run wrote it since this one found it missing. link(2) refuses an
// existing name, so nothing is replaced; where the file system has no
// hard links, a check just before the rename does.
func linkFresh(from, to string) error {
	err := syscall.Link(from, to)
	if err == nil {
		syscall.Unlink(from)
		return nil
	}
	if errors.Is(err, syscall.EEXIST) {
		return errAppeared
	}
	if _, err := os.Lstat(to); err == nil {
		return errAppeared
	}
	return rename(from, to)
}
