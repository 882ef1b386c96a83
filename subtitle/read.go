package subtitle

import (
	"bytes"
	"fmt"
	"strings"

	astisub "github.com/asticode/go-astisub"
)

// Read parses a caption file in format f (SRT, WebVTT or TTML). name is
// used in errors only.
//
// Reading goes through go-astisub for now. Its known losses are recorded
// in the README; subkit's own readers replace it format by format. A panic
// inside go-astisub (it has several on malformed input) is turned into an
// error naming the file, never passed on.
func Read(name string, b []byte, f Format) (doc *Document, err error) {
	text, _, err := DecodeText(name, b)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, &ParseError{File: name, Err: fmt.Errorf("%w: unreadable %v file (%v)", ErrSyntax, f, r)}
		}
	}()
	var subs *astisub.Subtitles
	r := bytes.NewReader([]byte(text))
	switch f {
	case SRT:
		subs, err = astisub.ReadFromSRT(r)
	case WebVTT:
		subs, err = astisub.ReadFromWebVTT(r)
	case TTML:
		subs, err = astisub.ReadFromTTML(r)
	default:
		return nil, fmt.Errorf("%s: cannot read format %v", name, f)
	}
	if err != nil {
		return nil, &ParseError{File: name, Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
	}
	return fromAstisub(subs), nil
}

func fromAstisub(s *astisub.Subtitles) *Document {
	d := &Document{}
	if s.Metadata != nil {
		d.Title = s.Metadata.Title
		d.Lang = s.Metadata.Language
	}
	for _, it := range s.Items {
		c := Cue{Start: it.StartAt, End: it.EndAt}
		for _, l := range it.Lines {
			var line Line
			for _, li := range l.Items {
				line = append(line, spanFromAstisub(li))
			}
			c.Lines = append(c.Lines, line)
		}
		d.Cues = append(d.Cues, c)
	}
	return d
}

func spanFromAstisub(li astisub.LineItem) Span {
	sp := Span{Text: li.Text}
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
