package stl

// The tests read what ttconv writes (SRT) and write STL from SRT.
import (
	_ "github.com/subkit-dev/subkit/subtitle/srt"
)
