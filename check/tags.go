package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

// The tags players of each format know. Others are text to them (the SRT
// reader keeps them as text and warns), so their balance is not checked.
var (
	srtTags = map[string]bool{"i": true, "b": true, "u": true, "font": true}
	vttTags = map[string]bool{"c": true, "i": true, "b": true, "u": true, "v": true, "lang": true, "ruby": true, "rt": true}
)

// unbalanced returns what is wrong with the tags of a cue's text lines as
// written ("" when nothing is): a closing tag with nothing open to close,
// tags closed out of order, or tags left open at the cue's end. Tags may
// run across lines, as players allow. In WebVTT a <v> span may be left
// open (the spec allows it) and </ruby> closes an open <rt>.
func unbalanced(lines []string, f subtitle.Format) string {
	known := srtTags
	switch f {
	case subtitle.SRT:
	case subtitle.WebVTT:
		known = vttTags
	default:
		return ""
	}
	var open []string
	for _, line := range lines {
		for i := 0; i < len(line); i++ {
			if line[i] != '<' {
				continue
			}
			name, closing, end := tagAt(line, i, f)
			if end < 0 {
				continue
			}
			i = end - 1
			key := strings.ToLower(name)
			if !known[key] {
				continue
			}
			if !closing {
				open = append(open, key)
				continue
			}
			if f == subtitle.WebVTT && key == "ruby" && len(open) > 0 && open[len(open)-1] == "rt" {
				open = open[:len(open)-1]
			}
			switch {
			case len(open) == 0:
				return fmt.Sprintf("</%s> closes nothing open", name)
			case open[len(open)-1] != key:
				if !slices.Contains(open, key) {
					return fmt.Sprintf("</%s> closes nothing open", name)
				}
				return fmt.Sprintf("</%s> closes <%s> before the <%s> opened inside it", name, key, open[len(open)-1])
			}
			open = open[:len(open)-1]
		}
	}
	var left []string
	for _, t := range open {
		if f != subtitle.WebVTT || t != "v" {
			left = append(left, "<"+t+">")
		}
	}
	if len(left) > 0 {
		return strings.Join(left, ", ") + " left open at the end of the caption"
	}
	return ""
}

// tagAt reads the tag at s[i] == '<': its name, whether it closes, and
// where it ends (after '>'); end is -1 when no tag starts there (no
// letter after '<', or another '<' before the '>'). WebVTT timestamps
// (<00:01.000>) are no tag.
func tagAt(s string, i int, f subtitle.Format) (name string, closing bool, end int) {
	q := i + 1
	if q < len(s) && s[q] == '/' {
		closing = true
		q++
	}
	ns := q
	for q < len(s) && (s[q]|0x20 >= 'a' && s[q]|0x20 <= 'z') {
		q++
	}
	if q == ns || q == len(s) {
		return "", false, -1
	}
	switch c := s[q]; {
	case c == '>', c == ' ', c == '\t':
	case c == '.' && f == subtitle.WebVTT:
	default:
		return "", false, -1
	}
	e := q
	for e < len(s) && s[e] != '>' {
		if s[e] == '<' {
			return "", false, -1
		}
		e++
	}
	if e == len(s) {
		return "", false, -1
	}
	return s[ns:q], closing, e + 1
}
