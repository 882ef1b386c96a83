package main

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// renameFresh renames from to to, unless to has come to exist: another
// run wrote it since this one found it missing. rename(2) with
// RENAME_NOREPLACE does it in one call; file systems without it get
// linkFresh.
func renameFresh(from, to string) error {
	err := unix.Renameat2(unix.AT_FDCWD, from, unix.AT_FDCWD, to, unix.RENAME_NOREPLACE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EEXIST):
		return errAppeared
	case errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS):
		return linkFresh(from, to)
	}
	return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
}
