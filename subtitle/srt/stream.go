package srt

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
	"github.com/subkit-dev/subkit/subtitle/webvtt"
)

var srtMemories = sync.Pool{New: func() any { return new(srtMemory) }}

// streamChunk is about how much SRT text StreamSRT reads into a document
// at a time.
const streamChunk = 256 << 10

// stream is the registered streaming converter: subtitle.StreamSRT.
func stream(name, text string, to subtitle.Format, o subtitle.EncodeOptions, w io.Writer) (*subtitle.StreamInfo, error) {
	return streamSRT(name, text, to, o, w, streamChunk)
}

func streamSRT(name, text string, to subtitle.Format, o subtitle.EncodeOptions, w io.Writer, chunk int) (*subtitle.StreamInfo, error) {
	if to != subtitle.SRT && to != subtitle.WebVTT {
		return nil, fmt.Errorf("cannot stream to %v", to)
	}
	info := &subtitle.StreamInfo{}
	losses := subtitle.Tally{}
	// One of the two writes: e for SRT, vtt for WebVTT.
	var e *textout.Encoder
	var vtt *webvtt.Encoder
	if to == subtitle.SRT {
		e = textout.New(w, o)
	} else {
		vtt = webvtt.NewEncoder(w, o)
	}
	text = strings.TrimPrefix(text, "\ufeff")
	line := 0 // lines before the piece
	// Each piece is written before the next is read, and nothing read is
	// kept after the call, so the memory is reused: piece after piece, and
	// file after file in a batch.
	mem := srtMemories.Get().(*srtMemory)
	defer srtMemories.Put(mem)
	for start, first := 0, true; start < len(text) || first; first = false {
		end := srtCut(text, start+chunk)
		for end < len(text) && !strings.Contains(text[start:end], "-->") {
			end = srtCut(text, end+1) // text before the first cue goes with it
		}
		piece := text[start:end]
		d, ws, err := readSRTReusing(name, piece, info.Cues, mem)
		if err != nil {
			if pe, ok := err.(*subtitle.ParseError); ok && pe.Line > 0 {
				pe.Line += line
			}
			return nil, err
		}
		for _, wn := range ws {
			if wn.Line > 0 {
				wn.Line += line
			}
			info.Warnings = append(info.Warnings, wn)
		}
		if err := subtitle.Check(d); err != nil {
			return nil, err
		}
		losses.Add(d, to)
		if e != nil {
			e.Base = info.Cues
			writeSRT(e, d)
		} else {
			vtt.Encode(d)
		}
		info.Cues += len(d.Cues)
		line += strings.Count(piece, "\n")
		start = end
	}
	info.Losses = losses.Losses()
	if e != nil {
		return info, e.Flush()
	}
	return info, vtt.Flush()
}

// srtCut returns where the piece that should end near at does end: at the
// start of the first cue at or after at that follows a blank line (a
// number line and then a timing line), or the end of the text.
func srtCut(text string, at int) int {
	if at >= len(text) {
		return len(text)
	}
	for i := at; i < len(text); {
		nl := strings.IndexByte(text[i:], '\n')
		if nl < 0 {
			return len(text)
		}
		p := i + nl + 1 // a line start
		i = p
		// A blank line, then a number line, then a timing line.
		if p+1 > len(text) || !(text[p] == '\n' || text[p] == '\r' && p+1 < len(text) && text[p+1] == '\n') {
			continue
		}
		q := p + strings.IndexByte(text[p:], '\n') + 1
		num, rest, ok := strings.Cut(text[q:], "\n")
		if !ok || !isDigitsLine(num) {
			continue
		}
		// A timing line as the reader takes it (markup-free: a line with
		// tags is not a place to cut).
		timing, _, _ := strings.Cut(rest, "\n")
		if t := trimSpace(timing); strings.IndexByte(t, '<') < 0 {
			if _, ok := parseSRTTiming(t); ok {
				return q
			}
		}
	}
	return len(text)
}

func isDigitsLine(s string) bool { return allDigits(strings.TrimRight(s, "\r")) }

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
