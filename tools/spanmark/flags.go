package main

// Every command parses its flags here, so that all of them take flags
// anywhere among the file names, print their usage with a list of every
// flag on -h (to standard output, exit 0), and report a usage error the same
// way: "spanmark NAME: what is wrong", then the usage, on standard error,
// with exit status 2.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// cmdFlags is one command's flag set and usage text.
type cmdFlags struct {
	*flag.FlagSet
	name  string // the command's name, as typed after spanmark
	usage string // the usage text, without the list of flags
	// after run once the flags are parsed, before the command's own
	// check: they read flags that need more than the flag package.
	after []func() error
}

// newFlags returns an empty flag set for the command name, whose usage
// text (starting "usage: spanmark name") is usage.
func newFlags(name, usage string) *cmdFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &cmdFlags{FlagSet: fs, name: name, usage: usage}
}

// parse parses args, with flags anywhere among them, and runs check (when
// not nil) on the other arguments, once the flags are set. It returns those
// arguments and ok; when not ok, it has printed the usage (for -h) or the
// usage error, and the command returns status.
func (c *cmdFlags) parse(args []string, stdout, stderr io.Writer, check func(rest []string) error) (rest []string, status int, ok bool) {
	rest, err := parseInterspersed(c.FlagSet, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, c.fullUsage())
		return nil, 0, false
	}
	for _, f := range c.after {
		if err == nil {
			err = f()
		}
	}
	if err == nil && check != nil {
		err = check(rest)
	}
	if err != nil {
		return nil, c.fail(stderr, err), false
	}
	return rest, 0, true
}

// fail reports the usage error err on w, with the usage, and returns the
// exit status of wrong usage. Commands call it directly for what only
// reading the files shows, such as a file holding a single annotator.
func (c *cmdFlags) fail(w io.Writer, err error) int {
	fmt.Fprintf(w, "spanmark %s: %v\n%s", c.name, err, c.fullUsage())
	return 2
}

// fullUsage is the usage text followed by every flag, one per paragraph
// as flag.PrintDefaults writes them, but spelt with two dashes (-o keeps
// one) as the usage lines and the README spell them.
func (c *cmdFlags) fullUsage() string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(c.usage, "\n"))
	b.WriteString("\n\nFlags:\n")
	c.VisitAll(func(f *flag.Flag) {
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		typ, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(&b, "  %s%s", dash, f.Name)
		if typ != "" {
			b.WriteString(" " + typ)
		}
		b.WriteString("\n    \t" + usage)
		if !isZeroDefault(f) && !strings.Contains(usage, "(default") {
			fmt.Fprintf(&b, " (default %s)", f.DefValue)
		}
		b.WriteString("\n")
	})
	return b.String()
}

// isZeroDefault reports whether f's default is the zero value of its type,
// which, as in flag.PrintDefaults, goes unsaid.
func isZeroDefault(f *flag.Flag) bool {
	switch f.DefValue {
	case "", "0", "false":
		return true
	}
	return false
}

// wantOneFile is the check of commands that read one FILE.
func wantOneFile(paths []string) error {
	if len(paths) != 1 {
		return fmt.Errorf("want one FILE, got %d", len(paths))
	}
	return nil
}

// parseInterspersed parses fs's flags wherever they are among args and
// returns the other arguments in order.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}
