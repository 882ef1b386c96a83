package webvtt

import (
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/cuesettings"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// readWebVTT reads a WebVTT file with the W3C WebVTT parser algorithm
// (https://w3c.github.io/webvtt/#file-parsing): the same cues, ids, times,
// settings and cue text a browser reads, and what a browser drops (a cue
// whose timing line is malformed, a block that is neither cue, note, style
// nor region, a STYLE or REGION block after the first cue) reported as a
// Warning with its line number instead of lost silently.
//
// The only error is a missing signature: a *ParseError at line 1 wrapping
// ErrSyntax. text is decoded text; a leading BOM is ignored, NULs read as
// U+FFFD, and CR LF, CR and LF all end a line.
//
// What the Document gets:
//   - Header: what followed "WEBVTT" on line 1 (spaces and tabs after the
//     signature removed; often empty), then "\n" and each header line, e.g.
//     "\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000".
//   - Lang: from a "Language: TAG" header line or, as our writer puts it, a
//     "NOTE Language: TAG" block before the first cue; that note is not kept
//     in Notes, so that read and write agree.
//   - Notes: each NOTE block's text after "NOTE" and one space or tab ("NOTE
//     hi" is "hi"; "NOTE\nhi" is "\nhi"), Before the next cue's index.
//   - Styles (Format WebVTT, Name empty): the CSS lines after "STYLE".
//   - Regions (Format WebVTT): ID from the id setting, Text the settings
//     lines after "REGION".
//   - Cue.ID, Start, End; Settings as written with whitespace runs made one
//     space; Region, the id of the region the settings place the cue in
//     after the spec's rules (line, size and vertical take it out).
//   - Cue.Lines: the cue text parsed with the WebVTT cue text parsing rules
//     (vttSpanBuilder says how the node tree becomes spans), one Line for
//     each line of cue text.
func readWebVTT(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	var r vttReader
	return r.read(name, text)
}

// vttReader is one run of the WebVTT parser over one file.
type vttReader struct {
	s    string
	pos  int // the parser's position in s
	line int // lines of s before pos
	doc  *subtitle.Document
	ws   []subtitle.Warning
	// unlisted counts the warnings past maxVTTWarnings, from line
	// unlistedFrom on.
	unlisted, unlistedFrom int
	seenCue                bool
	regions                map[string]bool // ids of the REGION blocks read so far
	// rawText, when set (Sources, tests), is given each cue's timing line
	// and its text before cue text parsing.
	rawText func(cue, line int, text string)

	// Slabs the cues' lines and spans are cut from: a few allocations a
	// file instead of two a cue.
	lineSlab []subtitle.Line
	spanSlab []subtitle.Span
	sb       vttSpanBuilder
}

// maxVTTWarnings is the most warnings a file gets one by one; the rest
// are counted in one last warning. A file with more is not WebVTT, and a
// list of all would cost more than the reading.
const maxVTTWarnings = 1000

func (r *vttReader) warn(line int, format string, args ...any) {
	if len(r.ws) >= maxVTTWarnings {
		if r.unlisted++; r.unlisted == 1 {
			r.unlistedFrom = line
		}
		return
	}
	r.ws = append(r.ws, subtitle.Warning{Line: line, Message: fmt.Sprintf(format, args...)})
}

// read runs the parser over text; readWebVTT says what it gives.
func (r *vttReader) read(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	if strings.IndexByte(text, 0) >= 0 {
		text = strings.ReplaceAll(text, "\x00", "\ufffd")
	}
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	if !strings.HasPrefix(text, "WEBVTT") {
		return nil, nil, &subtitle.ParseError{File: name, Line: 1, Col: 1,
			Err: fmt.Errorf(`%w: not a WebVTT file: it must start with "WEBVTT"`, subtitle.ErrSyntax)}
	}
	if len(text) > 6 && text[6] != ' ' && text[6] != '\t' && text[6] != '\n' {
		return nil, nil, &subtitle.ParseError{File: name, Line: 1, Col: 7,
			Err: fmt.Errorf(`%w: not a WebVTT file: "WEBVTT" must be followed by a space, a tab or a line end`, subtitle.ErrSyntax)}
	}
	r.s = text
	r.doc = &subtitle.Document{}
	first, _ := r.readLine()
	header := strings.TrimLeft(first[6:], " \t")
	if r.pos < len(r.s) {
		if r.s[r.pos] != '\n' {
			b := r.collectBlock(true)
			if b.buf != "" {
				header += "\n" + b.buf
				r.headerLang(b.buf)
			}
		} else {
			r.pos++
			r.line++
		}
		r.skipNewlines()
	}
	r.doc.Header = header
	// Room for the cues: one a "-->", but no more than the shortest
	// timing line ("00:00.000 --> 00:00.000\n") fits, so that garbage does
	// not reserve much.
	r.doc.Cues = make([]subtitle.Cue, 0, min(strings.Count(r.s[r.pos:], "-->"), (len(r.s)-r.pos)/24+1))
	var afterArrow bool
	for r.pos < len(r.s) {
		b := r.collectBlock(false)
		r.block(&b, afterArrow)
		// A block that ends where a line with "-->" starts the next: the
		// next cue had no blank line before it, unless this block was a
		// failed timing line, already reported.
		afterArrow = b.arrowBreak && b.timingErr == ""
		r.skipNewlines()
	}
	if len(r.doc.Cues) == 0 {
		r.doc.Cues = nil
	}
	if r.unlisted > 0 {
		r.ws = append(r.ws, subtitle.Warning{Line: r.unlistedFrom,
			Message: fmt.Sprintf("%d more problems from here on, not listed", r.unlisted)})
	}
	return r.doc, r.ws, nil
}

// readLine returns the line at pos and moves past it and its LF; eof says
// the line ended at the end of the input instead.
func (r *vttReader) readLine() (line string, eof bool) {
	r.line++
	i := strings.IndexByte(r.s[r.pos:], '\n')
	if i < 0 {
		line = r.s[r.pos:]
		r.pos = len(r.s)
		return line, true
	}
	line = r.s[r.pos : r.pos+i]
	r.pos += i + 1
	return line, false
}

func (r *vttReader) skipNewlines() {
	for r.pos < len(r.s) && r.s[r.pos] == '\n' {
		r.pos++
		r.line++
	}
}

// headerLang takes Document.Lang from a "Language: TAG" header line.
func (r *vttReader) headerLang(lines string) {
	for _, l := range strings.Split(lines, "\n") {
		if tag, ok := languageLine(l); ok {
			r.doc.Lang = tag
			return
		}
	}
}

// languageLine reads "Language: TAG" (any case), as our writer's language
// note and some header lines have it.
func languageLine(s string) (string, bool) {
	if len(s) < 9 || !strings.EqualFold(s[:9], "language:") || strings.IndexByte(s, '\n') >= 0 {
		return "", false
	}
	tag := strings.Trim(s[9:], " \t")
	return tag, tag != ""
}

// Block kinds.
const (
	vttNone = iota
	vttCueBlock
	vttStyleBlock
	vttRegionBlock
)

// vttBlock is what "collect a WebVTT block" found.
type vttBlock struct {
	kind       int
	firstLine  int // line number of the block's first line
	lastLine   int // and of its last
	buf        string
	bufLine    int // line number of buf's first line
	cue        subtitle.Cue
	cueLine    int    // line number of the timing line
	timingErr  string // why the timing line failed; "" if none did
	timing     string // the timing line that failed
	arrowBreak bool   // the block ended before a line with "-->"
}

// collectBlock is the spec's "collect a WebVTT block". The buffer is kept
// as a substring of the input: its lines follow one another there, except
// after a failed timing line, when the buffer is not used.
func (r *vttReader) collectBlock(inHeader bool) (b vttBlock) {
	b.firstLine = r.line + 1
	lineCount := 0
	prevPos, prevLine := r.pos, r.line
	bufStart, bufEnd := -1, -1
	seenArrow := false
	for {
		start := r.pos
		line, eof := r.readLine()
		lineCount++
		if strings.Contains(line, "-->") {
			if inHeader || !(lineCount == 1 || lineCount == 2 && !seenArrow) {
				r.pos, r.line = prevPos, prevLine
				b.arrowBreak = true
				break
			}
			seenArrow = true
			prevPos, prevLine = r.pos, r.line
			b.cueLine, b.lastLine = r.line, r.line
			from, to, settings, err := parseVTTTiming(line)
			if err != "" {
				b.kind = vttNone
				b.timingErr, b.timing = err, line
			} else {
				b.kind = vttCueBlock
				b.cue = subtitle.Cue{Start: from, End: to, Settings: settings}
				if bufStart >= 0 {
					b.cue.ID = r.s[bufStart:bufEnd]
				}
				bufStart = -1
				r.seenCue = true
			}
		} else if line == "" {
			break
		} else {
			if !inHeader && lineCount == 2 && !r.seenCue && bufStart >= 0 {
				switch buf := r.s[bufStart:bufEnd]; {
				case keywordLine(buf, "STYLE"):
					b.kind = vttStyleBlock
					bufStart = -1
				case keywordLine(buf, "REGION"):
					b.kind = vttRegionBlock
					bufStart = -1
				}
			}
			if bufStart < 0 {
				bufStart, b.bufLine = start, r.line
			}
			bufEnd = start + len(line)
			prevPos, prevLine = r.pos, r.line
			b.lastLine = r.line
		}
		if eof {
			break
		}
	}
	if bufStart >= 0 {
		b.buf = r.s[bufStart:bufEnd]
	}
	return b
}

// keywordLine reports whether line is word followed by nothing but ASCII
// whitespace.
func keywordLine(line, word string) bool {
	rest, ok := strings.CutPrefix(line, word)
	return ok && strings.Trim(rest, " \t\n\f\r") == ""
}

// block keeps what collectBlock found, or warns about what it drops.
// afterArrow says the previous block ended at this block's first line
// because that line has "-->".
func (r *vttReader) block(b *vttBlock, afterArrow bool) {
	switch b.kind {
	case vttCueBlock:
		r.cue(b, afterArrow)
		return
	case vttStyleBlock:
		r.doc.Styles = append(r.doc.Styles, subtitle.Style{Format: subtitle.WebVTT, Text: b.buf})
		return
	case vttRegionBlock:
		v, bad, more := cuesettings.ParseRegion(b.buf)
		for _, m := range bad {
			r.warn(b.bufLine, "REGION setting %s ignored", m)
		}
		if more > 0 {
			r.warn(b.bufLine, "%d more REGION settings ignored", more)
		}
		if r.regions == nil {
			r.regions = map[string]bool{}
		}
		r.regions[v.ID] = true
		r.doc.Regions = append(r.doc.Regions, subtitle.Region{ID: v.ID, Format: subtitle.WebVTT, Text: b.buf})
		return
	}
	switch {
	case b.timingErr != "":
		why := ""
		if afterArrow && b.cueLine == b.firstLine {
			why = ` (a line with "-->" ends the block before it)`
		}
		r.warn(b.cueLine, "cue dropped: %s in timing line %s%s", b.timingErr, quoteShort(b.timing), why)
	case strings.HasPrefix(b.buf, "NOTE") && (len(b.buf) == 4 || b.buf[4] == ' ' || b.buf[4] == '\t' || b.buf[4] == '\n'):
		text := b.buf[4:]
		if text != "" && text[0] != '\n' {
			text = text[1:]
		}
		if tag, ok := languageLine(text); ok && r.doc.Lang == "" && len(r.doc.Cues) == 0 {
			r.doc.Lang = tag
			return
		}
		r.doc.Notes = append(r.doc.Notes, subtitle.Note{Before: len(r.doc.Cues), Text: text})
	case keywordLine(firstLine(b.buf), "STYLE") || keywordLine(firstLine(b.buf), "REGION"):
		kw := strings.TrimRight(firstLine(b.buf), " \t\f")
		if r.seenCue {
			r.warn(b.firstLine, "%s block after the first cue ignored: WebVTT allows it only before the cues", kw)
		} else {
			r.warn(b.firstLine, "empty %s block ignored", kw)
		}
	default:
		to := ""
		if b.lastLine > b.firstLine {
			to = fmt.Sprintf(" (to line %d)", b.lastLine)
		}
		r.warn(b.firstLine, "block dropped%s: %s is not a cue, NOTE, STYLE or REGION", to, quoteShort(firstLine(b.buf)))
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// quoteShort quotes s for a message, cut to 60 characters.
func quoteShort(s string) string {
	if len(s) > 60 {
		cut := 57
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return strconv.Quote(s)
}

// cue adds a cue block's cue.
func (r *vttReader) cue(b *vttBlock, afterArrow bool) {
	c := b.cue
	if afterArrow && b.cueLine == b.firstLine {
		r.warn(b.cueLine, "no blank line before this cue's timing line")
	}
	if c.End < c.Start {
		r.warn(b.cueLine, "cue ends (%s) before it starts (%s)", textout.AppendTimestamp(nil, c.End, '.'), textout.AppendTimestamp(nil, c.Start, '.'))
	}
	if c.Settings != "" {
		v, bad, more := cuesettings.Parse(c.Settings, r.regions)
		for _, m := range bad {
			r.warn(b.cueLine, "cue setting %s ignored", m)
		}
		if more > 0 {
			r.warn(b.cueLine, "%d more cue settings ignored", more)
		}
		if v.HasRegion {
			c.Region = v.Region
		}
	}
	if r.rawText != nil {
		r.rawText(len(r.doc.Cues), b.cueLine, b.buf)
	}
	c.Lines = r.cueLines(b.buf, b.bufLine)
	r.doc.Cues = append(r.doc.Cues, c)
}

func (r *vttReader) takeSpans(n int) []subtitle.Span {
	if len(r.spanSlab) < n {
		r.spanSlab = make([]subtitle.Span, max(n, 2048))
	}
	s := r.spanSlab[:n:n]
	r.spanSlab = r.spanSlab[n:]
	return s
}

func (r *vttReader) takeLines(n int) []subtitle.Line {
	if len(r.lineSlab) < n {
		r.lineSlab = make([]subtitle.Line, max(n, 2048))
	}
	l := r.lineSlab[:n:n]
	r.lineSlab = r.lineSlab[n:]
	return l
}

// cueLines parses cue text into lines. Text without markup or character
// references takes a short way: each line one span, a substring of the
// input.
func (r *vttReader) cueLines(text string, line int) []subtitle.Line {
	if text == "" {
		return nil
	}
	if strings.IndexByte(text, '<') < 0 && strings.IndexByte(text, '&') < 0 {
		n := strings.Count(text, "\n") + 1
		lines, spans := r.takeLines(n), r.takeSpans(n)
		for i := range n {
			part := text
			if j := strings.IndexByte(text, '\n'); j >= 0 {
				part, text = text[:j], text[j+1:]
			}
			spans[i].Text = part
			lines[i] = spans[i : i+1 : i+1]
		}
		return lines
	}
	sb := &r.sb
	sb.reset()
	ignored, first := parseVTTCueText(text, sb, &sb.kinds)
	sb.finish()
	if ignored > 0 {
		tag := text[first:]
		if end := strings.IndexAny(tag, ">\n"); end >= 0 {
			tag = tag[:end+1]
		}
		what := "tag " + quoteShort(strings.TrimSuffix(tag, "\n")) + " is"
		if ignored > 1 {
			what = fmt.Sprintf("tag %s and %d more are", quoteShort(strings.TrimSuffix(tag, "\n")), ignored-1)
		}
		r.warn(line+strings.Count(text[:first], "\n"), "%s not WebVTT: dropped (to show \"<\" write \"&lt;\")", what)
	}
	if sb.rubyWarn {
		r.warn(line, "ruby text over differently styled text kept on its last part")
	}
	if sb.classWarn {
		r.warn(line, "classes past the first %d on a span dropped", maxVTTClasses)
	}
	lines, spans := r.takeLines(len(sb.ends)), r.takeSpans(len(sb.spans))
	copy(spans, sb.spans)
	start := 0
	for i, end := range sb.ends {
		if end > start {
			lines[i] = spans[start:end:end]
		}
		start = end
	}
	return lines
}

// parseVTTTiming reads a cue timing line: start, "-->", end, settings
// (collect WebVTT cue timings and settings). err says what is wrong, ""
// for nothing.
func parseVTTTiming(line string) (start, end time.Duration, settings string, err string) {
	i := skipVTTSpace(line, 0)
	start, i, err = vttTimestamp(line, i)
	if err != "" {
		return 0, 0, "", "start time " + err
	}
	i = skipVTTSpace(line, i)
	if !strings.HasPrefix(line[i:], "-->") {
		return 0, 0, "", `no "-->" after the start time`
	}
	i = skipVTTSpace(line, i+3)
	end, i, err = vttTimestamp(line, i)
	if err != "" {
		return 0, 0, "", "end time " + err
	}
	return start, end, normalizeVTTSpace(line[i:]), ""
}

func isVTTSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func skipVTTSpace(s string, i int) int {
	for i < len(s) && isVTTSpace(s[i]) {
		i++
	}
	return i
}

// normalizeVTTSpace trims ASCII whitespace and makes each run of it one
// space; it returns s itself when it is already so.
func normalizeVTTSpace(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; isVTTSpace(c) && (c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		if isVTTSpace(s[i]) {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, s[i])
	}
	return string(b)
}

// maxHours is the most hours a time.Duration holds.
const maxHours = int64(math.MaxInt64 / int64(time.Hour))

// vttTimestamp is "collect a WebVTT timestamp" at s[i:]: [hh:]mm:ss.ttt,
// hours of any number of digits, minutes and seconds of two. It returns
// the time and where it ended, or why it failed.
func vttTimestamp(s string, i int) (time.Duration, int, string) {
	digits := func() (v int64, n int) {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if n < 18 {
				v = v*10 + int64(s[i]-'0')
			} else {
				v = math.MaxInt64
			}
			i++
			n++
		}
		return v, n
	}
	if i >= len(s) || s[i] < '0' || s[i] > '9' {
		return 0, i, "missing"
	}
	v1, n := digits()
	hours := n != 2 || v1 > 59
	if i >= len(s) || s[i] != ':' {
		return 0, i, `has no ":" after its first number`
	}
	i++
	v2, n := digits()
	if n != 2 {
		return 0, i, "needs two-digit minutes and seconds"
	}
	var v3 int64
	if hours || i < len(s) && s[i] == ':' {
		if i >= len(s) || s[i] != ':' {
			return 0, i, "needs minutes and seconds after the hours"
		}
		i++
		if v3, n = digits(); n != 2 {
			return 0, i, "needs two-digit minutes and seconds"
		}
	} else {
		v1, v2, v3 = 0, v1, v2
	}
	if i >= len(s) || s[i] != '.' {
		return 0, i, `needs "." and three-digit milliseconds`
	}
	i++
	v4, n := digits()
	if n != 3 {
		return 0, i, "needs three-digit milliseconds"
	}
	if v2 > 59 || v3 > 59 {
		return 0, i, "has minutes or seconds over 59"
	}
	if v1 >= maxHours {
		return 0, i, "is out of range"
	}
	return time.Duration(v1)*time.Hour + time.Duration(v2)*time.Minute + time.Duration(v3)*time.Second +
		time.Duration(v4)*time.Millisecond, i, ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Cue text node kinds (WebVTT internal node objects).
type vttKind uint8

const (
	vttClass vttKind = iota + 1
	vttItalic
	vttBold
	vttUnderline
	vttRuby
	vttRubyText
	vttVoice
	vttLang
)

func vttKindOf(tag string) vttKind {
	switch tag {
	case "c":
		return vttClass
	case "i":
		return vttItalic
	case "b":
		return vttBold
	case "u":
		return vttUnderline
	case "ruby":
		return vttRuby
	case "rt":
		return vttRubyText
	case "v":
		return vttVoice
	case "lang":
		return vttLang
	}
	return 0
}

// vttSink receives the node tree the cue text parsing rules build, in
// document order: open makes a node the current one, close returns to its
// parent.
type vttSink interface {
	text(s string) // a text object: decoded, may hold line feeds
	// open attaches an internal node. classes are the tag's classes as
	// written, dot-separated (empty ones included); annotation is decoded,
	// trimmed and its whitespace runs made one space (v and lang only).
	open(k vttKind, classes, annotation string)
	close()
	timestamp(t time.Duration)
}

// parseVTTCueText runs the WebVTT cue text tokenizer and parsing rules
// (https://w3c.github.io/webvtt/#cue-text-parsing-rules) over s, giving the
// tree to sink. stack is scratch space for the open nodes. It returns the
// start and timestamp tags the rules ignore, which drop what they enclose
// ("<font color=red>", "< b" in "a < b"): how many, and the offset in s
// of the first (-1 for none).
func parseVTTCueText(s string, sink vttSink, stack *[]vttKind) (ignored, first int) {
	first = -1
	ignore := func(at int) {
		if ignored++; first < 0 {
			first = at
		}
	}
	open := (*stack)[:0]
	defer func() { *stack = open[:0] }()
	top := func() vttKind {
		if len(open) == 0 {
			return 0
		}
		return open[len(open)-1]
	}
	// upTo returns where a tag's value that starts at from ends: at the
	// next '>' or the end of s; and where parsing goes on.
	upTo := func(from int) (end, next int) {
		if q := strings.IndexByte(s[from:], '>'); q >= 0 {
			return from + q, from + q + 1
		}
		return len(s), len(s)
	}
	p := 0
	for p < len(s) {
		if s[p] != '<' {
			end := len(s)
			if q := strings.IndexByte(s[p:], '<'); q >= 0 {
				end = p + q
			}
			sink.text(decodeCharRefs(s[p:end]))
			p = end
			continue
		}
		tagStart := p
		p++
		if p >= len(s) {
			ignore(tagStart) // a start tag with no name
			break
		}
		switch c := s[p]; {
		case c == '/':
			end, next := upTo(p + 1)
			name := s[p+1 : end]
			p = next
			k := vttKindOf(name)
			switch {
			case k != 0 && k == top():
				open = open[:len(open)-1]
				sink.close()
			case k == vttRuby && top() == vttRubyText:
				open = open[:len(open)-2]
				sink.close()
				sink.close()
			}
		case isDigit(c):
			end, next := upTo(p)
			value := s[p:end]
			p = next
			if t, i, err := vttTimestamp(value, 0); err == "" && i == len(value) {
				sink.timestamp(t)
			} else {
				ignore(tagStart)
			}
		case c == '>':
			p++ // "<>", a start tag with no name
			ignore(tagStart)
		default:
			nameStart := p
			for p < len(s) && !isTagEnd(s[p]) && s[p] != '.' {
				p++
			}
			name := s[nameStart:p]
			var classes, annotation string
			if p < len(s) && s[p] == '.' {
				p++
				cs := p
				for p < len(s) && !isTagEnd(s[p]) {
					p++
				}
				classes = s[cs:p]
			}
			hasAnnotation := p < len(s) && s[p] != '>'
			if hasAnnotation {
				as := p + 1
				end, next := upTo(as)
				annotation = s[as:end]
				p = next
			} else if p < len(s) {
				p++ // '>'
			}
			k := vttKindOf(name)
			if k == 0 || k == vttRubyText && top() != vttRuby {
				ignore(tagStart)
				continue
			}
			if k == vttVoice || k == vttLang {
				annotation = normalizeVTTSpace(decodeCharRefs(annotation))
			}
			open = append(open, k)
			sink.open(k, classes, annotation)
		}
	}
	return ignored, first
}

// isTagEnd: the characters that end a tag name or its classes.
func isTagEnd(c byte) bool { return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\f' }

// decodeCharRefs replaces HTML character references in s as HTML reads
// them in text: numeric ones, and named ones from HTML's full table
// (through html.UnescapeString), with or without the semicolon where HTML
// allows that. An ampersand that starts no reference stays.
func decodeCharRefs(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i >= 0 {
		b = append(b, s[:i]...)
		s = s[i:]
		n := 0
		b, n = appendCharRef(b, s)
		if n == 0 {
			b = append(b, '&')
			n = 1
		}
		s = s[n:]
		i = strings.IndexByte(s, '&')
	}
	return string(append(b, s...))
}

// longestEntity is the length of HTML's longest named character
// reference with its semicolon ("&CounterClockwiseContourIntegral;").
const longestEntity = 33

// appendCharRef decodes the reference s starts with (s[0] == '&') onto b
// and says how many bytes it took, 0 when there is none.
func appendCharRef(b []byte, s string) ([]byte, int) {
	if len(s) > 1 && s[1] == '#' {
		j, base := 2, rune(10)
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			j, base = 3, 16
		}
		start := j
		var v rune
		for ; j < len(s); j++ {
			d := rune(-1)
			switch c := s[j]; {
			case c >= '0' && c <= '9':
				d = rune(c - '0')
			case base == 16 && c >= 'a' && c <= 'f':
				d = rune(c-'a') + 10
			case base == 16 && c >= 'A' && c <= 'F':
				d = rune(c-'A') + 10
			}
			if d < 0 {
				break
			}
			if v = v*base + d; v > utf8.MaxRune {
				v = utf8.MaxRune + 1
			}
		}
		if j == start {
			return b, 0
		}
		if j < len(s) && s[j] == ';' {
			j++
		}
		switch {
		case v == 0 || v > utf8.MaxRune || v >= 0xD800 && v <= 0xDFFF:
			v = utf8.RuneError
		case v >= 0x80 && v <= 0x9F:
			if w := cp1252[v-0x80]; w != 0 {
				v = w
			}
		}
		return utf8.AppendRune(b, v), j
	}
	j := 1
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || isDigit(s[j])) {
		j++
	}
	if j == 1 {
		return b, 0
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	cand := s[:min(j, 1+longestEntity)]
	dec := html.UnescapeString(cand)
	if dec == cand {
		return b, 0
	}
	return append(b, dec...), len(cand)
}

// cp1252 is how HTML reads numeric references to the C1 controls
// (0x80–0x9F): as Windows-1252 characters, where it has one.
var cp1252 = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// vttSpanBuilder turns the cue text node tree into lines of spans:
//   - text under <i>, <b>, <u> is Italic, Bold, Underline;
//   - <c> and any tag's classes are Classes, outer ones first, except the
//     WebVTT color classes (white, lime, cyan, red, yellow, magenta, blue,
//     black), which set Color (the last one wins, as in rendering);
//   - <v> sets Voice and <lang> Lang, the innermost one counting;
//   - the text of <rt> is the Ruby of the ruby base before it (a base of
//     several differently styled spans keeps it on its last span);
//   - a timestamp tag sets At and Timed on the span after it (one with no
//     text after it becomes an empty span);
//   - line feeds start new lines; adjacent spans of the same style merge.
//
// A span keeps at most maxVTTClasses classes, so that deeply nested <c>
// tags cannot make the document quadratic in the input. Spans under the
// same tags share one Classes slice (capacity capped: appending copies).
type vttSpanBuilder struct {
	spans []subtitle.Span
	ends  []int // spans[ends[i-1]:ends[i]] is line i
	kinds []vttKind

	frames                  []vttFrame
	italic, bold, underline int
	voices, langs           []string
	classes                 []vttClasses
	rubies                  []int // index in spans where each open ruby's base starts
	rtDepth                 int
	rt                      []byte
	at                      time.Duration
	timed                   bool
	noMerge                 bool
	// tail holds the text of the last span while more text merges into
	// it (tailed), so that many small pieces join in linear time.
	tail                []byte
	tailed              bool
	rubyWarn, classWarn bool
}

// maxVTTClasses is the most classes a span keeps.
const maxVTTClasses = 32

type vttFrame struct {
	kind     vttKind
	classes  bool // pushed onto classes
	rubyBase bool // pushed onto rubies
}

type vttClasses struct {
	names []string
	color string
}

func (b *vttSpanBuilder) reset() {
	b.spans, b.ends, b.frames = b.spans[:0], b.ends[:0], b.frames[:0]
	b.italic, b.bold, b.underline = 0, 0, 0
	b.voices, b.langs, b.classes, b.rubies = b.voices[:0], b.langs[:0], b.classes[:0], b.rubies[:0]
	b.rtDepth, b.timed, b.noMerge, b.tailed, b.rubyWarn, b.classWarn = 0, false, false, false, false, false
}

// flush gives the last span the text merged into it.
func (b *vttSpanBuilder) flush() {
	if b.tailed {
		b.spans[len(b.spans)-1].Text = string(b.tail)
		b.tailed = false
	}
}

func (b *vttSpanBuilder) style() subtitle.Span {
	var s subtitle.Span
	s.Italic, s.Bold, s.Underline = b.italic > 0, b.bold > 0, b.underline > 0
	if n := len(b.voices); n > 0 {
		s.Voice = b.voices[n-1]
	}
	if n := len(b.langs); n > 0 {
		s.Lang = b.langs[n-1]
	}
	if n := len(b.classes); n > 0 {
		s.Classes, s.Color = b.classes[n-1].names, b.classes[n-1].color
	}
	return s
}

func (b *vttSpanBuilder) open(k vttKind, classes, annotation string) {
	f := vttFrame{kind: k}
	if strings.Trim(classes, ".") != "" {
		var outer vttClasses
		if n := len(b.classes); n > 0 {
			outer = b.classes[n-1]
		}
		c := vttClasses{names: outer.names[:len(outer.names):len(outer.names)], color: outer.color}
		for name := range strings.SplitSeq(classes, ".") {
			switch {
			case name == "" || slices.Contains(c.names, name):
			case vttColorClasses[name]:
				c.color = name
			case len(c.names) == maxVTTClasses:
				b.classWarn = true
			default:
				c.names = append(c.names, name)
			}
		}
		b.classes = append(b.classes, c)
		f.classes = true
	}
	switch k {
	case vttItalic:
		b.italic++
	case vttBold:
		b.bold++
	case vttUnderline:
		b.underline++
	case vttVoice:
		b.voices = append(b.voices, annotation)
	case vttLang:
		b.langs = append(b.langs, annotation)
	case vttRuby:
		if b.rtDepth == 0 {
			b.rubies = append(b.rubies, len(b.spans))
			f.rubyBase = true
			b.noMerge = true
		}
	case vttRubyText:
		if b.rtDepth == 0 {
			b.rt = b.rt[:0]
		}
		b.rtDepth++
	}
	b.frames = append(b.frames, f)
}

func (b *vttSpanBuilder) close() {
	f := b.frames[len(b.frames)-1]
	b.frames = b.frames[:len(b.frames)-1]
	if f.classes {
		b.classes = b.classes[:len(b.classes)-1]
	}
	switch f.kind {
	case vttItalic:
		b.italic--
	case vttBold:
		b.bold--
	case vttUnderline:
		b.underline--
	case vttVoice:
		b.voices = b.voices[:len(b.voices)-1]
	case vttLang:
		b.langs = b.langs[:len(b.langs)-1]
	case vttRuby:
		if f.rubyBase {
			b.rubies = b.rubies[:len(b.rubies)-1]
			b.noMerge = true
		}
	case vttRubyText:
		if b.rtDepth--; b.rtDepth == 0 {
			b.annotate()
		}
	}
}

// annotate gives the text of the <rt> just closed to its ruby base; the
// next base starts after it.
func (b *vttSpanBuilder) annotate() {
	n := len(b.rubies)
	if n == 0 {
		return
	}
	if len(b.rt) > 0 {
		switch base := b.rubies[n-1]; len(b.spans) - base {
		case 0:
			s := b.style()
			s.Ruby = string(b.rt)
			b.flush()
			b.spans = append(b.spans, s)
		case 1:
			b.spans[base].Ruby = string(b.rt)
		default:
			b.spans[len(b.spans)-1].Ruby = string(b.rt)
			b.rubyWarn = true
		}
	}
	b.rubies[n-1] = len(b.spans)
	b.noMerge = true
}

func (b *vttSpanBuilder) text(s string) {
	if b.rtDepth > 0 {
		b.rt = append(b.rt, s...)
		return
	}
	for {
		part, rest, nl := strings.Cut(s, "\n")
		if part != "" {
			b.add(part)
		}
		if !nl {
			return
		}
		b.ends = append(b.ends, len(b.spans))
		b.noMerge = true
		s = rest
	}
}

// add appends a span of the current style, or extends the last one.
func (b *vttSpanBuilder) add(text string) {
	s := b.style()
	s.Text = text
	if b.timed {
		s.At, s.Timed, b.timed = b.at, true, false
	}
	lineStart := 0
	if n := len(b.ends); n > 0 {
		lineStart = b.ends[n-1]
	}
	if n := len(b.spans); !b.noMerge && n > lineStart && !s.Timed && sameStyle(b.spans[n-1], s) {
		if !b.tailed {
			b.tail = append(b.tail[:0], b.spans[n-1].Text...)
			b.tailed = true
		}
		b.tail = append(b.tail, text...)
		return
	}
	b.flush()
	b.spans = append(b.spans, s)
	b.noMerge = false
}

func (b *vttSpanBuilder) timestamp(t time.Duration) {
	if b.rtDepth > 0 {
		return
	}
	if b.timed {
		b.add("")
	}
	b.at, b.timed = t, true
}

// finish closes what the cue text left open and ends the last line.
func (b *vttSpanBuilder) finish() {
	for len(b.frames) > 0 {
		b.close()
	}
	if b.timed {
		b.add("")
	}
	b.flush()
	b.ends = append(b.ends, len(b.spans))
}

// sameStyle reports whether two spans differ in nothing but text and
// timestamp, and neither carries ruby text.
func sameStyle(a, b subtitle.Span) bool {
	if a.Italic != b.Italic || a.Bold != b.Bold || a.Underline != b.Underline || a.Color != b.Color ||
		a.Voice != b.Voice || a.Lang != b.Lang || a.Ruby != "" || b.Ruby != "" || len(a.Classes) != len(b.Classes) {
		return false
	}
	for i := range a.Classes {
		if a.Classes[i] != b.Classes[i] {
			return false
		}
	}
	return true
}
