package main

import (
	"fmt"
	"io"
)

func init() {
	commands["table"] = command{run: runTable,
		summary: "one CSV row per claim or proposal, with its source and target actors, over several files"}
}

const tableUsage = `usage: spanmark table [--from FORMAT] [--to csv] [--label L] [-o OUT] FILE...

Writes the claims and proposals of the FILEs, pooled, as a CSV table, one
row per claim or proposal: ` + "document, annotator, annotation, label, start,\nend, quote, source entities, target entities, note" + `. Actors are named by
their entity, or by their quote when they have none; several are joined
by "; ". Offsets are code points, half-open. A cell that a spreadsheet
would run as a formula (starting with =, +, -, @, a tab or a carriage
return) is prefixed with an apostrophe.

--label keeps only the statements with that label (repeat it, or list
labels with commas). OUT is written whole or not at all.`

func runTable(args []string, stdout, stderr io.Writer) int {
	c := newMapCommand("table", tableUsage)
	to := c.String("to", "csv", "output format: csv")
	if code := c.parseMap(args, stdout, stderr, func() error {
		if *to != "csv" {
			return fmt.Errorf("cannot write a table as %q; known: csv", *to)
		}
		return nil
	}); code >= 0 {
		return code
	}
	m, code := c.load(stderr)
	if m == nil {
		return code
	}
	return c.write(m.CSV(), stdout, stderr)
}
