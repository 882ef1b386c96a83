package ttml

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textin"
)

func init() {
	subtitle.Register(subtitle.Spec{
		UTF8Only:    "IMSC, the TTML profile players read, requires UTF-8, and XML readers need not read legacy encodings",
		Format:      subtitle.TTML,
		Aliases:     []string{"dfxp", "xml"},
		Ext:         ".ttml",
		WeakExts:    []string{".xml"},
		Sniff:       sniff,
		Read:        readTTML,
		ReadSources: readSources,
		Write:       write,
		Carries:     subtitle.Carries{Italic: true, Bold: true, Underline: true, SomeColors: WritesColor, Lang: true, Align: true},
	})
}

// sniff knows TTML by its root element, <tt> (or <prefix:tt>), after any
// XML declaration, comments, processing instructions and DOCTYPE: other
// XML files (.xml is shared) are not TTML.
func sniff(_ []byte, head string) subtitle.Match {
	if root, ok := textin.XMLRoot(head); ok && (root == "tt" || strings.HasSuffix(root, ":tt")) {
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
