// Package textin holds what the text formats' readers share: the text
// cut into lines at any line end, a run of digits read as a number, a
// line shortened for a warning, and the blank-line separated blocks of
// SRT-like formats (SBV, SubViewer).
package textin

import "strings"

// Lines cuts text into lines at "\r\n", "\r" or "\n". Line i+1 of the
// file is Lines(text)[i].
func Lines(text string) []string {
	return strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
}

// Digits reads s, ASCII digits only and at least one, as a number.
func Digits(s string) (int64, bool) {
	var n int64
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, s != ""
}

// Clip shortens s to 40 characters and an ellipsis, for a message that
// quotes a line.
func Clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// Block is a run of lines that are not blank (white space only counts
// as blank).
type Block struct {
	Line int      // the file's line number of its first line, from 1
	Head string   // its first line, trimmed
	Body []string // the lines after the first, as they are
}

// Blocks returns the blocks of lines[from:], lines being a file's
// lines (see Lines).
func Blocks(lines []string, from int) []Block {
	var out []Block
	for i := from; i < len(lines); {
		head := strings.TrimSpace(lines[i])
		if head == "" {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
			j++
		}
		out = append(out, Block{Line: i + 1, Head: head, Body: lines[i+1 : j]})
		i = j
	}
	return out
}
