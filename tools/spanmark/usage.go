package main

import (
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
)

// mainSource is main.go, whose package comment is the usage text, so that
// `spanmark help` and `go doc` say the same thing.
//
//go:embed main.go
var mainSource string

// usage prints the package comment of main.go, then each command's summary
// and the formats convert knows.
func usage(w io.Writer) {
	var b strings.Builder
	for _, line := range strings.Split(mainSource, "\n") {
		if !strings.HasPrefix(line, "//") {
			break
		}
		line = strings.TrimPrefix(line, "//")
		line = strings.TrimPrefix(line, " ")
		if strings.HasPrefix(line, "\t") {
			line = "  " + line[1:]
		}
		b.WriteString(line + "\n")
	}
	fmt.Fprint(w, strings.TrimRight(b.String(), "\n")+"\n\nCommands:\n")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-9s %s\n", name, commands[name].summary)
	}
	fmt.Fprint(w, "\nFormats (convert --from, --to):\n")
	fnames := make([]string, 0, len(formats))
	for name := range formats {
		fnames = append(fnames, name)
	}
	sort.Strings(fnames)
	for _, name := range fnames {
		dir := "read, write"
		switch f := formats[name]; {
		case f.decode == nil:
			dir = "write only"
		case f.encode == nil:
			dir = "read only"
		}
		fmt.Fprintf(w, "  %-12s %-11s %s\n", name, dir, formatHelp[name])
	}
	fmt.Fprint(w, "\nRun 'spanmark COMMAND -h' for a command's options.\n")
}
