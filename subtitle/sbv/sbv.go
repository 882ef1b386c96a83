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

// sniff takes a file whose first line is an SBV timing line, with
// milliseconds, for SBV: no other format writes "0:00:01.000,0:00:02.000"
// (SubViewer writes centiseconds, "00:00:01.00,00:00:02.00").
func sniff(_ []byte, head string) subtitle.Match {
	first, _, _ := strings.Cut(head, "\n")
	first = strings.TrimSpace(first)
	a, b, _ := strings.Cut(first, ",")
	if _, _, ok := parseTiming(first); ok && len(a) > 4 && a[len(a)-4] == '.' && len(b) > 4 && b[len(b)-4] == '.' {
		return subtitle.Sure
	}
	return subtitle.NoMatch
}
