package ttml

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

func init() {
	subtitle.Register(subtitle.Spec{
		Format:      subtitle.TTML,
		Aliases:     []string{"dfxp", "xml"},
		Ext:         ".ttml",
		WeakExts:    []string{".xml"},
		Sniff:       sniff,
		Read:        readTTML,
		ReadSources: readSources,
		Write:       write,
		Carries:     subtitle.Carries{Italic: true, Bold: true, Underline: true, Color: true, Lang: true, Align: true},
	})
}

// sniff knows TTML by an XML declaration or a <tt> root, and a <tt>.
func sniff(_ []byte, head string) subtitle.Match {
	if (strings.HasPrefix(head, "<?xml") || strings.HasPrefix(head, "<tt")) && strings.Contains(head, "<tt") {
		return subtitle.Sure
	}
	return subtitle.NoMatch
}

// readSources is readTTML that also keeps the line of each cue's <p>.
func readSources(name, text string) (*subtitle.Document, []subtitle.Warning, []subtitle.CueSource, error) {
	r := newTTMLReader(name, text)
	r.keepSources = true
	err := r.read()
	ws := r.warnings()
	if err != nil {
		return nil, ws, nil, err
	}
	return r.doc, ws, r.sources, nil
}
