package subtitle

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// Format is a caption file format, named as flags spell it: "srt", "vtt",
// "ttml". The zero Format is Unknown.
//
// A format is known to the core once its package has registered it (see
// Register): a program imports the format packages it wants, as
// subtitle/all imports them all.
type Format string

// The formats subkit has read and written from the start. Their packages
// are subtitle/srt, subtitle/webvtt, subtitle/ttml, subtitle/ass (ASS and
// SSA) and subtitle/stl. A format added later names itself in its own
// package (const Format subtitle.Format = "sbv").
const (
	Unknown Format = ""
	SRT     Format = "srt"
	WebVTT  Format = "vtt"
	TTML    Format = "ttml"
	ASS     Format = "ass" // Advanced SubStation Alpha (v4.00+)
	SSA     Format = "ssa" // SubStation Alpha (v4.00)
	STL     Format = "stl" // EBU STL (Tech 3264), a binary format
)

// displayOrder is the order help texts list formats in; formats not in it
// follow, by name.
var displayOrder = []Format{SRT, WebVTT, TTML, ASS, SSA, STL}

// Spec is what a format package tells the core about its format when it
// registers it. Format, Sniff and Read or ReadWith are required; the
// rest are optional.
type Spec struct {
	// Format is the format's name as flags spell it ("srt", "vtt").
	Format Format
	// Aliases are other names ParseFormat takes for it ("subrip",
	// "webvtt"). A file whose extension is the format's name or an alias
	// is in the format (".srt", ".dfxp").
	Aliases []string
	// Ext is the extension files in the format are written with, dot
	// included (".srt").
	Ext string
	// WeakExts are extensions, dot included, that name the format but
	// that other files use too (TTML's ".xml"): a file with one is
	// detected by its content.
	WeakExts []string
	// Binary says the reader takes the file's bytes as they are, not
	// decoded text (EBU STL). Its Sniff gets the bytes and no head.
	Binary bool
	// Sniff says whether a file is in the format: b is the whole file,
	// head its first 4 KiB decoded as DecodeText decodes it, leading
	// white space trimmed. Detect takes the first Sure, then the first
	// Maybe, in the order Formats lists them; binary formats are sniffed
	// first.
	Sniff func(b []byte, head string) Match
	// Decode, when set, decodes a file before encoding detection when no
	// encoding is forced; ok false leaves it to the detection. WebVTT
	// uses it: a file with its signature is UTF-8 by definition.
	Decode func(b []byte) (text, encoding string, ok bool)
	// Read reads text (for a Binary format: the raw bytes) into a
	// Document. name is the file's name, for errors and warnings.
	Read func(name, text string) (*Document, []Warning, error)
	// ReadWith is Read steered by the options a format takes
	// (ReadOptions.FPS, ReadOptions.Language), for a format that takes
	// any; it is set in place of Read and called with zero options where
	// none are given.
	ReadWith func(name, text string, o ReadOptions) (*Document, []Warning, error)
	// ReadSources, when set, is Read that also returns each cue's source
	// (see Sources) from the same run of the reader.
	ReadSources func(name, text string) (*Document, []Warning, []CueSource, error)
	// Write writes d, whose times Encode has checked, to w. nil for a
	// format subkit only reads.
	Write func(w io.Writer, d *Document, o EncodeOptions) error
	// Stream, when set, converts text in the format to another format a
	// piece at a time (see StreamSRT).
	Stream func(name, text string, to Format, o EncodeOptions, w io.Writer) (*StreamInfo, error)
	// UTF8Only, when set, says why the format is written in UTF-8 only
	// ("the WebVTT standard allows no other"): Encode refuses another
	// EncodeOptions.Encoding with it.
	UTF8Only string
	// Carries says what Write keeps; Losses reports the rest.
	Carries Carries
}

// Match is how sure a Sniff is that a file is in its format.
type Match int

const (
	NoMatch Match = iota
	Maybe         // the content fits, but the format has no signature (SRT)
	Sure          // the format's signature ("WEBVTT", a <tt> root)
)

// Carries says which features of a Document a format's writer keeps.
// Losses reports the others as dropped.
type Carries struct {
	Italic, Bold, Underline bool
	Color                   bool // Span.Color, any CSS color
	Align                   bool // Cue.Align and the placement WebVTT settings give
	Voice                   bool // Span.Voice
	Lang                    bool // Span.Lang
	Classes                 bool // Span.Classes
	Ruby                    bool // Span.Ruby
	// RubyAsText says the writer writes ruby as text after its base,
	// "漢字(かんじ)", as subtitlers write it where there is no ruby.
	RubyAsText bool
	Timestamps bool // inline timestamps (Span.Timed)
	IDs        bool // Cue.ID
	Settings   bool // Cue.Settings as they are
	Notes      bool // Document.Notes
	Header     bool // Document.Header
	// NoMiddle, for a format with Align, says it has no middle rows: a
	// cue placed in the middle (Align 4-6) is written at the bottom, and
	// Losses says so (FCPXML's iTT captions).
	NoMiddle bool
	// SomeColors, for a format without Color, says which colors it keeps
	// still (WebVTT: its default color classes).
	SomeColors func(color string) bool
	// NearColors, for a format with SomeColors, says what the writer
	// writes for a color SomeColors does not keep: "" when it drops it,
	// else the words Losses reports it with, as the nearest color the
	// format has takes its place ("colors other than 608's seven (written
	// as the nearest)").
	NearColors func(color string) string
	// Replaces, when set, says what the writer writes in place of some
	// of a span's text, "" when nothing (EBU STL: "..." for "…"); Losses
	// reports it.
	Replaces func(Span) string
	// Misread, when set, names each kind of a span's text the format's
	// players read as something else though the writer writes it as it is
	// (SRT: "\N" a line break, "{\i1}" a hidden code); Losses reports them.
	Misread func(Span) []string
	// ReplacesLine, when set, says what the writer writes in place of
	// some of a line's text, "" when nothing (SRT: "->" for the "-->" of
	// a line that would read as a timing line); Losses reports it.
	ReplacesLine func(Line) string
	// StylesOf, when set, says which formats' named styles (Document.Styles)
	// the writer keeps besides its own (ASS keeps SSA's and SSA ASS's).
	StylesOf func(Format) bool
}

var (
	registry = map[Format]*Spec{}
	ordered  []Format // the registered formats, in the order of Formats
)

// Register makes a format known to the core: to ParseFormat,
// FormatFromPath, Detect, Decode, Encode and Losses. Format packages call
// it from init, as image/png calls image.RegisterFormat; it panics on a
// spec without a name, reader or sniffer, or on a name or alias taken.
// It is not safe to call while other goroutines read or write captions.
func Register(s Spec) {
	if s.Format == Unknown || s.Read == nil && s.ReadWith == nil || s.Sniff == nil {
		panic(fmt.Sprintf("subtitle: Register of %q needs a name, a reader and a sniffer", s.Format))
	}
	for _, n := range append([]string{string(s.Format)}, s.Aliases...) {
		if f, err := ParseFormat(n); err == nil {
			panic(fmt.Sprintf("subtitle: Register of %q: name %q is %v's", s.Format, n, f))
		}
	}
	registry[s.Format] = &s
	reorder()
}

// reorder sorts the registered formats: those of displayOrder first, in
// its order, then the others by name.
func reorder() {
	ordered = ordered[:0]
	for _, f := range displayOrder {
		if registry[f] != nil {
			ordered = append(ordered, f)
		}
	}
	n := len(ordered)
	for f := range registry {
		if !slices.Contains(displayOrder, f) {
			ordered = append(ordered, f)
		}
	}
	slices.Sort(ordered[n:])
}

func lookup(f Format) *Spec { return registry[f] }

// Formats lists the registered formats, in the order help texts show them.
func Formats() []Format { return slices.Clone(ordered) }

// TextFormats are the formats generate writes: the text formats with a
// writer of subkit's own.
func TextFormats() []Format { return []Format{SRT, WebVTT, TTML} }

// String returns the format's short name, as flags spell it: "srt", "vtt", "ttml".
func (f Format) String() string {
	if f == Unknown {
		return "unknown"
	}
	return string(f)
}

// Ext returns the file name extension for the format, with its dot, or ""
// for a format not registered.
func (f Format) Ext() string {
	if s := lookup(f); s != nil {
		return s.Ext
	}
	return ""
}

// ParseFormat reads a format name as a user types it ("srt", "VTT",
// "webvtt", "ttml", "dfxp"). An unknown name is an error that lists the
// known ones.
func ParseFormat(name string) (Format, error) {
	n := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(name), "."))
	for _, f := range ordered {
		if n == string(f) || slices.Contains(registry[f].Aliases, n) {
			return f, nil
		}
	}
	var known []string
	for _, f := range ordered {
		known = append(known, f.String())
	}
	return Unknown, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(known, ", "))
}

// WeakExt reports whether a file name's extension names a format only
// weakly (Spec.WeakExts: TTML's ".xml"), so that whether the file is in
// that format is told by its content (Detect), not by its name.
func WeakExt(path string) bool {
	s := lookup(FormatFromPath(path))
	return s != nil && s.weakExt(strings.ToLower(filepath.Ext(path)))
}

// FormatFromPath returns the format a file name's extension names, or Unknown.
func FormatFromPath(path string) Format {
	ext := filepath.Ext(path)
	if ext == "" {
		return Unknown
	}
	f, err := ParseFormat(ext)
	if err != nil {
		return Unknown
	}
	return f
}

// ClaimsExt reports whether format f names path's extension as its own or
// as one it shares with other formats (.stl for EBU STL and Spruce STL,
// .sub for MicroDVD and SubViewer).
func ClaimsExt(f Format, path string) bool {
	s := lookup(f)
	ext := strings.ToLower(filepath.Ext(path))
	return s != nil && (strings.ToLower(s.Ext) == ext || s.weakExt(ext))
}

// weakExt reports whether ext, in lower case with its dot, is one of the
// spec's WeakExts.
func (s *Spec) weakExt(ext string) bool {
	return slices.ContainsFunc(s.WeakExts, func(w string) bool { return strings.ToLower(w) == ext })
}
