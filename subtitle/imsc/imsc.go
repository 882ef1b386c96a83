// Package imsc writes IMSC 1.1 Text Profile TTML, the TTML that streaming
// services (Netflix among them) take for text captions, and registers it
// with package subtitle as "imsc" (files written as NAME.imsc.ttml).
// Import it for its side effect:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/imsc"
//
// The file is what the "ttml" format writes — one <p> a cue in a bottom,
// middle or top region given in percent, styles as tts: attributes,
// media-time clock times — declared as IMSC 1.1 Text content with
// ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text" on
// <tt>. It is read with the TTML reader; a file is detected as TTML.
package imsc

import (
	"io"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/ttml"
)

// Format is IMSC 1.1 Text's name, as flags spell it.
const Format subtitle.Format = "imsc"

func init() {
	subtitle.Register(subtitle.Spec{
		Format:  Format,
		Aliases: []string{"imsc1.1"},
		// Its own extension keeps it apart from plain TTML written beside
		// it (generate -t ttml,imsc); a reader takes it by its .ttml.
		Ext: ".imsc.ttml",
		// A file is TTML to detection: the TTML reader reads it.
		Sniff:   func([]byte, string) subtitle.Match { return subtitle.NoMatch },
		Read:    ttml.Read,
		Write:   write,
		Carries: subtitle.Carries{Italic: true, Bold: true, Underline: true, SomeColors: ttml.WritesColor, Lang: true, Align: true},
	})
}

func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	return ttml.WriteProfile(w, d, o, ttml.IMSC11Text)
}
