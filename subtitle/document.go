package subtitle

import (
	"strings"
	"time"
)

// Document is a caption track: an ordered list of cues and what the
// formats carry around them. Fields a format has no place for are left
// empty by its reader and reported as warnings by writers that cannot
// carry them.
type Document struct {
	// Lang is the track's BCP 47 language tag ("zh-Hans", "en").
	// Writers put it where their format carries a language:
	// TTML's xml:lang, a "NOTE Language:" block in WebVTT.
	Lang string
	// Title is optional; TTML writes it as ttm:title.
	Title string
	// Header is the text after "WEBVTT" on a WebVTT file's first line and
	// any header lines after it, kept for WebVTT round trips.
	Header string
	// Notes are comment blocks (WebVTT NOTE), each placed before a cue.
	Notes []Note
	// Styles are named styles: WebVTT STYLE blocks (CSS), TTML <style>
	// elements, ASS/SSA [V4+ Styles] lines, as their format wrote them.
	Styles []Style
	// Regions are WebVTT REGION blocks and TTML <region> elements.
	Regions []Region
	Cues    []Cue
	// IDsAsRead says the cues' ids are as a file that may leave cues
	// without one (WebVTT) had them: a writer that numbers cues without an
	// id (the WebVTT writer, for documents from SRT) adds none, so a
	// WebVTT file written back keeps its unnamed cues unnamed.
	IDsAsRead bool
	// FPS is the frame rate of the file's timeline when its format states
	// one (an FCPXML project's), 0 when not. The FCPXML writer uses it
	// when EncodeOptions.FPS is 0, so a timeline written back keeps its
	// rate.
	FPS float64
}

// Note is a comment block. Before is the index of the cue it precedes
// (len(Cues) for a note after the last cue).
type Note struct {
	Before int
	Text   string
	// Head: the note came before the file's STYLE and REGION blocks
	// (WebVTT), and is written back there.
	Head bool
}

// Style is a named style, kept in the form of the format it came from.
type Style struct {
	Name   string
	Format Format // the format whose syntax Text is in
	Text   string
}

// Region is a named screen area, kept in the form of the format it came
// from (WebVTT: the REGION block's settings lines).
type Region struct {
	ID     string
	Format Format
	Text   string
}

// Cue is one caption: a time span and the lines shown during it.
type Cue struct {
	// ID is the cue identifier where the format has one (WebVTT, TTML
	// xml:id). SRT writes its own running number and ignores it.
	ID    string
	Start time.Duration
	End   time.Duration
	// Lines are the caption's lines as shown, each a run of styled spans.
	Lines []Line
	// Settings are WebVTT cue settings as written ("align:start line:90%").
	Settings string
	// Align places the cue on the screen as a numeric keypad does: 1-3
	// bottom, 4-6 middle, 7-9 top, each left, center, right (ASS \an,
	// SRT {\an8}). 0 is the default, bottom center. Readers set it from
	// their format's placement; writers carry it where they can.
	Align int
	// Region and Style name a Region and a Style of the document.
	Region string
	Style  string
}

// Line is one line of a caption: spans of text, each with its style.
type Line []Span

// Span is a run of text with one style.
type Span struct {
	Text      string
	Italic    bool
	Bold      bool
	Underline bool
	// Color is a CSS color as the format wrote it ("#ff0000", "yellow"),
	// "" for the default.
	Color string
	// Classes are WebVTT class names (<c.yellow.loud>).
	Classes []string
	// Voice is the speaker of a WebVTT <v> span.
	Voice string
	// Lang is the language of a WebVTT <lang> span or a TTML span's xml:lang.
	Lang string
	// Ruby is ruby text shown over this span (WebVTT <ruby>, TTML ruby).
	Ruby string
	// At is the time of an inline timestamp before this span (WebVTT
	// <00:00:01.000>, karaoke); Timed says there is one.
	At    time.Duration
	Timed bool
}

// Plain reports whether the span carries no style: only text.
func (s Span) Plain() bool {
	return !s.Italic && !s.Bold && !s.Underline && s.Color == "" && len(s.Classes) == 0 &&
		s.Voice == "" && s.Lang == "" && s.Ruby == "" && !s.Timed
}

// String returns the line's text without styles.
func (l Line) String() string {
	if len(l) == 1 {
		return l[0].Text
	}
	var b strings.Builder
	for _, s := range l {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Text makes plain lines from strings, one span each.
func Text(lines ...string) []Line {
	out := make([]Line, len(lines))
	for i, l := range lines {
		out[i] = Line{{Text: l}}
	}
	return out
}

// PlainLines returns the cue's lines as plain text, styles dropped.
func (c Cue) PlainLines() []string {
	out := make([]string, len(c.Lines))
	for i, l := range c.Lines {
		out[i] = l.String()
	}
	return out
}
