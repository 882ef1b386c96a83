package webvtt

import (
	"bytes"
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

func init() {
	subtitle.Register(subtitle.Spec{
		UTF8Only:    "the WebVTT standard defines its files as UTF-8",
		Format:      subtitle.WebVTT,
		Aliases:     []string{"webvtt"},
		Ext:         ".vtt",
		Sniff:       sniff,
		Decode:      decode,
		Read:        readWebVTT,
		ReadSources: readSources,
		Write:       write,
		Carries: subtitle.Carries{Italic: true, Bold: true, Underline: true, Voice: true, Lang: true, Classes: true,
			Ruby: true, Timestamps: true, IDs: true, Settings: true, Notes: true, Header: true, Align: true,
			SomeColors: func(c string) bool { return vttColorClass(c) != "" }},
	})
}

// sniff knows a WebVTT file by its signature.
func sniff(_ []byte, head string) subtitle.Match {
	if strings.HasPrefix(head, "WEBVTT") {
		return subtitle.Sure
	}
	return subtitle.NoMatch
}

// decode reads a file that starts with the signature (after an optional
// UTF-8 BOM) as UTF-8: WebVTT is UTF-8 by definition, and its parser turns
// NULs and bad bytes into U+FFFD, so there is nothing to detect.
func decode(b []byte) (text, encoding string, ok bool) {
	if !isVTTSignature(b) {
		return "", "", false
	}
	return strings.ToValidUTF8(strings.TrimPrefix(string(b), "\ufeff"), "\uFFFD"), "UTF-8", true
}

// isVTTSignature reports whether b starts as a WebVTT file does: an
// optional UTF-8 BOM, then "WEBVTT".
func isVTTSignature(b []byte) bool {
	return bytes.HasPrefix(bytes.TrimPrefix(b, []byte("\ufeff")), []byte("WEBVTT"))
}

// readSources is readWebVTT that also keeps each cue's text as written.
func readSources(name, text string) (*subtitle.Document, []subtitle.Warning, []subtitle.CueSource, error) {
	var out []subtitle.CueSource
	r := vttReader{rawText: func(_, line int, text string) {
		var lines []string
		if text != "" {
			lines = strings.Split(text, "\n")
		}
		out = append(out, subtitle.CueSource{Line: line, Text: lines})
	}}
	d, ws, err := r.read(name, text)
	if err != nil {
		return d, ws, nil, err
	}
	return d, ws, out, nil
}
