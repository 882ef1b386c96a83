// Package textout holds what the text formats' writers share: a buffered
// writer with the line ends and byte-order mark of EncodeOptions, cue
// timestamps, the cue lines every writer writes (breaks split out, edges
// trimmed, blank lines dropped) and a cue's keypad placement.
package textout
