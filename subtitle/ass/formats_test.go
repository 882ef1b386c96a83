package ass

// The tests write what they read in the text formats.
import (
	_ "github.com/subkit-dev/subkit/subtitle/srt"
	_ "github.com/subkit-dev/subkit/subtitle/ttml"
	_ "github.com/subkit-dev/subkit/subtitle/webvtt"
)
