package main

import (
	"time"

	"github.com/urfave/cli/v2"
)

func convertCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "convert",
		Usage:     "convert caption files between SRT, WebVTT, TTML, ASS, SSA and EBU STL",
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
		Flags:  batchFlags("output `FORMAT`: srt, vtt, ttml, ass, ssa, stl", "the extension of -o"),
		Action: func(c *cli.Context) error { return e.convert(c) },
	}
}

func (e *env) convert(c *cli.Context) error {
	start := time.Now()
	cfg, inputs, err := e.batchSetup(c, "convert", false)
	if err != nil {
		return err
	}
	return e.report(e.runBatch(inputs, cfg), cfg.json, cfg.verbose, cfg.quiet, start)
}
