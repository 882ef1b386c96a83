package all_test

import (
	"fmt"

	"github.com/subkit-dev/subkit/subtitle"
	_ "github.com/subkit-dev/subkit/subtitle/all"
)

// Importing all registers every format.
func Example() {
	for _, f := range subtitle.Formats() {
		fmt.Println(f, f.Ext())
	}
	fmt.Println(subtitle.Detect([]byte("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n")))
	// Output:
	// srt .srt
	// vtt .vtt
	// ttml .ttml
	// ass .ass
	// ssa .ssa
	// stl .stl
	// ebu-tt-d .ebuttd.ttml
	// fcpxml .fcpxml
	// imsc .imsc.ttml
	// lrc .lrc
	// microdvd .sub
	// sami .smi
	// sbv .sbv
	// scc .scc
	// spruce .stl
	// subviewer .sub
	// vtt
}
