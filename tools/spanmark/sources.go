package main

// Reading the files that table and graph pool into one argument map.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spanmark/spanmark/annotations/argmap"
)

// readSources reads every document's work in the files at paths (in
// format from, or detected when from is ""), in order: one source per
// native or W3C file, one per document or annotator of a doccano or Label
// Studio file. A file format that holds several documents, such as a
// corpus (docs/project.md), is read whole, a source per document with work. What the
// decoders could not keep is printed on warnings. Errors name the file,
// and the line and JSON path when the decoder knows them.
func readSources(paths []string, from string, warnings io.Writer) ([]argmap.Source, error) {
	var out []argmap.Source
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if from == "" && isCorpus(b) {
			// A project's corpus: every document with work, named by its
			// title (the document attribute of every row and edge).
			c, err := readCorpus(path, b)
			if err != nil {
				return nil, err
			}
			_, files, _ := corpusFiles(c)
			for _, f := range files {
				if f.Annotator == "" {
					f.Annotator = c.Header.Annotator
				}
				out = append(out, argmap.FromFile(f, baseName(path)))
			}
			continue
		}
		fs, names, rep, err := decodeAll(path, from, b, readOptions{})
		if err != nil {
			return nil, err
		}
		warn(warnings, path, rep)
		for i, f := range fs {
			out = append(out, argmap.FromFile(f, names[i]))
		}
	}
	return out, nil
}

// labelsFlag collects --label values, each one label or a comma-separated
// list.
type labelsFlag []string

func (l *labelsFlag) String() string { return strings.Join(*l, ",") }

func (l *labelsFlag) Set(s string) error {
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			*l = append(*l, x)
		}
	}
	return nil
}

// mapCommand is what table and graph share: the flags that choose the
// files and the labels, reading the files, and writing the output.
type mapCommand struct {
	*cmdFlags
	from   *string
	out    *string
	labels labelsFlag
	paths  []string
}

func newMapCommand(name, usage string) *mapCommand {
	c := &mapCommand{cmdFlags: newFlags(name, usage)}
	c.from = c.String("from", "", "read the files as `FORMAT` (default: detect spanmark or w3c)")
	c.out = c.String("o", "", "write to `OUT` (default: standard output)")
	c.Var(&c.labels, "label", "keep only statements with this `L`abel (repeat, or separate with commas)")
	return c
}

// parseMap parses args and checks them with check; it returns the exit
// status to stop with, or -1 to go on.
func (c *mapCommand) parseMap(args []string, stdout, stderr io.Writer, check func() error) int {
	paths, status, ok := c.parse(args, stdout, stderr, func(rest []string) error {
		if len(rest) == 0 {
			return errors.New("want at least one FILE")
		}
		return check()
	})
	if !ok {
		return status
	}
	c.paths = paths
	return -1
}

// load reads the files into one map, keeping only the statements with
// the --label labels when there are any.
func (c *mapCommand) load(stderr io.Writer) (*argmap.Map, int) {
	srcs, err := readSources(c.paths, *c.from, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark %s: %v\n", c.name, err)
		return nil, 1
	}
	m := argmap.New(srcs)
	if len(c.labels) == 0 {
		return m, 0
	}
	var known []string
	for _, l := range m.Labels {
		known = append(known, l.ID)
	}
	for _, l := range c.labels {
		if !slices.Contains(known, l) {
			fmt.Fprintf(stderr, "spanmark %s: --label %q: no such label of claims or proposals in the files; they have %s\n",
				c.name, l, strings.Join(known, ", "))
			return nil, 2
		}
	}
	return m.Only(c.labels...), 0
}

// write writes s to -o (whole or not at all) or to stdout.
func (c *mapCommand) write(s string, stdout, stderr io.Writer) int {
	var err error
	if *c.out == "" {
		_, err = io.WriteString(stdout, s)
	} else {
		err = writeAtomically(*c.out, []byte(s))
	}
	if err != nil {
		fmt.Fprintf(stderr, "spanmark %s: %v\n", c.name, err)
		return 1
	}
	return 0
}
