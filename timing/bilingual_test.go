package timing

import (
	"strings"
	"testing"
)

func TestDetectAndSplitBilingual(t *testing.T) {
	pipe := ParseTranscript("大家好 | Hello everyone\n今天我们聊聊AI | Today we talk about AI\n")
	if b := DetectBilingual(pipe); b != Pipe {
		t.Fatalf("pipe detected as %v", b)
	}
	zh, other, err := SplitBilingual(pipe, Pipe)
	if err != nil || len(zh) != 2 || zh[1].Text != "今天我们聊聊AI" || other[1] != "Today we talk about AI" || zh[1].Num != 2 {
		t.Errorf("pipe: %+v %q %v", zh, other, err)
	}

	alt := ParseTranscript("Hello everyone\n大家好\n\nToday we talk about AI\n今天我们聊聊AI\n")
	if b := DetectBilingual(alt); b != Alternate {
		t.Fatalf("alternate detected as %v", b)
	}
	zh, other, err = SplitBilingual(alt, Alternate)
	if err != nil || zh[0].Text != "大家好" || other[0] != "Hello everyone" || !zh[1].Para || zh[1].Num != 4 {
		t.Errorf("alternate: %+v %q %v", zh, other, err)
	}

	mono := ParseTranscript("大家好\n今天我们聊聊AI\n")
	if b := DetectBilingual(mono); b != Monolingual {
		t.Errorf("monolingual detected as %v", b)
	}
	if b := DetectBilingual(ParseTranscript("a | b\nc | d\n")); b != Monolingual {
		t.Errorf("English with pipes detected as %v", b)
	}
	if _, _, err := SplitBilingual(ParseTranscript("大家好\nHello\n今天\n"), Alternate); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("odd alternate: %v", err)
	}
	if _, _, err := SplitBilingual(ParseTranscript("大家好 | Hello\nno pipe here\n"), Pipe); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("missing pipe: %v", err)
	}
}

func TestSplitShares(t *testing.T) {
	got := SplitShares("one two three four five six", []float64{1, 1})
	if strings.Join(got, "|") != "one two three|four five six" {
		t.Errorf("even: %q", got)
	}
	got = SplitShares("one two three four", []float64{3, 1})
	if strings.Join(got, "|") != "one two three|four" {
		t.Errorf("3:1: %q", got)
	}
	got = SplitShares("hi", []float64{1, 1, 1})
	if strings.Join(got, "") != "hi" || len(got) != 3 {
		t.Errorf("few words: %q", got)
	}
}
