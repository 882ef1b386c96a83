package subtitle

import (
	"errors"
	"fmt"
)

// Sentinel errors, for errors.Is. A *ParseError wraps one of them, or a
// more specific error, with the position where it happened.
var (
	ErrEmpty    = errors.New("no text")
	ErrBinary   = errors.New("binary data, not text")
	ErrEncoding = errors.New("unknown or invalid text encoding")
	ErrSyntax   = errors.New("syntax error")
)

// ParseError is an error at a place in an input file. Line and Col count
// from 1; zero means unknown. Its text is "file:line:col: message", with
// the unknown parts left out, as compilers print it.
type ParseError struct {
	File string // as the user named it; "-" or "" for standard input
	Line int
	Col  int
	Err  error
}

func (e *ParseError) Error() string {
	name := e.File
	if name == "" || name == "-" {
		name = "<stdin>"
	}
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %v", name, e.Line, e.Col, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", name, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", name, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }
