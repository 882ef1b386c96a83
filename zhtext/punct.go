package zhtext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Punctuation is how captions carry punctuation.
type Punctuation int

const (
	// Keep leaves punctuation as written.
	Keep Punctuation = iota
	// Caption writes it as Chinese captions usually are: a line ends on
	// no ，。、；：, and a ，or 、 inside a line becomes a full-width space.
	// ？！…《》“” and everything else stay.
	Caption
)

// ParsePunctuation reads "keep" or "caption".
func ParsePunctuation(s string) (Punctuation, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "keep", "":
		return Keep, nil
	case "caption":
		return Caption, nil
	}
	return Keep, fmt.Errorf("unknown punctuation %q (want keep or caption)", s)
}

func (p Punctuation) String() string {
	if p == Caption {
		return "caption"
	}
	return "keep"
}

const ideoSpace = "\u3000"

// trailing is what a line does not end on in Caption mode: the pauses
// and stops, and the spaces they leave.
func trailing(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', ' ', '\u3000', '\t':
		return true
	}
	return false
}

// CaptionLine writes one line in Caption mode.
func CaptionLine(line string) string {
	return strings.Join(CaptionSpans([]string{line}), "")
}

// CaptionSpans writes a line given as runs of text (styled spans) in
// Caption mode: each run keeps its place, runs left empty are returned
// empty.
func CaptionSpans(runs []string) []string {
	out := make([]string, len(runs))
	copy(out, runs)
	// Leading pauses (a line that opens on ，), across runs from the start.
	for i := range out {
		out[i] = strings.TrimLeftFunc(out[i], func(r rune) bool { return r == '，' || r == '、' || r == ' ' || r == '\u3000' })
		if out[i] != "" {
			break
		}
	}
	for i := range out {
		out[i] = pauses(out[i])
	}
	// Trailing stops, across runs from the end.
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = strings.TrimRightFunc(out[i], trailing)
		if out[i] != "" {
			break
		}
	}
	return out
}

// pauses turns each ，or 、 inside s, with the spaces around it, into one
// full-width space.
func pauses(s string) string {
	if !strings.ContainsAny(s, "，、") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r != '，' && r != '、' {
			b.WriteString(s[i : i+w])
			i += w
			continue
		}
		// Drop spaces already written before it and after it.
		t := strings.TrimRight(b.String(), " \u3000")
		b.Reset()
		b.WriteString(t)
		i += w
		for i < len(s) {
			r, w := utf8.DecodeRuneInString(s[i:])
			if r != ' ' && r != '\u3000' && r != '，' && r != '、' {
				break
			}
			i += w
		}
		b.WriteString(ideoSpace)
	}
	return b.String()
}
