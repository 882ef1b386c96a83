package ttml

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
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
		Carries:     subtitle.Carries{Italic: true, Bold: true, Underline: true, Color: true, Lang: true, Align: true},
	})
}

// sniff knows TTML by its root element, <tt> (or <prefix:tt>), after any
// XML declaration, comments, processing instructions and DOCTYPE: other
// XML files (.xml is shared) are not TTML.
func sniff(_ []byte, head string) subtitle.Match {
	s := head
	for {
		s = strings.TrimLeft(s, " \t\r\n\ufeff")
		var end string
		switch {
		case strings.HasPrefix(s, "<?"):
			end = "?>"
		case strings.HasPrefix(s, "<!--"):
			end = "-->"
		case strings.HasPrefix(s, "<!"):
			// A DOCTYPE, perhaps with an internal subset in brackets.
			if i, j := strings.IndexByte(s, '['), strings.IndexByte(s, '>'); i >= 0 && i < j {
				end = "]>"
			} else {
				end = ">"
			}
		case strings.HasPrefix(s, "<"):
			name := s[1:]
			if i := strings.IndexAny(name, " \t\r\n/>"); i >= 0 {
				name = name[:i]
			} else {
				return subtitle.NoMatch
			}
			if name == "tt" || strings.HasSuffix(name, ":tt") {
				return subtitle.Sure
			}
			return subtitle.NoMatch
		default:
			return subtitle.NoMatch
		}
		i := strings.Index(s, end)
		if i < 0 {
			return subtitle.NoMatch
		}
		s = s[i+len(end):]
	}
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
