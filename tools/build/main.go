// Command build makes Spanmark's static site: the whole deployment, a
// folder to copy to any static host, at any path.
//
// Usage:
//
//	go run ./tools/build [-o dist] [-budget 1000] [-later-budget 1000]
//
// It compiles ./wasm and ./wasm/worker for js/wasm (-trimpath, -ldflags='-s -w'), copies
// wasm_exec.js from the same Go toolchain, minifies the files of web/,
// renames assets after a hash of their contents, fills in the service
// worker's precache list, writes .gz and .br variants beside every file and
// prints a size table. It fails when the first load's gzip transfer is over
// the budget in KB (1 KB = 1024 bytes; 0 turns the check off), or when the
// files loaded later (the worker, which the page starts when a person
// turns on suggestions or the argument view, or when it places a file on
// another text, reads or writes another tool's format, or handles a
// corpus) are over theirs. The folder is written even then, so it can be
// inspected.
//
// -quick compresses with a quick brotli level (larger .br files, seconds
// instead of half a minute), for builds that are thrown away.
//
// Run it from inside the module. The -o directory must be new, empty or an
// earlier build, which it replaces.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/spanmark/spanmark/tools/internal/cli"
	"github.com/spanmark/spanmark/tools/internal/site"
	"github.com/spanmark/spanmark/web"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	out := fs.String("o", "dist", "write the site into `dir`")
	budget := fs.Int("budget", 1000, "fail when the first load's gzip transfer is over this many `KB` (0: no limit)")
	laterBudget := fs.Int("later-budget", 1000, "fail when the gzip transfer of the files loaded later is over this many `KB` (0: no limit)")
	quick := fs.Bool("quick", false, "compress with a quick brotli level, for a build to throw away (tests)")
	if status, ok := cli.Parse(fs, "usage: go run ./tools/build [-o dist] [-budget 1000] [-later-budget 1000]", args, stderr); !ok {
		return status
	}
	if *out == "" {
		fmt.Fprintln(stderr, "build: -o: want a directory, got an empty name")
		return 2
	}
	if *budget < 0 {
		fmt.Fprintf(stderr, "build: -budget: want a size in KB of 0 or more, got %d\n", *budget)
		return 2
	}
	if *laterBudget < 0 {
		fmt.Fprintf(stderr, "build: -later-budget: want a size in KB of 0 or more, got %d\n", *laterBudget)
		return 2
	}

	s, err := site.Build(context.Background(), site.Options{Web: web.FS, Quick: *quick})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if err := s.Write(*out); err != nil {
		fmt.Fprintln(stderr, "build:", err)
		return 1
	}
	if err := s.WriteTable(stdout); err != nil {
		fmt.Fprintln(stderr, "build:", err)
		return 1
	}
	if err := s.CheckBudget(*budget); err != nil {
		fmt.Fprintln(stderr, "build:", err)
		return 1
	}
	if err := s.CheckLaterBudget(*laterBudget); err != nil {
		fmt.Fprintln(stderr, "build:", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s (version %s)\n", *out, s.Version)
	return 0
}
