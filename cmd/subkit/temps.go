package main

// Temporary files: every output is written to a temporary file beside it
// and renamed into place. Those files are tracked, so that an interrupt
// removes them, and each run removes the ones an earlier run left when it
// was killed outright (kill -9, a power cut).

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// tempMarker is in the name of every temporary file: .NAME.subkit-tmp-PID-N.
const tempMarker = ".subkit-tmp-"

// pid is this process's id, asked once: os.Getpid is a system call.
var pid = strconv.Itoa(os.Getpid())

var temps struct {
	sync.Mutex
	files map[string]bool
	swept map[string]bool // directories cleaned of stale temporary files
}

// newTemp creates a temporary file beside path and tracks it. The first
// time a run writes into a directory, stale temporary files of earlier
// runs there are removed.
func newTemp(path string) (*os.File, error) {
	temps.Lock()
	defer temps.Unlock()
	dir := filepath.Dir(path)
	if temps.swept == nil {
		temps.files, temps.swept = map[string]bool{}, map[string]bool{}
	}
	if !temps.swept[dir] {
		temps.swept[dir] = true
		sweepStaleTemps(dir, time.Now())
	}
	f, err := createTemp(path)
	if err == nil {
		temps.files[f.Name()] = true
	}
	return f, err
}

// doneTemp forgets a temporary file that was renamed into place, or
// removes it.
func doneTemp(name string, remove bool) {
	temps.Lock()
	defer temps.Unlock()
	if remove {
		os.Remove(name)
	}
	delete(temps.files, name)
}

// removeTemps removes every temporary file in flight and keeps new ones
// from being made: the process is about to exit.
func removeTemps() {
	temps.Lock() // never unlocked
	for name := range temps.files {
		os.Remove(name)
	}
}

// catchSignals makes SIGINT and SIGTERM remove the temporary files before
// subkit exits, with the shell's code for the signal (130, 143).
func catchSignals(stderr *os.File) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		s := <-ch
		removeTemps()
		fmt.Fprintf(stderr, "subkit: %v\n", s)
		n := 2
		if s == syscall.SIGTERM {
			n = 15
		}
		os.Exit(128 + n)
	}()
}

var (
	// staleTemp is a temporary file of ours: .NAME.subkit-tmp-PID-N.
	staleTemp = regexp.MustCompile(`^\..+\.subkit-tmp-(\d+)-\d+$`)
	// oldTemp is the name temporary files had before they carried the
	// process id: .NAME.tmpN.
	oldTemp = regexp.MustCompile(`^\..+\.tmp\d{1,10}$`)
)

// sweepStaleTemps removes temporary files of ours in dir whose process is
// gone, and those named the old way, without a process id, that are over
// an hour old.
func sweepStaleTemps(dir string, now time.Time) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		name := e.Name()
		if len(name) < 6 || name[0] != '.' || !e.Type().IsRegular() {
			continue
		}
		stale := false
		if m := staleTemp.FindStringSubmatch(name); m != nil {
			pid, err := strconv.Atoi(m[1])
			stale = err == nil && pid != os.Getpid() && !processAlive(pid)
		} else if oldTemp.MatchString(name) {
			if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > time.Hour {
				stale = true
			}
		}
		if stale {
			os.Remove(filepath.Join(dir, name))
		}
	}
}
