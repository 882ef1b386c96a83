package check

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/guide"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

// Rule is a rule's stable id, as reports print it.
type Rule string

// The rules, in the order each caption is checked.
const (
	RuleFormat         Rule = "format"          // the reader's warning: the file breaks its format's rules, or holds what the reader could not keep
	RuleOrder          Rule = "order"           // starts before the caption before it, or ends before it starts
	RuleOverlap        Rule = "overlap"         // starts before an earlier caption ends
	RuleGap            Rule = "gap"             // starts less than the minimum gap after the caption before it
	RuleMinDuration    Rule = "min-duration"    // shown for less than the minimum
	RuleMaxDuration    Rule = "max-duration"    // shown for more than the maximum
	RuleShotChange     Rule = "shot-change"     // starts or ends near a shot change but not on its place (needs Limits.Shots)
	RuleReadingSpeed   Rule = "reading-speed"   // too fast to read: characters a second (or words a minute)
	RuleEmpty          Rule = "empty"           // no text at all
	RuleOnlyTags       Rule = "only-tags"       // text that is nothing but tags or formatting codes
	RuleUnbalancedTags Rule = "unbalanced-tags" // a tag left open, closing nothing, or closed out of order
	RuleMaxLines       Rule = "max-lines"       // more lines than allowed
	RuleMaxChars       Rule = "max-chars"       // a line longer than allowed
	RuleSplitWord      Rule = "split-word"      // in CJK text, a line break between two letters or digits of an alphabet
)

// Rules lists every rule, in checking order.
func Rules() []Rule {
	return []Rule{RuleFormat, RuleOrder, RuleOverlap, RuleGap, RuleMinDuration, RuleMaxDuration, RuleShotChange, RuleReadingSpeed,
		RuleEmpty, RuleOnlyTags, RuleUnbalancedTags, RuleMaxLines, RuleMaxChars, RuleSplitWord}
}

// Limits are the numbers a track is checked against. Zero means not
// checked.
type Limits struct {
	CPS      float64       // reading speed ceiling in characters a second (timing.CaptionChars)
	WPM      float64       // reading speed ceiling in words a minute, for guides that count words
	Min, Max time.Duration // caption duration
	Gap      time.Duration // minimum time from one caption's end to the next one's start
	MaxChars float64       // line length, counted as timing.Width counts
	MaxLines int
	CJK      bool // half-width characters count 0.5; line breaks split words (RuleSplitWord)
	// Shots are the video's shot changes, and ShotRules how captions sit
	// on them (RuleShotChange); no cuts, not checked.
	Shots     timing.Shots
	ShotRules timing.ShotRules
}

// Options choose among a profile's numbers.
type Options struct {
	Children bool    // the reading speed for children's programs
	FPS      float64 // the frame rate the gap's frames are counted at; 0: the shots' rate, else the profile's
	// Shots are the video's shot changes, checked by the profile's shot
	// rules at the shots' frame rate.
	Shots timing.Shots
}

// For returns a profile's limits.
func For(p guide.Profile, o Options) Limits {
	fps := o.FPS
	if fps == 0 && o.Shots.Rate.Valid() {
		fps = o.Shots.Rate.FPS() // a video's
	}
	l := Limits{CPS: p.CPS, WPM: p.WPM, Min: p.Min, Max: p.Max, Gap: p.Gap(fps),
		MaxChars: float64(p.MaxChars), MaxLines: p.MaxLines, CJK: p.CJK}
	if o.Children && p.CPSChildren > 0 {
		l.CPS = p.CPSChildren
	}
	if len(o.Shots.Cuts) > 0 && o.Shots.Rate.Valid() {
		l.Shots = o.Shots
		l.ShotRules = p.ShotRules(o.Shots.Rate)
	}
	return l
}

// Finding is one rule a caption breaks, or (Caption 0, RuleFormat) a
// place in the file its reader warned about.
type Finding struct {
	Caption    int // from 1, in file order; 0 for the file as a whole
	Start, End time.Duration
	Rule       Rule
	// Value is what was measured and Limit what it may be, in Unit: "cps"
	// (characters a second), "wpm", "s" (seconds), "lines", "chars" or
	// "frames" (shot-change: how many frames from its place, negative
	// when before it; the limit is 0).
	// Rules with nothing to measure (empty, only-tags, unbalanced-tags,
	// split-word) have Unit "" and both zero.
	Value, Limit float64
	Unit         string
	// FileLine is the line of the file the caption's timing line is on,
	// when the Raw has it; TextLine the caption's line (from 1) a
	// max-chars or split-word finding is about.
	FileLine, TextLine int
	Message            string
}

// Over is how far Value is past Limit (0 for rules without a measure).
func (f Finding) Over() float64 {
	if f.Unit == "" {
		return 0
	}
	return math.Abs(f.Value - f.Limit)
}

// Raw is the file a Document was read from: one CueSource a cue, in
// Format's syntax, as subtitle.Sources gives them, and the reader's
// warnings.
type Raw struct {
	Format   subtitle.Format
	Cues     []subtitle.CueSource
	Warnings []subtitle.Warning
}

// Check returns what d's captions break: first the reader's warnings
// (RuleFormat, caption 0, at their lines), then by caption, in the order
// of Rules. raw may be nil (see the package comment). Findings gives the
// same one at a time, holding none.
func Check(d *subtitle.Document, l Limits, raw *Raw) []Finding {
	return slices.Collect(Findings(d, l, raw))
}

// Findings yields what Check returns, in the same order, as it finds it:
// a report of any size takes no memory beyond the document's.
func Findings(d *subtitle.Document, l Limits, raw *Raw) iter.Seq[Finding] {
	return func(yield func(Finding) bool) { each(d, l, raw, yield) }
}

func each(d *subtitle.Document, l Limits, raw *Raw, yield func(Finding) bool) {
	stopped := false
	emit := func(f Finding) {
		if !stopped && !yield(f) {
			stopped = true
		}
	}
	if raw != nil {
		for _, w := range raw.Warnings {
			emit(Finding{Rule: RuleFormat, FileLine: w.Line, Message: w.Message})
		}
		if len(raw.Cues) != len(d.Cues) {
			raw = nil // not this document's
		}
	}
	var lastEnd, lastStart time.Duration
	last := 0 // the caption lastEnd is from
	for i, c := range d.Cues {
		if stopped {
			return
		}
		n := i + 1
		fileLine := 0
		var src *subtitle.CueSource
		if raw != nil {
			src = &raw.Cues[i]
			fileLine = src.Line
		}
		add := func(r Rule, value, limit float64, unit string, textLine int, format string, a ...any) {
			if stopped {
				return
			}
			emit(Finding{Caption: n, Start: c.Start, End: c.End, Rule: r, Value: value, Limit: limit, Unit: unit,
				FileLine: fileLine, TextLine: textLine, Message: fmt.Sprintf(format, a...)})
		}
		dur := c.End - c.Start

		// Times.
		switch {
		case c.End < c.Start:
			add(RuleOrder, dur.Seconds(), 0, "s", 0, "ends at %s, before it starts", fmtTime(c.End))
		case i > 0 && c.Start < lastStart:
			add(RuleOrder, c.Start.Seconds(), lastStart.Seconds(), "s", 0, "starts before caption %d (at %s)", i, fmtTime(lastStart))
		case i > 0 && c.Start < lastEnd:
			add(RuleOverlap, (lastEnd - c.Start).Seconds(), 0, "s", 0, "starts %s before caption %d ends", fmtDur(lastEnd-c.Start), last)
		case i > 0 && l.Gap > 0 && c.Start-lastEnd < l.Gap:
			add(RuleGap, (c.Start - lastEnd).Seconds(), l.Gap.Seconds(), "s", 0, "starts %s after caption %d ends, under the minimum gap %s", fmtDur(c.Start-lastEnd), last, fmtDur(l.Gap))
		}
		if c.End >= c.Start {
			if l.Min > 0 && dur < l.Min {
				add(RuleMinDuration, dur.Seconds(), l.Min.Seconds(), "s", 0, "lasts %s, under the minimum %s", fmtDur(dur), fmtDur(l.Min))
			}
			if l.Max > 0 && dur > l.Max {
				add(RuleMaxDuration, dur.Seconds(), l.Max.Seconds(), "s", 0, "lasts %s, over the maximum %s", fmtDur(dur), fmtDur(l.Max))
			}
		}
		if len(l.Shots.Cuts) > 0 && l.ShotRules.Window > 0 && c.End >= c.Start {
			for _, end := range []bool{false, true} {
				t := c.Start
				if end {
					t = c.End
				}
				if m, ok := l.Shots.Miss(t, end, l.ShotRules); ok {
					add(RuleShotChange, float64(m.Off()), 0, "frames", 0, "%s", timing.ShotMessage(m, l.Shots.Rate, l.ShotRules))
				}
			}
		}
		if c.Start > lastStart || i == 0 {
			lastStart = c.Start
		}
		if c.End > lastEnd || i == 0 {
			lastEnd, last = c.End, n
		}

		// Text.
		lines := c.PlainLines()
		text := timing.CaptionText(lines, l.CJK)
		if dur > 0 && strings.TrimSpace(text) != "" {
			if l.CPS > 0 {
				chars := timing.ReadingChars(text, l.CJK)
				if cps := chars / dur.Seconds(); cps > l.CPS+1e-9 {
					need := time.Duration(math.Ceil(chars/l.CPS*1000)) * time.Millisecond
					add(RuleReadingSpeed, cps, l.CPS, "cps", 0, "reads at %.1f characters a second, %.1f over the limit of %g: %g characters need %s, it has %s",
						cps, cps-l.CPS, l.CPS, chars, fmtDur(need), fmtDur(dur))
				}
			}
			if l.WPM > 0 {
				words := Words(text)
				if wpm := float64(words) / dur.Minutes(); wpm > l.WPM+1e-9 {
					need := time.Duration(math.Ceil(float64(words)/l.WPM*60000)) * time.Millisecond
					add(RuleReadingSpeed, wpm, l.WPM, "wpm", 0, "reads at %.0f words a minute, %.0f over the limit of %g: %d words need %s, it has %s",
						wpm, wpm-l.WPM, l.WPM, words, fmtDur(need), fmtDur(dur))
				}
			}
		}
		if strings.TrimSpace(text) == "" {
			if src != nil && len(src.Text) > 0 {
				add(RuleOnlyTags, 0, 0, "", 0, "has only tags or formatting codes: %s", quote(strings.Join(src.Text, " ")))
			} else {
				add(RuleEmpty, 0, 0, "", 0, "has no text")
			}
		}
		if src != nil {
			if msg := unbalanced(src.Text, raw.Format); msg != "" {
				add(RuleUnbalancedTags, 0, 0, "", 0, "%s", msg)
			}
		}
		if l.MaxLines > 0 && len(lines) > l.MaxLines {
			add(RuleMaxLines, float64(len(lines)), float64(l.MaxLines), "lines", 0, "has %d lines, over the limit of %d", len(lines), l.MaxLines)
		}
		for j, ln := range lines {
			if w := timing.Width(ln, l.CJK); l.MaxChars > 0 && w > l.MaxChars {
				add(RuleMaxChars, w, l.MaxChars, "chars", j+1, "line %d is %g characters long, over the limit of %g: %s", j+1, w, l.MaxChars, quote(ln))
			}
		}
		if l.CJK {
			for j := 0; j+1 < len(lines); j++ {
				a, _ := utf8.DecodeLastRuneInString(lines[j])
				b, _ := utf8.DecodeRuneInString(lines[j+1])
				if alphabetic(a) && alphabetic(b) {
					add(RuleSplitWord, 0, 0, "", j+1, "the break after line %d falls between %q and %q: in CJK text it shows no space, so it reads as a word cut in two", j+1, tail(lines[j]), head(lines[j+1]))
				}
			}
		}
	}
}

// Words counts the words a guide that counts words sees: runs of
// non-space characters with a letter or digit in them.
func Words(text string) int {
	n := 0
	for _, f := range strings.Fields(text) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// alphabetic reports a letter or digit of a script written with spaces
// (not Han, kana or Hangul).
func alphabetic(r rune) bool {
	if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	return !(unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

// tail and head are the word around a break: the alphabetic run that ends
// s, and the one that starts it.
func tail(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !alphabetic(r) {
			break
		}
		i -= n
	}
	return s[i:]
}

func head(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !alphabetic(r) {
			break
		}
		i += n
	}
	return s[:i]
}

func fmtTime(d time.Duration) string { return timing.FormatDuration(d) }

// fmtDur writes a short duration in seconds, to the millisecond: "0.834s".
func fmtDur(d time.Duration) string { return timing.FormatSeconds(d) }

// quote quotes text for a message, cut to 40 characters.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:37]) + "..."
	}
	return fmt.Sprintf("%q", s)
}
