package subviewer

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

// Format is SubViewer 2.0's name, as flags spell it.
const Format subtitle.Format = "subviewer"

func init() {
	subtitle.Register(subtitle.Spec{
		Format:   Format,
		Aliases:  []string{"subviewer2"},
		Ext:      ".sub",
		WeakExts: []string{".sub"},
		Sniff:    sniff,
		Read:     read,
		Write:    write,
	})
}

// sniff takes a file that starts with SubViewer's [INFORMATION] or
// [SUBTITLE] header, or with a centisecond timing line, for SubViewer 2.
func sniff(_ []byte, head string) subtitle.Match {
	first, _, _ := strings.Cut(head, "\n")
	first = strings.ToUpper(strings.TrimSpace(first))
	if first == "[INFORMATION]" || first == "[SUBTITLE]" {
		return subtitle.Sure
	}
	if _, _, ok := parseTiming(first); ok {
		return subtitle.Sure
	}
	return subtitle.NoMatch
}
