package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY returns the two ends of a new pseudo-terminal.
func openPTY(t *testing.T) (control, term *os.File) {
	t.Helper()
	control, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	fd := int(control.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	term, err = os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	return control, term
}

// TestUseColorOnTerminal: on a terminal, --color auto colours unless
// NO_COLOR is set. A pseudo-terminal stands in for one, so that this runs
// where the tests have no terminal (CI).
func TestUseColorOnTerminal(t *testing.T) {
	control, tty := openPTY(t)
	defer control.Close()
	defer tty.Close()
	env := func(v string) func(string) string { return func(string) string { return v } }
	if got, _ := useColor("auto", tty, env("")); !got {
		t.Error("auto on a terminal is plain")
	}
	if got, _ := useColor("auto", &checkedWriter{w: tty}, env("")); !got {
		t.Error("auto on a terminal behind the checked standard output is plain")
	}
	if got, _ := useColor("auto", tty, env("1")); got {
		t.Error("auto on a terminal with NO_COLOR is coloured")
	}
}

// TestConvertProgressBar: a batch shows a progress bar on standard error
// when it is a terminal, and none when it is not (or with --json).
func TestConvertProgressBar(t *testing.T) {
	dir := t.TempDir()
	var args []string
	for i := 0; i < 3; i++ {
		p := filepath.Join(dir, "f"+strconv.Itoa(i)+".srt")
		if err := os.WriteFile(p, []byte("1\n00:00:01,000 --> 00:00:02,000\nhello\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	control, term := openPTY(t)
	defer control.Close()
	var shown bytes.Buffer
	read := make(chan struct{})
	go func() { io.Copy(&shown, control); close(read) }()

	var stdout bytes.Buffer
	code := run(append([]string{"subkit", "convert", "-t", "vtt", "-o", filepath.Join(dir, "tty")}, args...), nil, &stdout, term)
	term.Close()
	<-read // the copy ends when the terminal side is closed
	if code != 0 {
		t.Fatalf("exit %d: %s", code, shown.String())
	}
	// Throttled, the bar may show only its first count before it is
	// cleared at the end.
	if s := shown.String(); !strings.Contains(s, "converting") || !strings.Contains(s, "/3)") {
		t.Errorf("no progress bar on the terminal: %q", s)
	}

	var stderr bytes.Buffer
	code = run(append([]string{"subkit", "convert", "-t", "vtt", "-o", filepath.Join(dir, "pipe")}, args...), nil, &stdout, &stderr)
	if code != 0 || stderr.Len() != 0 {
		t.Errorf("not a terminal: exit %d, stderr %q", code, stderr.String())
	}

	control, term = openPTY(t)
	defer control.Close()
	shown.Reset()
	read = make(chan struct{})
	go func() { io.Copy(&shown, control); close(read) }()
	code = run(append([]string{"subkit", "convert", "--json", "-t", "vtt", "-o", filepath.Join(dir, "json")}, args...), nil, &stdout, term)
	term.Close()
	<-read
	if code != 0 || shown.Len() != 0 {
		t.Errorf("--json on a terminal: exit %d, stderr %q", code, shown.String())
	}
}
