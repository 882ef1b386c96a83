// Package subtitle holds the caption document and what every caption
// format shares: the format registry and detection, text decoding (UTF-8,
// UTF-16, UTF-32 and legacy encodings detected, binary data refused;
// writing in those encodings, see EncodeOptions.Encoding),
// positioned errors, and the losses a conversion reports.
//
// Each format lives in a package of its own under subtitle/ and registers
// itself with Register from its init function, as image/png registers
// with image:
//
//	subtitle/srt     SubRip; also the SRT streaming converter (StreamSRT)
//	subtitle/webvtt  WebVTT
//	subtitle/ttml    TTML (and DFXP, IMSC, EBU-TT-D as read)
//	subtitle/ass     ASS and SSA scripts
//	subtitle/stl     EBU STL
//	subtitle/scc     Scenarist SCC (CEA-608)
//	subtitle/sami    SAMI
//	subtitle/lrc     LRC lyrics
//	subtitle/sbv     SBV (YouTube)
//	subtitle/microdvd MicroDVD
//	subtitle/subviewer SubViewer 2.0
//	subtitle/spruce  Spruce STL
//	subtitle/all     imports all of them
//
// A program imports the formats it wants for their side effect, usually
// all of them:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/all"
//
// Decode, ReadText, Encode, Losses and Detect then work for every
// registered format; for a format not registered they report that they
// cannot read or write it.
//
// # Adding a format
//
// A new format is one package, subtitle/NAME, and a line in subtitle/all:
//
//   - doc.go with the package comment: what the format is, what the
//     reader keeps and what the writer writes.
//   - NAME.go with an init that calls Register with a Spec: the format's
//     name (declared in the package, const Format subtitle.Format =
//     "sbv", unless the core already names it), aliases, the extension it
//     is written with, a Sniff that knows its content, Read (and
//     ReadSources when it can give each cue's source), Write, and Carries,
//     what the writer keeps. Mark extensions shared with other formats as
//     WeakExts, so that files with them are detected by content.
//   - read.go and write.go; the writers share subtitle/internal/textout
//     (buffered lines with the EncodeOptions' line ends and BOM, cue
//     timestamps, cue lines with breaks split and edges trimmed, the
//     keypad placement of a cue) and subtitle/internal/cuesettings (WebVTT
//     cue settings, the syntax Cue.Settings is kept in).
//   - its tests, FuzzReadNAME with its corpus in testdata/fuzz/FuzzReadNAME,
//     and its testdata, all in the package; a line for the fuzzer in the
//     Makefile's fuzz target.
//
// Readers return a *ParseError naming the file (and the line where they
// can) wrapping ErrSyntax, never panic, and report what they cannot keep
// as Warnings. A format package imports subtitle, never the reverse;
// nothing under subtitle/ imports cmd/. docs/formats.md says more.
package subtitle
