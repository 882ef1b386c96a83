package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/subkit-dev/subkit/check"
	"github.com/subkit-dev/subkit/timing"
)

func statsCommand(e *env) *cli.Command {
	flags := append(limitFlags(),
		&cli.BoolFlag{Name: "json", Usage: "print one JSON object a file on standard output", DisableDefaultText: true},
		&cli.StringFlag{Name: "svg", Usage: "draw a timeline of the file into `FILE`: captions as bars coloured by reading speed against the profile's limit"},
	)
	return &cli.Command{
		Name:      "stats",
		Usage:     "show what caption files look like: span, on-screen time, reading speed, durations, gaps",
		ArgsUsage: "INPUT... (files, directories with -r, - for standard input)",
		Description: `Prints, for each file: the captions, the span from the first start to the last
end, the time captions are on screen, reading speed (median, 90th percentile,
largest) against the profile's limit, the distributions of durations and gaps,
and the five fastest captions. The profile is chosen as check chooses it.

--svg FILE draws the timeline of one file: a row a minute, each caption a bar
coloured green (up to 90% of the reading speed limit), orange (up to the
limit), red (over it) or grey (no text). The file is replaced if it exists.

Exit status: 0, or 2 on a usage error or when an input cannot be read.`,
		Flags:  flags,
		Action: func(c *cli.Context) error { return e.stats(c) },
	}
}

// statsJSON is one file's statistics with --json. Field names are stable;
// times are in seconds.
type statsJSON struct {
	File      string      `json:"file"`
	Profile   string      `json:"profile"`
	Captions  int         `json:"captions"`
	Span      float64     `json:"span_seconds"`
	OnScreen  float64     `json:"on_screen_seconds"`
	Limit     float64     `json:"reading_limit"`
	Unit      string      `json:"reading_unit"`
	CPS       distJSON    `json:"cps"`
	Durations distJSON    `json:"durations"`
	Gaps      distJSON    `json:"gaps"`
	Overlaps  int         `json:"overlaps"`
	Worst     []worstJSON `json:"fastest"`
}

type distJSON struct {
	N      int       `json:"n"`
	Min    float64   `json:"min"`
	Median float64   `json:"median"`
	P90    float64   `json:"p90"`
	Max    float64   `json:"max"`
	Edges  []float64 `json:"edges"`
	Counts []int     `json:"counts"`
}

type worstJSON struct {
	Caption int     `json:"caption"`
	Start   float64 `json:"start_seconds"`
	End     float64 `json:"end_seconds"`
	Speed   float64 `json:"speed"`
	CPS     float64 `json:"cps"`
	Text    string  `json:"text"`
}

func toDistJSON(d check.Dist) distJSON {
	out := distJSON{N: d.N, Min: round3(d.Min), Median: round3(d.Median), P90: round3(d.P90), Max: round3(d.Max), Counts: d.Counts}
	for _, e := range d.Edges {
		out.Edges = append(out.Edges, round3(e))
	}
	return out
}

func (e *env) stats(c *cli.Context) error {
	s, err := readLimitFlags(c)
	if err != nil {
		return err
	}
	inputs, err := e.readInputs(c, "stats")
	if err != nil {
		return err
	}
	svg := c.String("svg")
	if svg != "" && len(inputs) > 1 {
		return usagef("stats: --svg draws one file, but %d inputs were given", len(inputs))
	}
	if svg == "-" && c.Bool("json") {
		return usagef("stats: --json prints on standard output, so the SVG cannot go there too")
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	failed := false
	for _, in := range inputs {
		r := e.readChecked(in, s)
		if r.err != nil {
			fmt.Fprintf(e.stderr, "subkit: %v\n", r.err)
			failed = true
			continue
		}
		p, l := s.limits(r.doc)
		st := check.Measure(r.doc, l)
		if svg != "" {
			if in.path != "-" && sameFile(svg, in.path) {
				return fmt.Errorf("%s: --svg %s would overwrite the input", r.name, svg)
			}
			out := check.Timeline(r.doc, l, r.name+" ("+p.Name+")")
			if svg != "-" {
				if err := os.MkdirAll(filepath.Dir(svg), 0o755); err != nil {
					return err
				}
			}
			if err := e.writeOutputs([]output{{path: svg, data: out}}); err != nil {
				return err
			}
			if svg == "-" {
				continue
			}
		}
		if c.Bool("json") {
			j := statsJSON{File: r.name, Profile: p.Name, Captions: st.Captions, Span: round3(st.Span.Seconds()), OnScreen: round3(st.OnScreen.Seconds()),
				Limit: st.Limit, Unit: st.Unit, CPS: toDistJSON(st.CPS), Durations: toDistJSON(st.Duration), Gaps: toDistJSON(st.Gap), Overlaps: st.Overlaps,
				Worst: []worstJSON{}}
			for _, w := range st.Worst {
				j.Worst = append(j.Worst, worstJSON{Caption: w.Caption, Start: round3(w.Start.Seconds()), End: round3(w.End.Seconds()), Speed: round3(w.Speed), CPS: round3(w.CPS), Text: w.Text})
			}
			enc.Encode(j)
			continue
		}
		e.printStats(r, p.Name, st)
	}
	if failed {
		return errUnreadable
	}
	return nil
}

func (e *env) printStats(r checked, profile string, st check.Stats) {
	w := e.stdout
	fmt.Fprintf(w, "%s: %s\n", r.name, profile)
	fmt.Fprintf(w, "  captions       %d\n", st.Captions)
	if st.Captions == 0 {
		return
	}
	first, last := r.doc.Cues[0].Start, r.doc.Cues[0].End
	for _, c := range r.doc.Cues {
		first, last = min(first, c.Start), max(last, c.End)
	}
	fmt.Fprintf(w, "  span           %s (%s to %s)\n", timing.FormatDuration(st.Span), timing.FormatDuration(first), timing.FormatDuration(last))
	pct := 0.0
	if st.Span > 0 {
		pct = 100 * st.OnScreen.Seconds() / st.Span.Seconds()
	}
	fmt.Fprintf(w, "  on screen      %s (%.0f%% of the span)\n", timing.FormatDuration(st.OnScreen), pct)
	limit := "no limit"
	if st.Limit > 0 {
		limit = fmt.Sprintf("limit %g %s", st.Limit, st.Unit)
	}
	fmt.Fprintf(w, "  reading speed  median %.1f, p90 %.1f, max %.1f characters a second (%s)\n", st.CPS.Median, st.CPS.P90, st.CPS.Max, limit)
	fmt.Fprintf(w, "  durations      min %s, median %s, p90 %s, max %s\n", secs(st.Duration.Min), secs(st.Duration.Median), secs(st.Duration.P90), secs(st.Duration.Max))
	fmt.Fprintf(w, "                 %s\n", histogram(st.Duration))
	if st.Gap.N > 0 {
		fmt.Fprintf(w, "  gaps           min %s, median %s, p90 %s, max %s; %s\n", secs(st.Gap.Min), secs(st.Gap.Median), secs(st.Gap.P90), secs(st.Gap.Max), plural(st.Overlaps, "overlap"))
		fmt.Fprintf(w, "                 %s\n", histogram(st.Gap))
	}
	if len(st.Worst) > 0 {
		fmt.Fprintf(w, "  fastest\n")
		for _, c := range st.Worst {
			fmt.Fprintf(w, "    %5.1f %s  caption %d (%s-%s) %s\n", c.Speed, st.Unit, c.Caption, timing.FormatDuration(c.Start), timing.FormatDuration(c.End), shorten(c.Text, 40))
		}
	}
}

// histogram writes a distribution's counts: "<1s 3 | 1-2s 40 | ... | 7s+ 0".
func histogram(d check.Dist) string {
	var parts []string
	for i, n := range d.Counts {
		var label string
		switch {
		case i == 0:
			label = "<" + secs(d.Edges[0])
		case i == len(d.Edges):
			label = secs(d.Edges[i-1]) + "+"
		default:
			label = strings.TrimSuffix(secs(d.Edges[i-1]), "s") + "-" + secs(d.Edges[i])
		}
		parts = append(parts, fmt.Sprintf("%s %d", label, n))
	}
	return strings.Join(parts, " | ")
}

func secs(s float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", s), "0"), ".") + "s"
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return fmt.Sprintf("%q", string(r[:n-3])+"...")
	}
	return fmt.Sprintf("%q", s)
}
