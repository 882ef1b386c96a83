package timing

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// Pauses the estimator puts between captions, on top of the time their
// words take. They are typical of read narration: a breath between
// caption lines, longer at a sentence end and longest at a paragraph break
// (a blank line in the transcript). Between the parts of a split line the
// pause is the clause pause after a comma-like mark and only the minimum
// gap otherwise.
const (
	PauseClause    = 150 * time.Millisecond
	PauseLine      = 400 * time.Millisecond
	PauseSentence  = 600 * time.Millisecond
	PauseParagraph = 1200 * time.Millisecond
)

// Options tell Estimate what it times and how.
type Options struct {
	Profile Profile
	Rules   Rules
	// Duration is the video's length. The captions are fitted to end at it.
	// Zero means unknown: the captions are placed at CPS instead.
	Duration time.Duration
	// Start is when the first caption starts.
	Start time.Duration
	// CPS is the speaking rate, in characters a second as SpeechChars counts
	// them, pauses included, used when Duration is zero. Zero means the
	// profile's SpeechCPS.
	CPS float64
	// Segmenter cuts text into words for splitting and wrapping; nil means
	// SimpleSegmenter.
	Segmenter Segmenter
}

// Caption is one timed caption made from (part of) a transcript line.
type Caption struct {
	Start, End time.Duration
	Lines      []string
	Line       int // the transcript line it comes from
	// Weight is the caption's spoken length (see Weight) and Pause the
	// nominal pause before it (PauseLine, PauseClause, ...; 0 for the
	// first), for aligners that place captions by other means.
	Weight float64
	Pause  time.Duration
}

// Text returns the caption's lines joined with a space (CJK: no space).
func (c Caption) Text(cjk bool) string { return CaptionText(c.Lines, cjk) }

// joinCJK joins lines without a space unless both sides are alphabetic.
func joinCJK(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			a, _ := utf8.DecodeLastRuneInString(lines[i-1])
			z, _ := utf8.DecodeRuneInString(l)
			if !isWideScript(a) && !isWideScript(z) && isWordRune(a) && isWordRune(z) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// Warning is something about a caption a person should look at.
type Warning struct {
	Caption int // number of the caption, from 1
	Start   time.Duration
	Line    int // transcript line
	Message string
}

func (w Warning) String() string {
	return fmt.Sprintf("caption %d (%s, transcript line %d): %s", w.Caption, FormatDuration(w.Start), w.Line, w.Message)
}

// Result is what Estimate makes.
type Result struct {
	Captions []Caption
	Warnings []Warning
	// Rate is the fitted speaking rate in weight units (about syllables) a
	// second of caption time, pauses excluded.
	Rate float64
}

// ShortfallError says the video is too short for the transcript under the
// rules: every caption at its minimum duration with the minimum gaps would
// still run past the end.
type ShortfallError struct {
	Need, Have time.Duration
	Captions   int
}

func (e *ShortfallError) Error() string {
	return fmt.Sprintf("%d captions need at least %s at the minimum duration and gap, but only %s is available (%s short)",
		e.Captions, FormatDuration(e.Need), FormatDuration(e.Have), FormatDuration(e.Need-e.Have))
}

// chunk is a caption before timing.
type chunk struct {
	text   string
	lines  []string // text wrapped, when the split kept it
	weight float64
	pause  time.Duration // nominal pause before it
	line   int           // index into the lines
}

// Estimate times the transcript lines.
//
// Each line becomes one caption, or several when it is wider than
// MaxChars × MaxLines or would last longer than Max; each caption is then
// wrapped into at most MaxLines lines. With a Duration, every caption gets
// time in proportion to its Weight at one fitted speaking rate, with the
// pauses above between captions, so that the last caption ends at
// Duration; without one the span is the transcript's SpeechChars at CPS.
// Every caption lasts at least Min and at most Max and the gap between two
// captions is at least Gap. Times are whole milliseconds. A byte that is
// not UTF-8 is taken as U+FFFD: a break between two such bytes cannot
// make a character of them that the transcript did not have.
func Estimate(lines []Line, o Options) (*Result, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	// Times are whole milliseconds: the video's end rounds down so that no
	// caption ends after it.
	o.Duration = o.Duration.Truncate(time.Millisecond)
	o.Start = o.Start.Round(time.Millisecond)
	if o.Duration > 0 && o.Duration <= o.Start {
		return nil, fmt.Errorf("start %s is not before the end of the video %s", FormatDuration(o.Start), FormatDuration(o.Duration))
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("no lines to time")
	}
	lines = validLines(lines)
	seg := o.Segmenter
	if seg == nil {
		seg = SimpleSegmenter{}
	}
	cjk := o.Profile.CJK
	span := o.Duration - o.Start
	if o.Duration == 0 {
		cps := o.CPS
		if cps == 0 {
			cps = o.Profile.SpeechCPS
		}
		chars := 0
		for _, l := range lines {
			chars += SpeechChars(l.Text, cjk)
		}
		span = time.Duration(float64(chars) / cps * float64(time.Second))
	}
	capWidth := float64(o.Rules.MaxChars * o.Rules.MaxLines)
	tokens := make([][]string, len(lines))
	for i, l := range lines {
		tokens[i] = seg.Segment(l.Text)
	}
	parts := make([]int, len(lines)) // least number of captions for each line
	// A line's parts are kept from round to round while its number of
	// parts stays and they wrap within the limits: only the lines a round
	// splits further are split again.
	split := make([][]string, len(lines))
	splitAt := make([]int, len(lines))
	wrapped := make([][][]string, len(lines)) // split[i]'s parts wrapped
	var chunks []chunk
	var f fit
	for round := 0; ; round++ {
		chunks = chunks[:0]
		for i, l := range lines {
			ps, ws := split[i], wrapped[i]
			if ps == nil || splitAt[i] != parts[i] {
				ps = splitTokens(seg, tokens[i], capWidth, max(parts[i], 1), cjk)
				// A part that fits the width in total may still not wrap into
				// MaxLines lines without breaking a word: cut it finer.
				ws = wrapsWithin(ps, seg, o.Rules, cjk)
				for extra := 0; extra < maxExtraPieces && ws == nil; extra++ {
					parts[i] = len(ps) + 1
					ps = splitTokens(seg, tokens[i], capWidth, parts[i], cjk)
					ws = wrapsWithin(ps, seg, o.Rules, cjk)
				}
				split[i], splitAt[i], wrapped[i] = nil, 0, nil
				if ws != nil {
					split[i], splitAt[i], wrapped[i] = ps, parts[i], ws
				}
			}
			for k, p := range ps {
				c := chunk{text: p, weight: WeightIn(p, cjk), line: i}
				if ws != nil {
					c.lines = ws[k]
				}
				switch {
				case k > 0:
					c.pause = pauseAfterPart(ps[k-1])
				case i == 0:
					c.pause = 0
				case l.Para:
					c.pause = PauseParagraph
				case endsSentence(lines[i-1].Text):
					c.pause = PauseSentence
				default:
					c.pause = PauseLine
				}
				chunks = append(chunks, c)
			}
		}
		if o.Duration == 0 {
			// No video to fit: a transcript too short for its captions at
			// the minimum duration takes the time they need.
			span = max(span, minimumSpan(chunks, o.Rules))
		}
		var err error
		f, err = solve(chunks, span, o.Rules)
		if err != nil {
			return nil, err
		}
		// Lines whose captions would last longer than Max are split further.
		// The chunks come in line order: one pass sums each line's.
		again := false
		k := 0
		for i := range lines {
			total, n := 0.0, 0
			for ; k < len(chunks) && chunks[k].line == i; k++ {
				total += chunks[k].weight / f.rate
				n++
			}
			want := int(math.Ceil(total / o.Rules.Max.Seconds()))
			if want > n && n < countBreakable(tokens[i]) {
				parts[i] = max(want, n+1)
				again = true
			}
		}
		if !again || round >= 4 {
			break
		}
	}
	res := &Result{Rate: f.rate}
	// Place the captions in whole milliseconds. Starts and ends are rounded
	// from the exact timeline; rounding is monotone and the minimum
	// duration and gap are whole milliseconds, so the rules survive it. A
	// gap that floating-point error made a millisecond short is restored,
	// and a backward pass pulls back whatever that pushed past the end.
	minMS := o.Rules.Min.Milliseconds()
	gapMS := o.Rules.Gap.Milliseconds()
	t := float64(o.Start.Milliseconds())
	var prevEnd int64
	for i, c := range chunks {
		if i > 0 {
			t += float64(f.pause(c.pause).Milliseconds())
		}
		slot := max(1000*c.weight/f.rate, float64(minMS))
		start := int64(math.Round(t))
		if i > 0 && start < prevEnd+gapMS {
			start = prevEnd + gapMS
		}
		maxMS := o.Rules.Max.Milliseconds()
		end := int64(math.Round(t + min(slot, float64(maxMS))))
		end = min(max(end, start+minMS), start+maxMS)
		if c.lines == nil {
			c.lines = Wrap(c.text, seg, o.Rules.MaxChars, o.Rules.MaxLines, cjk)
		}
		res.Captions = append(res.Captions, Caption{
			Start:  time.Duration(start) * time.Millisecond,
			End:    time.Duration(end) * time.Millisecond,
			Lines:  c.lines,
			Line:   lines[c.line].Num,
			Weight: c.weight,
			Pause:  c.pause,
		})
		prevEnd = end
		t += slot
	}
	if o.Duration > 0 {
		limit := o.Duration
		for i := len(res.Captions) - 1; i >= 0; i-- {
			c := &res.Captions[i]
			if c.End <= limit {
				break
			}
			shift := min(c.End-limit, c.Start-o.Start)
			c.Start -= shift
			c.End -= shift
			limit = c.Start - o.Rules.Gap
		}
	}
	res.Warnings = o.check2(res.Captions)
	return res, nil
}

func roundMS(sec float64) time.Duration {
	return time.Duration(math.Round(sec*1000)) * time.Millisecond
}

func (o Options) check() error {
	r := o.Rules
	switch {
	case r.Min <= 0 || r.Max <= 0:
		return fmt.Errorf("minimum and maximum caption durations must be positive")
	case r.Min > r.Max:
		return fmt.Errorf("minimum caption duration %s is over the maximum %s", FormatDuration(r.Min), FormatDuration(r.Max))
	case r.Gap < 0:
		return fmt.Errorf("gap between captions cannot be negative")
	case r.MaxChars < 1 || r.MaxLines < 1:
		return fmt.Errorf("line limits must be at least 1")
	case o.Start < 0:
		return fmt.Errorf("start time cannot be negative")
	case o.Duration < 0:
		return fmt.Errorf("duration cannot be negative")
	case o.Duration > 0 && o.Duration <= o.Start:
		return fmt.Errorf("start %s is not before the end of the video %s", FormatDuration(o.Start), FormatDuration(o.Duration))
	case o.CPS < 0 || math.IsNaN(o.CPS) || math.IsInf(o.CPS, 0):
		return fmt.Errorf("characters per second must be positive")
	case o.Duration == 0 && o.CPS == 0 && o.Profile.SpeechCPS <= 0:
		return fmt.Errorf("no duration and no speaking rate")
	}
	return nil
}

// Warnings lists what a person should look at in captions timed by other
// means: reading speed over the profile's ceiling, lines too wide.
func (o Options) Warnings(cs []Caption) []Warning { return o.check2(cs) }

// check2 lists what a person should look at in the timed captions.
func (o Options) check2(cs []Caption) []Warning {
	var ws []Warning
	for i, c := range cs {
		text := c.Text(o.Profile.CJK)
		d := (c.End - c.Start).Seconds()
		if d > 0 && o.Profile.ReadingCPS > 0 {
			cps := ReadingChars(text, o.Profile.CJK) / d
			if cps > o.Profile.ReadingCPS+1e-9 {
				ws = append(ws, Warning{Caption: i + 1, Start: c.Start, Line: c.Line,
					Message: fmt.Sprintf("reading speed %.1f characters/s is over the %s limit of %g", cps, o.Profile.Lang, o.Profile.ReadingCPS)})
			}
		}
		for _, l := range c.Lines {
			if w := Width(l, o.Profile.CJK); w > float64(o.Rules.MaxChars) {
				ws = append(ws, Warning{Caption: i + 1, Start: c.Start, Line: c.Line,
					Message: fmt.Sprintf("line is %g characters wide, over the limit of %d, and has no place to break", w, o.Rules.MaxChars)})
			}
		}
	}
	return ws
}

func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " ”’」』）)\"'"))
	return strings.ContainsRune(sentenceEnders, r)
}

func pauseAfterPart(s string) time.Duration {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case strings.ContainsRune(sentenceEnders, r):
		return PauseSentence
	case strings.ContainsRune(clauseMarks, r):
		return PauseClause
	}
	return 0
}

// wrapsWithin wraps each part into the line limits, or returns nil when
// one does not fit them (a part that is one unbreakable word is taken as
// it is).
func wrapsWithin(parts []string, seg Segmenter, r Rules, cjk bool) [][]string {
	out := make([][]string, len(parts))
	for k, p := range parts {
		out[k] = Wrap(p, seg, r.MaxChars, r.MaxLines, cjk)
		for _, l := range out[k] {
			if Width(l, cjk) > float64(r.MaxChars) && countBreakable(seg.Segment(l)) > 1 {
				return nil
			}
		}
	}
	return out
}

// countBreakable is the most captions a line's tokens can make.
func countBreakable(tokens []string) int {
	n := 0
	for _, t := range tokens {
		if strings.TrimSpace(t) != "" {
			n++
		}
	}
	return n
}

// splitTokens is Split of the text of tokens, already cut by seg.
func splitTokens(seg Segmenter, tokens []string, limit float64, minParts int, cjk bool) []string {
	return split(seg, tokens, strings.Join(tokens, ""), limit, minParts, cjk)
}

// minimumSpan is the least time the chunks take: each at the minimum
// duration, the nominal pauses between them.
func minimumSpan(cs []chunk, r Rules) time.Duration {
	var d time.Duration
	for i, c := range cs {
		if i > 0 {
			d += max(c.pause, r.Gap)
		}
		d += r.Min
	}
	return d
}

// fit is a solution: the speaking rate and how much of the nominal pauses
// (above the minimum gap) is kept.
type fit struct {
	rate   float64 // weight units a second
	lambda float64 // 0..1 share of each pause above the gap
	gap    time.Duration
}

func (f fit) pause(nominal time.Duration) time.Duration {
	extra := nominal - f.gap
	if extra < 0 {
		extra = 0
	}
	return f.gap + time.Duration(f.lambda*float64(extra))
}

// solve finds the speaking rate that makes the captions and pauses fill
// span. When even the fastest sensible speech leaves no room for the
// nominal pauses, the pauses shrink toward the minimum gap first.
func solve(cs []chunk, span time.Duration, r Rules) (fit, error) {
	minS := r.Min.Seconds()
	total := func(f fit) float64 {
		s := 0.0
		for i, c := range cs {
			if i > 0 {
				s += f.pause(c.pause).Seconds()
			}
			s += math.Max(c.weight/f.rate, minS)
		}
		return s
	}
	have := span.Seconds()
	fastest := fit{rate: math.Inf(1), lambda: 0, gap: r.Gap}
	if need := total(fastest); need > have {
		return fit{}, &ShortfallError{Need: roundMS(need), Have: span, Captions: len(cs)}
	}
	f := fit{rate: math.Inf(1), lambda: 1, gap: r.Gap}
	if total(f) > have {
		// Not even the nominal pauses fit: shrink them until they do.
		lo, hi := 0.0, 1.0
		for k := 0; k < 60; k++ {
			mid := (lo + hi) / 2
			if total(fit{rate: math.Inf(1), lambda: mid, gap: r.Gap}) > have {
				hi = mid
			} else {
				lo = mid
			}
		}
		f.lambda = lo
	}
	// total falls as the rate rises; find the slowest rate that fits.
	lo, hi := 1e-6, 1.0
	for total(fit{rate: hi, lambda: f.lambda, gap: r.Gap}) > have {
		hi *= 2
		if hi > 1e12 {
			f.rate = hi
			return f, nil
		}
	}
	for k := 0; k < 100; k++ {
		mid := (lo + hi) / 2
		if total(fit{rate: mid, lambda: f.lambda, gap: r.Gap}) > have {
			lo = mid
		} else {
			hi = mid
		}
	}
	f.rate = hi
	return f, nil
}

// validLines returns lines with each byte that is not part of a UTF-8
// character replaced by U+FFFD (lines itself when all are valid).
func validLines(lines []Line) []Line {
	out := lines
	copied := false
	for i, l := range lines {
		if utf8.ValidString(l.Text) {
			continue
		}
		if !copied {
			out, copied = append([]Line(nil), lines...), true
		}
		var b strings.Builder
		for _, r := range l.Text {
			b.WriteRune(r) // an invalid byte ranges as utf8.RuneError
		}
		out[i].Text = b.String()
	}
	return out
}
