// Command spanmark works with Spanmark's exported files.
//
// Usage:
//
//	spanmark help
//	spanmark validate [--from F] [--offsets U] [--doc N] [--strict] FILE...
//	spanmark convert [--from spanmark|w3c|brat|doccano|labelstudio] [--to spanmark|w3c|jsonl|brat|txt|doccano|labelstudio] [--text TEXT] [--offsets utf16|codepoints] [--doc N] [--lossy | --strict] [-o OUT] FILE
//	spanmark stats [--from F] [--offsets U] [--doc N] [--json] FILE
//	spanmark locate --text FILE --exact S [--prefix S] [--suffix S] [--start N] [--end N]
//	spanmark agree [--json] [--from FORMAT] [--text TEXT]... [--offsets U] [--doc N] A.json B.json [C.json ...]
//	spanmark merge [--min-agree N] [--from FORMAT] [--text TEXT]... [--offsets U] [--doc N] [--lossy] -o OUT A.json B.json [C.json ...]
//	spanmark table [--from F] [--to csv] [--label L] [-o OUT] FILE...
//	spanmark graph [--from F] --to dot|graphml|svg [--label L] [-o OUT] FILE...
//	spanmark suggest [--text TEXT] [--with WORK] [--lexicon FILE] -o OUT
//	spanmark reanchor --text TEXT [-o OUT] FILE
//	spanmark project init -o DIR [--title T] [--schema FILE] [--guidelines FILE] FILE...
//
// Offsets in every file and output are Unicode code points, half-open.
// The native file format is described in docs/format.md, projects and
// their corpus files in docs/project.md.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand: it gets the arguments after its name and
// returns the exit status (0 ok, 1 the input is bad, 2 the usage is wrong).
type command struct {
	run     func(args []string, stdout, stderr io.Writer) int
	summary string
}

// commands is the table of subcommands; each lives in a file of its name.
var commands = map[string]command{}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "spanmark: unknown command %q; see 'spanmark help'\n", args[0])
		return 2
	}
	return c.run(args[1:], stdout, stderr)
}
