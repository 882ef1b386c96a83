package sbv

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

// Format is SBV's name, as flags spell it.
const Format subtitle.Format = "sbv"

func init() {
	subtitle.Register(subtitle.Spec{
		Format:  Format,
		Aliases: []string{"youtube"},
		Ext:     ".sbv",
		Sniff:   sniff,
		Read:    read,
		Write:   write,
	})
}

// sniff takes a file whose first line is an SBV timing line for SBV: no
// other format writes "0:00:01.000,0:00:02.000".
func sniff(_ []byte, head string) subtitle.Match {
	first, _, _ := strings.Cut(head, "\n")
	if _, _, ok := parseTiming(strings.TrimSpace(first)); ok {
		return subtitle.Sure
	}
	return subtitle.NoMatch
}
