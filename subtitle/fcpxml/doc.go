// Package fcpxml writes captions as FCPXML for Final Cut Pro, and reads
// the captions of FCPXML files back, and registers the format with
// package subtitle as "fcpxml" (extension .fcpxml). Import it for its side
// effect:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/fcpxml"
//
// The writer writes an event holding one project whose timeline is a gap
// as long as the captions, at the frame rate EncodeOptions.FPS gives, else
// Document.FPS, else 25 (23.976, 29.97, 47.952 and 59.94 are written as the exact NTSC
// rates 24000/1001 and so on). Each cue becomes a <caption> anchored to
// the gap, in the role iTT?captionFormat=ITT.<language>, its start and
// duration in whole frames as rational seconds ("1001/30000s"): a start
// is rounded to the nearest frame, and a caption lasts at least a frame.
// Captions that overlap go to lanes above one another, as Final Cut puts
// them. Italic, bold, underline and colors are text styles; a caption at
// the top of the screen (Cue.Align 7-9) is placed at the top, others at
// the bottom (iTT has no middle), aligned left, center or right.
//
// FCPXML 1.8 is written by default: it is the first version with
// captions (Final Cut Pro 10.4.1), and every later Final Cut Pro imports
// it. WriteVersion writes 1.9, 1.10 or 1.11, which differ from 1.8 only
// in the version number for what is written here; the tests validate each
// against Apple's DTD for that version.
//
// The reader takes every <caption> in the file, wherever it is anchored,
// with its time on the project's timeline (the offsets and starts of the
// clips it is anchored in), its text, the styles its text-style-defs
// give, and its placement; the document's language is that of the first
// caption's role. Document.FPS is the rate of the first <sequence>'s
// format, so a timeline written back keeps it.
package fcpxml
