package sami

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

// Format is SAMI's name, as flags spell it.
const Format subtitle.Format = "sami"

func init() {
	subtitle.Register(subtitle.Spec{
		Format:   Format,
		Aliases:  []string{"smi"},
		Ext:      ".smi",
		Sniff:    sniff,
		ReadWith: read,
		Write:    write,
		Carries:  subtitle.Carries{Italic: true, Bold: true, Underline: true, Color: true},
	})
}

// sniff takes a file that starts with <SAMI> for SAMI.
func sniff(_ []byte, head string) subtitle.Match {
	if len(head) >= 5 && strings.EqualFold(head[:5], "<sami") {
		return subtitle.Sure
	}
	return subtitle.NoMatch
}
