package main

// The Chinese caption flags generate, convert, fix and merge share:
// --punctuation and --script.

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/subkit-dev/subkit/edit"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/zhtext"
)

func punctuationFlag() cli.Flag {
	return &cli.StringFlag{Name: "punctuation", Usage: "`MODE` keep, or caption: no ，。、；： at line ends, a full-width space for ，、 inside a line", Value: "keep"}
}

func scriptFlag() cli.Flag {
	return &cli.StringFlag{Name: "script", Usage: "convert Chinese text to `SCRIPT` (zh-Hans, zh-Hant, zh-TW, zh-HK) at phrase level, as OpenCC does; sets the track's language", DefaultText: "as written"}
}

// zhOptions are the flags' values, checked.
type zhOptions struct {
	punct  zhtext.Punctuation
	script zhtext.Script // "" to keep
}

func zhFlags(c *cli.Context) (zhOptions, error) {
	var o zhOptions
	var err error
	if c.IsSet("punctuation") {
		if o.punct, err = zhtext.ParsePunctuation(c.String("punctuation")); err != nil {
			return o, usageError{fmt.Errorf("--punctuation: %w", err)}
		}
	}
	if c.IsSet("script") {
		if o.script, err = zhtext.ParseScript(c.String("script")); err != nil {
			return o, usageError{fmt.Errorf("--script: %w", err)}
		}
	}
	return o, nil
}

func (o zhOptions) none() bool { return o.punct == zhtext.Keep && o.script == "" }

// apply changes d as the flags ask and says what it did.
func (o zhOptions) apply(d *subtitle.Document) []string {
	var changes []string
	if o.script != "" {
		if n := edit.ConvertScript(d, o.script); n > 0 {
			changes = append(changes, fmt.Sprintf("%d captions converted to %s", n, o.script))
		}
	}
	if o.punct == zhtext.Caption {
		if n := edit.Punctuate(d); n > 0 {
			changes = append(changes, fmt.Sprintf("%d captions punctuated as captions", n))
		}
	}
	return changes
}

// then makes a batch transform that runs t (if any), then o.
func (o zhOptions) then(t func(*subtitle.Document) ([]string, []string, error)) func(*subtitle.Document) ([]string, []string, error) {
	if o.none() {
		return t
	}
	return func(d *subtitle.Document) ([]string, []string, error) {
		var changes, warnings []string
		if t != nil {
			var err error
			if changes, warnings, err = t(d); err != nil {
				return changes, warnings, err
			}
		}
		return append(changes, o.apply(d)...), warnings, nil
	}
}
