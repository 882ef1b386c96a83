package main

// The check and stats commands: a track measured against a style guide.

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/subkit-dev/subkit/check"
	"github.com/subkit-dev/subkit/edit"
	"github.com/subkit-dev/subkit/guide"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

// errUnreadable means some inputs could not be read, and each was
// reported: check and stats then exit with code 2, as for usage errors,
// since what was asked could not be checked.
var errUnreadable = errors.New("some inputs could not be read")

// limitFlags are the flags check and stats share: the profile and the
// changes to its numbers.
func limitFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "profile", Aliases: []string{"p"}, Usage: "style guide `NAME`: " + strings.Join(guide.Names(), ", "), DefaultText: "Netflix's for each file's language"},
		&cli.BoolFlag{Name: "children", Usage: "use the profile's reading speed for children's programs", DisableDefaultText: true},
		&cli.Float64Flag{Name: "fps", Usage: "frame rate `N` the gap's frames are counted at", DefaultText: "the profile's"},
		&cli.Float64Flag{Name: "cps", Usage: "reading speed limit `N`, characters a second (0: not checked)", DefaultText: "the profile's"},
		&cli.Float64Flag{Name: "wpm", Usage: "reading speed limit `N`, words a minute (0: not checked)", DefaultText: "the profile's (bbc: 180)"},
		&cli.Float64Flag{Name: "max-chars", Usage: "`N` characters a line (CJK: half-width characters count 0.5; 0: not checked)", DefaultText: "the profile's"},
		&cli.IntFlag{Name: "max-lines", Usage: "`N` lines a caption (0: not checked)", DefaultText: "the profile's"},
		&cli.StringFlag{Name: "min", Usage: "shortest caption `D` (0: not checked)", DefaultText: "the profile's"},
		&cli.StringFlag{Name: "max", Usage: "longest caption `D` (0: not checked)", DefaultText: "the profile's"},
		&cli.StringFlag{Name: "gap", Usage: "minimum gap `D` between captions (0: not checked)", DefaultText: "the profile's, in frames"},
	}, inputFlags()...)
}

// limitSetup reads the flags limitFlags defines. The result gives each
// document its profile and limits.
type limitSetup struct {
	fixed    *guide.Profile
	opts     check.Options
	override func(*check.Limits)
	from     subtitle.Format
	encoding string
	shots    *shotSource // --video or --shots (check only)
}

func readLimitFlags(c *cli.Context) (*limitSetup, error) {
	s := &limitSetup{opts: check.Options{Children: c.Bool("children"), FPS: c.Float64("fps")}}
	if name := c.String("profile"); name != "" {
		p, err := guide.Lookup(name)
		if err != nil {
			return nil, usageError{fmt.Errorf("--profile: %w", err)}
		}
		s.fixed = &p
	}
	if c.IsSet("fps") && !(s.opts.FPS > 0) {
		return nil, usagef("--fps must be positive")
	}
	for _, name := range []string{"cps", "wpm", "max-chars"} {
		if v := c.Float64(name); c.IsSet(name) && (v < 0 || math.IsNaN(v) || math.IsInf(v, 0)) {
			return nil, usagef("--%s cannot be negative", name)
		}
	}
	if c.IsSet("max-lines") && c.Int("max-lines") < 0 {
		return nil, usagef("--max-lines cannot be negative")
	}
	var durs [3]time.Duration
	var set [3]bool
	for i, name := range []string{"min", "max", "gap"} {
		var err error
		if durs[i], set[i], err = ruleFlag(c, name, true); err != nil {
			return nil, err
		}
	}
	s.override = func(l *check.Limits) {
		if c.IsSet("cps") {
			l.CPS = c.Float64("cps")
		}
		if c.IsSet("wpm") {
			l.WPM = c.Float64("wpm")
		}
		if c.IsSet("max-chars") {
			l.MaxChars = c.Float64("max-chars")
		}
		if c.IsSet("max-lines") {
			l.MaxLines = c.Int("max-lines")
		}
		if set[0] {
			l.Min = durs[0]
		}
		if set[1] {
			l.Max = durs[1]
		}
		if set[2] {
			l.Gap = durs[2]
		}
	}
	var err error
	if s.from, s.encoding, err = readFormatFlags(c); err != nil {
		return nil, err
	}
	return s, nil
}

// limits returns the profile and limits a document is checked against:
// --profile's, or Netflix's for the document's language (guide.ForLang).
func (s *limitSetup) limits(d *subtitle.Document) (guide.Profile, check.Limits) {
	p := guide.ForLang(edit.Lang(d))
	if s.fixed != nil {
		p = *s.fixed
	}
	o := s.opts
	if s.shots != nil {
		o.Shots = p.Shots(s.shots.times, s.shots.rate)
	}
	l := check.For(p, o)
	s.override(&l)
	return p, l
}

// checked is one input read: its document and the file as written, or
// why it could not be read.
type checked struct {
	name string
	doc  *subtitle.Document
	raw  *check.Raw
	err  error
}

// readChecked reads an input for check and stats. The reader's warnings
// go with the file as written: check reports them (rule format).
func (e *env) readChecked(in input, s *limitSetup) checked {
	name := displayName(in.path)
	r := checked{name: name}
	b, err := e.readInput(in.path)
	if err != nil {
		r.err = err
		return r
	}
	text, info, err := subtitle.Prepare(name, b, subtitle.ReadOptions{Format: s.from, Encoding: s.encoding, ShareInput: true})
	if err != nil {
		r.err = err
		return r
	}
	doc, ws, src, err := subtitle.ReadTextSources(name, text, info.Format)
	if err != nil {
		r.err = err
		return r
	}
	r.doc = doc
	r.raw = &check.Raw{Format: info.Format, Cues: src, Warnings: append(info.Warnings, ws...)}
	return r
}

func checkCommand(e *env) *cli.Command {
	flags := append(limitFlags(),
		&cli.StringFlag{Name: "format", Usage: "report `FORMAT`: human, json (one object a finding, then a summary) or github (GitHub Actions annotations)", DefaultText: "human"},
		&cli.StringFlag{Name: "f", Hidden: true},
		&cli.BoolFlag{Name: "json", Usage: "the same as --format json", DisableDefaultText: true},
		&cli.IntFlag{Name: "max-warnings", Usage: "exit 0 with up to `N` findings in all", DefaultText: "0"},
		&cli.StringFlag{Name: "color", Usage: "colour the human output: `WHEN` auto (on a terminal, unless NO_COLOR is set), always or never", Value: "auto"},
	)
	flags = append(flags, shotFlags()...)
	return &cli.Command{
		Name:      "check",
		Usage:     "check caption files against a style guide: reading speed, durations, gaps, lines, tags",
		ArgsUsage: "INPUT... (files, directories with -r, - for standard input)",
		Description: `Checks every caption against a style-guide profile and lists each rule broken,
with the caption's number, times, line in the file, the value measured and the
limit. Without --profile each file is checked against Netflix's guide for its
language (the file's language tag, else the language its text is in):
netflix-zh-hans, netflix-zh-hant, netflix-ja, netflix-en, or netflix-other.

Rules: format (what the file's reader warned about: a dropped block, a cue
without a number...), order, overlap, gap, min-duration, max-duration,
shot-change (with --video or --shots), reading-speed, empty, only-tags,
unbalanced-tags, max-lines, max-chars, split-word.

With --video (or --shots, a list of its cuts) a caption that starts or ends
within half a second of a shot change (Netflix: 12 frames at 24 fps) but
not on it is reported: a start belongs on the cut, an end 2 frames before
it (bbc: on it). Frames are counted at the video's exact rate.

Exit status: 0 when no rule is broken (or no more than --max-warnings), 1 when
rules are broken, 2 on a usage error or when an input cannot be read.`,
		Flags:  flags,
		Action: func(c *cli.Context) error { return e.check(c) },
	}
}

// findingJSON is one finding with --json. Field names are stable. A
// finding about the file as a whole (rule format) has caption 0 and no
// times.
type findingJSON struct {
	File     string   `json:"file"`
	Profile  string   `json:"profile"`
	Caption  int      `json:"caption"`
	Line     int      `json:"line,omitempty"`
	Start    string   `json:"start,omitempty"`
	End      string   `json:"end,omitempty"`
	StartSec *float64 `json:"start_seconds,omitempty"`
	EndSec   *float64 `json:"end_seconds,omitempty"`
	Rule     string   `json:"rule"`
	Value    float64  `json:"value"`
	Limit    float64  `json:"limit"`
	Unit     string   `json:"unit,omitempty"`
	TextLine int      `json:"text_line,omitempty"`
	Message  string   `json:"message"`
}

type fileErrorJSON struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

// checkSummary closes a --json report. Failed counts the files that did
// not pass: with findings, or unreadable.
type checkSummary struct {
	Summary     bool `json:"summary"`
	Files       int  `json:"files"`
	Failed      int  `json:"failed"`
	Unreadable  int  `json:"unreadable"`
	Findings    int  `json:"findings"`
	MaxWarnings int  `json:"max_warnings"`
}

func (e *env) check(c *cli.Context) error {
	s, err := readLimitFlags(c)
	if err != nil {
		return err
	}
	format := cmp.Or(firstSet(c, "format", "f"), "human")
	if c.Bool("json") {
		if (c.IsSet("format") || c.IsSet("f")) && format != "json" {
			return usagef("--json and --format %s disagree", format)
		}
		format = "json"
	}
	switch format {
	case "human", "json", "github":
	default:
		return usagef("--format must be human, json or github, not %q", format)
	}
	maxWarn := c.Int("max-warnings")
	if maxWarn < 0 {
		return usagef("--max-warnings cannot be negative")
	}
	color, err := useColor(c.String("color"), e.stdout, os.Getenv)
	if err != nil {
		return err
	}
	inputs, err := e.readInputs(c, "check")
	if err != nil {
		return err
	}
	if s.shots, err = e.readShotFlags(c, c.Float64("fps"), nil); err != nil {
		return err
	}
	// Findings are written as they are found, through a buffer emptied
	// after each file: the report takes no memory of its own.
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	sum := checkSummary{Summary: true, Files: len(inputs), MaxWarnings: maxWarn}
	for _, in := range inputs {
		r := e.readChecked(in, s)
		if r.err != nil {
			sum.Failed++
			sum.Unreadable++
			switch format {
			case "json":
				enc.Encode(fileErrorJSON{File: r.name, Error: r.err.Error()})
			case "github":
				fmt.Fprintf(w, "::error file=%s::%s\n", ghProperty(r.name), ghData(r.err.Error()))
			default:
				fmt.Fprintf(e.stderr, "subkit: %v\n", r.err)
			}
			continue
		}
		p, l := s.limits(r.doc)
		fs := check.Findings(r.doc, l, r.raw)
		n := 0
		switch format {
		case "json":
			for f := range fs {
				n++
				j := findingJSON{File: r.name, Profile: p.Name, Caption: f.Caption, Line: f.FileLine,
					Rule: string(f.Rule), Value: round3(f.Value), Limit: round3(f.Limit), Unit: f.Unit, TextLine: f.TextLine, Message: f.Message}
				if f.Caption > 0 {
					start, end := round3(f.Start.Seconds()), round3(f.End.Seconds())
					j.Start, j.End = timing.FormatDuration(f.Start), timing.FormatDuration(f.End)
					j.StartSec, j.EndSec = &start, &end
				}
				enc.Encode(j)
			}
		case "github":
			for f := range fs {
				n++
				loc := "file=" + ghProperty(r.name)
				if f.FileLine > 0 {
					loc += fmt.Sprintf(",line=%d", f.FileLine)
				}
				msg := f.Message
				if f.Caption > 0 {
					msg = fmt.Sprintf("caption %d (%s-%s): %s", f.Caption, timing.FormatDuration(f.Start), timing.FormatDuration(f.End), f.Message)
				}
				fmt.Fprintf(w, "::warning %s,title=%s::%s\n", loc, ghProperty("subkit "+string(f.Rule)), ghData(msg+" ["+p.Name+"]"))
			}
		default:
			n = printHuman(w, r, p, fs, color)
		}
		sum.Findings += n
		if n > 0 {
			sum.Failed++
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	switch format {
	case "json":
		enc.Encode(sum)
	case "human":
		if len(inputs) > 1 || sum.Unreadable > 0 {
			fmt.Fprintf(w, "%s, %s", plural(len(inputs), "file"), plural(sum.Findings, "finding"))
			if sum.Unreadable > 0 {
				fmt.Fprintf(w, ", %d could not be read", sum.Unreadable)
			}
			fmt.Fprintln(w)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	switch {
	case sum.Unreadable > 0:
		return errUnreadable
	case sum.Findings > maxWarn:
		if format == "human" && maxWarn > 0 {
			fmt.Fprintf(e.stderr, "subkit: %d findings, over --max-warnings %d\n", sum.Findings, maxWarn)
		}
		return errReported
	}
	return nil
}

// humanHeld is how many findings printHuman holds while it counts them
// for the file's heading; a file with more is checked twice, counting,
// then printing.
const humanHeld = 1000

// printHuman prints one file's findings under a heading that counts them,
// and returns how many there were.
func printHuman(w io.Writer, r checked, p guide.Profile, fs iter.Seq[check.Finding], color bool) int {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	var held []check.Finding
	n := 0
	for f := range fs {
		if n < humanHeld {
			held = append(held, f)
		}
		n++
	}
	if n <= humanHeld {
		fs = slices.Values(held)
	}
	status := paint("32", "ok")
	if n > 0 {
		status = paint("31", plural(n, "finding"))
	}
	fmt.Fprintf(w, "%s: %s, %s: %s\n", paint("1", r.name), p.Name, plural(len(r.doc.Cues), "caption"), status)
	for f := range fs {
		if f.Caption == 0 {
			where := "the file"
			if f.FileLine > 0 {
				where = fmt.Sprintf("line %d", f.FileLine)
			}
			fmt.Fprintf(w, "  %s %s: %s\n", where, paint("33", string(f.Rule)), f.Message)
			continue
		}
		where := fmt.Sprintf("caption %d", f.Caption)
		if f.FileLine > 0 {
			where += fmt.Sprintf(", line %d", f.FileLine)
		}
		fmt.Fprintf(w, "  %s (%s-%s) %s: %s\n", where, timing.FormatDuration(f.Start), timing.FormatDuration(f.End), paint("33", string(f.Rule)), f.Message)
	}
	return n
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// useColor decides whether human output is coloured: --color always or
// never decide; auto colours a terminal unless NO_COLOR is set to
// anything but "" (no-color.org).
func useColor(when string, w io.Writer, getenv func(string) string) (bool, error) {
	switch when {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
	default:
		return false, usagef("--color must be auto, always or never, not %q", when)
	}
	if getenv("NO_COLOR") != "" {
		return false, nil
	}
	if c, ok := w.(*checkedWriter); ok {
		w = c.w
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())), nil
}

// ghData and ghProperty escape a GitHub Actions workflow command's message
// and property values.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
