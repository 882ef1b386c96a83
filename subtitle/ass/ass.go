package ass

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

func init() {
	for _, f := range []subtitle.Format{subtitle.ASS, subtitle.SSA} {
		subtitle.Register(subtitle.Spec{
			Format:      f,
			Ext:         "." + string(f),
			Sniff:       sniffer(f),
			Read:        read(f),
			ReadSources: readSources(f),
			Write:       write(f),
			Carries:     subtitle.Carries{Italic: true, Bold: true, Underline: true, Align: true},
		})
	}
}

// sniffer knows a script by its [Script Info] section: ASS when the head
// says v4.00+ or has a [V4+ Styles] section, else SSA.
func sniffer(f subtitle.Format) func(_ []byte, head string) subtitle.Match {
	return func(_ []byte, head string) subtitle.Match {
		lower := strings.ToLower(head)
		if !strings.HasPrefix(lower, "[script info]") {
			return subtitle.NoMatch
		}
		ass := strings.Contains(lower, "v4.00+") || strings.Contains(head, "[V4+ Styles]")
		if ass == (f == subtitle.ASS) {
			return subtitle.Sure
		}
		return subtitle.NoMatch
	}
}
