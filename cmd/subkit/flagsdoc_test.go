package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// TestFlagsDoc: docs/flags.md's tables and the commands' --help agree:
// every flag a row names exists, visible, in every command the row
// lists, and every visible flag of a command is in a row that lists it.
func TestFlagsDoc(t *testing.T) {
	b, err := os.ReadFile("../../docs/flags.md")
	if err != nil {
		t.Fatal(err)
	}
	doc, _, _ := strings.Cut(string(b), "## Old spellings")
	abbrev := map[string][]string{"gen": {"generate", "align"}, "conv": {"convert"}, "ret": {"retime"}, "sync": {"sync"},
		"fix": {"fix"}, "mrg": {"merge"}, "chk": {"check"}, "st": {"stats"}, "sh": {"shots"}}
	app := newApp(&env{})
	visible := map[string]map[string]bool{} // command: flag names
	for _, c := range app.Commands {
		if _, ok := visible[c.Name]; ok || c.Name == "help" {
			continue
		}
		visible[c.Name] = map[string]bool{}
		for _, f := range c.Flags {
			if vf, ok := f.(cli.VisibleFlag); ok && !vf.IsVisible() {
				continue
			}
			for _, n := range f.Names() {
				visible[c.Name][n] = true
			}
		}
	}
	names := regexp.MustCompile("(?:^|[ `,])--?([a-z][a-z0-9-]*)")
	documented := map[string]map[string]bool{}
	for _, line := range strings.Split(doc, "\n") {
		cells := strings.Split(strings.ReplaceAll(line, `\|`, "/"), "|")
		if len(cells) < 5 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`-") {
			continue
		}
		var flags []string
		for _, code := range regexp.MustCompile("`([^`]*)`").FindAllStringSubmatch(cells[1], -1) {
			for _, m := range names.FindAllStringSubmatch(code[1], -1) {
				flags = append(flags, m[1])
			}
		}
		for _, a := range strings.Fields(cells[len(cells)-2]) {
			cmds, ok := abbrev[a]
			if !ok {
				t.Errorf("docs/flags.md: %q names an unknown command %q", strings.TrimSpace(cells[1]), a)
				continue
			}
			for _, cmd := range cmds {
				if documented[cmd] == nil {
					documented[cmd] = map[string]bool{}
				}
				for _, f := range flags {
					documented[cmd][f] = true
					if !visible[cmd][f] {
						t.Errorf("docs/flags.md lists -%s for %s, which has no such visible flag", f, cmd)
					}
				}
			}
		}
	}
	for cmd, flags := range visible {
		var missing []string
		for f := range flags {
			if f != "help" && f != "h" && !documented[cmd][f] {
				missing = append(missing, f)
			}
		}
		slices.Sort(missing)
		if len(missing) > 0 {
			t.Errorf("%s: flags not in docs/flags.md: %v", cmd, missing)
		}
	}
}
