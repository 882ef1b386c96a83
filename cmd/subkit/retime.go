package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/subkit-dev/subkit/edit"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

func retimeCommand(e *env) *cli.Command {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "shift", Usage: "move every caption by `D` (negative: earlier, as --shift=-1.5s)"},
		&cli.StringFlag{Name: "fps", Usage: "frame rate change `FROM:TO` (25:23.976, 24000/1001:25); FCPXML timelines and MicroDVD files are written at TO"},
		&cli.StringSliceFlag{Name: "sync", Usage: "reference point `OLD=NEW` (OLD a time, or #N, the start of caption N: #-1 or last is the last caption); repeat: 1 shifts, 2 stretch, more map piecewise"},
		&cli.Float64Flag{Name: "scale", Usage: "stretch times by factor `F` around --anchor"},
		&cli.StringFlag{Name: "anchor", Usage: "the time `D` --scale keeps", Value: "0"},
		&cli.StringFlag{Name: "after", Usage: "change only captions that start at or after `D`"},
		&cli.StringFlag{Name: "before", Usage: "change only captions that start before `D`"},
		&cli.BoolFlag{Name: "drop-negative", Usage: "drop captions that end up wholly before 0 (they are kept at 0 otherwise; reported either way)", DisableDefaultText: true},
		&cli.BoolFlag{Name: "in-place", Usage: "replace each input with its retimed self", DisableDefaultText: true},
	}
	return &cli.Command{
		Name:      "retime",
		Usage:     "shift, stretch, sync or change the frame rate of caption files",
		ArgsUsage: "INPUT... (files, directories with -r, - for standard input)",
		Description: `Moves every caption (and inline timestamps with them) by one map: --shift,
--fps, --scale or --sync points, in that order when several are given. Times
are whole milliseconds with rounding, so a sync point lands exactly. Styles,
positions and text are untouched. Output rules are convert's: the format is
kept unless -t says otherwise, and an input is replaced only with --in-place.`,
		Flags:  append(flags, batchFlags("output `FORMAT`", "the input's format")...),
		Action: func(c *cli.Context) error { return e.retime(c) },
	}
}

func (e *env) retime(c *cli.Context) error {
	start := time.Now()
	var maps []timing.Map
	if s := c.String("shift"); s != "" {
		d, err := timing.ParseDuration(s)
		if err != nil {
			return usagef("--shift: %v", err)
		}
		maps = append(maps, timing.Shift(d))
	}
	var outFPS float64 // the rate frame-based outputs are written at
	if s := c.String("fps"); s != "" {
		from, to, err := timing.ParseFPS(s)
		if err != nil {
			return usagef("--fps: %v", err)
		}
		maps = append(maps, timing.FPS(from, to))
		outFPS = to.FPS()
	}
	var points []timing.SyncPoint
	var fromEnd []int // for each point, N when OLD is #-N or last (#-1), else 0
	for _, s := range c.StringSlice("sync") {
		n, s := syncFromEnd(s)
		p, err := timing.ParseSyncPoint(s)
		if err != nil {
			return usagef("--sync: %v", err)
		}
		points = append(points, p)
		fromEnd = append(fromEnd, n)
	}
	if c.IsSet("scale") {
		f := c.Float64("scale")
		if !(f > 0) {
			return usagef("--scale must be a positive number")
		}
		anchor, err := timing.ParseDuration(c.String("anchor"))
		if err != nil {
			return usagef("--anchor: %v", err)
		}
		maps = append(maps, timing.Scale(f, anchor))
	}
	if len(maps) == 0 && len(points) == 0 {
		return usagef("retime: say how: --shift, --fps, --sync or --scale")
	}
	var opts timing.RetimeOptions
	opts.DropNegative = c.Bool("drop-negative")
	after, before := c.String("after"), c.String("before")
	// --from and --to were the window before they were the formats, as
	// in convert: a time there is still taken as the window.
	for _, w := range []struct {
		old, now string
		val      *string
	}{{"from", "after", &after}, {"to", "before", &before}} {
		v := c.String(w.old)
		if _, err := subtitle.ParseFormat(v); err == nil || v == "" {
			continue
		}
		if _, err := timing.ParseDuration(v); err != nil {
			continue // batchSetup reports the unknown format
		}
		if *w.val != "" {
			return usagef("retime: --%s %s and --%s: give the window once, with --%s", w.old, v, w.now, w.now)
		}
		fmt.Fprintf(e.stderr, "subkit: warning: retime --%s %s is now --%s %s (--%s is the %s format)\n", w.old, v, w.now, v, w.old, map[string]string{"from": "input", "to": "output"}[w.old])
		*w.val = v
		if err := c.Set(w.old, ""); err != nil {
			return err
		}
	}
	if after != "" || before != "" {
		opts.Window = true
		opts.To = time.Duration(1<<63 - 1)
		var err error
		if after != "" {
			if opts.From, err = timing.ParseDuration(after); err != nil {
				return usagef("--after: %v", err)
			}
		}
		if before != "" {
			if opts.To, err = timing.ParseDuration(before); err != nil {
				return usagef("--before: %v", err)
			}
		}
		if opts.From >= opts.To {
			return usagef("--after %s is not before --before %s", after, before)
		}
	}
	cfg, inputs, err := e.batchSetup(c, "retime", true)
	if err != nil {
		return err
	}
	cfg.encodeOpt.FPS = outFPS
	cfg.inPlace = c.Bool("in-place")
	if cfg.inPlace && cfg.output != "" {
		return usagef("retime: --in-place replaces the inputs; it takes no -o")
	}
	cfg.transform = func(d *subtitle.Document) ([]string, []string, error) {
		points := slices.Clone(points)
		for i, n := range fromEnd {
			if n == 0 {
				continue
			}
			if n > len(d.Cues) {
				return nil, nil, fmt.Errorf("--sync #-%d: the file has %d captions", n, len(d.Cues))
			}
			points[i].Cue = len(d.Cues) + 1 - n
		}
		m, err := edit.Maps(maps, points, d)
		if err != nil {
			return nil, nil, err
		}
		return nil, edit.Retime(d, m, opts), nil
	}
	return e.report(e.runBatch(inputs, cfg), cfg.json, cfg.verbose, cfg.quiet, start)
}

// syncFromEnd reads a --sync point whose OLD counts captions from the end,
// #-N or last (#-1): it returns N and the point with OLD as #1, for
// timing.ParseSyncPoint to read the rest. Other points come back as they
// are, with 0.
func syncFromEnd(s string) (int, string) {
	old, nw, ok := strings.Cut(s, "=")
	if !ok {
		return 0, s
	}
	old = strings.TrimSpace(old)
	if strings.EqualFold(old, "last") {
		return 1, "#1=" + nw
	}
	if v, ok := strings.CutPrefix(old, "#-"); ok {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			return n, "#1=" + nw
		}
	}
	return 0, s
}
