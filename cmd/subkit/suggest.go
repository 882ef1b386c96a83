package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// commandName is the command args run, or "" when they name none.
func commandName(app *cli.App, args []string) string {
	for _, a := range args[min(1, len(args)):] {
		if a == "--" {
			return ""
		}
		if strings.HasPrefix(a, "-") {
			continue
		}
		if a == "help" || a == "h" {
			continue
		}
		if c := app.Command(a); c != nil {
			return c.Name
		}
		return ""
	}
	return ""
}

// unknownCommand says that name is no command, suggesting the nearest
// one when it is a likely slip ("conver" for convert).
func unknownCommand(app *cli.App, name string) error {
	if s := nearest(name, app.VisibleCommands()); s != "" {
		return fmt.Errorf("unknown command %q; did you mean %q?", name, s)
	}
	return fmt.Errorf("unknown command %q", name)
}

// nearest is the command whose name is closest to name by edit distance,
// if close enough to be a slip: at most a third of the name's letters
// (at least one), or a prefix of it.
func nearest(name string, cmds []*cli.Command) string {
	best, bestD := "", 0
	for _, c := range cmds {
		for _, n := range c.Names() {
			d := editDistance(strings.ToLower(name), n)
			if len(name) >= 3 && strings.HasPrefix(n, strings.ToLower(name)) {
				d = 1
			}
			if best == "" || d < bestD {
				best, bestD = c.Name, d
			}
		}
	}
	if best == "" || bestD > max(1, len([]rune(name))/3) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, counting a
// swap of two neighbouring letters as one edit.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
