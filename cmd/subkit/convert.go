package main

import (
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/language"
)

func convertCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "convert",
		Usage:     "convert caption files between formats: " + formatList(),
		ArgsUsage: "INPUT... (files, directories with -r, - for standard input)",
		Description: `Reads each input, detecting its format (extension, then content) and text
encoding, and writes it in the format -t names. Outputs go beside each input
with the new extension, into the directory -o names (keeping the inputs'
tree), into the file -o names (one input), or to standard output with -o -.

An existing output is an error unless --force; an input is never
overwritten; every output is written to a temporary file and renamed into
place. A file that cannot be read is reported as file:line: reason and the
others are still converted; the exit code is then 1 (2 for usage errors).
What a target format cannot carry (styles, positions, notes) is reported as
a warning, never dropped silently.`,
		Flags: append(batchFlags("output `FORMAT`: "+formatList(), "the extension of -o"),
			&cli.Float64Flag{Name: "fps", Usage: "frame rate `N` of MicroDVD files, read and written, and of FCPXML timelines", DefaultText: "a MicroDVD file's {1}{1}N line, else 23.976; FCPXML: an FCPXML input's, else 25"},
			&cli.StringFlag{Name: "lang", Usage: "language `TAG` of the captions (BCP 47: en, zh-Hans), declared in TTML, IMSC, EBU-TT-D and FCPXML outputs when the input names none"},
			&cli.StringFlag{Name: "language", Usage: "the language `LANG` to read from a SAMI file of several (class name or tag: KRCC, en-US)", DefaultText: "the first"},
			punctuationFlag(), scriptFlag(),
		),
		Action: func(c *cli.Context) error { return e.convert(c) },
	}
}

func (e *env) convert(c *cli.Context) error {
	start := time.Now()
	zh, err := zhFlags(c)
	if err != nil {
		return err
	}
	cfg, inputs, err := e.batchSetup(c, "convert", false)
	if err != nil {
		return err
	}
	if cfg.fps, err = readFPS(c); err != nil {
		return err
	}
	cfg.language = c.String("language")
	cfg.encodeOpt.FPS = cfg.fps
	if tag := c.String("lang"); tag != "" {
		if _, err := language.Parse(tag); err != nil {
			return usagef("--lang %q is not a BCP 47 language tag (en, zh-Hans, pt-BR)", tag)
		}
		cfg.transform = func(d *subtitle.Document) ([]string, []string, error) {
			if d.Lang == "" {
				d.Lang = tag
			}
			return nil, nil, nil
		}
	}
	cfg.transform = zh.then(cfg.transform)
	return e.report(e.runBatch(inputs, cfg), cfg.json, cfg.verbose, cfg.quiet, start)
}

// formatList names the formats, as -t takes them.
func formatList() string {
	var names []string
	for _, f := range subtitle.Formats() {
		names = append(names, f.String())
	}
	return strings.Join(names, ", ")
}
