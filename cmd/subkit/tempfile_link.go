//go:build unix && !linux

package main

// renameFresh renames from to to, unless to has come to exist: another
// run wrote it since this one found it missing.
func renameFresh(from, to string) error { return linkFresh(from, to) }
