package extcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// go test caches a passing run, a skipped test included, and runs it again
// only when the test binary, an environment variable the test read, or a
// file it opened or stat'ed has changed. It looks only at files under the
// module's root, so by itself a test that skipped because ffmpeg or
// ../shared was missing stays "(cached)" after they are installed.
//
// KeyOn closes that gap: it stats the file through a name that starts with
// the module's root (ROOT/../../usr/bin/ffmpeg). go test checks that a
// name lies under the root by its letters alone, so it records the stat,
// and os.Stat resolves the name to the file itself: the next go test sees
// the file appear, change or go, and runs the test again. (Were go test
// to clean the names it checks, the key would only lose these files and
// the cache would behave as it did before.)

// KeyOn makes the cached result of t depend on path, a file or directory
// outside the module that t found or did not find.
func KeyOn(t testing.TB, path string) {
	t.Helper()
	if name, ok := keyName(moduleRoot(), path); ok {
		os.Stat(name)
	}
}

// keyName is path written from root: root, then the relative path, not
// cleaned. ok is false when path is under root already (go test sees it as
// it is) or cannot be written from root.
func keyName(root, path string) (string, bool) {
	if root == "" {
		return "", false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || !strings.HasPrefix(rel, "..") {
		return "", false
	}
	return root + string(filepath.Separator) + rel, true
}

// moduleRoot is the nearest directory at or above the working directory
// that holds go.mod, or "".
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// lookPath is exec.LookPath, with the cached result keyed on what it
// found, or on every place on PATH where the program could appear.
func lookPath(t testing.TB, name string) (string, error) {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		KeyOn(t, path)
		return path, nil
	}
	if strings.ContainsRune(name, filepath.Separator) {
		KeyOn(t, name)
		return "", err
	}
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir != "" && filepath.IsAbs(dir) {
			KeyOn(t, filepath.Join(dir, name))
		}
	}
	return "", err
}
