package subtitle

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is a caption file format.
type Format int

// The formats subkit writes.
const (
	Unknown Format = iota
	SRT
	WebVTT
	TTML
	ASS // Advanced SubStation Alpha (v4.00+)
	SSA // SubStation Alpha (v4.00)
	STL // EBU STL (Tech 3264), a binary format
)

var formatInfo = []struct {
	name, ext string
	aliases   []string
}{
	Unknown: {"unknown", "", nil},
	SRT:     {"srt", ".srt", []string{"subrip"}},
	WebVTT:  {"vtt", ".vtt", []string{"webvtt"}},
	TTML:    {"ttml", ".ttml", []string{"dfxp", "xml"}},
	ASS:     {"ass", ".ass", nil},
	SSA:     {"ssa", ".ssa", nil},
	STL:     {"stl", ".stl", []string{"ebu-stl"}},
}

// Formats lists the formats subkit writes, in the order help texts show them.
func Formats() []Format { return []Format{SRT, WebVTT, TTML, ASS, SSA, STL} }

// TextFormats are the formats generate writes: the text formats with a
// writer of subkit's own.
func TextFormats() []Format { return []Format{SRT, WebVTT, TTML} }

// String returns the format's short name, as flags spell it: "srt", "vtt", "ttml".
func (f Format) String() string {
	if f < 0 || int(f) >= len(formatInfo) {
		return fmt.Sprintf("Format(%d)", int(f))
	}
	return formatInfo[f].name
}

// Ext returns the file name extension for the format, with its dot.
func (f Format) Ext() string {
	if f <= Unknown || int(f) >= len(formatInfo) {
		return ""
	}
	return formatInfo[f].ext
}

// ParseFormat reads a format name as a user types it ("srt", "VTT",
// "webvtt", "ttml", "dfxp"). An unknown name is an error that lists the
// known ones.
func ParseFormat(name string) (Format, error) {
	n := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(name), "."))
	for _, f := range Formats() {
		if n == formatInfo[f].name {
			return f, nil
		}
		for _, a := range formatInfo[f].aliases {
			if n == a {
				return f, nil
			}
		}
	}
	var known []string
	for _, f := range Formats() {
		known = append(known, f.String())
	}
	return Unknown, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(known, ", "))
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
