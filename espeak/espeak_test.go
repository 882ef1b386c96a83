package espeak

import (
	"context"
	"errors"
	"testing"

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
