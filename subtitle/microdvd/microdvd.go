package microdvd

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

// Format is MicroDVD's name, as flags spell it.
const Format subtitle.Format = "microdvd"

// DefaultFPS is the frame rate a file without a {1}{1}FPS line is read at
// and the one the writer uses unless told.
const DefaultFPS = 23.976

func init() {
	subtitle.Register(subtitle.Spec{
		Format:   Format,
		Aliases:  []string{"sub", "mdvd"},
		Ext:      ".sub",
		WeakExts: []string{".sub"}, // SubViewer and VobSub use it too
		Sniff:    sniff,
		ReadWith: read,
		Write:    write,
	})
}

// sniff takes a file whose first line starts "{N}{N}" (or "{N}{}") for
// MicroDVD.
func sniff(_ []byte, head string) subtitle.Match {
	first, _, _ := strings.Cut(head, "\n")
	if _, _, _, ok := frames(strings.TrimSpace(first)); ok {
		return subtitle.Sure
	}
	return subtitle.NoMatch
}
