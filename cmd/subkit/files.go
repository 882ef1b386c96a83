package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// maxInput is the largest input subkit reads: far over any real caption
// file or transcript, small enough that a wrong argument (a video) fails
// fast instead of filling memory.
const maxInput = 1 << 30

// readInput reads a named file, or standard input for "-".
func (e *env) readInput(name string) ([]byte, error) {
	var r io.Reader
	size := 0 // the file's size when known: read into one buffer of it
	if name == "-" {
		r = e.stdin
	} else {
		f, err := openRead(name)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s: %w", name, pe.Err)
			}
			return nil, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("%s: is a directory", name)
		} else if err == nil && fi.Mode().IsRegular() {
			// Refused from its size, before a byte is read.
			if fi.Size() > maxInput {
				return nil, fmt.Errorf("%s: larger than %d MiB", name, maxInput>>20)
			}
			size = int(fi.Size())
		}
		r = f
	}
	// io.ReadAll grows its buffer by doubling, which for a large file
	// holds about three times its size at the last copy.
	buf := bytes.NewBuffer(make([]byte, 0, size+512))
	_, err := buf.ReadFrom(io.LimitReader(r, maxInput+1))
	b := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(name), err)
	}
	if len(b) > maxInput {
		return nil, fmt.Errorf("%s: larger than %d MiB", displayName(name), maxInput>>20)
	}
	return b, nil
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// output is one file to write, or standard output when path is "-": data,
// or what write writes (streamed, so no copy of it is held in memory).
type output struct {
	path  string
	data  []byte
	write func(io.Writer) error
	fresh bool        // path did not exist when the run looked: it is not a device
	was   os.FileInfo // else, what it was then (os.Stat), when known
}

// errAppeared and errChanged refuse to replace an output another process
// wrote while this run worked: two runs writing one file would otherwise
// both succeed, the one silently replacing the other.
var (
	errAppeared = errors.New("appeared while subkit ran (another run writing it?); not replaced")
	errChanged  = errors.New("changed while subkit ran (another run writing it?); not replaced")
)

// testHookBeforeRename, when set, runs when the temporary files are
// written and not yet renamed: tests interrupt or race a run there.
var testHookBeforeRename func()

func (o output) to(w io.Writer) error {
	if o.write != nil {
		return o.write(w)
	}
	_, err := w.Write(o.data)
	return err
}

// writeOutputs writes every output or none: each goes to a temporary file
// beside its target first, and only when all are written are they renamed
// into place. An interrupted run leaves no half-written file under a
// target's name. An output that is a symbolic link is written through it,
// to the file it points to.
func (e *env) writeOutputs(outs []output) error {
	type pending struct {
		tmp, path string
		o         output
	}
	var done []pending
	cleanup := func() {
		for _, p := range done {
			doneTemp(p.tmp, true)
		}
	}
	special := make([]bool, len(outs))
	for i, o := range outs {
		special[i] = o.path != "-" && !o.fresh && isSpecial(o.path)
		if o.path == "-" || special[i] {
			continue
		}
		path := o.path
		if !o.fresh {
			if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
				if t, err := filepath.EvalSymlinks(path); err == nil {
					path = t
				}
			}
		}
		f, err := newTemp(path)
		if err != nil {
			cleanup()
			return err
		}
		done = append(done, pending{f.Name(), path, o})
		err = o.to(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			cleanup()
			return fmt.Errorf("%s: %w", o.path, err)
		}
	}
	if testHookBeforeRename != nil {
		testHookBeforeRename()
	}
	for i, p := range done {
		var err error
		switch {
		case p.o.fresh:
			err = renameFresh(p.tmp, p.path)
		case p.o.was != nil && changedSince(p.path, p.o.was):
			err = errChanged
		default:
			err = rename(p.tmp, p.path)
		}
		if err != nil {
			for _, q := range done[i:] {
				doneTemp(q.tmp, true)
			}
			if errors.Is(err, errAppeared) || errors.Is(err, errChanged) {
				err = fmt.Errorf("output %s %w", p.o.path, err)
			}
			return err
		}
		doneTemp(p.tmp, false)
	}
	for i, o := range outs {
		switch {
		case o.path == "-":
			if err := o.to(e.stdout); err != nil {
				return err
			}
		case special[i]:
			if err := writeSpecial(o.path, o); err != nil {
				return err
			}
		}
	}
	return nil
}

// lookOutput is an output as it is before the work: whether it exists,
// and what it is then (os.Stat, when it can say), so that one another run
// writes meanwhile is not replaced (output.fresh and output.was). Most
// outputs do not exist yet: one Lstat says so.
func lookOutput(path string) (exists bool, was os.FileInfo) {
	if path == "-" {
		return false, nil
	}
	if _, err := os.Lstat(path); err != nil {
		return false, nil
	}
	was, _ = os.Stat(path)
	return true, was
}

// checkOverwrite is the overwrite rule for an output out that exists,
// made from input in: it may not be the input, unless inPlace, and it is
// replaced only with force, unless it is a device (written to, never
// replaced). choose ends the message of the former.
func checkOverwrite(in, out string, force, inPlace bool, choose string) error {
	if in != "-" && sameFile(out, in) {
		if inPlace {
			return nil
		}
		return fmt.Errorf("%s: output %s would overwrite the input; %s", in, out, choose)
	}
	if !force && !isSpecial(out) {
		return fmt.Errorf("%s: output %s exists (use --force to replace it)", displayName(in), out)
	}
	return nil
}

// changedSince reports whether the file at path is no longer the one
// described by was: another file, or written since.
func changedSince(path string, was os.FileInfo) bool {
	now, err := os.Stat(path)
	if err != nil {
		return true
	}
	return !os.SameFile(now, was) || !now.ModTime().Equal(was.ModTime()) || now.Size() != was.Size()
}

// isSpecial reports whether path is an existing file that is not a regular
// file or directory: /dev/null, a named pipe, a terminal. Those are written
// to directly; a rename would replace them.
func isSpecial(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.Mode().IsRegular() && !fi.IsDir()
}

func writeSpecial(path string, o output) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	err = o.to(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// sameFile reports whether two paths name one existing file.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(fa, fb)
}
