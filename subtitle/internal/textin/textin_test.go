package textin

import (
	"reflect"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

func TestClock(t *testing.T) {
	for _, c := range []struct {
		s                          string
		maxHours, minFrac, maxFrac int
		want                       time.Duration
		ok                         bool
	}{
		{"0:00:01.5", 6, 1, 3, 1500 * time.Millisecond, true},
		{"10:01:01.001", 6, 1, 3, 36061001 * time.Millisecond, true},
		{"00:00:01.25", 4, 2, 2, 1250 * time.Millisecond, true},
		{"00:00:01.2", 4, 2, 2, 0, false},
		{"00:00:01.250", 4, 2, 2, 0, false},
		{"12345:00:00.00", 4, 2, 2, 0, false},
		{"0:0:01.000", 6, 1, 3, 0, false},
		{"0:00:60.000", 6, 1, 3, 0, false},
		{"0:00:01", 6, 1, 3, 0, false},
		{"0:00:01.0000", 6, 1, 3, 0, false},
		{"0:+0:01.000", 6, 1, 3, 0, false},
	} {
		got, ok := Clock(c.s, c.maxHours, c.minFrac, c.maxFrac)
		if got != c.want || ok != c.ok {
			t.Errorf("Clock(%q, %d, %d, %d) = %v, %v; want %v, %v", c.s, c.maxHours, c.minFrac, c.maxFrac, got, ok, c.want, c.ok)
		}
	}
}

func TestBlocks(t *testing.T) {
	lines := Lines("head\r\n\r\none\rtwo\n  \n\n three \nx\n")
	want := []Block{{Line: 3, Head: "one", Body: []string{"two"}}, {Line: 7, Head: "three", Body: []string{"x"}}}
	if got := Blocks(lines, 1); !reflect.DeepEqual(got, want) {
		t.Errorf("Blocks = %+v, want %+v", got, want)
	}
}

func TestTrimLine(t *testing.T) {
	l := subtitle.Line{{Text: " \t"}, {Text: " a ", Italic: true}, {Text: ""}, {Text: "b \t", Bold: true}, {Text: "\t "}}
	want := subtitle.Line{{Text: "a ", Italic: true}, {Text: "b", Bold: true}}
	if got := TrimLine(l, func(r rune) bool { return r == ' ' || r == '\t' }); !reflect.DeepEqual(got, want) {
		t.Errorf("TrimLine = %+v, want %+v", got, want)
	}
	if got := TrimLine(subtitle.Line{{Text: "\t"}}, func(r rune) bool { return r == ' ' }); !reflect.DeepEqual(got, subtitle.Line{{Text: "\t"}}) {
		t.Errorf("TrimLine trims what is not in the cutset: %+v", got)
	}
}

func TestXMLRoot(t *testing.T) {
	for head, want := range map[string]string{
		`<tt xmlns="http://www.w3.org/ns/ttml">`:                       "tt",
		"\ufeff<?xml version=\"1.0\"?>\n<!-- c -->\n<tts:tt>":          "tts:tt",
		`<?xml version="1.0"?><!DOCTYPE fcpxml><fcpxml version="1.8">`: "fcpxml",
		`<!DOCTYPE tt [<!ENTITY a "<b>">]><tt>`:                        "tt",
		"<?xml version=\"1.0\"?>\r\n<fcpxml\r\n version=\"1.9\">":      "fcpxml",
		`<html><tt>`:             "html",
		"":                       "",
		`<?xml version="1.0"`:    "",
		`<!-- never closed <tt>`: "",
		`hello <tt>`:             "",
		`<tt`:                    "",
		`< tt>`:                  "",
	} {
		got, ok := XMLRoot(head)
		if got != want || ok != (want != "") {
			t.Errorf("XMLRoot(%q) = %q, %v; want %q", head, got, ok, want)
		}
	}
}
