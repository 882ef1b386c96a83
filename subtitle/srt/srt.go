package srt

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
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
		Write:   write,
		Stream:  stream,
		Carries: subtitle.Carries{Italic: true, Bold: true, Underline: true, Color: true, Align: true, RubyAsText: true, Misread: misread},
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
