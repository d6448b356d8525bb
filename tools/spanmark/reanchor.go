package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/codec"
)

func init() {
	commands["reanchor"] = command{run: runReanchor,
		summary: "place a file's annotations on an edited text and report how each was found"}
}

const reanchorUsage = `usage: spanmark reanchor --text TEXT [-o OUT] FILE

Places the annotations of FILE (a Spanmark or W3C file) on the article in
TEXT, an edited version of the one they were made on, as the app does: a
Spanmark file carries its text, and its annotations follow the diff of the
two texts; a W3C file does not, and its annotations are placed by quote,
context and the order of their positions. Prints how many were placed by
each method (position, diff, quote, fuzzy), each fuzzy placement with its
context before and after, and the annotations that could not be placed,
which are kept as orphans. With -o, writes the result as a Spanmark file
to OUT (whole or not at all). Offsets are code points, half-open.`

func runReanchor(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("reanchor", reanchorUsage)
	textPath := fl.String("text", "", "the edited article's `TEXT` file")
	out := fl.String("o", "", "write the placed annotations to `OUT`, a Spanmark file")
	paths, status, ok := fl.parse(args, stdout, stderr, func(rest []string) error {
		switch {
		case len(rest) != 1:
			return fmt.Errorf("want one FILE, got %d", len(rest))
		case *textPath == "":
			return errors.New("--text is required")
		}
		return nil
	})
	if !ok {
		return status
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		fmt.Fprintf(stderr, "spanmark reanchor: %v\n", err)
		return 1
	}
	f, _, _, err := readFile(paths[0], "", data, readOptions{})
	if err != nil {
		fmt.Fprintf(stderr, "spanmark reanchor: %v\n", err)
		return 1
	}
	text, err := os.ReadFile(*textPath)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark reanchor: %v\n", err)
		return 1
	}
	doc := annotations.NewDocument(string(text), f.Document.Title, f.Document.Source)
	s, rep, err := anchor.Place(f, doc)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark reanchor: %s: %v\n", paths[0], err)
		return 1
	}
	writeReanchorReport(stdout, len(f.Annotations), rep, doc.Runes())
	if *out == "" {
		return 0
	}
	b, err := codec.Encode(annotations.NewFile(s, f.Annotator, f.Exported.UTC()))
	if err == nil {
		err = writeAtomically(*out, b)
	}
	if err != nil {
		fmt.Fprintf(stderr, "spanmark reanchor: %v\n", err)
		return 1
	}
	return 0
}

// writeReanchorReport prints the counts by method, then each fuzzy
// placement with its context before and after, then the orphans.
func writeReanchorReport(w io.Writer, n int, rep anchor.Report, text []rune) {
	placed := 0
	var counts []string
	for _, m := range []anchor.Method{anchor.MethodPosition, anchor.MethodDiff, anchor.MethodQuote, anchor.MethodFuzzy} {
		placed += rep.Methods[m]
		counts = append(counts, fmt.Sprintf("%d %s", rep.Methods[m], m))
	}
	fmt.Fprintf(w, "placed %d of %d annotations: %s; %d orphaned\n", placed, n, strings.Join(counts, ", "), len(rep.Orphaned))
	for _, m := range rep.Moved {
		if m.Method != anchor.MethodFuzzy {
			continue
		}
		fmt.Fprintf(w, "fuzzy: %s from [%d,%d) to [%d,%d), score %.2f\n", m.ID, m.From[0], m.From[1], m.To[0], m.To[1], m.Score)
		fmt.Fprintf(w, "  before: %s\n  after:  %s\n", inContext(m.Before), inContext(m.After(text)))
	}
	for _, o := range rep.Orphaned {
		fmt.Fprintf(w, "orphaned: %s %s: %s\n", o.Annotation.ID, quoteShort(o.Annotation.Quote, 40), o.Reason)
	}
	for _, r := range rep.OrphanedRelations {
		fmt.Fprintf(w, "kept with the orphans: relation %s %s %s -> %s\n", r.ID, r.Type, r.From, r.To)
	}
}

// inContext shows a quote in its context, the quote in brackets, on one
// line (line breaks shown as ⏎).
func inContext(s annotations.Selector) string {
	r := strings.NewReplacer("\n", "⏎", "\t", " ")
	return fmt.Sprintf("…%s[%s]%s…", r.Replace(s.Prefix), r.Replace(s.Exact), r.Replace(s.Suffix))
}
