package timing

import "strings"

// Line is one line of a transcript: the text of one caption or more.
type Line struct {
	Text string
	Num  int  // line number in the transcript, from 1
	Para bool // a blank line stands before it: a paragraph break, a longer pause
}

// ParseTranscript splits a transcript into its non-blank lines, with runs
// of white space inside a line folded to one space. LF, CRLF and CR all end
// lines. Blank lines are not captions; they mark the next line as the start
// of a paragraph.
func ParseTranscript(text string) []Line {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var out []Line
	blank := false
	for i, l := range strings.Split(text, "\n") {
		t := strings.Join(strings.Fields(l), " ")
		if t == "" {
			blank = true
			continue
		}
		out = append(out, Line{Text: t, Num: i + 1, Para: blank && len(out) > 0})
		blank = false
	}
	return out
}
