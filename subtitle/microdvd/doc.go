// Package microdvd reads and writes MicroDVD subtitles (.sub): one
// caption a line, "{start}{end}text|second line", with start and end in
// video frames.
//
// The frame rate is ReadOptions.FPS when given (the CLI's --fps), else a
// first line "{1}{1}25" that names it, else 23.976, as players assume.
// Control codes at the start of a line or before a span are read:
// {y:i}, {y:b}, {y:u} (lowercase: this line; uppercase Y: every line of
// the caption), {c:$BBGGRR} colors, and a "/" that starts an italic line.
// Font, size, position and charset codes ({f:}, {s:}, {P:}, {H:}) are
// reported and dropped, and so is a {c:} code that is no color.
//
// The writer writes a {1}{1}FPS first line (EncodeOptions.FPS, default
// 23.976) so that players and editors read the frames at the rate they
// were written at, then each caption with its times rounded to the
// nearest frame. A style or color that covers a whole line is written as
// its {y:} or {c:} code (a color in any form CSS gives it, "red", "#f00",
// "rgb(255,0,0)", as csscolor reads it); MicroDVD has no way to style part of a line, so
// Losses reports styles and colors as dropped whenever a document has
// them. Importing the package registers the format with package subtitle.
package microdvd
