package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spanmark/spanmark/annotations/argmap"
)

func init() {
	commands["graph"] = command{run: runGraph,
		summary: "the argument map of several files as Graphviz DOT, GraphML or SVG"}
}

// graphFormats are the formats graph writes, with the file name
// extensions that choose them when --to is not given.
var graphFormats = map[string]struct {
	exts  []string
	write func(m *argmap.Map) string
}{
	"dot":     {[]string{".dot", ".gv"}, (*argmap.Map).DOT},
	"graphml": {[]string{".graphml"}, (*argmap.Map).GraphML},
	"svg":     {[]string{".svg"}, func(m *argmap.Map) string { return argmap.Layout(m).SVG() }},
}

const graphUsage = `usage: spanmark graph [--from FORMAT] --to dot|graphml|svg [--label L] [-o OUT] FILE...

Writes the argument map of the FILEs, pooled: actors (grouped by entity,
or by quote when they have none) as nodes sized by their mentions, and
each claim or proposal as an edge from its source actor to its target
actor, or as a small node joined to the actor it has when it lacks a
source or a target.

  dot      Graphviz (dot -Tpdf map.dot > map.pdf; neato and circo lay it out too)
  graphml  Gephi, yEd, networkx, igraph; edges carry the document,
           annotator, annotation id, quote and note as attributes
  svg      the drawing of the app's argument view, with titles and
           keyboard focus on every actor and statement

--to may be left out when OUT ends in .dot, .gv, .graphml or .svg.
--label keeps only the statements with that label (repeat it, or list
labels with commas). OUT is written whole or not at all.`

func runGraph(args []string, stdout, stderr io.Writer) int {
	c := newMapCommand("graph", graphUsage)
	to := c.String("to", "", "output format: dot, graphml or svg")
	if code := c.parseMap(args, stdout, stderr, func() error {
		if *to == "" {
			ext := strings.ToLower(filepath.Ext(*c.out))
			for name, f := range graphFormats {
				for _, e := range f.exts {
					if ext == e {
						*to = name
					}
				}
			}
			if *to == "" {
				return fmt.Errorf("--to is required (dot, graphml or svg)")
			}
		}
		if _, ok := graphFormats[*to]; !ok {
			return fmt.Errorf("cannot write a graph as %q; known: dot, graphml, svg", *to)
		}
		return nil
	}); code >= 0 {
		return code
	}
	m, code := c.load(stderr)
	if m == nil {
		return code
	}
	return c.write(graphFormats[*to].write(m), stdout, stderr)
}
