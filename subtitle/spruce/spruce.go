package spruce

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

// Format is Spruce STL's name, as flags spell it.
const Format subtitle.Format = "spruce"

// FPS is the frame rate of Spruce STL times.
const FPS = 25

func init() {
	subtitle.Register(subtitle.Spec{
		Format:   Format,
		Aliases:  []string{"spruce-stl"},
		Ext:      ".stl",
		WeakExts: []string{".stl"}, // EBU STL's too: told apart by content
		Sniff:    sniff,
		Read:     read,
		Write:    write,
		Carries:  subtitle.Carries{Italic: true, Bold: true, Underline: true, Align: true},
	})
}

// sniff takes text whose first line other than comments, directives and
// blank lines is a Spruce timing line for Spruce STL.
func sniff(_ []byte, head string) subtitle.Match {
	for i, l := range strings.Split(head, "\n") {
		if i >= 100 {
			break
		}
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "//") || strings.HasPrefix(l, "$"):
			continue
		}
		if _, _, _, ok := parseLine(l); ok {
			return subtitle.Sure
		}
		return subtitle.NoMatch
	}
	return subtitle.NoMatch
}
