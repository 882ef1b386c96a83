package main

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/subkit-dev/subkit/edit"
	"github.com/subkit-dev/subkit/guide"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
	"github.com/subkit-dev/subkit/zhtext"
)

func fixCommand(e *env) *cli.Command {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "profile", Aliases: []string{"p"}, Usage: "style guide `NAME`: " + strings.Join(guide.Names(), ", "), DefaultText: "Netflix's for the file's language"},
		&cli.Float64Flag{Name: "cps", Usage: "reading speed ceiling `N`, characters a second", DefaultText: "the profile's"},
		&cli.StringFlag{Name: "min", Usage: "shortest caption `D`", DefaultText: "the profile's"},
		&cli.StringFlag{Name: "max", Usage: "longest caption `D`", DefaultText: "the profile's"},
		&cli.StringFlag{Name: "gap", Usage: "minimum gap `D` between captions", DefaultText: "the profile's, in frames"},
		&cli.Float64Flag{Name: "fps", Usage: "frame rate `N` that frame counts are at, and of FCPXML timelines and MicroDVD files written", DefaultText: "the profile's; outputs: an FCPXML input's, else FCPXML 25, MicroDVD 23.976"},
		&cli.BoolFlag{Name: "children", Usage: "use the profile's reading speed for children's programs", DisableDefaultText: true},
		&cli.BoolFlag{Name: "move-starts", Usage: "start a caption earlier when lengthening its end is not enough", DisableDefaultText: true},
		&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "print what would change and change nothing", DisableDefaultText: true},
		&cli.BoolFlag{Name: "in-place", Usage: "replace each input with its repaired self", DisableDefaultText: true},
		punctuationFlag(),
		&cli.StringFlag{Name: "video", Usage: "move caption starts and ends near the shot changes in the video `FILE` onto them (found with ffmpeg)"},
		&cli.StringFlag{Name: "shots", Usage: "move caption starts and ends near the shot changes listed in `FILE` onto them (see check --shots)"},
	}
	return &cli.Command{
		Name:      "fix",
		Usage:     "repair caption timing by reading speed and a style guide: flashes, fast captions, overlaps, small gaps",
		ArgsUsage: "INPUT... (files, directories with -r, - for standard input)",
		Description: `Lengthens a caption that is too short or reads too fast into the free time
after it (never past the next caption's start minus the gap), shortens one
over the maximum, removes overlaps, and closes gaps small enough to flicker.
Starts never move unless --move-starts. What cannot be repaired for want of
room is listed per caption. Output rules are retime's.

With --video (or --shots, a list of its cuts) a start within half a second
of a shot change moves onto it and an end to 2 frames before it (bbc: onto
it), the Netflix rule, whenever that makes no other rule worse; frames are
counted at the video's exact rate.`,
		Flags:  append(flags, batchFlags("output `FORMAT`", "the input's format")...),
		Action: func(c *cli.Context) error { return e.fix(c) },
	}
}

func (e *env) fix(c *cli.Context) error {
	start := time.Now()
	var fixed *guide.Profile
	if name := c.String("profile"); name != "" {
		p, err := guide.Lookup(name)
		if err != nil {
			return usageError{fmt.Errorf("--profile: %w", err)}
		}
		fixed = &p
	}
	minD, setMin, err := ruleFlag(c, "min", false)
	if err != nil {
		return err
	}
	maxD, setMax, err := ruleFlag(c, "max", false)
	if err != nil {
		return err
	}
	gapD, setGap, err := ruleFlag(c, "gap", false)
	if err != nil {
		return err
	}
	if c.IsSet("cps") && !(c.Float64("cps") > 0) || c.IsSet("fps") && !(c.Float64("fps") > 0) {
		return usagef("--cps and --fps must be positive")
	}
	zh, err := zhFlags(c)
	if err != nil {
		return err
	}
	cfg, inputs, err := e.batchSetup(c, "fix", true)
	if err != nil {
		return err
	}
	shots, err := e.readShotFlags(c, c.Float64("fps"), nil)
	if err != nil {
		return err
	}
	// The outputs' rate; a MicroDVD input is still read at its own, as
	// the times to repair are those it was made with.
	cfg.encodeOpt.FPS = c.Float64("fps")
	cfg.inPlace = c.Bool("in-place")
	cfg.dryRun = c.Bool("dry-run")
	if cfg.inPlace && cfg.output != "" {
		return usagef("fix: --in-place replaces the inputs; it takes no -o")
	}
	var left atomic.Int64 // problems fix could not repair, over all files
	cfg.transform = func(d *subtitle.Document) ([]string, []string, error) {
		p := guide.ForLang(edit.Lang(d))
		if fixed != nil {
			p = *fixed
		}
		var s timing.Shots
		if shots != nil {
			s = p.Shots(shots.times, shots.rate)
		}
		r := p.FixRules(c.Float64("fps"), s)
		r.MoveStarts = c.Bool("move-starts")
		if c.Bool("children") && p.CPSChildren > 0 {
			r.CPS = p.CPSChildren
		}
		if c.IsSet("cps") {
			r.CPS = c.Float64("cps")
		}
		if setMin {
			r.Min = minD
		}
		if setMax {
			r.Max = maxD
		}
		if setGap {
			r.Gap = gapD
		}
		changes, problems := edit.Fix(d, r, p.CJK)
		left.Add(int64(len(problems)))
		return changes, problems, nil
	}
	// --punctuation caption goes first, so reading speed is measured on
	// the text as it will be shown; it is counted apart from the repairs.
	var punctuated atomic.Int64
	if zh.punct == zhtext.Caption {
		repair := cfg.transform
		cfg.transform = func(d *subtitle.Document) ([]string, []string, error) {
			punctuated.Add(int64(edit.Punctuate(d)))
			return repair(d)
		}
	}
	reports := e.runBatch(inputs, cfg)
	err = e.report(reports, cfg.json, cfg.verbose, cfg.quiet, start)
	if !cfg.json && !cfg.quiet {
		if n := int(punctuated.Load()); n > 0 {
			fmt.Fprintf(e.stderr, "fix: %s punctuated as captions\n", plural(n, "caption"))
		}
		fmt.Fprintln(e.stderr, fixSummary(reports, int(left.Load()), cfg.dryRun))
	}
	return err
}

// fixSummary is the line fix ends with: files, captions repaired, what is
// left to repair by hand.
func fixSummary(reports []fileReport, left int, dryRun bool) string {
	changed, failed := 0, 0
	for _, r := range reports {
		changed += len(r.Changes)
		if r.Error != "" {
			failed++
		}
	}
	s := fmt.Sprintf("fix: %s, %s repaired, %s left to repair by hand", plural(len(reports), "file"), plural(changed, "caption"), plural(left, "problem"))
	if failed > 0 {
		s += fmt.Sprintf(", %d could not be read", failed)
	}
	if dryRun {
		s += " (dry run: nothing written)"
	}
	return s
}
