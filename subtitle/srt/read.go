package srt

// subkit's SubRip (SRT) reader. It keeps what real files hold and says
// what it cannot keep: no line-length limit, text after a blank line inside
// a cue stays in the cue, "-->" in text is text, entities are not decoded,
// and every place it guesses is a Warning with a line number.
//
// Read, encode (writeSRT) and read again give the same Document: the reader
// normalizes a line the way the writer would write it (edges trimmed as in
// textout.Lines, styles as spans), so writing cannot change what is read.

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// readSRT reads SRT text.
//
// A cue is an optional number line, a timing line, and text lines up to
// the next cue. Lines end in LF, CRLF or CR and may be of any length.
//
// The timing line is "HH:MM:SS,mmm --> HH:MM:SS,mmm"; it may use dots, one
// to three fraction digits, any number of hour digits or no hours
// (MM:SS,mmm), and extra spaces. Text after the end time (SRT coordinates
// "X1:... Y1:...", anything else) is ignored with a warning. A line is a
// timing line when its text, with the tags below applied, is one; any
// other line, even with "-->" in it, is text. Timing lines real files get
// wrong (a stray character after a time, no or four-digit milliseconds, a
// negative start) are repaired where the time is clear, with a warning
// naming the line; a line with "-->" between two garbled times drops its
// cue with a warning, and is never read as the text of the cue before
// (see lenientTiming).
//
// A blank line ends a cue's text only when a new cue follows (a timing
// line, or a number line and a timing line). Otherwise the text after it
// stays in the cue and the blank line is dropped with a warning, since SRT
// cannot carry it. Text before the first cue is skipped with a warning;
// a file with text but no cue is a *ParseError wrapping ErrSyntax. Missing,
// wrong or repeated cue numbers, and cues that end before they start, are
// kept and warned about.
//
// Text is kept byte for byte but for the edges of each line, which are
// trimmed of white space as the writers trim them, and lines of nothing
// but white space or empty markup, which are dropped. <i>, <b>, <u> and
// <font color="..."> (any case, nested, open across lines until closed or
// the cue ends, as players show them) become span styles; a color
// csscolor reads is kept as written, hex digits without "#" get one (as
// ffmpeg reads them), and any other value is ignored with a warning naming
// its line (see fontColor). Other tags and closing tags with nothing open to close
// are kept as text, and warned about once a file. ASS override blocks
// ({\...}) and MicroDVD codes ({Y:i}, {c:$0000FF}) are dropped, as
// players hide them: the first {\anN} of a cue, wherever it stands, sets
// Cue.Align; the others are warned about once a file. The ASS codes
// libass applies in SRT text are applied: \N breaks the line, \n is a
// space, \h a no-break space (see lineCodes). HTML entities are not
// decoded: players show them as written.
func readSRT(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	return readSRTFrom(name, text, 0)
}

// readSRTFrom reads a piece of an SRT file whose first cue is cue
// before+1 of the file, so that cue numbers are checked against the file.
func readSRTFrom(name, text string, before int) (*subtitle.Document, []subtitle.Warning, error) {
	return readSRTReusing(name, text, before, nil)
}

// srtMemory is the memory of a document read before, for the next read
// to reuse when that document is no longer wanted: StreamSRT reads a
// file's pieces one after another into the same memory.
type srtMemory struct {
	cues  []subtitle.Cue
	spans slab[subtitle.Span]
	lines slab[subtitle.Line]
}

func (s *slab[T]) reset() { s.buf, s.start, s.n = s.buf[:0], 0, 0 }

// readSRTReusing is readSRTFrom reading into mem (nil: new memory). The
// document it returns lives in mem until the next read into mem.
func readSRTReusing(name, text string, before int, mem *srtMemory) (*subtitle.Document, []subtitle.Warning, error) {
	d, ws, _, err := readSRTWith(name, text, before, mem, false)
	return d, ws, err
}

// readSRTWith is readSRTReusing that also returns the cues' sources when
// keepSources is set.
func readSRTWith(name, text string, before int, mem *srtMemory, keepSources bool) (*subtitle.Document, []subtitle.Warning, []subtitle.CueSource, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	r := &srtReader{text: text, sc: lineScanner{s: text, lf: -1, cr: -1}, cue: -1, numBase: before, keepSources: keepSources}
	if mem != nil {
		r.cues, r.spans, r.lines = mem.cues[:0], mem.spans, mem.lines
		r.spans.reset()
		r.lines.reset()
		defer func() { mem.cues, mem.spans, mem.lines = r.cues, r.spans, r.lines }()
	}
	r.read()
	if len(r.cues) == 0 && r.skipN > 0 {
		return nil, nil, nil, &subtitle.ParseError{File: name, Line: r.skipFirst, Err: fmt.Errorf("%w: no SRT cue found", subtitle.ErrSyntax)}
	}
	return &subtitle.Document{Cues: r.cues}, r.warnings(), r.sources, nil
}

// lineScanner splits text into lines ended by LF, CRLF or CR.
type lineScanner struct {
	s      string
	pos    int // where the next line starts
	lf, cr int // the first '\n' and '\r' at or after pos (len(s) if none); -1 before the first search
	n      int // the number of the line last returned, from 1
}

func (sc *lineScanner) next() (string, bool) {
	if sc.pos >= len(sc.s) {
		return "", false
	}
	if sc.lf < sc.pos {
		sc.lf = indexFrom(sc.s, sc.pos, '\n')
	}
	if sc.cr < sc.pos {
		sc.cr = indexFrom(sc.s, sc.pos, '\r')
	}
	var line string
	switch {
	case sc.lf < sc.cr:
		line, sc.pos = sc.s[sc.pos:sc.lf], sc.lf+1
	case sc.cr+1 == sc.lf: // CR LF
		line, sc.pos = sc.s[sc.pos:sc.cr], sc.lf+1
	default:
		line, sc.pos = sc.s[sc.pos:sc.cr], sc.cr+1
	}
	sc.n++
	return line, true
}

// indexFrom returns the index of the first c in s at or after i, or len(s).
func indexFrom(s string, i int, c byte) int {
	if j := strings.IndexByte(s[i:], c); j >= 0 {
		return i + j
	}
	return len(s)
}

// srtStyle is the markup open at a point of a cue's text.
type srtStyle struct {
	i, b, u int // open <i>, <b>, <u> tags
	// colors are the open <font> tags' colors. A <font> without a color
	// keeps the color around it, so in plain text all of them are "".
	colors []string
}

func (st *srtStyle) span(text string) subtitle.Span {
	var s subtitle.Span
	st.setSpan(&s, text)
	return s
}

// setSpan sets the fields of s the reader sets: text and style.
func (st *srtStyle) setSpan(s *subtitle.Span, text string) {
	s.Text, s.Italic, s.Bold, s.Underline, s.Color = text, st.i > 0, st.b > 0, st.u > 0, ""
	if n := len(st.colors); n > 0 {
		s.Color = st.colors[n-1]
	}
}

// srtSameStyle reports whether two spans have the same SRT style.
func srtSameStyle(a, b *subtitle.Span) bool {
	return a.Italic == b.Italic && a.Bold == b.Bold && a.Underline == b.Underline && a.Color == b.Color
}

// Warnings are counted by kind and reported once, at their first line.
// Text skipped before the first cue is reported on its own (see skip).
const (
	wNoNumber = iota
	wBadNumber
	wCoords
	wTrailing
	wTimingMarkup
	wEndBeforeStart
	wBlank
	wArrowText
	wTags
	wASS
	wMicroDVD
	wHardSpace
	wFontAttrs
	wBadColor
	numSRTWarnings
)

type srtWarning struct {
	line, count int
	detail      string
}

// noteLimit is how many distinct tags, ASS blocks or attribute names a
// warning lists.
const noteLimit = 5

type srtNotes struct {
	seen []string
	more bool
}

func (n *srtNotes) full() bool { return n.more }

func (n *srtNotes) add(s string) bool {
	if n.more {
		return false
	}
	for _, x := range n.seen {
		if strings.EqualFold(x, s) {
			return false
		}
	}
	if len(n.seen) == noteLimit {
		n.more = true
		return false
	}
	if len(s) > 40 {
		i := 40
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i] + "…"
	}
	n.seen = append(n.seen, s)
	return true
}

func (n *srtNotes) String() string {
	s := strings.Join(n.seen, ", ")
	if n.more {
		s += " and others"
	}
	return s
}

type srtReader struct {
	text  string
	sc    lineScanner
	cues  []subtitle.Cue
	cue   int // index of the cue being read; -1 before the first
	st    srtStyle
	spans slab[subtitle.Span] // the spans of all lines; the open part is the line being read
	lines slab[subtitle.Line] // the lines of all cues; the open part is the cue being read

	// The run of text being gathered for the line being read: pieces of
	// text in one style (see piece).
	pend      subtitle.Span
	pendSet   bool
	pendMulti bool   // pend.Text is in pendBuf
	pendBuf   []byte // the run's text when it has several pieces
	pendOpen  bool   // the run ends in a '<' with no '>' after it
	pendEnd   int    // where the run's last piece ends in the line
	pendDepth int    // len(st.colors) after the run's last piece

	scratch []byte // the text of a line, for telling timing lines

	numBase int // cues before this text in the file (see readSRTFrom)

	// sources, when keepSources is set (Sources), gets each cue's timing
	// line and text lines as written.
	sources     []subtitle.CueSource
	keepSources bool

	// dropping is set while the text of a cue whose timing line does not
	// read is skipped; dropped are the warnings naming the timing lines
	// repaired and the cues dropped (at most maxDropped, then a count).
	dropping                 bool
	dropped                  []subtitle.Warning
	droppedMore, droppedLast int

	warn                       [numSRTWarnings]srtWarning
	tags, ass, mdvd, fontAttrs srtNotes
	codeSpans                  []subtitle.Span // a line's spans while its ASS codes are applied (see lineCodes)
	skipFirst, skipLast, skipN int
}

func (r *srtReader) note(kind, line int, detail func() string) {
	w := &r.warn[kind]
	if w.count == 0 {
		w.line = line
		if detail != nil {
			w.detail = detail()
		}
	}
	w.count++
}

// want guesses how many more items like the done ones the rest of the
// input holds, from how many the input read so far held.
func (r *srtReader) want(done int) int {
	rest := len(r.text) - r.sc.pos
	if rest < 0 {
		rest = 0
	}
	if done == 0 || r.sc.pos <= 0 {
		return rest/64 + 8
	}
	n := int(int64(done) * int64(rest) / int64(r.sc.pos))
	return min(n+n/16+8, rest/2+8)
}

func (r *srtReader) read() {
	r.spans.want, r.lines.want = r.want, r.want
	blank := 0 // the first blank line since the last text line
	for {
		line, ok := r.sc.next()
		if !ok {
			break
		}
		line = trimSpace(line)
		if line == "" {
			if r.cue >= 0 && blank == 0 {
				blank = r.sc.n
			}
			continue
		}
		n := r.sc.n
		if t, ok := r.timing(line); ok {
			r.newCue(n, 0, "", t)
			blank = 0
			continue
		}
		if num, ok := numberLine(line); ok {
			save := r.sc
			if next, ok := r.sc.next(); ok {
				if t, ok := r.timing(trimSpace(next)); ok {
					r.newCue(r.sc.n, n, num, t)
					blank = 0
					continue
				}
			}
			r.sc = save
		}
		if r.dropping {
			continue
		}
		if r.cue < 0 {
			r.skip(n)
			continue
		}
		if blank > 0 {
			r.note(wBlank, blank, nil)
			blank = 0
		}
		r.textLine(line, n)
	}
	r.endCue()
}

func (r *srtReader) skip(n int) {
	if r.skipN == 0 {
		r.skipFirst = n
	}
	r.skipLast = n
	r.skipN++
}

// srtTiming is a parsed timing line.
type srtTiming struct {
	start, end time.Duration
	rest       string // text after the end time
	markup     bool   // tags had to be taken off to read it
	// repaired says what was wrong with a timing line read leniently;
	// broken is a line that looks like a timing line but does not read,
	// why it does not.
	repaired, broken string
}

// timing reads the trimmed line t as a timing line, with the markup open
// in the cue.
func (r *srtReader) timing(t string) (srtTiming, bool) {
	if t == "" {
		return srtTiming{}, false
	}
	if c := t[0]; c != '<' && c != '-' && (c < '0' || c > '9') {
		return srtTiming{}, false
	}
	if strings.IndexByte(t, '<') < 0 {
		if tm, ok := parseSRTTiming(t); ok {
			return tm, true
		}
		return lenientTiming(t)
	}
	if !strings.Contains(t, "-->") {
		return srtTiming{}, false
	}
	// The line's text as a text line would have it: read its markup, on a
	// copy of the style, and give back the spans.
	st := r.st
	st.colors = append([]string(nil), r.st.colors...)
	r.markup(t, &st, true)
	r.flush()
	r.scratch = r.scratch[:0]
	for _, sp := range r.spans.open() {
		r.scratch = append(r.scratch, sp.Text...)
	}
	r.spans.take(0, 0)
	tm, ok := parseSRTTiming(trimSpace(string(r.scratch)))
	if !ok {
		tm, ok = lenientTiming(trimSpace(string(r.scratch)))
	}
	tm.markup = true
	return tm, ok
}

// parseSRTTiming reads a trimmed timing line.
func parseSRTTiming(t string) (srtTiming, bool) {
	var tm srtTiming
	var n int
	var ok bool
	if tm.start, n, ok = srtTime(t); !ok {
		return tm, false
	}
	i := skipBlanks(t, n)
	if !strings.HasPrefix(t[i:], "-->") {
		return tm, false
	}
	i = skipBlanks(t, i+3)
	if tm.end, n, ok = srtTime(t[i:]); !ok {
		return tm, false
	}
	i += n
	if i < len(t) {
		if t[i] != ' ' && t[i] != '\t' {
			return tm, false
		}
		tm.rest = trimSpace(t[i:])
	}
	return tm, true
}

// maxDropped is how many repaired timing lines and dropped cues the
// warnings name one by one; the rest are counted.
const maxDropped = 20

// lineWarning adds a warning about a timing line, up to maxDropped.
func (r *srtReader) lineWarning(n int, msg string) {
	if len(r.dropped) < maxDropped {
		r.dropped = append(r.dropped, subtitle.Warning{Line: n, Message: msg})
	} else {
		r.droppedMore++
		r.droppedLast = n
	}
}

// lenientTiming reads a line parseSRTTiming refuses but that is a timing
// line all the same: "-->" between two times, each at least two groups
// of digits with a colon between. What real files get wrong is repaired
// where the time is clear, and said: a stray character after a time
// ("00:10:32,902x"), no milliseconds, four digits of them (with a leading
// zero, padded milliseconds; else a decimal fraction), a negative start
// before a positive end (read as 0). Anything else that looks like a
// timing line is broken: its cue is dropped with a warning, never read as
// text. A line that does not look like a timing line is not one.
func lenientTiming(t string) (srtTiming, bool) {
	var tm srtTiming
	left, right, ok := strings.Cut(t, "-->")
	if !ok || strings.Contains(right, "-->") {
		return tm, false
	}
	left, right = trimSpace(left), trimSpace(right)
	if !looksLikeTime(left) || !looksLikeTime(right) {
		return tm, false
	}
	var notes []string
	start, why1, note1 := lenientTime(left)
	end, why2, note2 := lenientTime(right)
	if why1 == notATime || why2 == notATime {
		return tm, false
	}
	switch {
	case why1 != "":
		tm.broken = fmt.Sprintf("start %q: %s", left, why1)
		return tm, true
	case why2 != "":
		tm.broken = fmt.Sprintf("end %q: %s", right, why2)
		return tm, true
	}
	for _, n := range []string{note1, note2} {
		if n != "" && (len(notes) == 0 || notes[0] != n) {
			notes = append(notes, n)
		}
	}
	if end < 0 || end <= 0 && start < 0 {
		tm.broken = "negative times"
		return tm, true
	}
	if start < 0 {
		start = 0
		notes = append(notes, "negative start read as 0")
	}
	tm.start, tm.end = start, end
	tm.repaired = strings.Join(notes, "; ") + fmt.Sprintf(" (%q)", t)
	return tm, true
}

// looksLikeTime reports whether s starts (after a minus) with digits, a
// colon and a digit.
func looksLikeTime(s string) bool {
	s = strings.TrimPrefix(s, "-")
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && s[i] == ':' && s[i+1] >= '0' && s[i+1] <= '9'
}

// notATime is lenientTime's why for text that is no time at all: more
// than a stray character after it, or two groups without a fraction.
const notATime = "not a time"

// lenientTime reads one side of a timing line for lenientTiming. It
// returns the time, why it is not one (""), and what was repaired.
func lenientTime(s string) (t time.Duration, why, note string) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var groups []int64
	i := 0
	for {
		start := i
		var v int64
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && i-start < 7 {
			v = v*10 + int64(s[i]-'0')
			i++
		}
		if i == start {
			return 0, "no digits where a number is due", ""
		}
		groups = append(groups, v)
		if len(groups) < 3 && i+1 < len(s) && s[i] == ':' && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	var h, m, sec int64
	switch len(groups) {
	case 2:
		m, sec = groups[0], groups[1]
	case 3:
		h, m, sec = groups[0], groups[1], groups[2]
	}
	if m > 59 || sec > 59 {
		return 0, "minutes or seconds over 59", ""
	}
	var ms int64
	var notes []string
	if i < len(s) && (s[i] == ',' || s[i] == '.') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
		i++
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		frac := s[start:i]
		switch {
		case len(frac) <= 3:
			v, _ := strconv.Atoi(frac)
			ms = int64(v) * []int64{0, 100, 10, 1}[len(frac)]
		case len(frac) == 4 && frac[0] == '0':
			v, _ := strconv.Atoi(frac)
			ms = int64(v)
			notes = append(notes, "four digits of milliseconds read as padded milliseconds")
		default:
			v, _ := strconv.Atoi(frac[:3])
			ms = int64(v)
			notes = append(notes, fmt.Sprintf("%d digits of fraction read as seconds' fraction", len(frac)))
		}
	} else if i == len(s) || s[i] != ',' && s[i] != '.' {
		if len(groups) < 3 {
			return 0, notATime, "" // "12:00 --> 13:00" in text
		}
		notes = append(notes, "no milliseconds, read as 0")
	}
	if rest := trimSpace(s[i:]); rest != "" && rest != "," && rest != "." {
		switch {
		case strings.ContainsAny(rest, "0123456789"):
			return 0, fmt.Sprintf("garbled (%q after the time)", rest), ""
		case len(rest) > 3:
			return 0, notATime, ""
		}
		notes = append(notes, fmt.Sprintf("stray %q after a time ignored", rest))
	}
	t = time.Duration(((h*60+m)*60+sec)*1000+ms) * time.Millisecond
	if neg {
		t = -t
	}
	return t, "", strings.Join(notes, "; ")
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// srtTime reads a time at the start of s: [H...:]M[M]:S[S] then ',' or '.'
// and one to three fraction digits. It returns the time and its length.
func srtTime(s string) (time.Duration, int, bool) {
	// The usual HH:MM:SS,mmm, quickly.
	if len(s) >= 12 && s[2] == ':' && s[5] == ':' && (s[8] == ',' || s[8] == '.') && (len(s) == 12 || s[12] < '0' || s[12] > '9') {
		h0, h1, m0, m1, s0, s1 := s[0]-'0', s[1]-'0', s[3]-'0', s[4]-'0', s[6]-'0', s[7]-'0'
		f0, f1, f2 := s[9]-'0', s[10]-'0', s[11]-'0'
		if h0 <= 9 && h1 <= 9 && m0 <= 5 && m1 <= 9 && s0 <= 5 && s1 <= 9 && f0 <= 9 && f1 <= 9 && f2 <= 9 {
			ms := ((int64(h0)*10+int64(h1))*60+int64(m0)*10+int64(m1))*60 + int64(s0)*10 + int64(s1)
			ms = ms*1000 + int64(f0)*100 + int64(f1)*10 + int64(f2)
			return time.Duration(ms) * time.Millisecond, 12, true
		}
	}
	var f [3]int64
	var w [3]int
	nf, i := 0, 0
	for {
		start := i
		var v int64
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if v < 1e8 {
				v = v*10 + int64(s[i]-'0')
			}
			i++
		}
		if i == start {
			return 0, 0, false
		}
		f[nf], w[nf] = v, i-start
		nf++
		if nf < 3 && i < len(s) && s[i] == ':' {
			i++
			continue
		}
		break
	}
	if nf < 2 || i == len(s) || s[i] != ',' && s[i] != '.' {
		return 0, 0, false
	}
	i++
	start := i
	var frac int64
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if i-start < 3 {
			frac = frac*10 + int64(s[i]-'0')
		}
		i++
	}
	switch i - start {
	case 1:
		frac *= 100
	case 2:
		frac *= 10
	case 3:
	default:
		return 0, 0, false
	}
	var h int64
	if nf == 3 {
		h, f[0], f[1], w[0], w[1] = f[0], f[1], f[2], w[1], w[2]
	}
	if w[0] > 2 || w[1] > 2 || f[0] > 59 || f[1] > 59 || h > 999999 {
		return 0, 0, false
	}
	ms := ((h*60+f[0])*60+f[1])*1000 + frac
	return time.Duration(ms) * time.Millisecond, i, true
}

// numberLine reports whether the trimmed line t is a cue number: digits
// alone.
func numberLine(t string) (string, bool) {
	if t == "" {
		return "", false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return "", false
		}
	}
	return t, true
}

// trimSpace is strings.TrimSpace (it trims what unicode.IsSpace calls
// space, as the writers do), quicker on lines that start or end in CJK.
func trimSpace(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				i++
				continue
			}
			break
		}
		// Only U+0085, U+00A0, U+1680 and U+2000 to U+3000 are spaces.
		if c != 0xC2 && (c < 0xE1 || c > 0xE3) {
			break
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	j := len(s)
	for j > i {
		c := s[j-1]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				j--
				continue
			}
			break
		}
		// The last bytes of those spaces.
		if c > 0x8A && c != 0x9F && c != 0xA0 && c != 0xA8 && c != 0xA9 && c != 0xAF {
			break
		}
		r, n := utf8.DecodeLastRuneInString(s[i:j])
		if !unicode.IsSpace(r) {
			break
		}
		j -= n
	}
	return s[i:j]
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// newCue starts a cue at timing line n; numLine is its number's line (0 if none).
func (r *srtReader) newCue(n, numLine int, num string, t srtTiming) {
	r.endCue()
	r.dropping = false
	if t.broken != "" {
		// Its text is skipped up to the next cue, never glued to the cue
		// before.
		r.cue, r.dropping = -1, true
		r.st.i, r.st.b, r.st.u, r.st.colors = 0, 0, 0, r.st.colors[:0]
		r.lineWarning(n, "cue dropped: its timing line does not read ("+t.broken+")")
		return
	}
	if t.repaired != "" {
		r.lineWarning(n, "timing line repaired: "+t.repaired)
	}
	r.st.i, r.st.b, r.st.u, r.st.colors = 0, 0, 0, r.st.colors[:0]
	if len(r.cues) == cap(r.cues) {
		cues := make([]subtitle.Cue, len(r.cues), len(r.cues)+max(len(r.cues)/4+16, r.want(len(r.cues))))
		copy(cues, r.cues)
		r.cues = cues
	}
	r.cues = r.cues[:len(r.cues)+1]
	c := &r.cues[len(r.cues)-1]
	*c = subtitle.Cue{Start: t.start, End: t.end} // it may hold a cue of an earlier read
	r.cue = len(r.cues) - 1
	if r.keepSources {
		r.sources = append(r.sources, subtitle.CueSource{Line: n})
	}
	want := r.numBase + len(r.cues)
	switch {
	case numLine == 0:
		r.note(wNoNumber, n, nil)
	case len(num) > 9 || atoi(num) != want:
		r.note(wBadNumber, numLine, func() string { return fmt.Sprintf("cue number %s where %d was expected", num, want) })
	}
	if t.end < t.start {
		r.note(wEndBeforeStart, n, func() string {
			return fmt.Sprintf("cue ends at %s, before it starts at %s", textout.AppendTimestamp(nil, t.end, ','), textout.AppendTimestamp(nil, t.start, ','))
		})
	}
	if t.rest != "" {
		if strings.Contains(t.rest, "X1:") || strings.Contains(t.rest, "x1:") {
			r.note(wCoords, n, func() string { return t.rest })
		} else {
			r.note(wTrailing, n, func() string { return t.rest })
		}
	}
	if t.markup {
		r.note(wTimingMarkup, n, nil)
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func (r *srtReader) endCue() {
	if r.cue >= 0 {
		r.cues[r.cue].Lines = r.lines.take(0, -1)
	}
}

// textLine reads the trimmed line t, line n, as a line of the current
// cue's text.
func (r *srtReader) textLine(t string, n int) {
	if r.keepSources {
		src := &r.sources[len(r.sources)-1]
		src.Text = append(src.Text, t)
	}
	// ASS override blocks ({\...}) and MicroDVD codes ({Y:i}) are hidden
	// by the players that read SRT (VSFilter, libass, VLC, mpv), and the
	// first {\an1}..{\an9} of a cue places it wherever it stands: it
	// becomes Cue.Align; the other blocks are dropped with a warning
	// naming them.
	if strings.IndexByte(t, '{') >= 0 {
		if t = r.braceBlocks(t, n); t == "" {
			return
		}
	}
	if c := t[0]; c >= '0' && c <= '9' && strings.Contains(t, "-->") {
		r.note(wArrowText, n, nil)
	}
	backslash := strings.IndexByte(t, '\\') >= 0
	if strings.IndexByte(t, '<') < 0 {
		r.st.setSpan(r.spans.add(), t)
		if !backslash {
			r.lines.push(r.spans.take(0, -1))
			return
		}
	} else {
		r.markup(t, &r.st, false)
		r.flush()
	}
	if backslash {
		r.lineCodes(n)
		return
	}
	r.endLine()
}

// braceCode reports whether line[i:] starts a block players hide: an ASS
// override block "{\" or a MicroDVD code "{Y:" (ffmpeg hides those of
// the letters C, F, o, P, S and Y in either case).
func braceCode(line string, i int) bool {
	if line[i] != '{' || i+1 >= len(line) {
		return false
	}
	if line[i+1] == '\\' {
		return true
	}
	return i+2 < len(line) && line[i+2] == ':' && strings.IndexByte("CcFfoPSsYy", line[i+1]) >= 0
}

// braceBlocks takes the ASS override blocks ({\...}) and MicroDVD codes
// ({Y:...}), each closed before the next "{", out of line n, and returns
// what is left, trimmed. The first {\anN} of the cue sets its Align; any
// other block is noted.
func (r *srtReader) braceBlocks(line string, n int) string {
	var b strings.Builder
	from := 0
	for i := 0; i+1 < len(line); i++ {
		if !braceCode(line, i) {
			continue
		}
		j := i + 2
		for j < len(line) && line[j] != '{' && line[j] != '}' {
			j++
		}
		if j == len(line) || line[j] != '}' {
			continue // not closed: text
		}
		block := line[i : j+1]
		b.WriteString(line[from:i])
		from, i = j+1, j
		if len(block) == 6 && strings.HasPrefix(block, `{\an`) && block[4] >= '1' && block[4] <= '9' &&
			r.cue >= 0 && r.cues[r.cue].Align == 0 {
			r.cues[r.cue].Align = int(block[4] - '0')
			continue
		}
		if block[1] != '\\' {
			if !r.mdvd.full() && r.mdvd.add(block) {
				r.note(wMicroDVD, n, nil)
			}
			continue
		}
		if !r.ass.full() && r.ass.add(block) {
			r.note(wASS, n, nil)
		}
	}
	if from == 0 {
		return line
	}
	b.WriteString(line[from:])
	return strings.TrimSpace(b.String())
}

// lineCodes ends line n, whose spans are gathered, applying the ASS codes
// libass applies to the text of an SRT cue (ffmpeg hands the text on with
// them): \N breaks the line, \n is a space (a soft break, which breaks only
// in ASS wrap style 2, and ffmpeg sets none) and \h a no-break space.
// Hard spaces at the edges of a line are trimmed as the writers trim
// them, with a warning. A code split by a tag ("\<b>N</b>") is text, as
// it is to libass.
func (r *srtReader) lineCodes(n int) {
	sp := r.spans.open()
	found := false
	for i := range sp {
		if hasLineCode(sp[i].Text) {
			found = true
			break
		}
	}
	if !found {
		r.endLine()
		return
	}
	r.codeSpans = append(r.codeSpans[:0], sp...)
	r.spans.take(0, 0)
	hard := false
	for _, s := range r.codeSpans {
		text := s.Text
		for {
			seg, rest, brk := strings.Cut(text, `\N`)
			if strings.Contains(seg, `\`) {
				hard = hard || strings.Contains(seg, `\h`)
				seg = strings.ReplaceAll(strings.ReplaceAll(seg, `\n`, " "), `\h`, "\u00a0")
			}
			if seg != "" {
				s.Text = seg
				r.spans.push(s)
			}
			if !brk {
				break
			}
			r.endCodeLine(n, hard)
			text, hard = rest, false
		}
	}
	r.endCodeLine(n, hard)
}

// endCodeLine is endLine for lineCodes, noting when hard (the line held
// \h) and a no-break space at an edge is trimmed.
func (r *srtReader) endCodeLine(n int, hard bool) {
	if hard {
		var b strings.Builder
		for _, s := range r.spans.open() {
			b.WriteString(s.Text)
		}
		t := strings.Trim(b.String(), " \t")
		if strings.HasPrefix(t, "\u00a0") || strings.HasSuffix(t, "\u00a0") {
			r.note(wHardSpace, n, nil)
		}
	}
	r.endLine()
}

// hasLineCode reports whether s holds one of the codes lineCodes applies.
func hasLineCode(s string) bool {
	for {
		i := strings.IndexByte(s, '\\')
		if i < 0 || i+1 == len(s) {
			return false
		}
		if c := s[i+1]; c == 'N' || c == 'n' || c == 'h' {
			return true
		}
		s = s[i+1:]
	}
}

// Tags SRT players know.
const (
	tagNone  = iota // a '<' that starts no tag: text
	tagOther        // a tag players do not know: kept as text
	tagI
	tagB
	tagU
	tagFont
)

// parseSRTTag reads the tag at s[p] == '<': its kind, whether it is a
// closing tag, where it ends (after '>'), and a <font> tag's attributes.
// A tag ends at the first '>'; a '<' before it means s[p] starts none, so
// whether a '<' starts a tag never depends on text after the next '<'.
func parseSRTTag(s string, p int) (kind int, closing bool, name string, end int, attrs string) {
	q := p + 1
	if q < len(s) && s[q] == '/' {
		closing = true
		q++
	}
	ns := q
	for q < len(s) && (s[q]|0x20 >= 'a' && s[q]|0x20 <= 'z') {
		q++
	}
	if q == ns {
		return tagNone, false, "", 0, ""
	}
	e := q
	for e < len(s) && s[e] != '>' {
		if s[e] == '<' {
			return tagNone, false, "", 0, ""
		}
		e++
	}
	if e == len(s) {
		return tagNone, false, "", 0, ""
	}
	name = s[ns:q]
	rest := s[q:e]
	kind = tagOther
	switch {
	case len(name) == 1 && skipBlanks(rest, 0) == len(rest):
		switch name[0] | 0x20 {
		case 'i':
			kind = tagI
		case 'b':
			kind = tagB
		case 'u':
			kind = tagU
		}
	case strings.EqualFold(name, "font"):
		if !closing || skipBlanks(rest, 0) == len(rest) {
			kind = tagFont
		}
	}
	return kind, closing, name, e + 1, rest
}

// parseFontAttrs reads a <font> tag's attributes and returns its color.
// ok is false when they do not parse (the tag is then kept as text). Other
// attributes are named in r's warnings, unless r is nil.
func parseFontAttrs(a string, r *srtReader) (color string, ok bool) {
	found := false
	i := 0
	for {
		j := skipBlanks(a, i)
		if j == len(a) {
			return color, true
		}
		if j == i {
			return "", false // attributes are set apart by white space
		}
		i = j
		for i < len(a) && (a[i]|0x20 >= 'a' && a[i]|0x20 <= 'z' || a[i] >= '0' && a[i] <= '9' || a[i] == '-' || a[i] == '_' || a[i] == ':') {
			i++
		}
		if i == j {
			return "", false
		}
		name, val := a[j:i], ""
		if k := skipBlanks(a, i); k < len(a) && a[k] == '=' {
			k = skipBlanks(a, k+1)
			if k == len(a) {
				return "", false
			}
			switch q := a[k]; q {
			case '"', '\'':
				e := strings.IndexByte(a[k+1:], q)
				if e < 0 {
					return "", false
				}
				val, i = a[k+1:k+1+e], k+2+e
				if strings.IndexByte(val, '"') >= 0 {
					return "", false // the writer quotes with '"'
				}
			default:
				s := k
				for k < len(a) && a[k] != ' ' && a[k] != '\t' && a[k] != '"' && a[k] != '\'' && a[k] != '=' && a[k] != '`' {
					k++
				}
				val, i = a[s:k], k
			}
		}
		switch {
		case strings.EqualFold(name, "color"):
			if !found {
				color, found = val, true
			}
		case r != nil:
			if r.fontAttrs.add(name) {
				r.note(wFontAttrs, r.sc.n, nil)
			}
		}
	}
}

// fontColor reads a <font color> value (csscolor.FontColor): the color
// to keep, or "" and an error saying it is ignored.
func fontColor(v string) (string, error) {
	c, err := csscolor.FontColor(v)
	if err != nil {
		return "", fmt.Errorf("<font color=%q>: %v: ignored", v, err)
	}
	return c, nil
}

// markup reads the trimmed line t into runs of styled text (see piece),
// starting in style st. With dry set it notes no warnings.
func (r *srtReader) markup(t string, st *srtStyle, dry bool) {
	from := 0 // start of the text not yet given to a run
	for i := 0; ; {
		j := strings.IndexByte(t[i:], '<')
		if j < 0 {
			break
		}
		p := i + j
		kind, closing, name, end, attrs := parseSRTTag(t, p)
		if kind == tagNone {
			i = p + 1
			continue
		}
		i = end
		var count *int
		color := ""
		switch kind {
		case tagI:
			count = &st.i
		case tagB:
			count = &st.b
		case tagU:
			count = &st.u
		case tagFont:
			if !closing {
				var ok bool
				notes := r
				if dry {
					notes = nil
				}
				if color, ok = parseFontAttrs(attrs, notes); !ok {
					kind = tagOther
				} else if color != "" {
					var err error
					if color, err = fontColor(color); err != nil && !dry {
						r.note(wBadColor, r.sc.n, err.Error)
					}
				}
				if kind == tagFont && color == "" && len(st.colors) > 0 {
					color = st.colors[len(st.colors)-1]
				}
			}
		}
		if kind != tagOther {
			// The text before the tag, which may undo tags (see piece).
			r.piece(t, from, p, st, dry)
			from = p
		}
		// Tags players do not know and closing tags with nothing to close
		// are text.
		if kind == tagOther || closing && (count != nil && *count == 0 || count == nil && len(st.colors) == 0) {
			key := name // "c" for <c.yellow> and </c>
			if kind != tagOther {
				key = t[p+1 : p+2+len(name)] // "/i"
			}
			if !dry && r.tags.add(key) {
				r.note(wTags, r.sc.n, nil)
			}
			continue
		}
		from = end
		switch {
		case count != nil && closing:
			*count--
		case count != nil:
			*count++
		case closing:
			st.colors = st.colors[:len(st.colors)-1]
		default:
			st.colors = append(st.colors, color)
		}
	}
	r.piece(t, from, len(t), st, dry)
}

// piece takes t[start:end], a piece of text between tags, in style st. A
// piece in the style of the run being gathered joins it, unless the run
// ends in a '<' with no '>' after it and the piece would close it with a
// '>': joined, that '<' could start a tag when the line is written back,
// as in "<" + "<b></b>" + "b>" (the writer writes nothing for the empty
// pair). In styled text the piece starts a new run instead, which the
// writer writes in its own tags. In plain text nothing could keep the two
// apart, so the tags between them are kept as text and undone
// ("<<b></b>b>" is the line's text, as players show it); read again from
// what the writer writes, they are kept as text the same way.
func (r *srtReader) piece(t string, start, end int, st *srtStyle, dry bool) {
	if start == end {
		return
	}
	s := st.span(t[start:end])
	added := s.Text
	switch {
	case !r.pendSet || !srtSameStyle(&r.pend, &s):
		r.flush()
		r.pend, r.pendSet = s, true
	case !r.pendOpen || !closesAngle(added):
		r.appendPend(added)
	case !s.Italic && !s.Bold && !s.Underline && s.Color == "":
		added = t[r.pendEnd:end]
		r.appendPend(added)
		if !dry && start > r.pendEnd && r.tags.add(t[r.pendEnd:start]) {
			r.note(wTags, r.sc.n, nil)
		}
		// In plain text every open <font> is "" (see srtStyle).
		st.colors = st.colors[:min(len(st.colors), r.pendDepth)]
		for len(st.colors) < r.pendDepth {
			st.colors = append(st.colors, "")
		}
	default:
		r.flush()
		r.pend, r.pendSet = s, true
	}
	r.pendOpen = openLT(added, r.pendOpen)
	r.pendEnd, r.pendDepth = end, len(st.colors)
}

// closesAngle reports whether text's first '<' or '>' is a '>'.
func closesAngle(text string) bool {
	i := strings.IndexAny(text, "<>")
	return i >= 0 && text[i] == '>'
}

func (r *srtReader) appendPend(text string) {
	if !r.pendMulti {
		r.pendBuf = append(r.pendBuf[:0], r.pend.Text...)
		r.pendMulti = true
	}
	r.pendBuf = append(r.pendBuf, text...)
}

// openLT reports whether a run that ended in an open '<' (open) still
// does with text added.
func openLT(text string, open bool) bool {
	lt := strings.LastIndexByte(text, '<')
	if lt >= 0 {
		return strings.IndexByte(text[lt:], '>') < 0
	}
	if strings.IndexByte(text, '>') >= 0 {
		return false
	}
	return open
}

// flush ends the run being gathered.
func (r *srtReader) flush() {
	if !r.pendSet {
		return
	}
	if r.pendMulti {
		r.pend.Text = string(r.pendBuf)
	}
	r.spans.push(r.pend)
	r.pendSet, r.pendMulti, r.pendOpen = false, false, false
}

// endLine ends a line of markup: its edges are trimmed as textout.Lines trims
// them, and a line left with no text is dropped.
func (r *srtReader) endLine() {
	sp := r.spans.open()
	lo, hi := 0, len(sp)
	for lo < hi && trimSpace(sp[lo].Text) == "" {
		lo++
	}
	for hi > lo && trimSpace(sp[hi-1].Text) == "" {
		hi--
	}
	if lo < hi {
		sp[lo].Text = strings.TrimLeftFunc(sp[lo].Text, unicode.IsSpace)
		sp[hi-1].Text = strings.TrimRightFunc(sp[hi-1].Text, unicode.IsSpace)
	}
	if l := r.spans.take(lo, hi); l != nil {
		r.lines.push(l)
	}
}

// slab hands out sub-slices of large chunks, so that a document's spans
// and lines take a few allocations instead of one a line. The open part,
// from start, is the line (or cue) being gathered.
type slab[T any] struct {
	buf   []T
	start int
	n     int                // items handed out, for want
	want  func(done int) int // how many more items to make room for
}

func (s *slab[T]) push(v T) { *s.add() = v }

// add adds an item and returns it. It may be one given back by take: the
// caller sets every field.
func (s *slab[T]) add() *T {
	if len(s.buf) == cap(s.buf) {
		open := s.buf[s.start:]
		more := len(open) + 16 // at least double the open part
		if s.want != nil {
			more = max(more, s.want(s.n))
		}
		size := len(open) + more
		buf := make([]T, len(open), size)
		copy(buf, open)
		s.buf, s.start = buf, 0
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

func (s *slab[T]) open() []T { return s.buf[s.start:] }

// take closes the open part, returning its items lo to hi (hi < 0: all),
// or nil when there are none. Items after hi are given back.
func (s *slab[T]) take(lo, hi int) []T {
	if hi < 0 {
		hi = len(s.buf) - s.start
	}
	end := s.start + hi
	var out []T
	if hi > lo {
		out = s.buf[s.start+lo : end : end]
		s.n += hi - lo
	}
	s.buf = s.buf[:end]
	s.start = end
	return out
}

// warnings returns the warnings, one a kind, in line order.
func (r *srtReader) warnings() []subtitle.Warning {
	var out []subtitle.Warning
	if r.skipN > 0 && len(r.cues) > 0 {
		lines := fmt.Sprintf("line %d", r.skipFirst)
		if r.skipN > 1 {
			lines = fmt.Sprintf("%d lines, %d to %d", r.skipN, r.skipFirst, r.skipLast)
		}
		out = append(out, subtitle.Warning{Line: r.skipFirst, Message: "text before the first cue skipped (" + lines + ")"})
	}
	for kind, w := range r.warn {
		if w.count == 0 {
			continue
		}
		var msg string
		switch kind {
		case wNoNumber:
			msg = "cue without a number line"
		case wBadNumber:
			msg = w.detail
		case wCoords:
			msg = fmt.Sprintf("SRT coordinates after the end time ignored (%q)", w.detail)
		case wTrailing:
			msg = fmt.Sprintf("text after the end time ignored (%q)", w.detail)
		case wTimingMarkup:
			msg = "tags on a timing line ignored"
		case wEndBeforeStart:
			msg = w.detail + "; kept"
		case wBlank:
			msg = "blank line inside a cue dropped (SRT cannot write it); the text after it is kept in the cue"
		case wArrowText:
			msg = `line with "-->" is not a timing line; kept as text`
		case wTags:
			for i, k := range r.tags.seen {
				if k[0] != '<' {
					r.tags.seen[i] = "<" + k + ">"
				}
			}
			msg = "tags kept as text (SRT does not define them, or they close nothing open): " + r.tags.String()
		case wASS:
			msg = "ASS override tags dropped (players hide them): " + r.ass.String()
		case wMicroDVD:
			msg = "MicroDVD codes dropped (players hide them): " + r.mdvd.String()
		case wHardSpace:
			msg = `hard spaces (\h) at the start or end of a line dropped (SRT writers trim line edges)`
		case wFontAttrs:
			msg = "<font> attributes other than color dropped: " + r.fontAttrs.String()
		case wBadColor:
			msg = w.detail
		}
		switch kind {
		case wTags, wASS, wMicroDVD, wFontAttrs:
		default:
			if w.count > 1 {
				msg += fmt.Sprintf(" (%d times; the first here)", w.count)
			}
		}
		out = append(out, subtitle.Warning{Line: w.line, Message: msg})
	}
	out = append(out, r.dropped...)
	if r.droppedMore > 0 {
		out = append(out, subtitle.Warning{Line: r.droppedLast, Message: fmt.Sprintf("%d more timing lines repaired or cues dropped (the last here)", r.droppedMore)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}
