package subtitle

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
	"unsafe"

	astisub "github.com/asticode/go-astisub"
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

// A reader parses decoded text (for STL: the raw bytes as a string).
type reader func(name, text string) (*Document, []Warning, error)

// readers are the format readers. Formats without a reader of subkit's
// own go through go-astisub.
var readers = map[Format]reader{
	SRT:    readSRT,
	WebVTT: readWebVTT,
	TTML:   readTTML,
	ASS:    astisubReader(ASS),
	SSA:    astisubReader(SSA),
	STL:    astisubReader(STL),
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
// text (for STL, the bytes as they are), without reading the cues.
func Prepare(name string, b []byte, o ReadOptions) (string, *ReadInfo, error) {
	info := &ReadInfo{Format: o.Format}
	if info.Format == Unknown {
		info.Format = FormatFromPath(name)
		if info.Format == Unknown || info.Format == TTML && filepath.Ext(name) == ".xml" {
			info.Format = Detect(b)
		}
	}
	if info.Format == Unknown {
		return "", info, &ParseError{File: name, Err: fmt.Errorf("%w: not a caption format subkit knows (give --from)", ErrSyntax)}
	}
	var text string
	var err error
	switch {
	case info.Format == STL:
		text = string(b)
	case info.Format == WebVTT && o.Encoding == "" && isVTTSignature(b):
		// WebVTT is UTF-8 by definition; its parser turns NULs and bad
		// bytes into U+FFFD, so there is nothing to detect.
		info.Encoding = "UTF-8"
		text = strings.ToValidUTF8(strings.TrimPrefix(string(b), "\ufeff"), "\uFFFD")
	case o.Encoding != "":
		info.Encoding = o.Encoding
		text, err = DecodeTextAs(name, b, o.Encoding)
	case o.ShareInput && plainText(b):
		// What DecodeText would return, without the copy.
		info.Encoding = "UTF-8"
		text = unsafe.String(unsafe.SliceData(b), len(b))
	default:
		text, info.Encoding, err = DecodeText(name, b)
	}
	return text, info, err
}

// plainUTF8 reports whether b is text DecodeText returns as it is: valid
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
// decoded as Prepare decodes it, in format f.
func ReadText(name, text string, f Format) (*Document, []Warning, error) {
	r, ok := readers[f]
	if !ok {
		return nil, nil, fmt.Errorf("%s: cannot read format %v", name, f)
	}
	return r(name, text)
}

// isVTTSignature reports whether b starts as a WebVTT file does: an
// optional UTF-8 BOM, then "WEBVTT".
func isVTTSignature(b []byte) bool {
	return bytes.HasPrefix(bytes.TrimPrefix(b, []byte("\ufeff")), []byte("WEBVTT"))
}

// Read reads a file in format f, detecting the encoding.
func Read(name string, b []byte, f Format) (*Document, error) {
	doc, _, err := Decode(name, b, ReadOptions{Format: f})
	return doc, err
}

// Detect guesses a format from a file's first bytes: "WEBVTT", an XML
// <tt> root, an [Script Info] section, an EBU STL header, or an SRT cue.
// It returns Unknown when nothing fits.
func Detect(b []byte) Format {
	if len(b) >= 1024 && (bytes.Equal(b[3:11], []byte("STL25.01")) || bytes.Equal(b[3:11], []byte("STL30.01")) ||
		bytes.HasPrefix(b[3:], []byte("STL"))) {
		return STL
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
	switch {
	case strings.HasPrefix(t, "WEBVTT"):
		return WebVTT
	case strings.HasPrefix(t, "<?xml") || strings.HasPrefix(t, "<tt"):
		if strings.Contains(t, "<tt") {
			return TTML
		}
	case strings.HasPrefix(strings.ToLower(t), "[script info]"):
		if strings.Contains(strings.ToLower(t), "v4.00+") || strings.Contains(t, "[V4+ Styles]") {
			return ASS
		}
		return SSA
	}
	for _, l := range strings.SplitN(t, "\n", 8) {
		if strings.Contains(l, "-->") {
			if strings.Contains(l, ",") {
				return SRT
			}
			return SRT // dots in SRT times are common; WebVTT needs its signature
		}
	}
	return Unknown
}

// astisubReader reads a format through go-astisub. A panic inside it (it
// has several on malformed input) becomes an error naming the file.
func astisubReader(f Format) reader {
	return func(name, text string) (*Document, []Warning, error) {
		subs, err := astisubParse(f, text)
		if err != nil {
			return nil, nil, &ParseError{File: name, Err: err}
		}
		if f == ASS || f == SSA {
			doc, ws := fromSSA(subs, text, f)
			return doc, ws, nil
		}
		return fromAstisub(subs), nil, nil
	}
}

// astisubParse parses text with go-astisub; its panics are errors.
func astisubParse(f Format, text string) (subs *astisub.Subtitles, err error) {
	defer func() {
		if r := recover(); r != nil {
			subs, err = nil, fmt.Errorf("%w: unreadable %v file (%v)", ErrSyntax, f, r)
		}
	}()
	r := strings.NewReader(text)
	switch f {
	case SRT:
		subs, err = astisub.ReadFromSRT(r)
	case WebVTT:
		subs, err = astisub.ReadFromWebVTT(r)
	case TTML:
		subs, err = astisub.ReadFromTTML(r)
	case ASS, SSA:
		subs, err = astisub.ReadFromSSA(r)
	case STL:
		subs, err = astisub.ReadFromSTL(r, astisub.STLOptions{})
	default:
		return nil, fmt.Errorf("cannot read format %v", f)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	return subs, nil
}

func fromAstisub(s *astisub.Subtitles) *Document {
	d := &Document{}
	if s.Metadata != nil {
		d.Title = s.Metadata.Title
		d.Lang = s.Metadata.Language
	}
	for _, it := range s.Items {
		c := Cue{Start: it.StartAt, End: it.EndAt}
		for _, l := range it.Lines {
			var line Line
			for _, li := range l.Items {
				line = append(line, spanFromAstisub(li))
			}
			c.Lines = append(c.Lines, line)
		}
		d.Cues = append(d.Cues, c)
	}
	return d
}

func spanFromAstisub(li astisub.LineItem) Span {
	sp := Span{Text: li.Text}
	sa := li.InlineStyle
	if sa == nil {
		return sp
	}
	sp.Italic = sa.SRTItalics || sa.WebVTTItalics || sa.TTMLFontStyle != nil && *sa.TTMLFontStyle == "italic"
	sp.Bold = sa.SRTBold || sa.WebVTTBold || sa.TTMLFontWeight != nil && *sa.TTMLFontWeight == "bold"
	sp.Underline = sa.SRTUnderline || sa.WebVTTUnderline || sa.TTMLTextDecoration != nil && strings.Contains(*sa.TTMLTextDecoration, "underline")
	switch {
	case sa.SRTColor != nil:
		sp.Color = sa.SRTColor.HTMLString()
	case sa.TTMLColor != nil:
		sp.Color = sa.TTMLColor.HTMLString()
	}
	return sp
}
