package lrc

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

// Format is LRC's name, as flags spell it.
const Format subtitle.Format = "lrc"

func init() {
	subtitle.Register(subtitle.Spec{
		Format:  Format,
		Aliases: []string{"lyrics"},
		Ext:     ".lrc",
		Sniff:   sniff,
		Read:    read,
		Write:   write,
		Carries: subtitle.Carries{Timestamps: true},
	})
}

// sniff takes a file with a line starting with a time tag ("[00:12.34]")
// among its first twenty lines, after ID tags only, for LRC.
func sniff(_ []byte, head string) subtitle.Match {
	for i, l := range strings.Split(head, "\n") {
		if i >= 20 {
			break
		}
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if _, _, ok := timeTag(l); ok {
			return subtitle.Sure
		}
		if _, _, ok := idTag(l); !ok {
			return subtitle.NoMatch
		}
	}
	return subtitle.NoMatch
}
