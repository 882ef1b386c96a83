package main

import (
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestFlagsDoc checks docs/flags.md against the commands: every long flag
// a row names is a visible flag of each command the row lists, and of no
// other command that writes or reads captions; every visible flag of a
// command is in the table.
func TestFlagsDoc(t *testing.T) {
	b, err := os.ReadFile("../../docs/flags.md")
	if err != nil {
		t.Fatal(err)
	}
	abbrev := map[string][]string{"gen": {"generate", "align"}, "conv": {"convert"}, "ret": {"retime"},
		"sync": {"sync"}, "fix": {"fix"}, "mrg": {"merge"}, "chk": {"check"}, "st": {"stats"}}
	app := newApp(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	visible := map[string]map[string]bool{}
	for _, c := range app.Commands {
		visible[c.Name] = map[string]bool{}
		for _, f := range c.VisibleFlags() {
			for _, n := range f.Names() {
				if len(n) > 1 {
					visible[c.Name][n] = true
				}
			}
		}
	}
	documented := map[string]map[string]bool{}
	flagName := regexp.MustCompile("--([a-z][a-z0-9-]*)")
	inTable := false
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "## Old spellings") {
			break
		}
		cells := strings.Split(strings.ReplaceAll(line, `\|`, "/"), "|")
		if len(cells) < 5 || strings.HasPrefix(line, "|---") || strings.HasPrefix(line, "| Flag") {
			inTable = inTable && len(cells) >= 5
			continue
		}
		names := flagName.FindAllStringSubmatch(cells[1], -1)
		for _, a := range strings.Fields(cells[3]) {
			cmds, ok := abbrev[a]
			if !ok {
				t.Errorf("flags.md: unknown command %q in %q", a, line)
				continue
			}
			for _, cmd := range cmds {
				for _, n := range names {
					if documented[cmd] == nil {
						documented[cmd] = map[string]bool{}
					}
					documented[cmd][n[1]] = true
					if cmd == "align" && (n[1] == "duration" || n[1] == "video" || n[1] == "start" || n[1] == "cps") {
						continue // align times to the audio: not its flags
					}
					if !visible[cmd][n[1]] {
						t.Errorf("flags.md gives --%s to %s, whose --help does not list it", n[1], cmd)
					}
				}
			}
		}
	}
	for cmd, flags := range visible {
		if documented[cmd] == nil {
			continue // a command the table does not cover (help)
		}
		for n := range flags {
			if n == "help" || n == "version" {
				continue
			}
			if !documented[cmd][n] {
				t.Errorf("%s --help lists --%s, which flags.md does not give to %s", cmd, n, cmd)
			}
		}
	}
}
