// Package ebuttd writes EBU-TT-D (EBU Tech 3380), the TTML subtitle
// profile European broadcasters deliver online (HbbTV, DVB-DASH), and
// registers it with package subtitle as "ebu-tt-d" (alias "ebuttd",
// files written as NAME.ebuttd.ttml). Import it for its side effect:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/ebuttd"
//
// The file declares urn:ebu:tt:distribution:2014-01 in
// ebuttm:documentMetadata, has ttp:timeBase="media" and times as clock
// times with fractions (00:00:01.500), places each <p> in a bottom, middle
// or top region whose tts:origin and tts:extent are in percent, and
// styles only by reference: a <style> each for italic, bold, underline,
// left and right alignment and each color used, colors as #rrggbb. A
// color it cannot read is dropped and reported by Losses. It is read
// with the TTML reader; a file is detected as TTML.
package ebuttd

import (
	"io"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/ttml"
)

// Format is EBU-TT-D's name, as flags spell it.
const Format subtitle.Format = "ebu-tt-d"

func init() {
	subtitle.Register(subtitle.Spec{
		Format:  Format,
		Aliases: []string{"ebuttd"},
		// Its own extension keeps it apart from plain TTML written beside
		// it (generate -t ttml,imsc); a reader takes it by its .ttml.
		Ext: ".ebuttd.ttml",
		// A file is TTML to detection: the TTML reader reads it.
		Sniff:   func([]byte, string) subtitle.Match { return subtitle.NoMatch },
		Read:    ttml.Read,
		Write:   write,
		Carries: subtitle.Carries{Italic: true, Bold: true, Underline: true, Lang: true, Align: true, SomeColors: ttml.WritesColor},
	})
}

func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	return ttml.WriteProfile(w, d, o, ttml.EBUTTD)
}
