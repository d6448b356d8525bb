// Package cli parses the flags of the commands build, serve and bench in
// the one way they share: they take flags and no arguments; -h prints the
// usage line and the flags on standard error and exits 0; a bad flag, or
// any argument, prints what is wrong, the usage line and the flags, and
// exits 2.
//
// The spanmark command parses its own way (tools/spanmark/flags.go): it
// takes files among its flags and prints -h on standard output.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// Parse parses args with fs, which must be made with flag.ContinueOnError
// and be named after the command. usage is the usage line, such as
// "usage: go run ./tools/build [-o dist]". When the command should go on,
// Parse returns ok; otherwise it has printed the usage or the error on
// stderr, and the command exits with status.
func Parse(fs *flag.FlagSet, usage string, args []string, stderr io.Writer) (status int, ok bool) {
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2, false
	}
	return 0, true
}
