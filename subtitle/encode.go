package subtitle

import (
	"fmt"
	"io"
)

// EncodeOptions are the byte-level choices every writer honours.
type EncodeOptions struct {
	BOM  bool // start the file with a UTF-8 byte-order mark
	CRLF bool // end lines with CR LF instead of LF
	// LineEnd, when set, is the line end: "\n", "\r\n" or "\r" (old
	// Mac files); it wins over CRLF.
	LineEnd string
	// Encoding is the text encoding, a name OutputEncodings lists or an
	// alias DecodeTextAs takes; "" is UTF-8. "UTF-8 BOM" and "UTF-16"
	// (little-endian) start the file with a byte-order mark; with BOM
	// the others that have one (UTF-16LE, UTF-16BE, UTF-32) do too.
	// WebVTT, TTML and SCC are UTF-8 only and EBU STL is binary: Encode
	// refuses another encoding for them (see CheckEncodeOptions). A
	// character the encoding cannot hold is an *EncodeError, found
	// before anything is written.
	Encoding string
	// FPS is the frame rate frame-based formats (MicroDVD, FCPXML) are
	// written at; 0 is Document.FPS for FCPXML, else the format's
	// default.
	FPS float64
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
	st, err := setupOutput(f, o)
	if err != nil {
		return err
	}
	return writeEncoded(w, st, d, true, func(w io.Writer, o EncodeOptions) error { return s.Write(w, d, o) })
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
