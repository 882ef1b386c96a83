// Package all registers every caption format subkit reads and writes with
// package subtitle. A program that wants them all imports it for its side
// effect:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/all"
//
// A program that wants fewer imports the format packages it wants.
package all

import (
	_ "github.com/subkit-dev/subkit/subtitle/ass"
	_ "github.com/subkit-dev/subkit/subtitle/ebuttd"
	_ "github.com/subkit-dev/subkit/subtitle/fcpxml"
	_ "github.com/subkit-dev/subkit/subtitle/imsc"
	_ "github.com/subkit-dev/subkit/subtitle/lrc"
	_ "github.com/subkit-dev/subkit/subtitle/microdvd"
	_ "github.com/subkit-dev/subkit/subtitle/sami"
	_ "github.com/subkit-dev/subkit/subtitle/sbv"
	_ "github.com/subkit-dev/subkit/subtitle/scc"
	_ "github.com/subkit-dev/subkit/subtitle/spruce"
	_ "github.com/subkit-dev/subkit/subtitle/srt"
	_ "github.com/subkit-dev/subkit/subtitle/stl"
	_ "github.com/subkit-dev/subkit/subtitle/subviewer"
	_ "github.com/subkit-dev/subkit/subtitle/ttml"
	_ "github.com/subkit-dev/subkit/subtitle/webvtt"
)
