// Package textpos turns a byte offset in a file into the line and column
// a positioned error names. The core's text decoding and the readers that
// find errors by offset (TTML's XML decoder) share it.
package textpos

// Of returns the line and byte column, both from 1, of offset off in b,
// for an ASCII-compatible encoding. LF, CRLF and a lone CR end a line.
func Of[T string | []byte](b T, off int) (line, col int) {
	off = min(off, len(b))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch b[i] {
		case '\n':
			line, start = line+1, i+1
		case '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				continue
			}
			line, start = line+1, i+1
		}
	}
	return line, off - start + 1
}
