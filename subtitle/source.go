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
	_, _, src, _ := ReadTextSources(name, text, f)
	return src
}

// ReadTextSources is ReadText that also returns the cues' sources (see
// Sources), reading the text once.
func ReadTextSources(name, text string, f Format) (*Document, []Warning, []CueSource, error) {
	switch f {
	case SRT:
		return readSRTWith(name, text, 0, nil, true)
	case WebVTT:
		var out []CueSource
		r := vttReader{rawText: func(_, line int, text string) {
			var lines []string
			if text != "" {
				lines = strings.Split(text, "\n")
			}
			out = append(out, CueSource{Line: line, Text: lines})
		}}
		d, ws, err := r.read(name, text)
		if err != nil {
			return d, ws, nil, err
		}
		return d, ws, out, nil
	case TTML:
		r := newTTMLReader(name, text)
		r.keepSources = true
		err := r.read()
		ws := r.warnings()
		if err != nil {
			return nil, ws, nil, err
		}
		return r.doc, ws, r.sources, nil
	case ASS, SSA:
		subs, err := astisubParse(f, text)
		if err != nil {
			return nil, nil, nil, &ParseError{File: name, Err: err}
		}
		d, ws := fromSSA(subs, text, f)
		// The Dialogue lines, when go-astisub read one cue from each (it
		// keeps their order and reads nothing else as a cue).
		lines := dialogueLines(text)
		if len(lines) == 0 || len(subs.Items) != len(lines) {
			return d, ws, nil, nil
		}
		out := make([]CueSource, len(lines))
		for i, l := range lines {
			out[i] = CueSource{Line: l}
		}
		return d, ws, out, nil
	}
	d, ws, err := ReadText(name, text, f)
	return d, ws, nil, err
}
