package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/subkit-dev/subkit/edit"
	"github.com/subkit-dev/subkit/subtitle"
)

func mergeCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "merge",
		Usage:     "put two tracks of one video (say Chinese and English) into one bilingual track",
		ArgsUsage: "TRACK1 TRACK2",
		Description: `Pairs the cues of the two tracks by time, not by number: a cue of the track
shown on top (the Chinese one, or TRACK1 when neither or both are Chinese;
the other with --chinese-below) takes every cue of the other track that
overlaps it by at least half the shorter of the two, and keeps its times.
Cues that pair with nothing are kept on their own. The track takes the
Chinese track's language (TRACK1's when neither or both are Chinese); the
other track's lines are marked with theirs (TTML xml:lang, WebVTT <lang>). In ASS and SSA
each language is its own event with its own style and margin, the lower
language smaller.

The output format is -t, or the extension of -o; -o - writes to standard
output. An existing output is an error unless --force.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output `FILE`, or - for standard output", Required: true},
			&cli.StringFlag{Name: "to", Aliases: []string{"t"}, Usage: "output `FORMAT`: " + formatList(), DefaultText: "the extension of -o"},
			&cli.BoolFlag{Name: "force", Aliases: []string{"f"}, Usage: "replace an existing output file", DisableDefaultText: true},
			chineseBelowFlag(),
			scriptFlag(),
			punctuationFlag(),
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not print warnings", DisableDefaultText: true},
			outputEncodingFlag("UTF-8"),
			fpsFlag(),
		},
		Action: func(c *cli.Context) error { return e.merge(c) },
	}
}

func (e *env) merge(c *cli.Context) error {
	if c.NArg() != 2 {
		return usagef("merge: give two tracks (TRACK1 TRACK2), got %d", c.NArg())
	}
	zh, err := zhFlags(c)
	if err != nil {
		return err
	}
	out := c.String("output")
	to := subtitle.Unknown
	if t := c.String("to"); t != "" {
		if to, err = subtitle.ParseFormat(t); err != nil {
			return usageError{fmt.Errorf("--to: %w", err)}
		}
	} else if out != "-" {
		to = subtitle.FormatFromPath(out)
	}
	if to == subtitle.Unknown {
		return usagef("merge: choose the output format with -t (the extension of -o %s names none)", out)
	}
	eo, err := readEncodeFlags(c, to)
	if err != nil {
		return err
	}
	if eo.FPS, err = readFPS(c); err != nil {
		return err
	}
	if out != "-" && !c.Bool("force") {
		if _, err := os.Lstat(out); err == nil && !isSpecial(out) {
			return fmt.Errorf("output %s exists (use --force to replace it)", out)
		}
	}
	var docs [2]*subtitle.Document
	var warnings []string
	for i, in := range c.Args().Slice() {
		if out != "-" && in != "-" && sameFile(out, in) {
			return fmt.Errorf("%s: output %s would overwrite the input; choose another -o", in, out)
		}
		raw, err := e.readInput(in)
		if err != nil {
			return err
		}
		text, info, err := subtitle.Prepare(displayName(in), raw, subtitle.ReadOptions{})
		if err != nil {
			return err
		}
		d, ws, err := subtitle.ReadText(displayName(in), text, info.Format)
		if err != nil {
			return err
		}
		for _, w := range append(info.Warnings, ws...) {
			warnings = append(warnings, w.String())
		}
		docs[i] = d
	}
	doc, st := edit.Merge(docs[0], docs[1], edit.MergeOptions{
		ChineseBelow: c.Bool("chinese-below"),
		Styles:       to == subtitle.ASS || to == subtitle.SSA,
	})
	zh.apply(doc)
	warnings = append(warnings, subtitle.Losses(doc, to)...)
	if err := subtitle.Check(doc); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, doc, to, eo); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	if err := e.writeOutputs([]output{{path: out, data: buf.Bytes()}}); err != nil {
		return err
	}
	if !c.Bool("quiet") {
		for _, w := range warnings {
			fmt.Fprintf(e.stderr, "subkit: warning: %s\n", w)
		}
		fmt.Fprintf(e.stderr, "subkit: merge: %d cues paired, %d only in %s, %d only in %s\n",
			st.Paired, st.OnlyUpper, langName(st.UpperLang, "the upper track"), st.OnlyLower, langName(st.LowerLang, "the lower track"))
	}
	return nil
}

func langName(tag, none string) string {
	if tag == "" {
		return none
	}
	return tag
}
