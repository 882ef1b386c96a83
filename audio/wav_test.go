package audio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"testing"
)

// wavBytes builds a WAV file: tag 1 (PCM), 3 (float) or 0xFFFE
// (extensible around sub), the samples given per channel, interleaved.
func wavBytes(tag, sub uint16, rate, channels, bits int, frames [][]float64) []byte {
	var data bytes.Buffer
	for _, fr := range frames {
		for _, v := range fr {
			switch {
			case (tag == waveFloat || sub == waveFloat) && bits == 32:
				binary.Write(&data, binary.LittleEndian, float32(v))
			case (tag == waveFloat || sub == waveFloat) && bits == 64:
				binary.Write(&data, binary.LittleEndian, v)
			case bits == 8:
				data.WriteByte(byte(int(math.Round(v*127)) + 128))
			case bits == 16:
				binary.Write(&data, binary.LittleEndian, int16(math.Round(v*32767)))
			case bits == 24:
				x := int32(math.Round(v * 8388607))
				data.Write([]byte{byte(x), byte(x >> 8), byte(x >> 16)})
			case bits == 32:
				binary.Write(&data, binary.LittleEndian, int32(math.Round(v*2147483647)))
			}
		}
	}
	var fmtc bytes.Buffer
	align := channels * bits / 8
	put := func(vs ...any) {
		for _, v := range vs {
			binary.Write(&fmtc, binary.LittleEndian, v)
		}
	}
	put(tag, uint16(channels), uint32(rate), uint32(rate*align), uint16(align), uint16(bits))
	if tag == waveExtensible {
		put(uint16(22), uint16(bits), uint32(0), sub)
		fmtc.Write([]byte{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71})
	}
	var out bytes.Buffer
	out.WriteString("RIFF")
	binary.Write(&out, binary.LittleEndian, uint32(4+8+fmtc.Len()+8+8+data.Len()))
	out.WriteString("WAVE")
	out.WriteString("fmt ")
	binary.Write(&out, binary.LittleEndian, uint32(fmtc.Len()))
	out.Write(fmtc.Bytes())
	out.WriteString("LIST") // a chunk to skip
	binary.Write(&out, binary.LittleEndian, uint32(4))
	out.WriteString("INFO")
	out.WriteString("data")
	binary.Write(&out, binary.LittleEndian, uint32(data.Len()))
	out.Write(data.Bytes())
	return out.Bytes()
}

func readAll(t *testing.T, r *WAVReader) []float32 {
	t.Helper()
	var out []float32
	buf := make([]float32, 7) // small, to cross read boundaries
	for {
		n, err := r.Read(buf)
		out = append(out, buf[:n]...)
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestWAVFormats(t *testing.T) {
	frames := [][]float64{{0.5, -0.5}, {0.25, 0.25}, {-1, -1}, {0.9, 0.1}, {0, 0}}
	want := []float64{0, 0.25, -1, 0.5, 0} // the channels' mean
	cases := []struct {
		name      string
		tag, sub  uint16
		bits      int
		tolerance float64
	}{
		{"pcm8", wavePCM, 0, 8, 1.0 / 64},
		{"pcm16", wavePCM, 0, 16, 1e-4},
		{"pcm24", wavePCM, 0, 24, 1e-6},
		{"pcm32", wavePCM, 0, 32, 1e-6},
		{"float32", waveFloat, 0, 32, 1e-7},
		{"float64", waveFloat, 0, 64, 1e-7},
		{"extensible pcm16", waveExtensible, wavePCM, 16, 1e-4},
		{"extensible float32", waveExtensible, waveFloat, 32, 1e-7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := NewWAVReader(bytes.NewReader(wavBytes(c.tag, c.sub, 44100, 2, c.bits, frames)))
			if err != nil {
				t.Fatal(err)
			}
			if r.Rate() != 44100 || r.Channels() != 2 {
				t.Fatalf("rate %d channels %d, want 44100 and 2", r.Rate(), r.Channels())
			}
			got := readAll(t, r)
			if len(got) != len(want) {
				t.Fatalf("%d samples, want %d", len(got), len(want))
			}
			for i := range want {
				if math.Abs(float64(got[i])-want[i]) > c.tolerance {
					t.Errorf("sample %d = %g, want %g", i, got[i], want[i])
				}
			}
		})
	}
}

func TestWAVErrors(t *testing.T) {
	good := wavBytes(wavePCM, 0, 16000, 1, 16, [][]float64{{0.1}, {0.2}, {0.3}})
	if _, err := NewWAVReader(bytes.NewReader([]byte("ID3\x03 not a wav"))); !errors.Is(err, ErrNotWAV) {
		t.Errorf("MP3 bytes: %v, want ErrNotWAV", err)
	}
	// Cut inside the fmt chunk.
	var fe *FormatError
	if _, err := NewWAVReader(bytes.NewReader(good[:24])); !errors.As(err, &fe) || fe.Unsupported {
		t.Errorf("cut header: %v, want a FormatError", err)
	}
	// A compressed encoding: unsupported, for ffmpeg to try.
	mulaw := wavBytes(7, 0, 8000, 1, 8, [][]float64{{0}})
	if _, err := NewWAVReader(bytes.NewReader(mulaw)); !errors.As(err, &fe) || !fe.Unsupported {
		t.Errorf("mu-law: %v, want an unsupported FormatError", err)
	}
	// Zero channels.
	bad := append([]byte(nil), good...)
	binary.LittleEndian.PutUint16(bad[22:], 0)
	if _, err := NewWAVReader(bytes.NewReader(bad)); !errors.As(err, &fe) || fe.Offset != 12 {
		t.Errorf("zero channels: %v, want a FormatError at byte 12", err)
	}
	// Data cut short: the samples there are returned, then an error.
	r, err := NewWAVReader(bytes.NewReader(good[:len(good)-3]))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]float32, 10)
	n, err := r.Read(buf)
	if n != 1 || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("cut data: %d samples, %v; want 1 and ErrUnexpectedEOF", n, err)
	}
}

// A data chunk of unknown size (0 or 0xFFFFFFFF, as a writer to a pipe
// leaves it) is read to the end of the file.
func TestWAVUnsizedData(t *testing.T) {
	b := wavBytes(wavePCM, 0, 16000, 1, 16, [][]float64{{0.1}, {0.2}, {0.3}})
	binary.LittleEndian.PutUint32(b[len(b)-6-4:], 0xFFFFFFFF)
	r, err := NewWAVReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, r); len(got) != 3 {
		t.Fatalf("%d samples, want 3", len(got))
	}
}

func FuzzWAVReader(f *testing.F) {
	f.Add(wavBytes(wavePCM, 0, 16000, 1, 16, [][]float64{{0.1}, {-0.2}}))
	f.Add(wavBytes(waveExtensible, waveFloat, 48000, 2, 32, [][]float64{{0.1, 1}, {-0.2, 0}}))
	f.Add(wavBytes(wavePCM, 0, 8000, 3, 24, [][]float64{{0.1, 0, 0}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewWAVReader(bytes.NewReader(b))
		if err != nil {
			return
		}
		buf := make([]float32, 64)
		total := 0
		for i := 0; i < 1<<16; i++ {
			n, err := r.Read(buf)
			total += n
			for _, v := range buf[:n] {
				if !(v >= -1 && v <= 1) {
					t.Fatalf("sample %g outside [-1, 1]", v)
				}
			}
			if err != nil {
				break
			}
			if n == 0 {
				t.Fatal("Read returned no samples and no error")
			}
		}
		if total > len(b) {
			t.Fatalf("%d samples from %d bytes", total, len(b))
		}
	})
}
