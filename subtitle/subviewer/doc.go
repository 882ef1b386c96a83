// Package subviewer reads and writes SubViewer 2.0 subtitles (.sub): an
// [INFORMATION] header, then blocks of a "HH:MM:SS.cc,HH:MM:SS.cc"
// timing line and the caption's text, its lines joined with "[br]".
//
// Times are in centiseconds; the writer rounds to the nearest. The reader
// keeps [TITLE] as the document's Title and reports a [DELAY] it does not
// apply; the default font settings ([COLF], [STYLE], [SIZE], [FONT]) are
// not kept. SubViewer has
// no inline styles or positions; Losses names what a document has of
// them. Importing the package registers the format with package subtitle.
package subviewer
