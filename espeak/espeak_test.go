package espeak

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"slices"
	"testing"
	"testing/iotest"

	"github.com/subkit-dev/subkit/internal/extcheck"
)

func TestVoice(t *testing.T) {
	for lang, want := range map[string]string{
		"": "en-us", "en": "en-us", "en-GB": "en-gb", "zh": "cmn-latn-pinyin", "zh-Hans": "cmn-latn-pinyin",
		"zh_Hant": "cmn-latn-pinyin", "zh-HK": "yue", "yue": "yue", "fr": "fr", "de-AT": "de",
	} {
		if got := Voice(lang); got != want {
			t.Errorf("Voice(%q) = %q, want %q", lang, got, want)
		}
	}
}

// More lines than a batch, spoken by several processes and cut at the
// breaks, come back one a line, in order: a line of three words is
// shorter than one of twelve, and a line with nothing to say is empty.
func TestSpeakLines(t *testing.T) {
	extcheck.RequireTool(t, Program)
	short, long := "one two three", "one two three four five six seven eight nine ten eleven twelve"
	var lines []string
	for i := 0; i < batch+5; i++ {
		if i%2 == 0 {
			lines = append(lines, short)
		} else {
			lines = append(lines, long)
		}
	}
	lines[7] = "…"
	out, err := Speak(context.Background(), "en-us", lines)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(lines) {
		t.Fatalf("%d pieces for %d lines", len(out), len(lines))
	}
	for i, x := range out {
		secs := float64(len(x)) / Rate
		switch {
		case i == 7:
			if len(x) > Rate/10 {
				t.Errorf("line 8 (nothing to say): %.2f s", secs)
			}
		case lines[i] == short && (secs < 0.5 || secs > 2):
			t.Errorf("line %d (3 words): %.2f s", i+1, secs)
		case lines[i] == long && (secs < 2.5 || secs > 6):
			t.Errorf("line %d (12 words): %.2f s", i+1, secs)
		}
	}
}

func TestMissing(t *testing.T) {
	old := Program
	Program = "espeak-ng-not-installed"
	defer func() { Program = old }()
	if _, err := Speak(context.Background(), "en-us", []string{"hello"}); !errors.Is(err, ErrMissing) {
		t.Fatalf("err = %v, want ErrMissing", err)
	}
}

// readPieces cuts a WAV stream at every run of at least cut zeros that
// has sound after it, leaving the runs out, whatever the size of the
// reads; shorter runs stay inside a piece.
func TestReadPieces(t *testing.T) {
	var x []int16
	add := func(v int16, n int) {
		for i := 0; i < n; i++ {
			x = append(x, v)
		}
	}
	add(0, 100) // leading zeros stay with the first piece
	add(1000, 5000)
	add(0, cut-1) // too short to cut
	add(-1000, 300)
	add(0, cut) // a cut
	add(2000, 7000)
	add(0, 3*cut) // a cut
	add(3000, 10)
	add(0, cut+5) // trailing zeros: the end, no empty piece after
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(0x7FFFF000))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(Rate), uint32(2 * Rate), uint16(2), uint16(16)} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(0x7FFFF000)) // unsized, as espeak-ng writes it
	binary.Write(&b, binary.LittleEndian, x)
	var lens []int
	err := readPieces(iotest.OneByteReader(bytes.NewReader(b.Bytes())), func(p []float32) { lens = append(lens, len(p)) }, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []int{100 + 5000 + cut - 1 + 300, 7000, 10}
	if !slices.Equal(lens, want) {
		t.Errorf("pieces of %v samples, want %v", lens, want)
	}
	lens = nil
	if err := readPieces(bytes.NewReader(b.Bytes()), func(p []float32) { lens = append(lens, len(p)) }, true); err != nil {
		t.Fatal(err)
	}
	if len(lens) != 1 || lens[0] != len(x) {
		t.Errorf("whole: pieces of %v samples, want one of %d", lens, len(x))
	}
}
