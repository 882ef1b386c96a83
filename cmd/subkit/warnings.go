package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Long runs of one kind of warning (a fast transcript fitted to a short
// video warns about hundreds of captions) are summarised: the first few,
// then how many more, and the worst of them. --verbose and --json give
// them all.
const (
	floodShown = 3 // warnings of one kind shown before the summary
	floodMin   = 6 // a kind is summarised from this many warnings on
)

var number = regexp.MustCompile(`\d+(\.\d+)?`)

// warningKind is a warning without its place and numbers: "reading speed
// # characters/s is over the zh-Hans limit of #". Its first number is
// how bad it is.
func warningKind(w string) (kind string, value float64) {
	msg := w
	if _, after, ok := strings.Cut(w, "): "); ok && strings.HasPrefix(w, "caption ") {
		msg = after
	}
	if m := number.FindString(msg); m != "" {
		value, _ = strconv.ParseFloat(m, 64)
	}
	return number.ReplaceAllString(msg, "#"), value
}

// summarizeWarnings returns the warning lines to print: all of them when
// verbose, else each kind's first floodShown and, for a kind with more
// than that, one line saying how many more and which was worst.
func summarizeWarnings(ws []string, verbose bool, hint string) []string {
	if verbose || len(ws) < floodMin {
		return ws
	}
	type group struct {
		n     int
		worst string
		value float64
	}
	groups := map[string]*group{}
	var order []string
	var out []string
	for _, w := range ws {
		k, v := warningKind(w)
		g := groups[k]
		if g == nil {
			g = &group{}
			groups[k] = g
			order = append(order, k)
		}
		g.n++
		if g.worst == "" || v > g.value {
			g.worst, g.value = w, v
		}
	}
	shown := map[string]int{}
	for _, w := range ws {
		k, _ := warningKind(w)
		if groups[k].n < floodMin || shown[k] < floodShown {
			out = append(out, w)
			shown[k]++
		}
	}
	for _, k := range order {
		if g := groups[k]; g.n >= floodMin {
			out = append(out, fmt.Sprintf("%d more like these (%d in all); the worst: %s (%s)", g.n-floodShown, g.n, g.worst, hint))
		}
	}
	return out
}
