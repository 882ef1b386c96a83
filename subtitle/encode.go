package subtitle

import (
	"fmt"
	"io"
)

// EncodeOptions are the byte-level choices every writer honours.
type EncodeOptions struct {
	BOM  bool // start the file with a UTF-8 byte-order mark
	CRLF bool // end lines with CR LF instead of LF
}

// Encode writes d to w in format f, whose package must be imported (see
// Register).
//
// Cue times must be non-negative; a cue that breaks this is an error naming
// the cue. A cue that ends before it starts is written as it is: browsers
// keep such cues from WebVTT files, and subkit check reports them.
func Encode(w io.Writer, d *Document, f Format, o EncodeOptions) error {
	if err := validate(d); err != nil {
		return err
	}
	s := lookup(f)
	if s == nil || s.Write == nil {
		return fmt.Errorf("cannot write format %v", f)
	}
	return s.Write(w, d, o)
}

// Check reports what Encode would refuse in d (a negative time), so that a
// caller can check before it creates the file it encodes into.
func Check(d *Document) error { return validate(d) }

func validate(d *Document) error {
	for i, c := range d.Cues {
		switch {
		case c.Start < 0 || c.End < 0:
			return fmt.Errorf("cue %d: negative time %v --> %v", i+1, c.Start, c.End)
		}
	}
	return nil
}
