package main

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// flagName matches a flag as the usage texts spell it: --name or -o.
var flagName = regexp.MustCompile(`(?:^|[\s\[])(--?[a-z][a-z-]*)`)

// flagsIn returns the flags named in s, sorted, each once.
func flagsIn(s string) []string {
	var names []string
	for _, m := range flagName.FindAllStringSubmatch(s, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// TestFlagsUsage checks, for every command, that -h lists every flag the
// command defines, and that its usage line and the line in 'spanmark help'
// name the same flags as that list.
func TestFlagsUsage(t *testing.T) {
	_, help, _ := runCmd(t, "help")
	for name := range commands {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runCmd(t, name, "-h")
			if code != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, errs)
			}
			usage, list, ok := strings.Cut(out, "\nFlags:\n")
			if !ok {
				t.Fatalf("-h output has no Flags section:\n%s", out)
			}
			var listed []string
			for _, line := range strings.Split(list, "\n") {
				if strings.HasPrefix(line, "  -") {
					listed = append(listed, strings.Fields(line)[0])
				}
			}
			slices.Sort(listed)
			if len(listed) == 0 {
				t.Fatalf("-h lists no flags:\n%s", out)
			}
			synopsis, _, _ := strings.Cut(usage, "\n")
			if diff := cmp.Diff(listed, flagsIn(synopsis)); diff != "" {
				t.Errorf("flags in the usage line %q (-listed in Flags +in the line):\n%s", synopsis, diff)
			}
			var helpLine string
			for _, line := range strings.Split(help, "\n") {
				if strings.HasPrefix(line, "  spanmark "+name+" ") {
					helpLine = line
				}
			}
			if diff := cmp.Diff(listed, flagsIn(helpLine)); diff != "" {
				t.Errorf("flags in 'spanmark help' line %q (-listed in Flags +in the line):\n%s", helpLine, diff)
			}
		})
	}
}

// TestFlagsUsageError checks that every command reports a usage error
// the same way: its name and the error, then the usage with the flags, on
// standard error, nothing on standard output, and exit status 2.
func TestFlagsUsageError(t *testing.T) {
	for name := range commands {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runCmd(t, name, "--bogus", "x.json")
			want := "spanmark " + name + ": flag provided but not defined: -bogus\nusage: spanmark " + name + " "
			if code != 2 || out != "" || !strings.HasPrefix(errs, want) || !strings.Contains(errs, "\nFlags:\n") {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing, and %q then the usage with its flags", code, out, errs, want)
			}
		})
	}
}

func TestCmdFlagsFullUsage(t *testing.T) {
	fl := newFlags("try", "usage: spanmark try [-o OUT] [--level N] [--quiet] [--say S]\n")
	fl.String("o", "", "write to `OUT`")
	fl.Int("level", 3, "how loud, from 0 to `N`")
	fl.Bool("quiet", false, "say nothing")
	fl.String("say", "hello", "the words `S` (default: a greeting)")
	want := `usage: spanmark try [-o OUT] [--level N] [--quiet] [--say S]

Flags:
  --level N
    	how loud, from 0 to N (default 3)
  -o OUT
    	write to OUT
  --quiet
    	say nothing
  --say S
    	the words S (default: a greeting)
`
	if diff := cmp.Diff(want, fl.fullUsage()); diff != "" {
		t.Errorf("fullUsage (-want +got):\n%s", diff)
	}
}

func TestCmdFlagsParse(t *testing.T) {
	errNeedTwo := errors.New("need two")
	cases := []struct {
		name      string
		args      []string
		wantRest  []string
		wantOK    bool
		wantCode  int
		wantOut   string // prefix of standard output
		wantErr   string // prefix of standard error
		wantLevel int
	}{
		{name: "flags_anywhere", args: []string{"a", "--level", "5", "b"}, wantRest: []string{"a", "b"}, wantOK: true, wantLevel: 5},
		{name: "help", args: []string{"a", "-h"}, wantOut: "usage: spanmark try\n\nFlags:\n  --level"},
		{name: "bad_value", args: []string{"--level", "x", "a", "b"}, wantCode: 2,
			wantErr: "spanmark try: invalid value \"x\" for flag -level: parse error\nusage: spanmark try\n\nFlags:\n"},
		{name: "check_fails", args: []string{"a"}, wantCode: 2, wantErr: "spanmark try: need two\nusage: spanmark try\n\nFlags:\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fl := newFlags("try", "usage: spanmark try")
			level := fl.Int("level", 0, "how loud")
			var out, errs strings.Builder
			rest, code, ok := fl.parse(tc.args, &out, &errs, func(rest []string) error {
				if len(rest) != 2 {
					return errNeedTwo
				}
				return nil
			})
			if ok != tc.wantOK || code != tc.wantCode {
				t.Errorf("parse(%q): ok %v, status %d; want %v, %d", tc.args, ok, code, tc.wantOK, tc.wantCode)
			}
			if diff := cmp.Diff(tc.wantRest, rest); diff != "" {
				t.Errorf("parse(%q) arguments (-want +got):\n%s", tc.args, diff)
			}
			if ok && *level != tc.wantLevel {
				t.Errorf("parse(%q): --level %d, want %d", tc.args, *level, tc.wantLevel)
			}
			if !strings.HasPrefix(out.String(), tc.wantOut) || (tc.wantOut == "") != (out.Len() == 0) {
				t.Errorf("parse(%q) stdout %q, want it to start with %q", tc.args, out.String(), tc.wantOut)
			}
			if !strings.HasPrefix(errs.String(), tc.wantErr) || (tc.wantErr == "") != (errs.Len() == 0) {
				t.Errorf("parse(%q) stderr %q, want it to start with %q", tc.args, errs.String(), tc.wantErr)
			}
		})
	}
}
