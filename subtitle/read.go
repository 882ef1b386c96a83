package subtitle

import (
	"bytes"
	"fmt"
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
	// FPS is the frame rate of a frame-based format (MicroDVD) when the
	// file does not say; 0 leaves it to the format's default.
	FPS float64
	// Language picks one language of a file that holds several (SAMI's
	// classes): a class name or a language tag; "" reads the first.
	Language string
}

// ReadInfo is what reading found out besides the document.
type ReadInfo struct {
	Format   Format
	Encoding string // as DecodeText names it; "" for binary formats
	// BOM says the file began with a byte-order mark, LineEnd is its
	// first line end ("\r\n", "\n" or "\r"; "" when it has none):
	// with Encoding, what a file written back in place keeps.
	BOM      bool
	LineEnd  string
	Warnings []Warning
}

// EncodeOptions are the options that write a file in the encoding, with
// the byte-order mark and the line ends, that info's file had: how a file
// replaced in place keeps them. A file that was not text (EBU STL) gives
// the zero options.
func (info *ReadInfo) EncodeOptions() EncodeOptions {
	if info == nil || info.Encoding == "" {
		return EncodeOptions{}
	}
	o := EncodeOptions{Encoding: info.Encoding, BOM: info.BOM, LineEnd: info.LineEnd}
	if c, err := lookupOutputEncoding(info.Encoding); err == nil && c.bom {
		o.Encoding = strings.TrimSuffix(c.name, " BOM")
		if c.name == encNameUTF16 {
			o.Encoding = encNameUTF16LE
		}
	}
	return o
}

// Decode reads a caption file. name is the file's name as the user gave
// it, for format detection and for errors. Every error is a *ParseError
// naming the file.
func Decode(name string, b []byte, o ReadOptions) (*Document, *ReadInfo, error) {
	text, info, err := Prepare(name, b, o)
	if err != nil {
		return nil, info, err
	}
	doc, ws, err := ReadTextWith(name, text, info.Format, o)
	info.Warnings = append(info.Warnings, ws...)
	return doc, info, err
}

// Prepare is the first half of Decode: it finds the format and decodes the
// text (for a binary format such as EBU STL, the bytes as they are),
// without reading the cues. It decodes as DecodeTextLenient does: stray
// bytes that read as no encoding become U+FFFD, with a warning in
// info.Warnings. info also says the file's BOM and line ends.
func Prepare(name string, b []byte, o ReadOptions) (string, *ReadInfo, error) {
	info := &ReadInfo{Format: o.Format}
	if info.Format == Unknown {
		info.Format = FormatFromPath(name)
		if info.Format == Unknown || WeakExt(name) {
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
			info.BOM, info.LineEnd = bomOf(b, enc), lineEndOf(text)
			return text, info, nil
		}
	}
	text, enc, ws, err := decodeDefault(name, b, o)
	info.Encoding = enc
	info.Warnings = ws
	if err == nil {
		info.BOM, info.LineEnd = bomOf(b, enc), lineEndOf(text)
		if c, ok := lookupEncoding(enc); ok && o.Encoding != "" {
			// The name the user forced, spelled as DecodeText spells it.
			info.Encoding = c.name
			if c.name == encNameUTF16 {
				info.Encoding = encNameUTF16LE
				if bytes.HasPrefix(b, textBOMUTF16BE) {
					info.Encoding = encNameUTF16BE
				} else if !bytes.HasPrefix(b, textBOMUTF16LE) {
					if be, _ := guessUTF16(b); be {
						info.Encoding = encNameUTF16BE
					}
				}
			}
			info.BOM = bomOf(b, info.Encoding)
		}
	}
	return text, info, err
}

// decodeDefault decodes b as o says: in the encoding it forces, or shared
// when it may be, or detected.
func decodeDefault(name string, b []byte, o ReadOptions) (text, encoding string, ws []Warning, err error) {
	switch {
	case o.Encoding != "":
		text, err = DecodeTextAs(name, b, o.Encoding)
		return text, o.Encoding, nil, err
	case o.ShareInput && plainText(b):
		// What DecodeText would return, without the copy.
		return unsafe.String(unsafe.SliceData(b), len(b)), "UTF-8", nil, nil
	}
	return DecodeTextLenient(name, b)
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
	return ReadTextWith(name, text, f, ReadOptions{})
}

// ReadTextWith is ReadText with the options that steer a reader: o.FPS
// and o.Language, for the formats that take them (see Spec.ReadWith).
func ReadTextWith(name, text string, f Format, o ReadOptions) (*Document, []Warning, error) {
	s := lookup(f)
	if s == nil {
		return nil, nil, fmt.Errorf("%s: cannot read format %v", name, f)
	}
	if s.ReadWith != nil {
		return s.ReadWith(name, text, o)
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
	text, _, _, err := DecodeTextLenient("", head)
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
