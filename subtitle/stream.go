package subtitle

import (
	"fmt"
	"io"
	"strings"
)

// StreamInfo is what StreamSRT found: the cues it wrote, the readers'
// warnings (line numbers in the whole file) and what the target format
// could not carry, worded as Losses words it.
type StreamInfo struct {
	Cues     int
	Warnings []Warning
	Losses   []string
}

// StreamSRT converts SRT text to SRT or WebVTT holding only about a
// quarter megabyte of cues at a time: the text is cut at cue starts (a
// blank line, a number line, a timing line), each piece is read with the
// SRT reader and written at once. The output is byte for byte what Encode
// writes for the whole document. Warnings of one kind may repeat, once for
// each piece. It needs subtitle/srt (and for WebVTT, subtitle/webvtt)
// registered.
func StreamSRT(name, text string, to Format, o EncodeOptions, w io.Writer) (*StreamInfo, error) {
	s := lookup(SRT)
	if s == nil || s.Stream == nil {
		return nil, fmt.Errorf("cannot stream from %v", SRT)
	}
	st, err := setupOutput(to, o)
	if err != nil {
		return nil, err
	}
	// The text is checked whole first, so that a character the encoding
	// cannot hold stops the stream before it writes, with its place.
	if st.codec != nil {
		if err := checkEncodable(name, strings.TrimPrefix(text, "\ufeff"), st.codec); err != nil {
			return nil, err
		}
	}
	var info *StreamInfo
	err = writeEncoded(w, st, nil, false, func(w io.Writer, o EncodeOptions) error {
		var err error
		info, err = s.Stream(name, text, to, o, w)
		return err
	})
	return info, err
}
