package main

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

// input is one file a batch command reads. rel is its path relative to
// the directory argument it was found under (or its base name), which
// decides where its output goes under -o DIR.
type input struct {
	path string // "-" for standard input
	rel  string
}

// collectInputs expands the command's arguments and --files-from into the
// files to read, in order. Directories are walked with -r and are a usage
// error without; in a directory only files with a caption extension are
// taken.
func (e *env) collectInputs(args []string, filesFrom string, recursive bool) ([]input, error) {
	var out []input
	add := func(arg string) error {
		if arg == "-" {
			out = append(out, input{path: "-", rel: "stdin"})
			return nil
		}
		fi, err := os.Stat(arg)
		if err != nil || !fi.IsDir() {
			// A missing file is reported when it is read, with the others done.
			out = append(out, input{path: arg, rel: filepath.Base(arg)})
			return nil
		}
		if !recursive {
			return usagef("%s is a directory (use -r to convert the files in it)", arg)
		}
		var found []input
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !isCaptionFile(p) {
				return nil
			}
			rel, err := filepath.Rel(arg, p)
			if err != nil {
				return err
			}
			found = append(found, input{path: p, rel: rel})
			return nil
		})
		if err != nil {
			return err
		}
		sort.Slice(found, func(i, j int) bool { return found[i].rel < found[j].rel })
		out = append(out, found...)
		return nil
	}
	for _, a := range args {
		if err := add(a); err != nil {
			return nil, err
		}
	}
	if filesFrom != "" {
		var r io.Reader
		if filesFrom == "-" {
			r = e.stdin
		} else {
			f, err := os.Open(filesFrom)
			if err != nil {
				return nil, usagef("--files-from: %v", err)
			}
			defer f.Close()
			r = f
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			p := strings.TrimRight(sc.Text(), "\r")
			if p == "" {
				continue
			}
			if p == "-" {
				return nil, usagef("--files-from: %q cannot name standard input", p)
			}
			if err := add(p); err != nil {
				return nil, err
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("--files-from: %w", err)
		}
	}
	stdin := 0
	for _, in := range out {
		if in.path == "-" {
			stdin++
		}
	}
	if stdin > 1 || stdin == 1 && filesFrom == "-" {
		return nil, usagef("standard input (-) can be read only once")
	}
	return out, nil
}

// isCaptionFile reports whether a file found in a tree is a caption file:
// its extension names a caption format, and for an extension other files
// use too (.xml, .stl, .sub), its content is in a format that uses it.
func isCaptionFile(path string) bool {
	if subtitle.FormatFromPath(path) == subtitle.Unknown {
		return false
	}
	if !subtitle.WeakExt(path) {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return true // reported when it is read
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return subtitle.ClaimsExt(subtitle.Detect(head[:n]), path)
}
