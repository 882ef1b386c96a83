package subtitle

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Warning is something a reader met and could not keep as it was: a
// setting it ignored, a line it could not place. Line counts from 1; zero
// means the file as a whole.
type Warning struct {
	Line    int
	Message string
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("line %d: %s", w.Line, w.Message)
	}
	return w.Message
}

// ReadOptions say how to read a file. The zero value detects everything.
type ReadOptions struct {
	// Format is the file's format; Unknown detects it from the name's
	// extension, then from the content.
	Format Format
	// Encoding forces a text encoding (a name DecodeTextAs accepts);
	// "" detects it.
	Encoding string
	// ShareInput lets the text (and so the document's strings) share the
	// input's memory when it is plain UTF-8, instead of copying it: the
	// caller promises never to change the bytes afterwards.
	ShareInput bool
}

// ReadInfo is what reading found out besides the document.
type ReadInfo struct {
	Format   Format
	Encoding string // as DecodeText names it; "" for binary formats
	Warnings []Warning
}

// Decode reads a caption file. name is the file's name as the user gave
// it, for format detection and for errors. Every error is a *ParseError
// naming the file.
func Decode(name string, b []byte, o ReadOptions) (*Document, *ReadInfo, error) {
	text, info, err := Prepare(name, b, o)
	if err != nil {
		return nil, info, err
	}
	doc, ws, err := ReadText(name, text, info.Format)
	info.Warnings = ws
	return doc, info, err
}

// Prepare is the first half of Decode: it finds the format and decodes the
// text (for a binary format such as EBU STL, the bytes as they are),
// without reading the cues.
func Prepare(name string, b []byte, o ReadOptions) (string, *ReadInfo, error) {
	info := &ReadInfo{Format: o.Format}
	if info.Format == Unknown {
		info.Format = FormatFromPath(name)
		if s := lookup(info.Format); info.Format == Unknown || s != nil && slices.Contains(s.WeakExts, filepath.Ext(name)) {
			info.Format = Detect(b)
		}
	}
	if info.Format == Unknown {
		return "", info, &ParseError{File: name, Err: fmt.Errorf("%w: not a caption format subkit knows (give --from)", ErrSyntax)}
	}
	s := lookup(info.Format)
	if s != nil && s.Binary {
		return string(b), info, nil
	}
	if s != nil && s.Decode != nil && o.Encoding == "" {
		if text, enc, ok := s.Decode(b); ok {
			info.Encoding = enc
			return text, info, nil
		}
	}
	text, enc, err := decodeDefault(name, b, o)
	info.Encoding = enc
	return text, info, err
}

// decodeDefault decodes b as o says: in the encoding it forces, or shared
// when it may be, or detected.
func decodeDefault(name string, b []byte, o ReadOptions) (text, encoding string, err error) {
	switch {
	case o.Encoding != "":
		text, err = DecodeTextAs(name, b, o.Encoding)
		return text, o.Encoding, err
	case o.ShareInput && plainText(b):
		// What DecodeText would return, without the copy.
		return unsafe.String(unsafe.SliceData(b), len(b)), "UTF-8", nil
	}
	return DecodeText(name, b)
}

// plainText reports whether b is text DecodeText returns as it is: valid
// UTF-8 with no byte-order mark, no control bytes but tab, LF, VT, FF and
// CR, and no Ctrl-Z at its end.
func plainText(b []byte) bool {
	if len(b) == 0 || bytes.HasPrefix(b, []byte("\ufeff")) || b[len(b)-1] == 0x1a {
		return false
	}
	for _, c := range b {
		if c < 0x20 && (c < '\t' || c > '\r') || c == 0x7f {
			return false
		}
	}
	return utf8.Valid(b)
}

// ReadText is the second half of Decode: it reads the cues of text,
// decoded as Prepare decodes it, in format f, whose package must be
// imported (see Register).
func ReadText(name, text string, f Format) (*Document, []Warning, error) {
	s := lookup(f)
	if s == nil {
		return nil, nil, fmt.Errorf("%s: cannot read format %v", name, f)
	}
	return s.Read(name, text)
}

// Read reads a file in format f, detecting the encoding.
func Read(name string, b []byte, f Format) (*Document, error) {
	doc, _, err := Decode(name, b, ReadOptions{Format: f})
	return doc, err
}

// Detect guesses a format from a file's bytes with the registered
// formats' sniffers (see Spec.Sniff): "WEBVTT", an XML <tt> root, an
// [Script Info] section, an EBU STL header, an SRT cue. It returns Unknown
// when nothing fits.
func Detect(b []byte) Format {
	for _, f := range ordered {
		if s := registry[f]; s.Binary && s.Sniff(b, "") != NoMatch {
			return f
		}
	}
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	// UTF-16 heads are read after decoding; a failed decode is no format.
	text, _, err := DecodeText("", head)
	if err != nil {
		return Unknown
	}
	t := strings.TrimLeft(text, " \t\r\n")
	best, bestMatch := Unknown, NoMatch
	for _, f := range ordered {
		if s := registry[f]; !s.Binary {
			switch m := s.Sniff(b, t); {
			case m == Sure:
				return f
			case m > bestMatch:
				best, bestMatch = f, m
			}
		}
	}
	return best
}
