package ttml

import (
	"encoding/xml"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"math/big"
	"math/bits"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
	"github.com/subkit-dev/subkit/subtitle/internal/textpos"
)

const (
	// ttmlMaxDepth bounds element nesting: deeper input is an error.
	ttmlMaxDepth = 256
	// ttmlInf is the end of an element that never ends.
	ttmlInf = int64(math.MaxInt64)
	// ttmlMaxTime is the latest time accepted (about 146 years), in ns.
	ttmlMaxTime = int64(1) << 62
	// ttmlMaxWarnings bounds the warnings of one kind; the rest are counted.
	ttmlMaxWarnings = 20
	// ttmlMaxSplitWork bounds intervals × (text bytes + pieces) when a
	// paragraph is split by its spans' times, which bounds the text the
	// cues repeat; beyond it each differently timed group is one cue.
	ttmlMaxSplitWork = 1 << 20
)

// ttmlNamespaces are the element namespaces read as TTML.
var ttmlNamespaces = []string{
	"http://www.w3.org/ns/ttml",
	"http://www.w3.org/2006/10/ttaf1",
	"http://www.w3.org/2006/04/ttaf1",
}

const xmlNamespace = "http://www.w3.org/XML/1998/namespace"

// ttmlProps are the style properties a Span holds, each with a bit saying
// it was specified.
type ttmlProps struct {
	set                     uint16
	italic, bold, underline bool
	displayNone             bool // tts:display="none" (in a <style> only)
	color                   string
	// Layout: tts:textAlign (inherited by content), and a region's
	// tts:displayAlign, tts:origin and tts:extent, as written.
	textAlign, displayAlign string
	origin, extent          string
}

const (
	propItalic uint16 = 1 << iota
	propBold
	propUnderline
	propColor
	propDisplay
	propTextAlign
	propDisplayAlign
	propOrigin
	propExtent
)

// over returns p with the properties p leaves unspecified taken from q.
func (p ttmlProps) over(q ttmlProps) ttmlProps {
	if p.set&propItalic == 0 {
		p.italic = q.italic
	}
	if p.set&propBold == 0 {
		p.bold = q.bold
	}
	if p.set&propUnderline == 0 {
		p.underline = q.underline
	}
	if p.set&propColor == 0 {
		p.color = q.color
	}
	if p.set&propDisplay == 0 {
		p.displayNone = q.displayNone
	}
	if p.set&propTextAlign == 0 {
		p.textAlign = q.textAlign
	}
	if p.set&propDisplayAlign == 0 {
		p.displayAlign = q.displayAlign
	}
	if p.set&propOrigin == 0 {
		p.origin = q.origin
	}
	if p.set&propExtent == 0 {
		p.extent = q.extent
	}
	p.set |= q.set
	return p
}

// ttmlStyleDef is a <style> (or <region>) as declared: its own properties
// and the styles it references.
type ttmlStyleDef struct {
	props ttmlProps
	// begin and end: when a region is active (content in it is shown
	// only then); 0 and ttmlInf for a style or an untimed region.
	begin, end int64
	refs       []string
	line       int
	state      uint8 // 0 unresolved, 1 resolving, 2 resolved
}

// ttmlCtx is what an element passes on to its content.
type ttmlCtx struct {
	begin, end int64     // when it is active, ns on the document's timeline
	chain      ttmlProps // styles specified on it and its ancestors from body down
	lang       string
	preserve   bool // xml:space="preserve"
	region     string
	seq        bool // a seq time container: children one after another
	hidden     bool // tts:display="none" on a div or body
}

// ttmlItem is a piece of a paragraph: text or a line break, with its style
// and when it is shown.
type ttmlItem struct {
	text       string
	begin, end int64
	style      int32 // index in the reader's styleTab
	br         bool
	preserve   bool
}

// ttmlStyle is the style of a Span the TTML reader sets.
type ttmlStyle struct {
	italic, bold, underline bool
	color, lang             string
}

func (s ttmlStyle) span(text string) subtitle.Span {
	return subtitle.Span{Text: text, Italic: s.italic, Bold: s.bold, Underline: s.underline, Color: s.color, Lang: s.lang}
}

func styleOf(sp subtitle.Span) ttmlStyle {
	return ttmlStyle{sp.Italic, sp.Bold, sp.Underline, sp.Color, sp.Lang}
}

type ttmlReader struct {
	name, text string
	dec        *xml.Decoder
	depth      int
	tokOff     int64 // where the last token read began

	lnOff, ln int // line counting: text[:lnOff] holds ln-1 line ends

	ws     []subtitle.Warning
	wsKind map[string]int // warnings given per kind
	wsLine map[string]int // first line of each kind
	once   map[string]bool

	// Timing parameters: the effective frame rate frNum/frDen, the
	// sub-frame rate and the tick rate trNum/trDen.
	frNum, frDen, sfr, trNum, trDen int64
	frameDeclared, tickDeclared     bool
	subDeclared                     bool

	docLang   string // the root's xml:lang as written
	styles    map[string]*ttmlStyleDef
	regions   map[string]*ttmlStyleDef
	regionEff map[string]ttmlProps
	doc       *subtitle.Document
	sawHead   bool
	sawBody   bool

	items []ttmlItem // the paragraph being read
	runs  []ttmlRun  // render's buffer
	// The paragraph's styles, so that each piece of it holds an index.
	styleTab []ttmlStyle
	styleIdx map[ttmlStyle]int32
	open     []int // cues without an end time
	openAt   int   // line of the first of them
	latest   int64 // latest finite cue time, ns

	// The root's tts:extent in pixels, when it gives one: for regions
	// placed in pixels.
	rootW, rootH float64
	rootPx       bool
	placed       map[placeKey]placed // placement's cache

	timed    bool // a time expression was read
	absolute bool // Apple Music lyrics: every begin and end counts from 0
	untimed  bool // itunes:timing="None": lyrics declared without times

	// sources, when keepSources is set (Sources), gets each cue's
	// paragraph's line.
	sources     []subtitle.CueSource
	keepSources bool
}

// readTTML reads TTML: TTML1, the TTML2 subset of IMSC1's text profile,
// and DFXP in the 2006/10 and 2006/04 namespaces (or in none).
//
// Timing follows TTML's timing model: begin, end and dur may be set on
// body, div, p and span; in a par container (the default) a child's begin
// and end count from its parent's begin, in a seq container from the end
// of the sibling before it. An element without an end lasts as long as
// its content: text forever, a par container to its latest child's end, a
// seq container to its last child's end; and no element outlasts its
// parent. tts:display="none" hides content, <set tts:display> for a while;
// a timed region shows its content only while it is active. A <p> with
// text becomes a cue. Spans timed differently from their paragraph split
// it into one cue for each interval in which a different text is shown,
// as a TTML renderer shows it. Times are rounded to the nearest
// millisecond, the precision of subkit's writers; content that never
// ends ends 10 s after the latest time in the file, with a warning, and a
// paragraph that is never shown is left out with one. A file with no time
// at all whose text would not fit on a screen, or Apple Music lyrics
// declared untimed, is an error.
//
// White space is handled as imscJS handles xml:space="default": runs of
// space, tab, CR and LF become one space, dropped at the start and end of
// the paragraph and around <br/>. Other white space at a line's edges
// (no-break and ideographic spaces) is dropped too, and so are blank lines
// (with a warning between lines of text), because subkit's writers drop
// them.
//
// Styles resolve as TTML specifies (inline attributes over referenced
// styles, the last referenced style first, inherited through body, div, p
// and span, with the region's style under them); tts:fontStyle,
// tts:fontWeight, tts:textDecoration and tts:color become the spans'
// Italic, Bold, Underline and Color. White, the color TTML players start
// with, is the default: a white span has Color "".
//
// What a Document cannot hold (animation, ruby text, images, inline styles
// other than those four, metadata but the title, ...) is left out with a
// warning naming its line; nothing is dropped silently. Errors (malformed
// XML, no <tt> root, elements nested deeper than 256) are *ParseErrors
// with the line and column where reading stopped.
func readTTML(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	r := newTTMLReader(name, text)
	err := r.read()
	ws := r.warnings()
	if err != nil {
		return nil, ws, err
	}
	return r.doc, ws, nil
}

func newTTMLReader(name, text string) *ttmlReader {
	r := &ttmlReader{name: name, text: text, ln: 1,
		wsKind: map[string]int{}, wsLine: map[string]int{}, once: map[string]bool{},
		styles: map[string]*ttmlStyleDef{}, regions: map[string]*ttmlStyleDef{}, regionEff: map[string]ttmlProps{},
		doc: &subtitle.Document{}}
	r.dec = xml.NewDecoder(strings.NewReader(text))
	r.dec.Strict = true
	// The text is already decoded: whatever encoding the declaration names.
	r.dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return r
}

// warn records a warning at a line. At most ttmlMaxWarnings of one kind
// (its format) are kept; warnings() reports how many more there were.
func (r *ttmlReader) warn(line int, format string, args ...any) {
	n := r.wsKind[format]
	r.wsKind[format] = n + 1
	if n == 0 {
		r.wsLine[format] = line
	}
	if n < ttmlMaxWarnings {
		r.ws = append(r.ws, subtitle.Warning{Line: line, Message: fmt.Sprintf(format, args...)})
	}
}

// warnOnce records a warning the first time key is met.
func (r *ttmlReader) warnOnce(key string, line int, format string, args ...any) {
	if !r.once[key] {
		r.once[key] = true
		r.ws = append(r.ws, subtitle.Warning{Line: line, Message: fmt.Sprintf(format, args...)})
	}
}

func (r *ttmlReader) warnings() []subtitle.Warning {
	ws := r.ws
	var kinds []string
	for k, n := range r.wsKind {
		if n > ttmlMaxWarnings {
			kinds = append(kinds, k)
		}
	}
	sort.Slice(kinds, func(i, j int) bool { return r.wsLine[kinds[i]] < r.wsLine[kinds[j]] })
	for _, k := range kinds {
		ws = append(ws, subtitle.Warning{Message: fmt.Sprintf("%d more warnings like the one at line %d",
			r.wsKind[k]-ttmlMaxWarnings, r.wsLine[k])})
	}
	return ws
}

// line returns the line number at byte offset off. Offsets asked for grow
// as reading goes on, so counting resumes where it stopped.
func (r *ttmlReader) line(off int64) int {
	o := min(int(off), len(r.text))
	if o < r.lnOff {
		r.lnOff, r.ln = 0, 1
	}
	for i := r.lnOff; i < o; i++ {
		switch r.text[i] {
		case '\n':
			r.ln++
		case '\r':
			if i+1 < len(r.text) && r.text[i+1] == '\n' {
				continue
			}
			r.ln++
		}
	}
	r.lnOff = o
	return r.ln
}

func (r *ttmlReader) errAt(off int64, format string, args ...any) error {
	line, col := textpos.Of(r.text, int(off))
	return &subtitle.ParseError{File: r.name, Line: line, Col: col,
		Err: fmt.Errorf("%w: %s", subtitle.ErrSyntax, fmt.Sprintf(format, args...))}
}

// token reads the next token, counting depth. io.EOF is returned as is;
// other errors are *ParseErrors.
func (r *ttmlReader) token() (xml.Token, error) {
	r.tokOff = r.dec.InputOffset()
	t, err := r.dec.Token()
	if err == io.EOF {
		return nil, err
	}
	if err != nil {
		// The reader stops just after the character it could not take.
		off := r.dec.InputOffset()
		if off > r.tokOff {
			off--
		}
		msg := err.Error()
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			msg = se.Msg
		}
		return nil, r.errAt(off, "%s", msg)
	}
	switch t.(type) {
	case xml.StartElement:
		r.depth++
		if r.depth > ttmlMaxDepth {
			return nil, r.errAt(r.tokOff, "elements nested deeper than %d", ttmlMaxDepth)
		}
	case xml.EndElement:
		r.depth--
	}
	return t, nil
}

// children reads the content of the element just started up to its end:
// elem is called for each child element (and must read it to its end),
// text for each run of character data.
func (r *ttmlReader) children(elem func(se xml.StartElement, line int) error, text func(s string, line int)) error {
	for {
		t, err := r.token()
		if err == io.EOF {
			return r.errAt(int64(len(r.text)), "unexpected end of file")
		}
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := elem(t, r.line(r.tokOff)); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		case xml.CharData:
			if text != nil {
				text(string(t), r.line(r.tokOff))
			}
		}
	}
}

// skip reads the element just started to its end.
func (r *ttmlReader) skip() error {
	return r.children(func(xml.StartElement, int) error { return r.skip() }, nil)
}

// ignoreText warns about text where TTML has none to show.
func (r *ttmlReader) ignoreText(where string) func(string, int) {
	return func(s string, line int) {
		if !isXMLSpace(s) {
			r.warn(line, "text %q in <%s> is not in a paragraph: not kept", clip(s), where)
		}
	}
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "..."
	}
	return s
}

func isXMLSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
		default:
			return false
		}
	}
	return true
}

// Name kinds: TTML elements, attributes in the TTML styling, parameter and
// metadata namespaces, xml: attributes, namespace declarations, others.
const (
	nsTT = iota
	nsTTS
	nsTTP
	nsTTM
	nsXML
	nsXMLNS
	nsOther
)

// nsKind classifies a name's namespace. Prefixes no namespace declares
// (tts:color in a file without xmlns:tts) are taken at their word.
func nsKind(n xml.Name) int {
	switch n.Space {
	case "":
		if n.Local == "xmlns" {
			return nsXMLNS
		}
		return nsTT
	case xmlNamespace:
		return nsXML
	case "xmlns":
		return nsXMLNS
	case "tts":
		return nsTTS
	case "ttp":
		return nsTTP
	case "ttm":
		return nsTTM
	}
	for _, ns := range ttmlNamespaces {
		rest, ok := strings.CutPrefix(n.Space, ns)
		if !ok {
			continue
		}
		switch rest {
		case "":
			return nsTT
		case "#styling", "#style":
			return nsTTS
		case "#parameter":
			return nsTTP
		case "#metadata":
			return nsTTM
		}
	}
	return nsOther
}

// qname returns a name as a file would write it, with TTML's usual
// prefixes.
func qname(n xml.Name) string {
	switch nsKind(n) {
	case nsTT:
		return n.Local
	case nsTTS:
		return "tts:" + n.Local
	case nsTTP:
		return "ttp:" + n.Local
	case nsTTM:
		return "ttm:" + n.Local
	case nsXML:
		return "xml:" + n.Local
	}
	return "{" + n.Space + "}" + n.Local // the namespace, in Clark notation
}

func (r *ttmlReader) read() error {
	root := false
	for {
		t, err := r.token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch {
			case root:
				return r.errAt(r.tokOff, "element <%s> after the <tt> root", qname(t.Name))
			case t.Name.Local != "tt" || nsKind(t.Name) != nsTT:
				return r.errAt(r.tokOff, "root element <%s> is not <tt>", qname(t.Name))
			}
			root = true
			if err := r.readTT(t, r.line(r.tokOff)); err != nil {
				return err
			}
		case xml.CharData:
			if strings.Trim(string(t), " \t\r\n\ufeff") != "" {
				where := "before"
				if root {
					where = "after"
				}
				return r.errAt(r.tokOff, "text %s the <tt> root", where)
			}
		}
	}
	if !root {
		return &subtitle.ParseError{File: r.name, Err: fmt.Errorf("%w: no <tt> root element", subtitle.ErrSyntax)}
	}
	return r.finish()
}

// openTail is how long content that never ends is shown after the latest
// time the file gives: TTML shows it to the end of the video, whose length
// the file does not say. ttconv's SRT and WebVTT writers end such a cue
// 10 s after its begin.
const openTail = 10 * int64(time.Second)

// untimedMaxLines is the most lines of text a file with no time at all may
// hold and still be read as captions shown throughout: more than a screen
// holds at once is text whose times are missing.
const untimedMaxLines = 4

// finish ends the cues that never end 10 s after the latest time in the
// document, and refuses a document with no time at all that is text
// without its times rather than a still display: lyrics declared untimed,
// more text than fits on one screen, or several paragraphs placed in no
// region. TTML shows untimed content for the whole document, and the W3C
// IMSC tests use that for still displays (one paragraph, or two laid out
// in a region), which are read as such: from the start, with a warning.
func (r *ttmlReader) finish() error {
	if len(r.doc.Cues) > 0 && (r.untimed || !r.timed) {
		lines, placed := 0, false
		for _, c := range r.doc.Cues {
			lines += len(c.Lines)
			placed = placed || c.Region != ""
		}
		at := r.openAt
		if at == 0 && r.keepSources && len(r.sources) > 0 {
			at = r.sources[0].Line
		}
		switch {
		case r.untimed:
			return &subtitle.ParseError{File: r.name, Line: at, Err: fmt.Errorf(
				`%w: no times: the lyrics are declared untimed (itunes:timing="None")`, subtitle.ErrSyntax)}
		case lines > untimedMaxLines:
			return &subtitle.ParseError{File: r.name, Line: at, Err: fmt.Errorf(
				"%w: no times: no begin, end or dur anywhere in the file, so all %d lines of text would be shown at once for the whole video",
				subtitle.ErrSyntax, lines)}
		case len(r.doc.Cues) > 1 && !placed:
			return &subtitle.ParseError{File: r.name, Line: at, Err: fmt.Errorf(
				"%w: no times: %d paragraphs and no begin, end or dur anywhere in the file (to show them together throughout, place them in a region)",
				subtitle.ErrSyntax, len(r.doc.Cues))}
		}
	}
	if len(r.open) == 0 {
		return nil
	}
	end := roundMs(addTime(r.latest, openTail))
	for _, i := range r.open {
		c := &r.doc.Cues[i]
		c.End = max(end, c.Start)
	}
	what := "the latest time in the file"
	if !r.timed {
		what = "the start (the file has no times)"
	}
	r.ws = append(r.ws, subtitle.Warning{Line: r.openAt, Message: fmt.Sprintf(
		"%d cues never end (the first here): TTML shows them to the end of the video; each ends at %s, 10 s after %s",
		len(r.open), formatMs(end), what)})
	return nil
}

func formatMs(d time.Duration) string {
	return string(textout.AppendTimestamp(nil, d, '.'))
}

func roundMs(ns int64) time.Duration {
	return time.Duration((ns + 500_000) / 1_000_000 * 1_000_000)
}

func (r *ttmlReader) readTT(se xml.StartElement, line int) error {
	root := ttmlCtx{end: ttmlInf}
	var frameRate, multNum, multDen int64 = 30, 1, 1
	r.sfr = 1
	var tickRate int64
	// Rates are bounded so that time arithmetic stays in 64 bits.
	posInt := func(a xml.Attr) (int64, bool) {
		limit := int64(1e6)
		if a.Name.Local == "tickRate" {
			limit = 1e12
		}
		n, err := strconv.ParseInt(strings.TrimSpace(a.Value), 10, 64)
		if err != nil || n <= 0 || n > limit {
			r.warn(line, "ttp:%s=%q is not a whole number from 1 to %d: ignored", a.Name.Local, a.Value, limit)
			return 0, false
		}
		return n, true
	}
	for _, a := range se.Attr {
		if isITunes(a) {
			if !r.absolute {
				r.absolute = true
				r.warn(line, "Apple Music lyrics (itunes: namespace): begin and end are read as times from the start of the file, as Apple writes them, not from their parent's begin")
			}
			if a.Name.Local == "timing" && strings.EqualFold(strings.TrimSpace(a.Value), "none") {
				r.untimed = true
			}
		}
		switch k := nsKind(a.Name); {
		case k == nsXML && a.Name.Local == "lang":
			r.docLang = strings.TrimSpace(a.Value)
			root.lang = r.docLang
			if !strings.EqualFold(r.docLang, "und") {
				r.doc.Lang = r.docLang
			}
		case k == nsXML && a.Name.Local == "space":
			root.preserve = a.Value == "preserve"
		case k == nsTTS && a.Name.Local == "extent":
			r.rootW, r.rootH, r.rootPx = parsePx(a.Value)
		case k == nsTTP:
			switch a.Name.Local {
			case "timeBase":
				if v := strings.TrimSpace(a.Value); v != "media" {
					r.warn(line, "ttp:timeBase=%q is not supported: times are read as media times", v)
				}
			case "frameRate":
				if n, ok := posInt(a); ok {
					frameRate, r.frameDeclared = n, true
				}
			case "subFrameRate":
				if n, ok := posInt(a); ok {
					r.sfr, r.subDeclared = n, true
				}
			case "tickRate":
				if n, ok := posInt(a); ok {
					tickRate, r.tickDeclared = n, true
				}
			case "frameRateMultiplier":
				f := strings.Fields(a.Value)
				var n, d int64
				var err1, err2 error
				if len(f) == 2 {
					n, err1 = strconv.ParseInt(f[0], 10, 64)
					d, err2 = strconv.ParseInt(f[1], 10, 64)
				}
				if len(f) != 2 || err1 != nil || err2 != nil || n <= 0 || d <= 0 || n > 1e6 || d > 1e6 {
					r.warn(line, "ttp:frameRateMultiplier=%q is not two whole numbers from 1 to 1000000: ignored", a.Value)
					continue
				}
				multNum, multDen = n, d
			}
		}
	}
	r.frNum, r.frDen = frameRate*multNum, multDen
	switch {
	case r.tickDeclared:
		r.trNum, r.trDen = tickRate, 1
	case r.frameDeclared:
		// TTML1 §6.2.11: the effective frame rate times the sub-frame rate.
		r.trNum, r.trDen = r.frNum*r.sfr, r.frDen
	default:
		r.trNum, r.trDen = 1, 1
	}
	return r.children(func(se xml.StartElement, line int) error {
		switch {
		case nsKind(se.Name) == nsTT && se.Name.Local == "head" && !r.sawHead && !r.sawBody:
			r.sawHead = true
			return r.readHead()
		case nsKind(se.Name) == nsTT && se.Name.Local == "body" && !r.sawBody:
			r.sawBody = true
			_, err := r.readContent(se, line, root, "body", 0)
			return err
		}
		r.warn(line, "<%s> in <tt> is not read: not kept", qname(se.Name))
		return r.skip()
	}, r.ignoreText("tt"))
}

// isITunes reports whether a root attribute marks Apple Music lyrics: the
// itunes namespace declared, or an attribute in it.
func isITunes(a xml.Attr) bool {
	apple := func(ns string) bool {
		return strings.Contains(ns, "music.apple.com") || strings.Contains(ns, "itunes.apple.com")
	}
	if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
		return apple(a.Value)
	}
	return apple(a.Name.Space) || a.Name.Space == "itunes"
}

func (r *ttmlReader) readHead() error {
	return r.children(func(se xml.StartElement, line int) error {
		k := nsKind(se.Name)
		switch {
		case k == nsTT && se.Name.Local == "styling":
			return r.headSection("styling", "style", r.readStyle)
		case k == nsTT && se.Name.Local == "layout":
			return r.headSection("layout", "region", r.readRegion)
		case k == nsTT && se.Name.Local == "metadata", k == nsTTM:
			return r.readMetadata(se, line, true)
		case k == nsTTP:
			return r.skip() // profile declarations: nothing to show
		}
		r.warn(line, "<%s> in <head> is not supported: not kept", qname(se.Name))
		return r.skip()
	}, nil)
}

// readMetadata reads a <metadata> element or a metadata item (ttm:title,
// ...). In the head, the first ttm:title is the document's title; other
// metadata is not kept.
func (r *ttmlReader) readMetadata(se xml.StartElement, line int, head bool) error {
	k := nsKind(se.Name)
	if k == nsTT && se.Name.Local == "metadata" {
		return r.children(func(se xml.StartElement, line int) error {
			return r.readMetadata(se, line, head)
		}, nil)
	}
	if head && k == nsTTM && se.Name.Local == "title" && r.doc.Title == "" {
		var b strings.Builder
		err := r.children(func(xml.StartElement, int) error { return r.skip() },
			func(s string, _ int) { b.WriteString(s) })
		r.doc.Title = strings.Trim(collapseXMLSpace(b.String()), " ")
		return err
	}
	// EBU-TT's document metadata: the standards a file conforms to are
	// profile declarations, with nothing to show; its other items are
	// metadata not kept.
	if head && se.Name.Space == ebuttmNS && se.Name.Local == "documentMetadata" {
		return r.children(func(se xml.StartElement, line int) error {
			if se.Name.Space == ebuttmNS && se.Name.Local == "conformsToStandard" {
				return r.skip()
			}
			name := qname(se.Name)
			r.warnOnce("metadata "+name, line, "metadata <%s> is not kept", name)
			return r.skip()
		}, nil)
	}
	name := qname(se.Name)
	r.warnOnce("metadata "+name, line, "metadata <%s> is not kept", name)
	return r.skip()
}

// ebuttmNS is EBU-TT's metadata namespace.
const ebuttmNS = "urn:ebu:tt:metadata"

// rawElement returns the source text of the element that began at off and
// whose end was the last token read.
func (r *ttmlReader) rawElement(off int64) string {
	end := r.dec.InputOffset()
	if off < 0 || end > int64(len(r.text)) || off > end {
		return ""
	}
	return r.text[off:end]
}

// headSection reads the children of <styling> or <layout>: each child
// element with read, metadata as metadata, anything else warned about.
func (r *ttmlReader) headSection(parent, child string, read func(xml.StartElement, int, int64) error) error {
	return r.children(func(se xml.StartElement, line int) error {
		switch {
		case nsKind(se.Name) == nsTT && se.Name.Local == child:
			return read(se, line, r.tokOff)
		case nsKind(se.Name) == nsTT && se.Name.Local == "metadata":
			return r.readMetadata(se, line, true)
		}
		r.warn(line, "<%s> in <%s> is not supported: not kept", qname(se.Name), parent)
		return r.skip()
	}, nil)
}

// styleDef reads the attributes a <style> or <region> shares: its id, the
// styles it refers to and its tts: properties. A region's timing is
// warned about: it is not kept.
func (r *ttmlReader) styleDef(se xml.StartElement, line int, region bool) (string, *ttmlStyleDef) {
	def := &ttmlStyleDef{line: line, end: ttmlInf}
	var id string
	var dur int64 = -1
	for _, a := range se.Attr {
		switch k := nsKind(a.Name); {
		case k == nsXML && a.Name.Local == "id":
			id = a.Value
		case k == nsTT && a.Name.Local == "id" && id == "":
			id = a.Value // old DFXP tools wrote id for xml:id
		case k == nsTT && a.Name.Local == "style":
			def.refs = strings.Fields(a.Value)
		case region && k == nsTT && a.Name.Local == "begin":
			if t, ok := r.parseTime(a.Value, line); ok {
				def.begin = t
			}
		case region && k == nsTT && a.Name.Local == "end":
			if t, ok := r.parseTime(a.Value, line); ok {
				def.end = t
			}
		case region && k == nsTT && a.Name.Local == "dur":
			if t, ok := r.parseTime(a.Value, line); ok {
				dur = t
			}
		case k == nsTTS:
			r.styleAttr(a, line, &def.props, false)
		}
	}
	if dur >= 0 {
		def.end = min(def.end, addTime(def.begin, dur))
	}
	return id, def
}

func (r *ttmlReader) readStyle(se xml.StartElement, line int, off int64) error {
	id, def := r.styleDef(se, line, false)
	if err := r.skip(); err != nil {
		return err
	}
	if raw := r.rawElement(off); !ownBlock(strings.TrimSpace(raw)) {
		r.doc.Styles = append(r.doc.Styles, subtitle.Style{Name: id, Format: subtitle.TTML, Text: raw})
	}
	if id != "" {
		r.styles[id] = def
	}
	return nil
}

func (r *ttmlReader) readRegion(se xml.StartElement, line int, off int64) error {
	id, def := r.styleDef(se, line, true)
	// Styles nested in the region apply to it, under its own attributes.
	err := r.children(func(se xml.StartElement, line int) error {
		switch {
		case nsKind(se.Name) == nsTT && se.Name.Local == "style":
			var p ttmlProps
			for _, a := range se.Attr {
				if nsKind(a.Name) == nsTTS {
					r.styleAttr(a, line, &p, false)
				}
			}
			def.props = def.props.over(p)
		case nsKind(se.Name) == nsTT && (se.Name.Local == "set" || se.Name.Local == "animate"):
			r.warn(line, "animation <%s> is not supported: not kept", se.Name.Local)
		}
		return r.skip()
	}, nil)
	if err != nil {
		return err
	}
	if raw := r.rawElement(off); !ownBlock(strings.TrimSpace(raw)) {
		r.doc.Regions = append(r.doc.Regions, subtitle.Region{ID: id, Format: subtitle.TTML, Text: raw})
	}
	if id != "" {
		r.regions[id] = def
	}
	return nil
}

// styleAttr reads a tts: attribute into p. It reports whether a Span can
// hold it; content (warn) warns about what it cannot.
func (r *ttmlReader) styleAttr(a xml.Attr, line int, p *ttmlProps, content bool) bool {
	v := strings.TrimSpace(a.Value)
	bad := func() bool {
		r.warn(line, "tts:%s=%q is not a value subkit knows: ignored", a.Name.Local, a.Value)
		return true
	}
	switch a.Name.Local {
	case "fontStyle":
		switch v {
		case "normal":
			p.italic = false
		case "italic", "oblique", "reverseOblique":
			p.italic = true
		default:
			return bad()
		}
		p.set |= propItalic
	case "fontWeight":
		switch v {
		case "normal":
			p.bold = false
		case "bold":
			p.bold = true
		default:
			return bad()
		}
		p.set |= propBold
	case "textDecoration":
		for _, f := range strings.Fields(v) {
			switch f {
			case "none", "noUnderline":
				p.underline = false
				p.set |= propUnderline
			case "underline":
				p.underline = true
				p.set |= propUnderline
			case "noLineThrough", "noOverline":
			case "lineThrough", "overline":
				if content {
					r.warnOnce("decoration "+f, line, "tts:textDecoration %s is not kept", f)
				}
			default:
				return bad()
			}
		}
	case "textAlign":
		switch v {
		case "left", "center", "right", "start", "end", "justify":
			p.textAlign = v
		default:
			return bad()
		}
		p.set |= propTextAlign
	case "displayAlign", "origin", "extent":
		if content {
			return false // a region's, not content's
		}
		switch a.Name.Local {
		case "displayAlign":
			p.displayAlign, p.set = v, p.set|propDisplayAlign
		case "origin":
			p.origin, p.set = v, p.set|propOrigin
		case "extent":
			p.extent, p.set = v, p.set|propExtent
		}
	case "display":
		if content {
			return false // enter reads it
		}
		switch v {
		case "none":
			p.displayNone = true
		case "auto":
			p.displayNone = false
		default:
			return bad()
		}
		p.set |= propDisplay
	case "color":
		if _, err := csscolor.Parse(v); err != nil {
			r.warn(line, "tts:color=%q: %v: ignored", a.Value, err)
			return true
		}
		p.color = strings.Join(strings.Fields(v), " ")
		p.set |= propColor
	default:
		return false
	}
	return true
}

// styleProps resolves a referenced style: its own properties over those
// of the styles it references, the last first.
func (r *ttmlReader) styleProps(id string, line int) ttmlProps {
	def := r.styles[id]
	if def == nil {
		r.warn(line, "style %q is not defined: ignored", id)
		return ttmlProps{}
	}
	switch def.state {
	case 1:
		r.warn(def.line, "style %q refers to itself: the loop is ignored", id)
		return ttmlProps{}
	case 2:
		return def.props
	}
	def.state = 1
	def.props = def.props.over(r.refsProps(def.refs, def.line))
	def.state = 2
	return def.props
}

// refsProps resolves a style="a b" list: later styles take precedence.
func (r *ttmlReader) refsProps(refs []string, line int) ttmlProps {
	var p ttmlProps
	for i := len(refs) - 1; i >= 0; i-- {
		p = p.over(r.styleProps(refs[i], line))
	}
	return p
}

// styleDisplayNone reports whether the styles refs refer to set
// tts:display="none".
func (r *ttmlReader) styleDisplayNone(refs []string, line int) bool {
	if len(refs) == 0 {
		return false
	}
	p := r.refsProps(refs, line)
	return p.set&propDisplay != 0 && p.displayNone
}

// regionProps resolves a region's style.
func (r *ttmlReader) regionProps(id string, line int) ttmlProps {
	if id == "" {
		return ttmlProps{}
	}
	if p, ok := r.regionEff[id]; ok {
		return p
	}
	def := r.regions[id]
	var p ttmlProps
	if def == nil {
		r.warn(line, "region %q is not defined", id)
	} else {
		p = def.props.over(r.refsProps(def.refs, def.line))
	}
	r.regionEff[id] = p
	return p
}

// ttmlElem is what enter reads from a content element's attributes.
type ttmlElem struct {
	ctx   ttmlCtx
	id    string
	style string
	ruby  string
	// explicit is set when begin... end or dur gave the element an end:
	// then end is it (absolute, before clipping by the parent).
	explicit bool
	end      int64
	display  displayState
}

// displayState is an element's tts:display: whether it is shown, and the
// times a <set> in it changes that.
type displayState struct {
	none bool
	sets []displaySet
}

// displaySet is a <set tts:display> child: from begin to end the element is
// shown (or not).
type displaySet struct {
	begin, end int64
	none       bool
}

// enter reads a content element's attributes (timing, styles, language,
// region) into the context its content sees. syncBase is when its begin
// counts from: its parent's begin in a par container, the end of its
// previous sibling in a seq container.
func (r *ttmlReader) enter(se xml.StartElement, line int, parent ttmlCtx, kind string, syncBase int64) ttmlElem {
	e := ttmlElem{ctx: parent}
	e.ctx.seq = false
	var spec ttmlProps
	var refs []string
	var begin, end, dur string
	var hasBegin, hasEnd, hasDur, hasXMLID bool
	for _, a := range se.Attr {
		k := nsKind(a.Name)
		switch {
		case k == nsXMLNS:
		case k == nsXML:
			switch a.Name.Local {
			case "id":
				e.id = a.Value
				hasXMLID = true
			case "lang":
				e.ctx.lang = strings.TrimSpace(a.Value)
			case "space":
				e.ctx.preserve = a.Value == "preserve"
			default:
				r.warnOnce("attr xml:"+a.Name.Local, line, "attribute xml:%s is not kept", a.Name.Local)
			}
		case k == nsTT && a.Name.Local == "id":
			if !hasXMLID {
				e.id = a.Value // old DFXP tools wrote id for xml:id
			}
		case k == nsTT && a.Name.Local == "begin":
			begin, hasBegin = a.Value, true
		case k == nsTT && a.Name.Local == "end":
			end, hasEnd = a.Value, true
		case k == nsTT && a.Name.Local == "dur":
			dur, hasDur = a.Value, true
		case k == nsTT && a.Name.Local == "style":
			e.style = strings.Join(strings.Fields(a.Value), " ")
			refs = strings.Fields(a.Value)
		case k == nsTT && a.Name.Local == "region":
			e.ctx.region = strings.TrimSpace(a.Value)
		case k == nsTT && a.Name.Local == "timeContainer":
			switch v := strings.TrimSpace(a.Value); v {
			case "seq":
				e.ctx.seq = true
			case "par":
			default:
				r.warn(line, "timeContainer=%q is neither par nor seq: read as par", v)
			}
		case k == nsTTS && a.Name.Local == "ruby":
			e.ruby = strings.TrimSpace(a.Value)
		case k == nsTTS && a.Name.Local == "display":
			e.display.none = strings.TrimSpace(a.Value) == "none"
		case k == nsTTS && a.Name.Local == "backgroundImage",
			k == nsOther && a.Name.Local == "backgroundImage":
			r.warn(line, "image %s=%q is not supported: not kept", qname(a.Name), a.Value)
		case k == nsTTS:
			if !r.styleAttr(a, line, &spec, true) {
				r.warnOnce("attr "+qname(a.Name), line, "style attribute %s on content is not kept", qname(a.Name))
			}
		default:
			r.warnOnce("attr "+qname(a.Name), line, "attribute %s is not kept", qname(a.Name))
		}
	}
	if kind == "br" {
		if hasBegin || hasEnd || hasDur {
			r.warnOnce("br timing", line, "<br> is not timed: its timing is ignored")
		}
		return e
	}
	spec = spec.over(r.refsProps(refs, line))
	e.ctx.chain = spec.over(parent.chain)
	if !e.display.none && r.styleDisplayNone(refs, line) {
		e.display.none = true
	}
	// Timing: begin counts from the sync base, and so does end; dur from
	// the element's begin. The earlier of end and begin+dur wins.
	if r.absolute {
		syncBase = 0
	}
	b := max(syncBase, parent.begin)
	if r.absolute && !hasBegin {
		b = parent.begin
	}
	if hasBegin {
		if t, ok := r.parseTime(begin, line); ok {
			b = addTime(syncBase, t)
		}
	}
	en := ttmlInf
	var endT, durT int64
	endOK, durOK := false, false
	if hasEnd {
		endT, endOK = r.parseTime(end, line)
	}
	if hasDur {
		durT, durOK = r.parseTime(dur, line)
	}
	switch {
	case endOK && durOK:
		en = min(addTime(b, durT), addTime(syncBase, endT))
	case durOK:
		en = addTime(b, durT)
	case endOK:
		en = addTime(syncBase, endT)
	}
	e.explicit = endOK || durOK
	e.end = en
	e.ctx.begin, e.ctx.end = min(b, ttmlInf), min(en, parent.end)
	return e
}

// leave returns the end of element e, whose children ended (at the latest,
// or the last of them in a seq container) at implicit: its explicit end if
// it has one, else implicit; never after its parent's end.
func (e *ttmlElem) leave(implicit int64, parent ttmlCtx) int64 {
	end := implicit
	if e.explicit {
		end = e.end
	}
	return max(min(end, parent.end), e.ctx.begin)
}

// childEnd folds a child's end into its container's implicit end: the
// latest in a par container, the last in a seq container.
func childEnd(seq bool, implicit, child int64) int64 {
	if seq {
		return child
	}
	return max(implicit, child)
}

func addTime(a, b int64) int64 {
	if a == ttmlInf || b == ttmlInf {
		return ttmlInf
	}
	return min(a+b, ttmlMaxTime) // both are at most ttmlMaxTime
}

// readContent reads body and div: blocks of paragraphs. It returns the
// element's end.
func (r *ttmlReader) readContent(se xml.StartElement, line int, parent ttmlCtx, kind string, syncBase int64) (int64, error) {
	e := r.enter(se, line, parent, kind, syncBase)
	if e.display.none {
		e.ctx.hidden = true
	}
	implicit := e.ctx.begin
	err := r.children(func(se xml.StartElement, line int) error {
		base := e.ctx.begin
		if e.ctx.seq {
			base = implicit
		}
		if nsKind(se.Name) == nsTT {
			var end int64
			var err error
			switch se.Name.Local {
			case "div":
				end, err = r.readContent(se, line, e.ctx, "div", base)
			case "p":
				end, err = r.readParagraph(se, line, e.ctx, base)
			case "set":
				var s displaySet
				s, err = r.readSet(se, line, e.ctx, base)
				end = s.end
				r.addSet(&e.display, s, line)
			default:
				return r.unknownInContent(se, line, kind)
			}
			implicit = childEnd(e.ctx.seq, implicit, end)
			return err
		}
		return r.unknownInContent(se, line, kind)
	}, r.ignoreText(kind))
	if len(e.display.sets) > 0 {
		r.warn(line, "<set> on <%s> is not supported: not kept", kind)
	}
	return e.leave(implicit, parent), err
}

// maxSets bounds the <set tts:display> animations kept on one element.
const maxSets = 64

// addSet keeps a display animation of an element, up to maxSets.
func (r *ttmlReader) addSet(d *displayState, s displaySet, line int) {
	if s.begin >= s.end {
		return
	}
	if len(d.sets) >= maxSets {
		r.warn(line, "more than %d <set tts:display> on one element: the rest are not kept", maxSets)
		return
	}
	d.sets = append(d.sets, s)
}

// readSet reads a <set> animation. tts:display is applied to its parent's
// text; other properties are warned about and not kept.
func (r *ttmlReader) readSet(se xml.StartElement, line int, parent ttmlCtx, syncBase int64) (displaySet, error) {
	e := r.enter(se, line, parent, "set", syncBase)
	s := displaySet{begin: e.ctx.begin, end: e.leave(ttmlInf, parent)}
	display := false
	for _, a := range se.Attr {
		if nsKind(a.Name) != nsTTS {
			continue
		}
		if a.Name.Local == "display" {
			display = true
			s.none = strings.TrimSpace(a.Value) == "none"
			continue
		}
		r.warn(line, "animation <set %s> is not supported: not kept", qname(a.Name))
	}
	if !display {
		s.end = s.begin // nothing to apply
	}
	return s, r.skip()
}

// unknownInContent warns about and skips an element content cannot keep.
func (r *ttmlReader) unknownInContent(se xml.StartElement, line int, in string) error {
	k := nsKind(se.Name)
	switch {
	case k == nsTT && se.Name.Local == "animate":
		r.warn(line, "animation <%s> is not supported: not kept", se.Name.Local)
	case k == nsTT && se.Name.Local == "metadata", k == nsTTM:
		r.warnOnce("content metadata", line, "metadata in content is not kept")
	case k == nsTT && se.Name.Local == "image", k == nsOther && se.Name.Local == "image":
		r.warn(line, "image <%s> is not supported: not kept", qname(se.Name))
	default:
		r.warn(line, "<%s> in <%s> is not supported: not kept", qname(se.Name), in)
	}
	return r.skip()
}

func (r *ttmlReader) readParagraph(se xml.StartElement, line int, parent ttmlCtx, syncBase int64) (int64, error) {
	p := r.enter(se, line, parent, "p", syncBase)
	r.items = r.items[:0]
	r.styleTab = r.styleTab[:0]
	clear(r.styleIdx)
	end, err := r.readInline(&p, line, "p", parent)
	if err != nil {
		return end, err
	}
	r.paragraph(p, line)
	return end, nil
}

// readInline reads the content of a p or span into r.items and returns
// the element's end.
func (r *ttmlReader) readInline(e *ttmlElem, line int, kind string, parent ttmlCtx) (int64, error) {
	switch e.ruby {
	case "", "none", "container", "base", "baseContainer":
	default: // text, textContainer, delimiter
		r.warn(line, "ruby text (tts:ruby=%q) is not supported: not kept", e.ruby)
		return e.leave(e.ctx.begin, parent), r.skip()
	}
	first := len(r.items)
	implicit := e.ctx.begin
	if e.ctx.hidden {
		e.display = displayState{none: true}
	}
	seqText := false
	err := r.children(func(se xml.StartElement, line int) error {
		base := e.ctx.begin
		if e.ctx.seq {
			base = implicit
		}
		if nsKind(se.Name) == nsTT {
			switch se.Name.Local {
			case "span":
				c := r.enter(se, line, e.ctx, "span", base)
				end, err := r.readInline(&c, line, "span", e.ctx)
				implicit = childEnd(e.ctx.seq, implicit, end)
				return err
			case "br":
				r.enter(se, line, e.ctx, "br", base) // warns about what a <br> cannot have
				// A <br> lasts as long as its parent in a par container
				// and not at all in a seq container.
				if e.ctx.seq {
					implicit = childEnd(true, implicit, base)
				} else {
					implicit = ttmlInf
					r.items = append(r.items, ttmlItem{br: true, begin: e.ctx.begin, end: e.ctx.end})
				}
				return r.children(func(se xml.StartElement, line int) error {
					return r.unknownInContent(se, line, "br")
				}, nil)
			case "set":
				s, err := r.readSet(se, line, e.ctx, base)
				r.addSet(&e.display, s, line)
				implicit = childEnd(e.ctx.seq, implicit, s.end)
				return err
			case "region":
				r.warn(line, "inline <region> is not supported: not kept")
				return r.skip()
			}
		}
		return r.unknownInContent(se, line, kind)
	}, func(s string, line int) {
		if e.ctx.seq {
			// Text in a seq container lasts no time: never shown.
			if !isXMLSpace(s) && !seqText {
				seqText = true
				r.warn(line, "text %q is directly in a seq container, where it is never shown: not kept", clip(s))
			}
			return
		}
		implicit = ttmlInf
		r.items = append(r.items, ttmlItem{text: s, preserve: e.ctx.preserve,
			style: r.styleIndex(r.textStyle(e.ctx, line)), begin: e.ctx.begin, end: e.ctx.end})
	})
	r.applyDisplay(e.display, first)
	return e.leave(implicit, parent), err
}

// applyDisplay hides the items from first on while their element's
// tts:display is none, taking its <set>s into account: an item shown in
// two separate intervals becomes two items.
func (r *ttmlReader) applyDisplay(d displayState, first int) {
	if !d.none && len(d.sets) == 0 {
		return
	}
	// The times at which the display changes, and the state in each
	// interval between them.
	ts := []int64{0, ttmlInf}
	for _, s := range d.sets {
		ts = append(ts, s.begin, s.end)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	var shown [][2]int64
	for i := 0; i+1 < len(ts); i++ {
		a, b := ts[i], ts[i+1]
		if a >= b {
			continue
		}
		none := d.none
		for _, s := range d.sets { // the last set active wins
			if s.begin <= a && b <= s.end {
				none = s.none
			}
		}
		if none {
			continue
		}
		if n := len(shown); n > 0 && shown[n-1][1] == a {
			shown[n-1][1] = b
		} else {
			shown = append(shown, [2]int64{a, b})
		}
	}
	items := r.items[first:]
	out := make([]ttmlItem, 0, len(items))
	for _, it := range items {
		kept := false
		for _, iv := range shown {
			b, e := max(it.begin, iv[0]), min(it.end, iv[1])
			if b < e {
				c := it
				c.begin, c.end = b, e
				out = append(out, c)
				kept = true
			}
		}
		if !kept {
			c := it
			c.end = c.begin // never shown
			out = append(out, c)
		}
	}
	r.items = append(r.items[:first], out...)
}

// styleIndex returns the index of st in styleTab, adding it if new.
func (r *ttmlReader) styleIndex(st ttmlStyle) int32 {
	if n := len(r.styleTab); n > 0 && r.styleTab[n-1] == st {
		return int32(n - 1)
	}
	if i, ok := r.styleIdx[st]; ok {
		return i
	}
	if r.styleIdx == nil {
		r.styleIdx = map[ttmlStyle]int32{}
	}
	r.styleTab = append(r.styleTab, st)
	r.styleIdx[st] = int32(len(r.styleTab) - 1)
	return int32(len(r.styleTab) - 1)
}

// textStyle computes the style of text in context c.
func (r *ttmlReader) textStyle(c ttmlCtx, line int) ttmlStyle {
	p := c.chain.over(r.regionProps(c.region, line))
	st := ttmlStyle{italic: p.italic, bold: p.bold, underline: p.underline}
	if !isWhite(p.color) {
		st.color = p.color
	}
	if !sameLang(c.lang, r.docLang) {
		st.lang = c.lang
	}
	return st
}

// isWhite reports whether a TTML color is opaque white, or "".
func isWhite(c string) bool {
	v, err := csscolor.Parse(c)
	return c == "" || err == nil && v == color.NRGBA{R: 255, G: 255, B: 255, A: 255}
}

// sameLang compares language tags, "" and "und" both meaning none.
func sameLang(a, b string) bool {
	if strings.EqualFold(a, "und") {
		a = ""
	}
	if strings.EqualFold(b, "und") {
		b = ""
	}
	return strings.EqualFold(a, b)
}

// paragraph turns the items of paragraph p into cues.
func (r *ttmlReader) paragraph(p ttmlElem, line int) {
	items := r.items
	pb, pe := p.ctx.begin, p.ctx.end
	// Content in a timed region is shown only while the region is active.
	if def := r.regions[p.ctx.region]; def != nil && (def.begin > 0 || def.end != ttmlInf) {
		pb, pe = max(pb, def.begin), min(pe, def.end)
		for i := range items {
			items[i].begin, items[i].end = max(items[i].begin, def.begin), min(items[i].end, def.end)
		}
	}
	if pe <= pb || pe != ttmlInf && roundMs(pe) <= roundMs(pb) {
		if lines := r.render(items, line); len(lines) == 0 {
			r.warn(line, "paragraph has no text: no cue")
		} else {
			r.warn(line, "paragraph is never shown (it ends at or before its begin, or outside its parent's time): not kept")
		}
		return
	}
	// Text never shown is dropped; if it had text, with a warning.
	kept := items[:0]
	for _, it := range items {
		if it.end > it.begin {
			kept = append(kept, it)
		} else if !it.br && !isXMLSpace(it.text) {
			r.warn(line, "text %q is never shown (hidden by tts:display, or timed outside its paragraph's time): not kept", clip(it.text))
		}
	}
	items = kept
	if len(items) == 0 {
		r.warn(line, "paragraph has no text: no cue")
		return
	}
	same := true
	for _, it := range items[1:] {
		if it.begin != items[0].begin || it.end != items[0].end {
			same = false
			break
		}
	}
	if same {
		lines := r.render(items, line)
		if len(lines) == 0 {
			r.warn(line, "paragraph has no text: no cue")
			return
		}
		r.addCue(p, line, 0, items[0].begin, items[0].end, lines)
		return
	}
	// Split at every time a span begins or ends.
	var ts []int64
	for _, it := range items {
		ts = append(ts, it.begin, it.end)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	u := ts[:1]
	for _, t := range ts[1:] {
		if t != u[len(u)-1] {
			u = append(u, t)
		}
	}
	ts = u
	n := 0
	size := len(items)
	for _, it := range items {
		size += len(it.text)
	}
	if (len(ts)-1)*size > ttmlMaxSplitWork {
		// Too many intervals: one cue for each group of items timed alike.
		r.warn(line, "paragraph's spans have too many different times to split exactly: each time gets its own cue")
		type key struct{ b, e int64 }
		var order []key
		groups := map[key][]ttmlItem{}
		for _, it := range items {
			k := key{it.begin, it.end}
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			groups[k] = append(groups[k], it)
		}
		for _, k := range order {
			if lines := r.render(groups[k], line); len(lines) > 0 {
				r.addCue(p, line, n, k.b, k.e, lines)
				n++
			}
		}
	} else {
		var prev []subtitle.Line
		prevCue := -1
		var active []ttmlItem
		for i := 0; i+1 < len(ts); i++ {
			a, b := ts[i], ts[i+1]
			if b != ttmlInf && roundMs(a) == roundMs(b) {
				continue // shown for less than a millisecond
			}
			active = active[:0]
			for _, it := range items {
				if it.begin <= a && it.end >= b {
					active = append(active, it)
				}
			}
			lines := r.render(active, line)
			switch {
			case len(lines) == 0:
				prev, prevCue = nil, -1
			case prevCue >= 0 && linesEqual(lines, prev):
				r.setEnd(prevCue, b, line)
			default:
				prevCue = r.addCue(p, line, n, a, b, lines)
				prev = lines
				n++
			}
		}
	}
	switch {
	case n == 0:
		r.warn(line, "paragraph has no text: no cue")
	case n > 1:
		r.warn(line, "paragraph's spans are timed on their own: split into %d cues", n)
	}
}

// addCue appends a cue for paragraph p, the n-th made from it, and
// returns its index.
func (r *ttmlReader) addCue(p ttmlElem, line, n int, begin, end int64, lines []subtitle.Line) int {
	c := subtitle.Cue{ID: p.id, Start: roundMs(begin), Lines: lines, Region: p.ctx.region, Style: p.style}
	if c.Region == "" && len(r.regions) > 0 {
		// TTML presents content in the default region only when the
		// file defines none; authors who leave it out mean it shown.
		r.warnOnce("no region", line, "text in no region while the file defines regions (the first here): "+
			"TTML shows it nowhere, ttconv and imscJS drop it; kept, placed as the default region would place it")
	}
	c.Align, c.Settings = r.placement(p.ctx, line)
	if n > 0 && c.ID != "" {
		c.ID += "." + strconv.Itoa(n+1)
	}
	r.latest = max(r.latest, begin)
	r.doc.Cues = append(r.doc.Cues, c)
	if r.keepSources {
		r.sources = append(r.sources, subtitle.CueSource{Line: line})
	}
	i := len(r.doc.Cues) - 1
	r.setEnd(i, end, line)
	return i
}

// setEnd sets cue i's end; a cue that never ends waits for finish.
func (r *ttmlReader) setEnd(i int, end int64, line int) {
	c := &r.doc.Cues[i]
	last := len(r.open) > 0 && r.open[len(r.open)-1] == i
	if end == ttmlInf {
		c.End = c.Start
		if !last {
			if len(r.open) == 0 {
				r.openAt = line
			}
			r.open = append(r.open, i)
		}
		return
	}
	if last {
		r.open = r.open[:len(r.open)-1]
	}
	r.latest = max(r.latest, end)
	c.End = max(roundMs(end), c.Start)
}

func linesEqual(a, b []subtitle.Line) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if styleOf(a[i][j]) != styleOf(b[i][j]) || a[i][j].Text != b[i][j].Text {
				return false
			}
		}
	}
	return true
}

// ttmlRun is a piece of text or a line break being laid out.
type ttmlRun struct {
	text  string
	br    bool
	style int32
}

// render lays out a paragraph's items as imscJS does for
// xml:space="default": white space runs collapsed, dropped at the start and
// end and around line breaks. Preserved text keeps its line breaks; its
// other white space is collapsed too, with a warning, because subkit's
// writers do not preserve it. Line edges lose any other white space, blank
// lines are dropped, and neighbouring spans of one style are joined.
func (r *ttmlReader) render(items []ttmlItem, line int) []subtitle.Line {
	runs := r.runs[:0]
	if cap(runs) < len(items) {
		runs = make([]ttmlRun, 0, len(items))
	}
	defer func() { r.runs = runs[:0] }()
	for _, it := range items {
		switch {
		case it.br:
			runs = append(runs, ttmlRun{br: true})
		case it.preserve:
			t := strings.ReplaceAll(strings.ReplaceAll(it.text, "\r\n", "\n"), "\r", "\n")
			if strings.Contains(t, "  ") || strings.Contains(t, "\t") || strings.Contains(t, " \n") || strings.Contains(t, "\n ") {
				r.warnOnce("preserve", line, `xml:space="preserve": line breaks are kept, other white space is collapsed`)
			}
			for i, part := range strings.Split(t, "\n") {
				if i > 0 {
					runs = append(runs, ttmlRun{br: true})
				}
				runs = append(runs, ttmlRun{text: part, style: it.style})
			}
		default:
			runs = append(runs, ttmlRun{text: it.text, style: it.style})
		}
	}
	// Collapse runs and drop leading white space (imsc's collapseLWSP).
	out := runs[:0]
	for _, ru := range runs {
		if ru.br {
			out = append(out, ru)
			continue
		}
		t := collapseXMLSpace(ru.text)
		if strings.HasPrefix(t, " ") && (len(out) == 0 || out[len(out)-1].br || strings.HasSuffix(out[len(out)-1].text, " ")) {
			t = t[1:]
		}
		if t != "" {
			ru.text = t
			out = append(out, ru)
		}
	}
	runs = out
	// Drop trailing white space before a break and at the end.
	out = runs[:0]
	for i, ru := range runs {
		if !ru.br && strings.HasSuffix(ru.text, " ") && (i == len(runs)-1 || runs[i+1].br) {
			ru.text = ru.text[:len(ru.text)-1]
			if ru.text == "" {
				continue
			}
		}
		out = append(out, ru)
	}
	runs = out
	// Join neighbouring runs of one style, each group in one allocation.
	out = runs[:0]
	for i := 0; i < len(runs); {
		j, size := i+1, len(runs[i].text)
		for !runs[i].br && j < len(runs) && !runs[j].br && r.styleTab[runs[j].style] == r.styleTab[runs[i].style] {
			size += len(runs[j].text)
			j++
		}
		ru := runs[i]
		if j > i+1 {
			var b strings.Builder
			b.Grow(size)
			for _, x := range runs[i:j] {
				b.WriteString(x.text)
			}
			ru.text = b.String()
		}
		out = append(out, ru)
		i = j
	}
	runs = out
	// Lines.
	var lines []subtitle.Line
	var cur subtitle.Line
	blank := 0 // blank lines since the last line with text
	flush := func() {
		for len(cur) > 0 && strings.TrimSpace(cur[0].Text) == "" {
			r.edgeSpace(line)
			cur = cur[1:]
		}
		for len(cur) > 0 && strings.TrimSpace(cur[len(cur)-1].Text) == "" {
			r.edgeSpace(line)
			cur = cur[:len(cur)-1]
		}
		if len(cur) == 0 {
			blank++
			return
		}
		if blank > 0 && len(lines) > 0 {
			r.warn(line, "blank lines between lines of text are not kept")
		}
		blank = 0
		if t := strings.TrimLeftFunc(cur[0].Text, unicode.IsSpace); t != cur[0].Text {
			r.edgeSpace(line)
			cur[0].Text = t
		}
		if t := strings.TrimRightFunc(cur[len(cur)-1].Text, unicode.IsSpace); t != cur[len(cur)-1].Text {
			r.edgeSpace(line)
			cur[len(cur)-1].Text = t
		}
		lines = append(lines, cur)
		cur = nil
	}
	for _, ru := range runs {
		if ru.br {
			flush()
			continue
		}
		if n := len(cur); n > 0 && styleOf(cur[n-1]) == r.styleTab[ru.style] {
			cur[n-1].Text += ru.text
			continue
		}
		cur = append(cur, r.styleTab[ru.style].span(ru.text))
	}
	flush()
	return lines
}

func (r *ttmlReader) edgeSpace(line int) {
	r.warnOnce("edge space", line, "white space other than spaces at the edge of a line (no-break, ideographic) is not kept")
}

// collapseXMLSpace turns each run of XML white space into one space.
func collapseXMLSpace(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\r', '\n':
			clean = false
		case ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				clean = false
			}
		}
		if !clean {
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\r', '\n':
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteByte(c)
			space = false
		}
	}
	return b.String()
}

// parseTime reads a TTML time expression as nanoseconds: clock time
// (hh:mm:ss, hh:mm:ss.fraction, hh:mm:ss:frames[.sub-frames]) or offset
// time (a number with h, m, s, ms, f or t). A bad one is warned about and
// reported not ok.
func (r *ttmlReader) parseTime(s string, line int) (int64, bool) {
	t, ok := r.timeValue(strings.TrimSpace(s), line)
	if !ok {
		r.warn(line, "time %q is not a TTML time expression (or is too large): ignored", s)
	}
	r.timed = r.timed || ok
	return t, ok
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// decimalNs returns the nanoseconds in a decimal number of units of
// num/den nanoseconds each, truncated, and false if it is too large.
func decimalNs(whole, frac string, num, den int64) (int64, bool) {
	if len(whole) > 30 {
		return 0, false
	}
	if len(frac) > 30 {
		frac = frac[:30]
	}
	// Fast path: whole nanosecond units, up to nine fraction digits.
	if den == 1 && len(whole) <= 12 && len(frac) <= 9 {
		w, _ := strconv.ParseUint(whole, 10, 64)
		hi, ns := bits.Mul64(w, uint64(num))
		if hi != 0 || ns > uint64(ttmlMaxTime) {
			return 0, false
		}
		if frac != "" {
			f, _ := strconv.ParseUint(frac, 10, 64)
			p := uint64(1)
			for range len(frac) {
				p *= 10
			}
			// f < p, so f*num/p < num and the division cannot overflow.
			hi, lo := bits.Mul64(f, uint64(num))
			q, _ := bits.Div64(hi, lo, p)
			ns += q
		}
		return int64(ns), ns <= uint64(ttmlMaxTime)
	}
	v, ok := new(big.Int).SetString(whole+frac, 10)
	if !ok {
		return 0, false
	}
	v.Mul(v, big.NewInt(num))
	d := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(frac))), nil)
	d.Mul(d, big.NewInt(den))
	v.Quo(v, d)
	if !v.IsInt64() || v.Int64() > ttmlMaxTime {
		return 0, false
	}
	return v.Int64(), true
}

func (r *ttmlReader) frames(line int) {
	if !r.frameDeclared {
		r.warnOnce("frames", line, "frames are used without ttp:frameRate: read at 30 frames a second, TTML's default")
	}
}

func (r *ttmlReader) timeValue(s string, line int) (int64, bool) {
	if strings.IndexByte(s, ':') >= 0 {
		parts := strings.Split(s, ":")
		if len(parts) == 2 {
			// minutes:seconds, as Apple Music lyrics write them.
			m := parts[0]
			sec, frac, hasFrac := strings.Cut(parts[1], ".")
			if !allDigits(m) || len(sec) != 2 || !allDigits(sec) || hasFrac && !allDigits(frac) {
				return 0, false
			}
			r.warnOnce("minutes", line, "times as minutes:seconds (%q) are not TTML: read as Apple Music files mean them", s)
			ms, ok := decimalNs(m, "", 60e9, 1)
			ss, _ := decimalNs(sec, frac, 1e9, 1)
			return ms + ss, ok && ms+ss <= ttmlMaxTime
		}
		if len(parts) != 3 && len(parts) != 4 {
			return 0, false
		}
		h, m := parts[0], parts[1]
		sec, frac, hasFrac := strings.Cut(parts[2], ".")
		if !allDigits(h) || len(m) != 2 || !allDigits(m) || len(sec) != 2 || !allDigits(sec) ||
			hasFrac && (len(parts) == 4 || !allDigits(frac)) {
			return 0, false
		}
		hs, ok1 := decimalNs(h, "", 3600e9, 1)
		ms, _ := decimalNs(m, "", 60e9, 1)
		ss, _ := decimalNs(sec, frac, 1e9, 1)
		if !ok1 {
			return 0, false
		}
		t := hs + ms + ss
		if len(parts) == 4 {
			fr, sub, hasSub := strings.Cut(parts[3], ".")
			if !allDigits(fr) || hasSub && !allDigits(sub) {
				return 0, false
			}
			r.frames(line)
			// frames + sub/sfr frames, at frNum/frDen frames a second.
			f, ok := decimalNs(fr, "", 1e9*r.frDen, r.frNum)
			if !ok {
				return 0, false
			}
			t += f
			if hasSub {
				if !r.subDeclared {
					r.warnOnce("subframes", line, "sub-frames are used without ttp:subFrameRate: read at 1 a frame, TTML's default")
				}
				sf, ok := decimalNs(sub, "", 1e9*r.frDen, r.frNum*r.sfr)
				if !ok {
					return 0, false
				}
				t += sf
			}
		}
		return t, t <= ttmlMaxTime
	}
	// Offset time: a number and a metric.
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	num, metric := s[:i], s[i:]
	whole, frac, hasFrac := strings.Cut(num, ".")
	if !allDigits(whole) || hasFrac && !allDigits(frac) {
		return 0, false
	}
	switch metric {
	case "":
		if hasFrac && frac == "" {
			return 0, false
		}
		r.warnOnce("unitless", line, "times without a unit (%q) are read as seconds, as Flash and Apple Music files mean them", s)
		return decimalNs(whole, frac, 1e9, 1)
	case "h":
		return decimalNs(whole, frac, 3600e9, 1)
	case "m":
		return decimalNs(whole, frac, 60e9, 1)
	case "s":
		return decimalNs(whole, frac, 1e9, 1)
	case "ms":
		return decimalNs(whole, frac, 1e6, 1)
	case "f":
		r.frames(line)
		return decimalNs(whole, frac, 1e9*r.frDen, r.frNum)
	case "t":
		if !r.tickDeclared && !r.frameDeclared {
			r.warnOnce("ticks", line, "ticks are used without ttp:tickRate: read at 1 tick a second, TTML's default")
		}
		return decimalNs(whole, frac, 1e9*r.trDen, r.trNum)
	}
	return 0, false
}
