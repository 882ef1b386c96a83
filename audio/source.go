package audio

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
)

// Source is a stream of mono samples in [-1, 1] at one rate.
type Source interface {
	Rate() int
	// Read fills p and returns how many samples it wrote; io.EOF after
	// the last.
	Read(p []float32) (int, error)
}

// ReadAll reads src to its end and returns its samples, for sound short
// enough to hold (a synthesized line, a test clip); Analyze keeps only
// the features of a long one.
func ReadAll(src Source) ([]float32, error) {
	var x []float32
	buf := make([]float32, 1<<14)
	for {
		n, err := src.Read(buf)
		x = append(x, buf[:n]...)
		if errors.Is(err, io.EOF) {
			return x, nil
		}
		if err != nil {
			return x, err
		}
	}
}

// ErrNoFFmpeg is returned when a file needs ffmpeg to decode and ffmpeg is
// not installed.
var ErrNoFFmpeg = errors.New("ffmpeg not found on the PATH: it decodes audio and video other than PCM WAV (Debian: apt-get install ffmpeg)")

// DecodeRate is the rate ffmpeg decodes to.
const DecodeRate = 16000

// Stream is an open audio file: a WAV read natively, or anything else
// decoded by an ffmpeg process whose output is read as it comes.
type Stream struct {
	Source
	path    string
	file    *os.File
	cmd     *exec.Cmd
	stderr  *bytes.Buffer
	cancel  context.CancelFunc
	closeMu sync.Once
	err     error
}

// Open opens an audio or video file for reading. A WAV file of integer
// PCM or float samples is read directly; anything else (and a WAV of
// another encoding) goes through ffmpeg, which is started with
// `ffmpeg -i FILE -ac 1 -ar 16000 -f s16le -` and read as it decodes, so a
// long file is never held in memory. Close the stream when done.
func Open(ctx context.Context, path string) (*Stream, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s: is a directory, not an audio file", path)
	}
	w, err := NewWAVReader(f)
	if err == nil {
		return &Stream{Source: w, path: path, file: f}, nil
	}
	f.Close()
	var fe *FormatError
	if errors.As(err, &fe) && !fe.Unsupported {
		return nil, fmt.Errorf("%s: broken WAV file: %w", path, err)
	}
	return openFFmpeg(ctx, path)
}

func openFFmpeg(ctx context.Context, path string) (*Stream, error) {
	bin, err := exec.LookPath("ffmpeg")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, ErrNoFFmpeg)
	}
	ctx, cancel := context.WithCancel(ctx)
	// "file:" keeps a name with a colon from being read as a protocol.
	arg := path
	if !strings.HasPrefix(arg, "/") {
		arg = "file:" + arg
	}
	cmd := exec.CommandContext(ctx, bin, "-nostdin", "-v", "error", "-i", arg,
		"-vn", "-sn", "-dn", "-ac", "1", "-ar", fmt.Sprint(DecodeRate), "-f", "s16le", "-")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("%s: ffmpeg: %w", path, err)
	}
	s := &Stream{path: path, cmd: cmd, stderr: &errb, cancel: cancel}
	s.Source = &s16Reader{r: bufio.NewReaderSize(out, 64<<10), rate: DecodeRate, done: s.wait}
	return s, nil
}

// wait ends the ffmpeg process and says why it failed, if it did.
func (s *Stream) wait() error {
	s.closeMu.Do(func() {
		if s.cmd == nil {
			return
		}
		if err := s.cmd.Wait(); err != nil {
			msg := strings.TrimSpace(s.stderr.String())
			if msg == "" {
				msg = err.Error()
			}
			if l, _, _ := strings.Cut(msg, "\n"); l != "" {
				msg = l
			}
			if strings.Contains(msg, "does not contain any stream") {
				msg = "it has no audio stream"
			}
			s.err = fmt.Errorf("ffmpeg could not decode it: %s", msg)
		}
	})
	return s.err
}

// Samples is how many samples the stream holds, when a WAV header says
// so before they are read (false for anything ffmpeg decodes, or a WAV
// of unknown length).
func (s *Stream) Samples() (int64, bool) {
	w, ok := s.Source.(*WAVReader)
	if !ok || s.file == nil {
		return 0, false
	}
	n, ok := w.Samples()
	if fi, err := s.file.Stat(); !ok || err != nil || w.off+n*int64(w.bytes*w.channels) > fi.Size() {
		return 0, false // a header that claims more than the file holds
	}
	return n, true
}

// Close releases the file or stops ffmpeg.
func (s *Stream) Close() error {
	if s.file != nil {
		return s.file.Close()
	}
	s.cancel()
	s.wait()
	return nil
}

// s16Reader reads raw signed 16-bit little-endian mono samples.
type s16Reader struct {
	r    *bufio.Reader
	rate int
	buf  []byte
	done func() error
	eof  bool
}

func (s *s16Reader) Rate() int { return s.rate }

func (s *s16Reader) Read(p []float32) (int, error) {
	if s.eof {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	if n := 2 * len(p); cap(s.buf) < n {
		s.buf = make([]byte, n)
	}
	b := s.buf[:2*len(p)]
	n, err := io.ReadFull(s.r, b)
	n /= 2
	for i := 0; i < n; i++ {
		p[i] = float32(int16(binary.LittleEndian.Uint16(b[2*i:]))) / 32768
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		s.eof = true
		if derr := s.done(); derr != nil {
			return n, derr
		}
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
	return n, err
}
