// Command subkit makes, retimes, converts and checks caption files.
//
// It is a thin shell over the library packages: flags, files and exit
// codes live here; caption logic lives in subtitle and timing.
//
// Exit codes: 0 success, 1 a file could not be processed (check: a rule
// is broken), 2 usage error (check and stats: also an input that cannot be
// read).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	catchSignals(os.Stderr)
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// usageError is a mistake in how subkit was called: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// errReported means the errors were already printed, file by file; the
// run only needs to end with exit code 1.
var errReported = errors.New("some inputs failed")

// env is what a command reads and writes besides its files.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// checkedWriter remembers the first error writing to w: a report that
// could not be written (a full disk, a closed pipe) is a failed run,
// however many places ignore the error of a single Fprintf.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := &checkedWriter{w: stdout}
	code := runApp(args, stdin, out, stderr)
	if out.err != nil {
		fmt.Fprintf(stderr, "subkit: writing standard output: %v\n", out.err)
		return max(code, 1)
	}
	return code
}

func runApp(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	app := newApp(e)
	args, err := permuteArgs(app, args)
	if err == nil {
		err = app.Run(args)
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUnreadable):
		return 2
	case errors.Is(err, errReported):
		return 1
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "subkit: %v\n", err)
		if name := commandName(app, args); name != "" {
			fmt.Fprintf(stderr, "Run 'subkit help %s' for usage.\n", name)
		} else {
			fmt.Fprintf(stderr, "Run 'subkit help' for usage.\n")
		}
		return 2
	}
	fmt.Fprintf(stderr, "subkit: %v\n", err)
	return 1
}

func init() {
	// -v is --verbose in the commands; the version has only its long name.
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version and the source revision it was built from", DisableDefaultText: true}
}

// helpCommand is "subkit help [COMMAND]", as in git and go.
func helpCommand(app *cli.App) *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     "show the commands, or one command's flags and what it does",
		ArgsUsage: "[COMMAND]",
		Action: func(c *cli.Context) error {
			switch c.Args().Len() {
			case 0:
				cli.HelpPrinter(app.Writer, cli.AppHelpTemplate, app)
				return nil
			case 1:
			default:
				return usagef("help: name one command")
			}
			name := c.Args().First()
			cmd := app.Command(name)
			if cmd == nil {
				return usageError{unknownCommand(app, name)}
			}
			cli.HelpPrinter(app.Writer, cli.CommandHelpTemplate, cmd)
			return nil
		},
	}
}

func newApp(e *env) *cli.App {
	app := &cli.App{
		Name:      "subkit",
		Usage:     "make, retime, convert and check caption files",
		Version:   version(),
		Reader:    e.stdin,
		Writer:    e.stdout,
		ErrWriter: e.stderr,
		// Errors are printed by run, which also picks the exit code.
		ExitErrHandler: func(*cli.Context, error) {},
		// Commas are split by the commands that want them (-f srt,vtt);
		// --sync 00:00:03,000=20 must stay whole.
		DisableSliceFlagSeparator: true,
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err}
		},
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(e.stderr, "subkit: %v\nRun 'subkit help' for usage.\n", unknownCommand(c.App, name))
		},
		Commands: []*cli.Command{
			generateCommand(e),
			alignCommand(e),
			convertCommand(e),
			retimeCommand(e),
			syncCommand(e),
			fixCommand(e),
			mergeCommand(e),
			checkCommand(e),
			statsCommand(e),
			shotsCommand(e),
		},
	}
	app.Commands = append(app.Commands, helpCommand(app))
	for _, c := range app.Commands {
		c.OnUsageError = app.OnUsageError
	}
	app.Action = func(c *cli.Context) error {
		if c.Args().Len() > 0 {
			return usageError{unknownCommand(c.App, c.Args().First())}
		}
		return cli.ShowAppHelp(c)
	}
	return app
}

// version is the module version when built with go install, else "devel".
func version() string {
	if v := buildVersion(); v != "" {
		return v
	}
	return "devel"
}
