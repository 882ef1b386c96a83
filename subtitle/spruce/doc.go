// Package spruce reads and writes Spruce STL, the text subtitle format of
// Apple's DVD Studio Pro (.stl): "$Directive = value" lines, "//"
// comments, and one caption a line, "HH:MM:SS:FF , HH:MM:SS:FF , text",
// with "|" between a caption's lines and ^I, ^B, ^U turning italic, bold
// and underline on and off.
//
// It shares .stl with the binary EBU STL: a .stl file is read as the one
// its content shows. Frames are at 25 fps, as DVD Studio Pro writes them
// for PAL and as other tools read them. The reader applies $Bold, $Italic,
// $UnderLined (the style captions start in) and $HorzAlign, $VertAlign
// (placement, kept as Cue.Align; a value none of the three is a warning)
// from where they appear on; font, color and offset directives are not
// kept. The writer writes times rounded to
// the nearest frame, styles with ^I, ^B, ^U, and placement directives
// where a caption's placement changes. Importing the package registers the
// format with package subtitle.
package spruce
