package srt

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

// TestStreamSRTSameAsEncode: streamed in small pieces, SRT converts to the
// very bytes Encode writes for the whole document, with the same cue count,
// the same losses and warnings at the same lines.
func TestStreamSRTSameAsEncode(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var inputs []string
	for i := 0; i < 200; i++ {
		var b bytes.Buffer
		if err := subtitle.Encode(&b, randomSRTDoc(rng), subtitle.SRT, subtitle.EncodeOptions{CRLF: i%3 == 0}); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, b.String())
	}
	// Hand-made trouble: junk before the first cue, text after a blank
	// line inside a cue, a cue number in text, {\an8}, colors.
	inputs = append(inputs,
		"junk\n\n1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<font color=\"red\">a</font>\n\nafter blank\n\n2\n00:00:03,000 --> 00:00:04,000\n12\nb\n\n3\n00:00:05,000 --> 00:00:06,000\nc\n",
		"1\r\n00:00:01,000 --> 00:00:02,000\r\nx\r\n\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\ny\r\n",
		// A number and an arrow in text after a blank line: not a cue, so not a cut.
		"1\n00:00:01,000 --> 00:00:02,000\nx\n\n12\nleft --> right\n\n2\n00:00:03,000 --> 00:00:04,000\ny\n",
	)
	for i, in := range inputs {
		for _, to := range []subtitle.Format{subtitle.SRT, subtitle.WebVTT} {
			for _, opts := range []subtitle.EncodeOptions{{}, {BOM: true, CRLF: true}} {
				doc, ws, err := readSRT("in.srt", in)
				if err != nil {
					t.Fatal(err)
				}
				var whole bytes.Buffer
				if err := subtitle.Encode(&whole, doc, to, opts); err != nil {
					t.Fatal(err)
				}
				for _, chunk := range []int{1, 37, 200, 1 << 20} {
					var got bytes.Buffer
					info, err := streamSRT("in.srt", in, to, opts, &got, chunk)
					if err != nil {
						t.Fatalf("input %d: %v", i, err)
					}
					if got.String() != whole.String() {
						t.Fatalf("input %d to %v in pieces of %d:\n got %q\nwant %q", i, to, chunk, got.String(), whole.String())
					}
					if info.Cues != len(doc.Cues) || !reflect.DeepEqual(info.Losses, subtitle.Losses(doc, to)) {
						t.Fatalf("input %d: %d cues, losses %q; want %d, %q", i, info.Cues, info.Losses, len(doc.Cues), subtitle.Losses(doc, to))
					}
					// Pieces repeat a warning kind at most once each, and a
					// well-formed file has none in any piece.
					if (chunk == 1<<20 || len(ws) == 0) && fmt.Sprint(info.Warnings) != fmt.Sprint(ws) {
						t.Fatalf("input %d: warnings %v, want %v", i, info.Warnings, ws)
					}
					for _, w := range info.Warnings {
						if w.Line > strings.Count(in, "\n")+1 {
							t.Fatalf("input %d: warning past the end: %v", i, w)
						}
					}
				}
			}
		}
	}
}
