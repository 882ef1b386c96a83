package subtitle

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
	if s := lookup(f); s != nil && s.ReadSources != nil {
		return s.ReadSources(name, text)
	}
	d, ws, err := ReadText(name, text, f)
	return d, ws, nil, err
}
