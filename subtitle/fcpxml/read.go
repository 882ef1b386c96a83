package fcpxml

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

// span is a run of caption text as read, with its text-style's reference
// and the attributes that override it, resolved once every
// text-style-def is known.
type span struct {
	cue, line int // where it goes
	text      string
	ref       string
	attrs     map[string]string
	xmlLine   int
}

// timeCtx is an element's place on the project's timeline: abs is where
// its local time start falls.
type timeCtx struct {
	abs, start *big.Rat
}

// local returns where local time o of the context falls on the timeline.
func (c timeCtx) local(o *big.Rat) *big.Rat {
	r := new(big.Rat).Sub(o, c.start)
	return r.Add(r, c.abs)
}

// clipElements are the elements whose offset places them in their
// parent's time and whose start begins their own.
var clipElements = map[string]bool{
	"clip": true, "asset-clip": true, "ref-clip": true, "sync-clip": true, "mc-clip": true, "gap": true,
	"title": true, "video": true, "audio": true, "transition": true,
}

type reader struct {
	name  string
	dec   *xml.Decoder
	doc   *subtitle.Document
	ws    []subtitle.Warning
	spans []span
	defs  map[string]map[string]string // text-style-def id: its text-style's attributes
	// frames are each <format>'s frameDuration by its id, and sequence
	// the format of the first <sequence>: the timeline's frame rate.
	frames   map[string]string
	sequence string
	// aligns are each cue's text alignment from its first span's style,
	// and tops whether its text is placed at the top.
	aligns []string
	tops   []bool
}

// read is the registered reader.
func read(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	r := &reader{name: name, dec: xml.NewDecoder(strings.NewReader(text)), doc: &subtitle.Document{}, defs: map[string]map[string]string{},
		frames: map[string]string{}}
	r.dec.Strict = true
	r.dec.Entity = xml.HTMLEntity
	if err := r.read(); err != nil {
		return nil, r.ws, err
	}
	return r.doc, r.ws, nil
}

func (r *reader) line() int {
	l, _ := r.dec.InputPos()
	return l
}

func (r *reader) errorf(line int, format string, a ...any) error {
	return &subtitle.ParseError{File: r.name, Line: max(line, 1), Err: fmt.Errorf("%w: "+format, append([]any{subtitle.ErrSyntax}, a...)...)}
}

func (r *reader) warn(line int, format string, a ...any) {
	r.ws = append(r.ws, subtitle.Warning{Line: max(line, 1), Message: fmt.Sprintf(format, a...)})
}

// textStyle returns a <text-style>'s attributes, with a warning for a
// fontColor it cannot read: that text is shown white.
func (r *reader) textStyle(se xml.StartElement, line int) map[string]string {
	a := attrs(se)
	if c, ok := a["fontColor"]; ok {
		if _, ok := cssColor(c); !ok {
			r.warn(line, "fontColor=%q is not a color (\"red green blue alpha\", each 0 to 1): the text is shown white", c)
		}
	}
	return a
}

func attrs(se xml.StartElement) map[string]string {
	m := make(map[string]string, len(se.Attr))
	for _, a := range se.Attr {
		if a.Name.Space == "" {
			m[a.Name.Local] = a.Value
		}
	}
	return m
}

func (r *reader) read() error {
	zero := new(big.Rat)
	stack := []timeCtx{{abs: zero, start: zero}}
	root := false
	for {
		line := r.line()
		tok, err := r.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return r.errorf(se.Line, "%s", se.Msg)
			}
			return r.errorf(r.line(), "%v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !root {
				if t.Name.Local != "fcpxml" {
					return r.errorf(line, "the root element is <%s>, not <fcpxml>", t.Name.Local)
				}
				root = true
			}
			top := stack[len(stack)-1]
			a := attrs(t)
			switch n := t.Name.Local; {
			case n == "caption":
				if err := r.caption(t, a, top, line); err != nil {
					return err
				}
				continue // caption read to its end
			case n == "text-style-def":
				if err := r.textStyleDef(a, line); err != nil {
					return err
				}
				continue
			case n == "format":
				if id := a["id"]; id != "" && r.frames[id] == "" {
					r.frames[id] = a["frameDuration"]
				}
			case n == "sequence":
				if r.sequence == "" {
					r.sequence = a["format"]
				}
				start, ok := r.time(a, "tcStart", zero, line)
				if !ok {
					start = zero
				}
				top = timeCtx{abs: zero, start: start}
			case clipElements[n]:
				off, ok1 := r.time(a, "offset", top.start, line)
				start, ok2 := r.time(a, "start", zero, line)
				if ok1 && ok2 {
					top = timeCtx{abs: top.local(off), start: start}
				}
			}
			stack = append(stack, top)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if !root {
		return r.errorf(1, "no <fcpxml> element")
	}
	r.resolve()
	// The timeline's rate: a frame's length as FCPXML time, "1001/30000s".
	if d, ok := parseTime(r.frames[r.sequence]); ok && d.Sign() > 0 {
		fps, _ := new(big.Rat).Inv(d).Float64()
		if fps < 1000 {
			r.doc.FPS = fps
		}
	}
	return nil
}

// time reads a time attribute: "5s", "1001/30000s", "1.5s"; def when it
// is absent. A time it cannot read is a warning and ok false.
func (r *reader) time(a map[string]string, key string, def *big.Rat, line int) (*big.Rat, bool) {
	s, ok := a[key]
	if !ok {
		return def, true
	}
	v, ok := parseTime(s)
	if !ok {
		r.warn(line, "%s=%q is not an FCPXML time (like 5s or 1001/30000s)", key, s)
	}
	return v, ok
}

func parseTime(s string) (*big.Rat, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, "s") {
		return nil, false
	}
	s = s[:len(s)-1]
	if s == "" || strings.ContainsAny(s, "eE+") || len(s) > 40 {
		return nil, false
	}
	v, ok := new(big.Rat).SetString(s)
	return v, ok
}

// duration turns seconds into a time.Duration, to the nearest
// nanosecond; ok is false past what it holds.
func duration(v *big.Rat) (time.Duration, bool) {
	ns := new(big.Rat).Mul(v, big.NewRat(int64(time.Second), 1))
	n := new(big.Int).Quo(ns.Num(), ns.Denom())
	rem := new(big.Int).Sub(ns.Num(), new(big.Int).Mul(n, ns.Denom()))
	if rem.Sign() != 0 && new(big.Int).Mul(rem.Abs(rem), big.NewInt(2)).Cmp(ns.Denom()) >= 0 {
		if ns.Sign() < 0 {
			n.Sub(n, big.NewInt(1))
		} else {
			n.Add(n, big.NewInt(1))
		}
	}
	if !n.IsInt64() {
		return 0, false
	}
	return time.Duration(n.Int64()), true
}

// textStyleDef reads a text-style-def: its id and its text-style's
// attributes.
func (r *reader) textStyleDef(a map[string]string, line int) error {
	id := a["id"]
	style := map[string]string{}
	depth := 1
	for depth > 0 {
		tok, err := r.dec.Token()
		if err != nil {
			return r.tokenError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local == "text-style" && depth == 2 {
				style = r.textStyle(t, r.line())
			}
		case xml.EndElement:
			depth--
		}
	}
	if id == "" {
		r.warn(line, "a text-style-def without an id")
		return nil
	}
	r.defs[id] = style
	return nil
}

func (r *reader) tokenError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return r.errorf(se.Line, "%s", se.Msg)
	}
	if err == io.EOF {
		return r.errorf(r.line(), "the file ends inside an element")
	}
	return r.errorf(r.line(), "%v", err)
}

// caption reads a caption element to its end.
func (r *reader) caption(se xml.StartElement, a map[string]string, top timeCtx, line int) error {
	zero := new(big.Rat)
	off, ok1 := r.time(a, "offset", top.start, line)
	dur, ok2 := r.time(a, "duration", zero, line)
	_, hasDur := a["duration"]
	c := subtitle.Cue{}
	keep := ok1 && ok2
	if keep && !hasDur {
		r.warn(line, "caption skipped: it has no duration")
		keep = false
	}
	if keep {
		start := top.local(off)
		end := new(big.Rat).Add(start, dur)
		s, okS := duration(start)
		e, okE := duration(end)
		switch {
		case !okS || !okE:
			r.warn(line, "caption skipped: its time is out of range")
			keep = false
		case s < 0:
			r.warn(line, "caption skipped: it starts before the timeline (%v)", s)
			keep = false
		}
		c.Start, c.End = s, e
	} else if ok1 && ok2 {
		// warned above
	} else {
		r.warn(line, "caption skipped: its time cannot be read")
	}
	if lang := roleLang(a["role"]); lang != "" && r.doc.Lang == "" && keep {
		r.doc.Lang = lang
	}
	cue := len(r.doc.Cues)
	var lines int // lines begun in the cue
	var spans []span
	var top8 bool
	add := func(text, ref string, at map[string]string, xl int) {
		parts := strings.Split(text, "\n")
		for i, p := range parts {
			if i > 0 || lines == 0 {
				lines++
			}
			if p != "" {
				spans = append(spans, span{cue: cue, line: lines - 1, text: p, ref: ref, attrs: at, xmlLine: xl})
			}
		}
	}
	depth, inText, texts := 1, false, 0
	var styleRef string
	var styleAttrs map[string]string
	inStyle := false
	for depth > 0 {
		xl := r.line()
		tok, err := r.dec.Token()
		if err != nil {
			return r.tokenError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case t.Name.Local == "text" && depth == 2:
				inText = true
				if texts > 0 {
					lines++ // each further text block starts a line
				}
				texts++
				if attrs(t)["placement"] == "top" {
					top8 = true
				}
			case t.Name.Local == "text-style" && inText && depth == 3:
				inStyle = true
				styleAttrs = r.textStyle(t, xl)
				styleRef = styleAttrs["ref"]
			case t.Name.Local == "text-style-def" && depth == 2:
				if err := r.textStyleDef(attrs(t), xl); err != nil {
					return err
				}
				depth--
			}
		case xml.EndElement:
			depth--
			switch {
			case t.Name.Local == "text" && depth == 1:
				inText = false
			case t.Name.Local == "text-style" && depth == 2:
				inStyle = false
			}
		case xml.CharData:
			switch {
			case inStyle:
				add(string(t), styleRef, styleAttrs, xl)
			case inText && strings.TrimSpace(string(t)) != "":
				add(string(t), "", nil, xl)
			}
		}
	}
	if !keep {
		return nil
	}
	// A caption's lines are those its text holds; an empty one at an edge
	// (a text ending in a line break) is not kept.
	c.Lines = make([]subtitle.Line, lines)
	r.doc.Cues = append(r.doc.Cues, c)
	r.spans = append(r.spans, spans...)
	r.tops = append(r.tops, top8)
	r.aligns = append(r.aligns, "")
	return nil
}

// roleLang is the language of a caption role, "iTT?captionFormat=ITT.en"
// or "CEA608?captionFormat=CEA608.en": what follows the format's name.
func roleLang(role string) string {
	_, q, ok := strings.Cut(role, "captionFormat=")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(q, "&;"); i >= 0 {
		q = q[:i]
	}
	_, lang, ok := strings.Cut(q, ".")
	if !ok {
		return ""
	}
	return lang
}

// resolve gives each span the style its text-style and definition say,
// puts it in its cue, and places the cues.
func (r *reader) resolve() {
	first := make([]bool, len(r.doc.Cues))
	for _, s := range r.spans {
		at := map[string]string{}
		if s.ref != "" {
			def, ok := r.defs[s.ref]
			if !ok {
				r.warn(s.xmlLine, "text-style ref %q names no text-style-def: the text is shown unstyled", s.ref)
			}
			for k, v := range def {
				at[k] = v
			}
		}
		for k, v := range s.attrs {
			if k != "ref" {
				at[k] = v
			}
		}
		sp := subtitle.Span{Text: s.text, Italic: at["italic"] == "1", Bold: at["bold"] == "1", Underline: at["underline"] == "1"}
		if c, ok := cssColor(at["fontColor"]); ok && c != "#ffffff" {
			sp.Color = c
		}
		if !first[s.cue] {
			first[s.cue] = true
			r.aligns[s.cue] = at["alignment"]
		}
		c := &r.doc.Cues[s.cue]
		c.Lines[s.line] = append(c.Lines[s.line], sp)
	}
	for i := range r.doc.Cues {
		c := &r.doc.Cues[i]
		// Lines with no text (a break at the text's edge) are not lines.
		var ls []subtitle.Line
		for _, l := range c.Lines {
			if len(l) > 0 {
				ls = append(ls, l)
			}
		}
		c.Lines = ls
		row := 0
		if r.tops[i] {
			row = 2
		}
		col := 1
		switch r.aligns[i] {
		case "left":
			col = 0
		case "right":
			col = 2
		}
		if a := row*3 + col + 1; a != 2 {
			c.Align = a
		}
	}
}
