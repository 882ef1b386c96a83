package main

import (
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/subkit-dev/subkit/subtitle"
)

// permuteArgs moves a command's flags in front of its file arguments.
//
// urfave/cli stops reading flags at the first argument that is not one, so
// "subkit generate in.txt --duration 18m" would treat "--duration" and
// "18m" as file names. Users expect flags anywhere, as with GNU tools;
// this puts them first, keeping their order and their values. Everything
// after "--" stays an argument.
//
// A flag that takes a value but ends the line is an error: left for
// urfave/cli it would take the first file name as its value.
func permuteArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	out := []string{args[0]}
	i := 1
	// Global flags, up to the command name.
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" && args[i] != "--" {
		out = append(out, args[i])
		i++
	}
	if i >= len(args) || args[i] == "--" || args[i] == "-" {
		return args, nil
	}
	cmd := app.Command(args[i])
	if cmd == nil {
		return args, nil
	}
	out = append(out, args[i])
	i++
	var flags, files []string
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			files = append(files, args[i+1:]...)
			break
		}
		if a == "-" || !strings.HasPrefix(a, "-") {
			files = append(files, a)
			continue
		}
		if a == "-f" && (cmd.Name == "generate" || cmd.Name == "align") && i+1 < len(args) && isFormatList(args[i+1]) {
			// -f LIST was generate's format list before -f meant --force
			// everywhere; a list of format names that is not a file is
			// still taken as one.
			if _, err := os.Stat(args[i+1]); err != nil {
				flags = append(flags, "--format", args[i+1])
				i++
				continue
			}
		}
		if v, ok := strings.CutPrefix(a, "-f="); ok && (cmd.Name == "generate" || cmd.Name == "align") && isFormatList(v) {
			flags = append(flags, "--format="+v)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if takesValue(cmd, name) {
			if i+1 >= len(args) {
				return nil, usagef("flag %s needs a value", a)
			}
			i++
			flags = append(flags, args[i])
		}
	}
	out = append(out, flags...)
	for _, f := range files {
		if strings.HasPrefix(f, "-") && f != "-" {
			out = append(out, "--")
			break
		}
	}
	return append(out, files...), nil
}

// isFormatList reports whether s is a comma-separated list of caption
// format names: "srt", "srt,vtt".
func isFormatList(s string) bool {
	for _, f := range strings.Split(s, ",") {
		if _, err := subtitle.ParseFormat(strings.TrimSpace(f)); err != nil {
			return false
		}
	}
	return true
}

// takesValue reports whether the command's flag of that name takes a value.
func takesValue(cmd *cli.Command, name string) bool {
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n != name {
				continue
			}
			if _, ok := f.(*cli.BoolFlag); ok {
				return false
			}
			return true
		}
	}
	return false
}
