package stl

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	astisub "github.com/asticode/go-astisub"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

func init() {
	subtitle.Register(subtitle.Spec{
		Format:  subtitle.STL,
		Aliases: []string{"ebu-stl"},
		Ext:     ".stl",
		Binary:  true,
		Sniff:   sniff,
		Read:    read,
		Write:   write,
	})
}

// sniff knows EBU STL by its General Subtitle Information block: 1024
// bytes at least, with the disk format code ("STL25.01", "STL30.01") at
// byte 3.
func sniff(b []byte, _ string) subtitle.Match {
	if len(b) >= 1024 && (bytes.Equal(b[3:11], []byte("STL25.01")) || bytes.Equal(b[3:11], []byte("STL30.01")) ||
		bytes.HasPrefix(b[3:], []byte("STL"))) {
		return subtitle.Sure
	}
	return subtitle.NoMatch
}

// read reads a file through go-astisub; text is the file's bytes. A panic
// inside go-astisub (it has several on malformed input) becomes an error
// naming the file.
func read(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	subs, err := parse(text)
	if err != nil {
		return nil, nil, &subtitle.ParseError{File: name, Err: err}
	}
	return fromAstisub(subs), nil, nil
}

// parse parses a file with go-astisub; its panics are errors.
func parse(text string) (subs *astisub.Subtitles, err error) {
	defer func() {
		if r := recover(); r != nil {
			subs, err = nil, fmt.Errorf("%w: unreadable %v file (%v)", subtitle.ErrSyntax, subtitle.STL, r)
		}
	}()
	subs, err = astisub.ReadFromSTL(strings.NewReader(text), astisub.STLOptions{})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", subtitle.ErrSyntax, err)
	}
	return subs, nil
}

// fromAstisub makes a Document of go-astisub's subtitles.
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

// write writes EBU STL through go-astisub, the caption lines as plain
// text. A panic in go-astisub becomes an error.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	e := textout.New(w, o)
	if err := writeAstisub(e.W, d); err != nil {
		return err
	}
	return e.Flush()
}

func writeAstisub(w io.Writer, d *subtitle.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("writing %v: %v", subtitle.STL, r)
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
			for _, sp := range l {
				b.WriteString(sp.Text)
			}
			it.Lines = append(it.Lines, astisub.Line{Items: []astisub.LineItem{{Text: b.String()}}})
		}
		subs.Items = append(subs.Items, it)
	}
	if len(subs.Items) == 0 {
		return fmt.Errorf("cannot write an empty %v file", subtitle.STL)
	}
	return subs.WriteToSTL(w)
}
