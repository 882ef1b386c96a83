package subtitle

// Writing text in an encoding other than UTF-8: the output codecs, the
// writer that transcodes what a format's writer writes, and the errors
// for a character an encoding cannot hold. Format writers write UTF-8
// with LF or CR LF line ends; everything else happens here.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/subkit-dev/subkit/subtitle/internal/textpos"
)

// ErrUnencodable is wrapped by the error for a character the output
// encoding has no bytes for.
var ErrUnencodable = errors.New("character the output encoding cannot hold")

// outCodec is an encoding Encode writes.
type outCodec struct {
	name  string            // canonical, as OutputEncodings lists it
	enc   encoding.Encoding // legacy encodings; nil for the UTFs
	utf   int               // 8, 16 or 32 for the UTFs
	big   bool              // UTF-16 and UTF-32: big-endian
	bom   bool              // the name implies a byte-order mark ("UTF-8 BOM", "UTF-16")
	plain bool              // UTF-8 without a BOM: what writers write anyway
}

// OutputEncodings lists the canonical names EncodeOptions.Encoding takes,
// for help texts. Aliases are as for DecodeTextAs ("gbk", "sjis",
// "cp1252", "latin1", "utf8-bom").
func OutputEncodings() []string {
	return []string{"UTF-8", encNameUTF8BOM, encNameUTF16, encNameUTF16LE, encNameUTF16BE, encNameUTF32LE, encNameUTF32BE,
		"GBK", encNameGB18030, encNameBig5, encNameShiftJIS, encNameEUCKR,
		encNameWin1250, encNameWin1251, encNameWin1252, encNameWin1253, encNameWin1254, encNameWin1255,
		encNameWin1256, encNameWin1257, encNameWin1258}
}

// lookupOutputEncoding finds the codec for a name EncodeOptions.Encoding
// may hold; "" is UTF-8.
func lookupOutputEncoding(name string) (*outCodec, error) {
	switch f := foldEncodingName(name); f {
	case "", "utf8":
		return &outCodec{name: encNameUTF8, utf: 8, plain: true}, nil
	case "utf8bom", "utf8sig":
		return &outCodec{name: encNameUTF8BOM, utf: 8, bom: true}, nil
	case "utf16", "ucs2":
		// As Windows writes "Unicode": little-endian, with a BOM.
		return &outCodec{name: encNameUTF16, utf: 16, bom: true}, nil
	case "gbk", "gb2312", "euccn", "cp936", "windows936":
		return &outCodec{name: "GBK", enc: simplifiedchinese.GBK}, nil
	}
	c, ok := lookupEncoding(name)
	if !ok {
		return nil, fmt.Errorf("%w: %q; accepted: %s (and aliases such as utf8, gbk, sjis, cp1252, latin1)",
			ErrEncoding, name, strings.Join(OutputEncodings(), ", "))
	}
	switch c.name {
	case encNameUTF16LE, encNameUTF16BE:
		return &outCodec{name: c.name, utf: 16, big: c.name == encNameUTF16BE}, nil
	case encNameUTF32LE, encNameUTF32BE:
		return &outCodec{name: c.name, utf: 32, big: c.name == encNameUTF32BE}, nil
	}
	if c.cm != nil {
		return &outCodec{name: c.name, enc: c.cm}, nil
	}
	return &outCodec{name: c.name, enc: c.enc}, nil
}

// ascii says whether the encoding writes ASCII as ASCII.
func (c *outCodec) ascii() bool { return c.enc != nil || c.utf == 8 }

// outputSetup is what Encode and StreamSRT make of EncodeOptions: the
// options the format's writer gets (UTF-8, LF or CR LF) and, when the
// bytes must be changed after it, the codec and line end to change them to.
type outputSetup struct {
	write  EncodeOptions
	codec  *outCodec // nil: the writer's bytes go out as they are
	lineCR bool      // lines end in a lone CR
}

// CheckEncodeOptions reports whether format f can be written with o:
// whether o.Encoding is a known encoding that f may be written in, and
// o.LineEnd a line end. A refusal wraps ErrEncoding and says why.
func CheckEncodeOptions(f Format, o EncodeOptions) error {
	_, err := setupOutput(f, o)
	return err
}

// OutputEncoding names the text encoding Encode writes format f in with
// o, as ReadInfo.Encoding names encodings: a name OutputEncodings lists,
// "UTF-8 BOM" for UTF-8 with a byte-order mark, and UTF-16 by its byte
// order ("UTF-16LE"); "" for a binary format (EBU STL). What
// CheckEncodeOptions refuses is its error.
func OutputEncoding(f Format, o EncodeOptions) (string, error) {
	st, err := setupOutput(f, o)
	if err != nil {
		return "", err
	}
	if s := lookup(f); s != nil && s.Binary {
		return "", nil
	}
	c, err := lookupOutputEncoding(o.Encoding)
	if err != nil {
		return "", err
	}
	switch {
	case c.utf == 8 && st.write.BOM:
		return encNameUTF8BOM, nil
	case c.utf == 8:
		return encNameUTF8, nil
	case c.name == encNameUTF16:
		return encNameUTF16LE, nil
	}
	return c.name, nil
}

func setupOutput(f Format, o EncodeOptions) (*outputSetup, error) {
	c, err := lookupOutputEncoding(o.Encoding)
	if err != nil {
		return nil, err
	}
	s := lookup(f)
	if !c.plain && s != nil {
		switch {
		case s.Binary && (o.Encoding != "" || o.BOM):
			return nil, refusal("%v is a binary format with its own character set; it takes no text encoding (%s)", f, c.name)
		case s.UTF8Only != "" && c.utf != 8:
			return nil, refusal("%v files are written in UTF-8 only, not %s: %s", f, c.name, s.UTF8Only)
		}
	}
	if o.BOM && c.enc != nil {
		return nil, refusal("%s has no byte-order mark (only UTF-8, UTF-16 and UTF-32 have one)", c.name)
	}
	st := &outputSetup{write: o}
	st.write.Encoding, st.write.LineEnd = "", ""
	switch o.LineEnd {
	case "", "\n":
	case "\r\n":
		st.write.CRLF = true
	case "\r":
		st.write.CRLF, st.lineCR = false, true
	default:
		return nil, refusal("line end %q is none of LF, CR LF and CR", o.LineEnd)
	}
	st.write.BOM = o.BOM || c.bom
	if !c.plain || st.lineCR {
		if !(c.utf == 8 && !st.lineCR) {
			st.codec = c
		}
	}
	return st, nil
}

// encodingRefusal is an encoding option Encode refuses; it wraps
// ErrEncoding.
type encodingRefusal struct{ msg string }

func refusal(format string, a ...any) error { return encodingRefusal{fmt.Sprintf(format, a...)} }

func (e encodingRefusal) Error() string { return e.msg }
func (e encodingRefusal) Unwrap() error { return ErrEncoding }

// EncodeError is a character an output encoding cannot hold. Cue is the
// number (from 1) of the first cue whose text has it, 0 when none has
// (the character is in a header, a style, a note); Start is that cue's
// start.
type EncodeError struct {
	Char     rune
	Encoding string
	Cue      int
	Start    time.Duration
}

func (e *EncodeError) Error() string {
	what := fmt.Sprintf("character %q (U+%04X) cannot be written in %s; choose an encoding that holds it (UTF-8 holds every character)", e.Char, e.Char, e.Encoding)
	if e.Cue > 0 {
		t := e.Start.Round(time.Millisecond)
		return fmt.Sprintf("caption %d (at %02d:%02d:%02d.%03d): %s", e.Cue,
			int(t.Hours()), int(t.Minutes())%60, int(t.Seconds())%60, int(t/time.Millisecond)%1000, what)
	}
	return what
}

func (e *EncodeError) Unwrap() error { return ErrUnencodable }

// findCue sets e.Cue to the first cue of d whose text has e.Char.
func (e *EncodeError) findCue(d *Document) {
	for i, c := range d.Cues {
		for _, l := range c.Lines {
			for _, sp := range l {
				if strings.ContainsRune(sp.Text, e.Char) || strings.ContainsRune(sp.Ruby, e.Char) ||
					strings.ContainsRune(sp.Voice, e.Char) {
					e.Cue, e.Start = i+1, c.Start
					return
				}
			}
		}
	}
}

// PlaceEncodeError places an *EncodeError err (one Encode or StreamSRT
// returned) in the input it was read from: name and text are the input
// as Prepare returned it, f its format (Unknown for a transcript). It
// returns a *ParseError at the character in the caption's lines when
// the caption's source is known, else at the character's first place in
// text, wrapping err; other errors, and characters not in text (made by a
// conversion), come back as they are. An error placed already (as
// StreamSRT's are) comes back as that *ParseError.
func PlaceEncodeError(name, text string, f Format, err error) error {
	var ee *EncodeError
	var pe *ParseError
	if !errors.As(err, &ee) {
		return err
	}
	if errors.As(err, &pe) {
		return pe // placed already (StreamSRT)
	}
	from := 0
	if ee.Cue > 0 && f != Unknown {
		if src := Sources(name, text, f); ee.Cue <= len(src) && src[ee.Cue-1].Line > 0 {
			from = lineOffset(text, src[ee.Cue-1].Line)
		}
	}
	i := strings.IndexRune(text[from:], ee.Char)
	if i < 0 {
		from = 0
		if i = strings.IndexRune(text, ee.Char); i < 0 {
			return err
		}
	}
	line, col := textpos.Of([]byte(text), from+i)
	return &ParseError{File: name, Line: line, Col: col, Err: ee}
}

// lineOffset is the offset in text of the start of line n (from 1).
func lineOffset(text string, n int) int {
	off := 0
	for line := 1; line < n; line++ {
		i := strings.IndexAny(text[off:], "\r\n")
		if i < 0 {
			return off
		}
		off += i + 1
		if text[off-1] == '\r' && off < len(text) && text[off] == '\n' {
			off++
		}
	}
	return off
}

// encodeChunk is how many bytes of UTF-8 the encodeWriter turns into the
// output encoding at a time; its buffer holds four times as many.
const encodeChunk = 16 << 10

// encodeWriter turns the UTF-8 a format's writer writes into the output
// encoding, a piece at a time, and ends lines in CR when asked. Its first
// error stays: every later Write returns it.
type encodeWriter struct {
	w       io.Writer
	c       *outCodec
	t       transform.Transformer // legacy encodings
	lineCR  bool
	rest    []byte // the start of a character cut by the end of a Write
	restBuf [4]byte
	buf     []byte
	err     error
}

func newEncodeWriter(w io.Writer, st *outputSetup) *encodeWriter {
	ew := &encodeWriter{w: w, c: st.codec, lineCR: st.lineCR, buf: make([]byte, 0, 4*encodeChunk+16)}
	if ew.c.enc != nil {
		ew.t = ew.c.enc.NewEncoder()
	}
	return ew
}

func (ew *encodeWriter) Write(p []byte) (int, error) {
	if ew.err != nil {
		return 0, ew.err
	}
	n := len(p)
	if len(ew.rest) > 0 {
		// Complete the character the last Write cut, from p.
		for len(p) > 0 && !utf8.FullRune(ew.rest) {
			ew.rest, p = append(ew.rest, p[0]), p[1:]
		}
		if !utf8.FullRune(ew.rest) {
			return n, nil
		}
		if err := ew.encode(ew.rest); err != nil {
			ew.err = err
			return 0, err
		}
		ew.rest = ew.rest[:0]
	}
	// Keep back a character cut at the end.
	end := len(p)
	for k := 1; k <= 3 && k <= len(p); k++ {
		b := p[len(p)-k]
		if b < utf8.RuneSelf {
			break
		}
		if utf8.RuneStart(b) {
			if !utf8.FullRune(p[len(p)-k:]) {
				end = len(p) - k
			}
			break
		}
	}
	ew.rest = append(ew.restBuf[:0], p[end:]...)
	if err := ew.encode(p[:end]); err != nil {
		ew.err = err
		return 0, err
	}
	return n, nil
}

// Close reports a character left cut at the end.
func (ew *encodeWriter) Close() error {
	if ew.err == nil && len(ew.rest) > 0 {
		ew.err = ew.encode(ew.rest)
	}
	return ew.err
}

func (ew *encodeWriter) encode(p []byte) error {
	for len(p) > 0 {
		chunk := p[:min(len(p), encodeChunk)]
		for len(chunk) < len(p) && !utf8.RuneStart(p[len(chunk)]) {
			chunk = p[:len(chunk)+1]
		}
		p = p[len(chunk):]
		out, err := ew.encodeChunk(ew.buf[:0], chunk)
		ew.buf = out[:0]
		if err != nil {
			return err
		}
		if ew.lineCR {
			for i, b := range out {
				if b == '\n' && ew.c.ascii() {
					out[i] = '\r'
				}
			}
		}
		if _, err := ew.w.Write(out); err != nil {
			return err
		}
	}
	return nil
}

// encodeChunk appends src, whole characters, in the output encoding.
func (ew *encodeWriter) encodeChunk(dst, src []byte) ([]byte, error) {
	c := ew.c
	switch {
	case c.utf == 8:
		return append(dst, src...), nil
	case c.utf == 16 || c.utf == 32:
		for i := 0; i < len(src); {
			r, size := utf8.DecodeRune(src[i:])
			i += size
			if r == '\n' && ew.lineCR {
				r = '\r'
			}
			dst = appendUTF(dst, r, c)
		}
		return dst, nil
	}
	if r, ok := c.firstLost(src); !ok {
		return dst, &EncodeError{Char: r, Encoding: c.name}
	}
	for len(src) > 0 {
		if cap(dst)-len(dst) < 4*len(src)+16 {
			dst = append(dst, make([]byte, 4*len(src)+16)...)[:len(dst)]
		}
		nDst, nSrc, err := ew.t.Transform(dst[len(dst):cap(dst)], src, true)
		dst = dst[:len(dst)+nDst]
		src = src[nSrc:]
		switch {
		case err == nil:
			return dst, nil
		case err == transform.ErrShortDst:
			continue
		}
		r, _ := utf8.DecodeRune(src)
		ew.t.Reset()
		return dst, &EncodeError{Char: r, Encoding: c.name}
	}
	return dst, nil
}

// firstLost finds a private-use character in src that the legacy codec
// writes as bytes that read back as another character (GB18030 has some:
// U+E745 reads back as U+F759), and returns it with ok false. Other
// characters the codecs write read back as themselves.
func (c *outCodec) firstLost(src []byte) (rune, bool) {
	for i := 0; i < len(src); {
		if b := src[i]; b < 0xEE || b == 0xF0 || b == 0xF1 || b == 0xF2 {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		i += size
		if 0xE000 <= r && r <= 0xF8FF || r >= 0xF0000 {
			enc, err := c.enc.NewEncoder().Bytes([]byte(string(r)))
			if err != nil {
				continue // Transform reports it
			}
			if dec, err := c.enc.NewDecoder().Bytes(enc); err != nil || string(dec) != string(r) {
				return r, false
			}
		}
	}
	return 0, true
}

// appendUTF appends r in UTF-16 or UTF-32 in c's byte order.
func appendUTF(dst []byte, r rune, c *outCodec) []byte {
	put16 := func(u uint16) {
		if c.big {
			dst = append(dst, byte(u>>8), byte(u))
		} else {
			dst = append(dst, byte(u), byte(u>>8))
		}
	}
	if c.utf == 32 {
		if c.big {
			return append(dst, byte(r>>24), byte(r>>16), byte(r>>8), byte(r))
		}
		return append(dst, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
	}
	if r >= 0x10000 {
		hi, lo := utf16.EncodeRune(r)
		put16(uint16(hi))
		put16(uint16(lo))
		return dst
	}
	put16(uint16(r))
	return dst
}

// checkEncodable finds the first character of text the codec cannot
// hold, as a *ParseError at its place in text (name's), or nil.
func checkEncodable(name, text string, c *outCodec) error {
	if c == nil || c.enc == nil {
		return nil
	}
	t := c.enc.NewEncoder()
	buf := make([]byte, 64<<10)
	src := []byte(nil)
	for off := 0; off < len(text); {
		// Only the non-ASCII runs need the encoder.
		i := off
		for i < len(text) && text[i] < utf8.RuneSelf {
			i++
		}
		j := i
		for j < len(text) && (text[j] >= utf8.RuneSelf) {
			j++
		}
		if i == j {
			break
		}
		src = append(src[:0], text[i:j]...)
		for s := src; len(s) > 0; {
			_, nSrc, err := t.Transform(buf, s, true)
			s = s[nSrc:]
			if err == nil {
				break
			}
			if err == transform.ErrShortDst {
				continue
			}
			r, _ := utf8.DecodeRune(s)
			at := j - len(s)
			line, col := textpos.Of([]byte(text[:at+1]), at)
			return &ParseError{File: name, Line: line, Col: col, Err: &EncodeError{Char: r, Encoding: c.name}}
		}
		t.Reset()
		off = j
	}
	return nil
}

// writeEncoded runs write, a format's writer, with the setup's options,
// through the transcoder when one is needed. With check it first runs
// write into nothing, so that a character the encoding cannot hold is
// found before a byte reaches w; d, when not nil, names its cue.
func writeEncoded(w io.Writer, st *outputSetup, d *Document, check bool, write func(io.Writer, EncodeOptions) error) error {
	if st.codec == nil {
		return write(w, st.write)
	}
	run := func(w io.Writer) error {
		ew := newEncodeWriter(w, st)
		err := write(ew, st.write)
		if err == nil {
			err = ew.Close()
		}
		var ee *EncodeError
		if errors.As(err, &ee) && d != nil {
			ee.findCue(d)
		}
		return err
	}
	if check && st.codec.enc != nil {
		if err := run(io.Discard); err != nil {
			return err
		}
	}
	return run(w)
}

// bomOf reports whether b starts with the byte-order mark of the encoding
// enc, as DecodeText names it.
func bomOf(b []byte, enc string) bool {
	switch enc {
	case encNameUTF8BOM:
		return true
	case encNameUTF8:
		return bytes.HasPrefix(b, textBOMUTF8)
	case encNameUTF16LE:
		return bytes.HasPrefix(b, textBOMUTF16LE)
	case encNameUTF16BE:
		return bytes.HasPrefix(b, textBOMUTF16BE)
	case encNameUTF32LE:
		return bytes.HasPrefix(b, textBOMUTF32LE)
	case encNameUTF32BE:
		return bytes.HasPrefix(b, textBOMUTF32BE)
	}
	return false
}

// lineEndOf is the first line end in text: "\r\n", "\r" or "\n" ("" when
// there is none).
func lineEndOf(text string) string {
	i := strings.IndexAny(text, "\r\n")
	switch {
	case i < 0:
		return ""
	case text[i] == '\n':
		return "\n"
	case i+1 < len(text) && text[i+1] == '\n':
		return "\r\n"
	}
	return "\r"
}
