package ass

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	astisub "github.com/asticode/go-astisub"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// read reads an ASS or SSA script through go-astisub. A panic inside it
// (it has several on malformed input) becomes an error naming the file.
func read(f subtitle.Format) func(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	return func(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
		subs, err := parse(f, text)
		if err != nil {
			return nil, nil, &subtitle.ParseError{File: name, Err: err}
		}
		doc, ws := fromSSA(subs, text, f)
		return doc, ws, nil
	}
}

// readSources is read that also gives the line of each cue's Dialogue.
func readSources(f subtitle.Format) func(name, text string) (*subtitle.Document, []subtitle.Warning, []subtitle.CueSource, error) {
	return func(name, text string) (*subtitle.Document, []subtitle.Warning, []subtitle.CueSource, error) {
		subs, err := parse(f, text)
		if err != nil {
			return nil, nil, nil, &subtitle.ParseError{File: name, Err: err}
		}
		d, ws := fromSSA(subs, text, f)
		// The Dialogue lines, when go-astisub read one cue from each (it
		// keeps their order and reads nothing else as a cue).
		lines := dialogueLines(text)
		if len(lines) == 0 || len(subs.Items) != len(lines) {
			return d, ws, nil, nil
		}
		out := make([]subtitle.CueSource, len(lines))
		for i, l := range lines {
			out[i] = subtitle.CueSource{Line: l}
		}
		return d, ws, out, nil
	}
}

// parse parses a script with go-astisub; its panics are errors.
func parse(f subtitle.Format, text string) (subs *astisub.Subtitles, err error) {
	defer func() {
		if r := recover(); r != nil {
			subs, err = nil, fmt.Errorf("%w: unreadable %v file (%v)", subtitle.ErrSyntax, f, r)
		}
	}()
	subs, err = astisub.ReadFromSSA(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", subtitle.ErrSyntax, err)
	}
	return subs, nil
}

// fromAstisub makes a Document of go-astisub's subtitles: times, lines
// and what styles go-astisub read into its inline styles.
func fromAstisub(s *astisub.Subtitles) *subtitle.Document {
	d := &subtitle.Document{}
	if s.Metadata != nil {
		d.Title = s.Metadata.Title
		d.Lang = s.Metadata.Language
	}
	for _, it := range s.Items {
		c := subtitle.Cue{Start: it.StartAt, End: it.EndAt}
		for _, l := range it.Lines {
			var line subtitle.Line
			for _, li := range l.Items {
				line = append(line, spanFromAstisub(li))
			}
			c.Lines = append(c.Lines, line)
		}
		d.Cues = append(d.Cues, c)
	}
	return d
}

func spanFromAstisub(li astisub.LineItem) subtitle.Span {
	sp := subtitle.Span{Text: li.Text}
	sa := li.InlineStyle
	if sa == nil {
		return sp
	}
	sp.Italic = sa.SRTItalics || sa.WebVTTItalics || sa.TTMLFontStyle != nil && *sa.TTMLFontStyle == "italic"
	sp.Bold = sa.SRTBold || sa.WebVTTBold || sa.TTMLFontWeight != nil && *sa.TTMLFontWeight == "bold"
	sp.Underline = sa.SRTUnderline || sa.WebVTTUnderline || sa.TTMLTextDecoration != nil && strings.Contains(*sa.TTMLTextDecoration, "underline")
	switch {
	case sa.SRTColor != nil:
		sp.Color = sa.SRTColor.HTMLString()
	case sa.TTMLColor != nil:
		sp.Color = sa.TTMLColor.HTMLString()
	}
	return sp
}

// write writes ASS and SSA through go-astisub (both as its v4.00+
// script), with italic, bold and underline as override tags and a
// placement away from the bottom center as {\anN}. A panic in it becomes
// an error.
func write(f subtitle.Format) func(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	return func(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
		e := textout.New(w, o)
		if err := writeAstisub(e.W, d, f); err != nil {
			return err
		}
		return e.Flush()
	}
}

func writeAstisub(w io.Writer, d *subtitle.Document, f subtitle.Format) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("writing %v: %v", f, r)
		}
	}()
	subs := astisub.NewSubtitles()
	if d.Title != "" || d.Lang != "" {
		subs.Metadata = &astisub.Metadata{Title: d.Title}
	}
	for i, c := range d.Cues {
		it := &astisub.Item{Index: i + 1, StartAt: c.Start, EndAt: c.End}
		for _, l := range textout.Lines(c.Lines) {
			// One item a line: go-astisub writes a space between items.
			var b strings.Builder
			if a := textout.Placement(c); len(it.Lines) == 0 && a > 0 && a <= 9 && a != 2 {
				b.WriteString(`{\an` + strconv.Itoa(a) + `}`)
			}
			for _, sp := range l {
				b.WriteString(ssaTags(sp))
			}
			it.Lines = append(it.Lines, astisub.Line{Items: []astisub.LineItem{{Text: b.String()}}})
		}
		subs.Items = append(subs.Items, it)
	}
	if len(subs.Items) == 0 {
		return fmt.Errorf("cannot write an empty %v file", f)
	}
	return subs.WriteToSSA(w)
}

// ssaTags writes a span with SSA override tags for its style.
func ssaTags(s subtitle.Span) string {
	if !s.Italic && !s.Bold && !s.Underline {
		return s.Text
	}
	var b []byte
	b = textout.Tag(b, s.Italic, `{\i1}`)
	b = textout.Tag(b, s.Bold, `{\b1}`)
	b = textout.Tag(b, s.Underline, `{\u1}`)
	b = append(b, s.Text...)
	b = textout.Tag(b, s.Underline, `{\u0}`)
	b = textout.Tag(b, s.Bold, `{\b0}`)
	b = textout.Tag(b, s.Italic, `{\i0}`)
	return string(b)
}
