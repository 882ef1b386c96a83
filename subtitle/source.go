package subtitle

import "strings"

// CueSource is where a cue was read from: the line its timing line is on
// (from 1) and its text lines as written, markup included, edges trimmed.
// Checks that need what the Document does not keep use it: the Document
// closes tags a cue leaves open and drops lines of nothing but markup.
type CueSource struct {
	Line int
	Text []string
}

// Sources reads text, as Prepare returns it, in format f, and returns the
// source of each cue the reader keeps, in the Document's order: one for
// each cue of ReadText's Document. SRT and WebVTT have them with the text;
// TTML with the line of the cue's <p> and no text (its markup is XML,
// which the reader makes sure is well formed); ASS and SSA with the line
// of the cue's Dialogue and no text. For EBU STL, and text that does not
// read, it returns nil.
func Sources(name, text string, f Format) []CueSource {
	switch f {
	case SRT:
		text = strings.TrimPrefix(text, "\ufeff")
		r := &srtReader{text: text, sc: lineScanner{s: text, lf: -1, cr: -1}, cue: -1, keepSources: true}
		r.read()
		return r.sources
	case WebVTT:
		var out []CueSource
		r := vttReader{rawText: func(_, line int, text string) {
			var lines []string
			if text != "" {
				lines = strings.Split(text, "\n")
			}
			out = append(out, CueSource{Line: line, Text: lines})
		}}
		if _, _, err := r.read(name, text); err != nil {
			return nil
		}
		return out
	case TTML:
		r := newTTMLReader(name, text)
		r.keepSources = true
		if r.read() != nil {
			return nil
		}
		return r.sources
	case ASS, SSA:
		// The Dialogue lines, when go-astisub read one cue from each (it
		// keeps their order and reads nothing else as a cue).
		subs, err := astisubParse(f, text)
		lines := dialogueLines(text)
		if err != nil || len(lines) == 0 || len(subs.Items) != len(lines) {
			return nil
		}
		out := make([]CueSource, len(lines))
		for i, l := range lines {
			out[i] = CueSource{Line: l}
		}
		return out
	}
	return nil
}
