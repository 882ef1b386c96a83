package srt

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

func init() {
	subtitle.Register(subtitle.Spec{
		Format:  subtitle.SRT,
		Aliases: []string{"subrip"},
		Ext:     ".srt",
		Sniff:   sniff,
		Read:    readSRT,
		ReadSources: func(name, text string) (*subtitle.Document, []subtitle.Warning, []subtitle.CueSource, error) {
			return readSRTWith(name, text, 0, nil, true)
		},
		Write:  write,
		Stream: stream,
		Carries: subtitle.Carries{Italic: true, Bold: true, Underline: true, Color: true, Align: true, RubyAsText: true, Misread: misread,
			ReplacesLine: timingLines},
	})
}

// sniff takes a file with "-->" in one of its first eight lines for SRT:
// SRT has no signature, and WebVTT, which has one, is told apart by it.
// Dots in SRT times are common, so a timing line with them counts too.
func sniff(_ []byte, head string) subtitle.Match {
	for _, l := range strings.SplitN(head, "\n", 8) {
		if strings.Contains(l, "-->") {
			return subtitle.Maybe
		}
	}
	return subtitle.NoMatch
}

// misread names text players read as codes, which SRT cannot escape:
// "\N" (a line break), "\n" and "\h" (spaces), as ffmpeg passes them to
// libass, and the blocks braceCode finds, which players hide. The writer
// writes the text as it is; Losses reports it.
func misread(s subtitle.Span) []string {
	t := s.Text
	var codes, hidden bool
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '\\' && i+1 < len(t) && strings.IndexByte("Nnh", t[i+1]) >= 0:
			codes = true
		case t[i] == '{' && braceCode(t, i):
			hidden = true
		}
	}
	var out []string
	if codes {
		out = append(out, `text players read as codes (\N, \n, \h: a line break or a space)`)
	}
	if hidden {
		out = append(out, `text players hide as codes ({\...}, {Y:...})`)
	}
	return out
}

// timingLines names a line of text the reader would take for a timing
// line ("00:00:05,000 --> 00:00:06,000" as a caption's words), which the
// writer writes with "->" for "-->" (see unTiming); SRT cannot escape it.
func timingLines(l subtitle.Line) string {
	for _, l := range textout.Lines([]subtitle.Line{l}) {
		if readsAsTiming(l) {
			return `text lines that read as timing lines ("-->" written as "->")`
		}
	}
	return ""
}

// readsAsTiming reports whether the reader would read the written line l
// as a timing line: its text, trimmed, is one (strictly or leniently).
func readsAsTiming(l subtitle.Line) bool {
	var b strings.Builder
	for _, s := range l {
		b.WriteString(s.Text)
	}
	t := trimSpace(b.String())
	if t == "" || !strings.Contains(t, "-->") {
		return false
	}
	if c := t[0]; c != '-' && (c < '0' || c > '9') {
		return false
	}
	if _, ok := parseSRTTiming(t); ok {
		return true
	}
	_, ok := lenientTiming(t)
	return ok
}

// unTiming returns l, or, when it reads as a timing line, a copy with
// each "-->" made "->" (the dash dropped may be in another span than the
// ">" when markup splits the arrow).
func unTiming(l subtitle.Line) subtitle.Line {
	if !readsAsTiming(l) {
		return l
	}
	l = append(subtitle.Line(nil), l...)
	for {
		// Find the first "-->" across the spans and drop its second dash.
		var prev [2]struct{ span, at int }
		seen, found := 0, false
		for si := 0; si < len(l) && !found; si++ {
			t := l[si].Text
			for i := 0; i < len(t); i++ {
				if t[i] == '>' && seen >= 2 {
					d := prev[1]
					s := l[d.span].Text
					l[d.span].Text = s[:d.at] + s[d.at+1:]
					found = true
					break
				}
				if t[i] == '-' {
					prev[0], prev[1] = prev[1], struct{ span, at int }{si, i}
					seen++
				} else {
					seen = 0
				}
			}
		}
		if !found {
			return l
		}
	}
}
