package subtitle_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

// FuzzRead feeds arbitrary bytes to every reader: no panic may escape, an
// error must be a *ParseError naming the file, and what is read must be
// writable again. format picks a reader: an index into TextFormats.
func FuzzRead(f *testing.F) {
	f.Add([]byte("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:03,000 --> 00:00:04,000\n大家好\n"), uint8(0))
	f.Add([]byte("WEBVTT\n\nid\n00:01.000 --> 00:02.000 align:start\n<b>hi</b> &amp;\n\nNOTE x\n"), uint8(1))
	f.Add([]byte(`<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">a<br/>b</p></div></body></tt>`), uint8(2))
	f.Add([]byte(`<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" dur="2s">a</p></div></body></tt>`), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, format uint8) {
		fm := subtitle.TextFormats()[int(format)%len(subtitle.TextFormats())]
		doc, err := subtitle.Read("fuzz"+fm.Ext(), data, fm)
		if err != nil {
			var pe *subtitle.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz"+fm.Ext() {
				t.Fatalf("error %v is not a ParseError naming the file", err)
			}
			return
		}
		for _, out := range subtitle.TextFormats() {
			var buf bytes.Buffer
			// Bad times are reported, not written; anything else must write.
			if err := subtitle.Encode(&buf, doc, out, subtitle.EncodeOptions{}); err != nil && !isTimeError(doc) {
				t.Fatalf("read a document that cannot be written as %v: %v", out, err)
			}
		}
	})
}

func isTimeError(d *subtitle.Document) bool { return subtitle.Check(d) != nil }
