package audio

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// WAV format tags this reader decodes.
const (
	wavePCM        = 1
	waveFloat      = 3
	waveExtensible = 0xFFFE
)

// ErrNotWAV means the data does not start with a RIFF WAVE header.
var ErrNotWAV = errors.New("not a RIFF WAVE file")

// FormatError is a WAV file this reader cannot decode: a broken header, or
// an encoding other than integer PCM or IEEE float. Offset is where in the
// file the problem is.
type FormatError struct {
	Offset int64
	Msg    string
	// Unsupported is true when the header is sound but names an encoding
	// this reader does not decode (ffmpeg may).
	Unsupported bool
}

func (e *FormatError) Error() string { return fmt.Sprintf("byte %d: %s", e.Offset, e.Msg) }

// WAVReader streams a WAV file's samples, mixed down to one channel, as
// float32 in [-1, 1]. It reads 8, 16, 24 and 32-bit integer PCM and 32
// and 64-bit float, at any rate and channel count.
type WAVReader struct {
	r        *bufio.Reader
	rate     int
	channels int
	bytes    int  // bytes a sample
	float    bool // IEEE float samples
	left     int64
	unsized  bool // the data chunk's size is unknown: read to the end
	buf      []byte
	off      int64
}

// maxChannels bounds the channel count a header may claim.
const maxChannels = 64

// NewWAVReader reads a WAV header from r, up to the start of its sample
// data. A file whose data chunk size is 0 or 0x7FFF0000 and over (as
// streaming writers leave it) is read to its end.
func NewWAVReader(r io.Reader) (*WAVReader, error) {
	w := &WAVReader{r: bufio.NewReaderSize(r, 64<<10)}
	var hdr [12]byte
	if _, err := io.ReadFull(w.r, hdr[:]); err != nil {
		return nil, ErrNotWAV
	}
	w.off = 12
	if string(hdr[0:4]) != "RIFF" || string(hdr[8:12]) != "WAVE" {
		return nil, ErrNotWAV
	}
	haveFmt := false
	for {
		var ch [8]byte
		at := w.off
		if _, err := io.ReadFull(w.r, ch[:]); err != nil {
			if !haveFmt {
				return nil, &FormatError{Offset: at, Msg: "no fmt chunk before the end of the file"}
			}
			return nil, &FormatError{Offset: at, Msg: "no data chunk before the end of the file"}
		}
		w.off += 8
		id := string(ch[0:4])
		size := int64(binary.LittleEndian.Uint32(ch[4:8]))
		switch id {
		case "fmt ":
			if size < 16 || size > 1<<16 {
				return nil, &FormatError{Offset: at, Msg: fmt.Sprintf("fmt chunk of %d bytes (want 16 to 65536)", size)}
			}
			b := make([]byte, size+size&1)
			if _, err := io.ReadFull(w.r, b); err != nil {
				return nil, &FormatError{Offset: w.off, Msg: "fmt chunk cut short"}
			}
			w.off += int64(len(b))
			if err := w.parseFmt(b, at); err != nil {
				return nil, err
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return nil, &FormatError{Offset: at, Msg: "data chunk before the fmt chunk"}
			}
			w.left = size
			// Writers to a pipe cannot go back to fill in the size: they
			// leave 0, 0xFFFFFFFF, or a huge placeholder (espeak-ng
			// writes 0x7FFFF000). Such data runs to the end of the file.
			w.unsized = size == 0 || size >= 0x7FFF0000
			w.buf = make([]byte, 4096*w.bytes*w.channels)
			return w, nil
		default:
			if _, err := w.r.Discard(int(size + size&1)); err != nil {
				return nil, &FormatError{Offset: at, Msg: fmt.Sprintf("%q chunk of %d bytes runs past the end of the file", id, size)}
			}
			w.off += size + size&1
		}
	}
}

func (w *WAVReader) parseFmt(b []byte, at int64) error {
	tag := binary.LittleEndian.Uint16(b[0:2])
	w.channels = int(binary.LittleEndian.Uint16(b[2:4]))
	rate := binary.LittleEndian.Uint32(b[4:8])
	align := int(binary.LittleEndian.Uint16(b[12:14]))
	bitsPer := int(binary.LittleEndian.Uint16(b[14:16]))
	if tag == waveExtensible {
		if len(b) < 40 {
			return &FormatError{Offset: at, Msg: "WAVE_FORMAT_EXTENSIBLE fmt chunk shorter than 40 bytes"}
		}
		tag = binary.LittleEndian.Uint16(b[24:26]) // the sub-format GUID starts with the tag
	}
	switch {
	case w.channels < 1 || w.channels > maxChannels:
		return &FormatError{Offset: at, Msg: fmt.Sprintf("%d channels (want 1 to %d)", w.channels, maxChannels)}
	case rate < 1000 || rate > 768000:
		return &FormatError{Offset: at, Msg: fmt.Sprintf("sample rate %d Hz (want 1000 to 768000)", rate)}
	}
	w.rate = int(rate)
	switch {
	case tag == wavePCM && (bitsPer == 8 || bitsPer == 16 || bitsPer == 24 || bitsPer == 32):
	case tag == waveFloat && (bitsPer == 32 || bitsPer == 64):
		w.float = true
	case tag == wavePCM || tag == waveFloat:
		return &FormatError{Offset: at, Msg: fmt.Sprintf("%d bits a sample is not supported", bitsPer), Unsupported: true}
	default:
		return &FormatError{Offset: at, Msg: fmt.Sprintf("WAV encoding 0x%04x is not PCM or float", tag), Unsupported: true}
	}
	w.bytes = bitsPer / 8
	if align != w.bytes*w.channels {
		return &FormatError{Offset: at, Msg: fmt.Sprintf("block align %d does not match %d channels of %d bits", align, w.channels, bitsPer)}
	}
	return nil
}

// Rate is the sample rate in Hz.
func (w *WAVReader) Rate() int { return w.rate }

// Samples is how many samples (a channel) the header says are left to
// read, and false when it does not say (a stream written to a pipe). A
// file cut short has fewer.
func (w *WAVReader) Samples() (int64, bool) {
	if w.unsized {
		return 0, false
	}
	return w.left / int64(w.bytes*w.channels), true
}

// Channels is the channel count of the file (samples come out mixed to one).
func (w *WAVReader) Channels() int { return w.channels }

// Read fills p with mono samples and returns how many it wrote; io.EOF
// after the last. A data chunk cut short ends the samples early with an
// io.ErrUnexpectedEOF.
func (w *WAVReader) Read(p []float32) (int, error) {
	frame := w.bytes * w.channels
	want := len(p)
	if max := len(w.buf) / frame; want > max {
		want = max
	}
	if !w.unsized && int64(want)*int64(frame) > w.left {
		want = int(w.left / int64(frame))
	}
	if want == 0 {
		if len(p) == 0 {
			return 0, nil
		}
		if !w.unsized && w.left >= int64(frame) {
			return 0, nil
		}
		return 0, io.EOF
	}
	b := w.buf[:want*frame]
	n, err := io.ReadFull(w.r, b)
	whole := n / frame
	w.off += int64(whole * frame)
	if !w.unsized {
		w.left -= int64(whole * frame)
	}
	w.decode(b[:whole*frame], p[:whole])
	switch {
	case err == nil:
		return whole, nil
	case w.unsized && (err == io.EOF || err == io.ErrUnexpectedEOF):
		if whole == 0 {
			return 0, io.EOF
		}
		return whole, nil
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return whole, fmt.Errorf("byte %d: %w: the data chunk is cut short", w.off, io.ErrUnexpectedEOF)
	}
	return whole, err
}

func (w *WAVReader) decode(b []byte, p []float32) {
	ch := w.channels
	scale := 1 / float32(ch)
	k := 0
	for i := range p {
		var s float32
		for c := 0; c < ch; c++ {
			s += w.sample(b[k:])
			k += w.bytes
		}
		p[i] = s * scale
	}
}

func (w *WAVReader) sample(b []byte) float32 {
	switch w.bytes {
	case 1:
		return (float32(b[0]) - 128) / 128
	case 2:
		return float32(int16(binary.LittleEndian.Uint16(b))) / 32768
	case 3:
		v := int32(uint32(b[0])<<8|uint32(b[1])<<16|uint32(b[2])<<24) >> 8
		return float32(v) / 8388608
	case 4:
		if w.float {
			return clean(float64(math.Float32frombits(binary.LittleEndian.Uint32(b))))
		}
		return float32(float64(int32(binary.LittleEndian.Uint32(b))) / 2147483648)
	default:
		return clean(math.Float64frombits(binary.LittleEndian.Uint64(b)))
	}
}

// clean turns NaN into silence and clamps float samples to [-1, 1].
func clean(v float64) float32 {
	switch {
	case v != v:
		return 0
	case v > 1:
		return 1
	case v < -1:
		return -1
	}
	return float32(v)
}
