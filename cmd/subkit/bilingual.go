package main

// generate's bilingual transcripts: --bilingual and --chinese-below.

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/subkit-dev/subkit/edit"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
	"github.com/subkit-dev/subkit/zhtext"
)

func bilingualFlag() cli.Flag {
	return &cli.StringFlag{Name: "bilingual", Usage: "`LAYOUT` of a transcript in Chinese and another language: pipe (中文 | English on a line), alternate (each line then its translation), off, or auto", Value: "auto"}
}

func chineseBelowFlag() cli.Flag {
	return &cli.BoolFlag{Name: "chinese-below", Usage: "in bilingual captions, put the Chinese line under the other language", DisableDefaultText: true}
}

type bilingualOptions struct {
	layout timing.Bilingual
	auto   bool
	below  bool
	lines  bool // --max-lines was given
}

func bilingualFlags(c *cli.Context, maxLinesSet bool) (bilingualOptions, error) {
	o := bilingualOptions{lines: maxLinesSet}
	var err error
	if o.layout, o.auto, err = timing.ParseBilingual(c.String("bilingual")); err != nil {
		return o, usageError{fmt.Errorf("--bilingual: %w", err)}
	}
	o.below = c.Bool("chinese-below")
	return o, nil
}

// rules gives a bilingual track's Chinese one line a caption unless
// --max-lines says otherwise: the translation takes the room of the second.
func (o bilingualOptions) rules(r timing.Rules, bilingual bool) timing.Rules {
	if bilingual && !o.lines {
		r.MaxLines = 1
	}
	return r
}

// split separates a bilingual transcript into the Chinese lines to time
// and their translations (nil when the transcript has one language); note
// says how a detected layout was read, for the user to see.
func (o bilingualOptions) split(lines []timing.Line) (zh []timing.Line, second []string, note string, err error) {
	layout := o.layout
	if o.auto {
		layout = timing.DetectBilingual(lines)
		switch layout {
		case timing.Pipe:
			note = "read as bilingual, \"中文 | translation\" on each line (--bilingual off to keep lines whole)"
		case timing.Alternate:
			note = "read as bilingual, each line then its translation (--bilingual off to keep lines apart)"
		}
	}
	if layout == timing.Monolingual {
		return lines, nil, "", nil
	}
	zh, second, err = timing.SplitBilingual(lines, layout)
	return zh, second, note, err
}

func joinLines(lines []timing.Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// convertTranscript converts the transcript's Chinese to --script before
// it is timed (a conversion may change a phrase's length: 内存 → 記憶體),
// and returns the language the captions are then in.
func (o zhOptions) convertTranscript(lines []timing.Line, lang string) ([]timing.Line, string) {
	if o.script == "" {
		return lines, lang
	}
	conv := zhtext.NewConverter(lang, o.script)
	out := make([]timing.Line, len(lines))
	for i, l := range lines {
		l.Text = conv.Convert(l.Text)
		out[i] = l
	}
	if lang == "" || strings.HasPrefix(strings.ToLower(lang), "zh") {
		lang = string(o.script)
	}
	return out, lang
}

// punctuate applies --punctuation caption to generated captions, whose
// lines are laid out already.
func (o zhOptions) punctuate(doc *subtitle.Document) {
	if o.punct == zhtext.Caption {
		edit.Punctuate(doc)
	}
}
