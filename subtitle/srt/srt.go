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
		Carries: subtitle.Carries{Italic: true, Bold: true, Underline: true, Color: true, Align: true},
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
