package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/project"
)

func init() {
	commands["convert"] = command{run: runConvert,
		summary: "convert between spanmark, W3C Web Annotation, JSONL and other tools' formats"}
}

func convertUsage() string {
	return `usage: spanmark convert [--from ` + strings.Join(formatNames(true), "|") + `] [--to ` +
		strings.Join(formatNames(false), "|") + `] [--text TEXT] [--offsets utf16|codepoints] [--doc N] [--lossy | --strict] [-o OUT] FILE

Reads FILE (its format is detected when --from is not given: a "spanmark"
field means the native format, an "@context" field or an array of
annotations W3C) and writes it in the --to format to OUT, or to standard
output. --to may be left out when OUT's extension names one format (.ann
brat, .jsonld W3C, .txt text). OUT is written whole or not at all: through
a temporary file in its folder and a rename.

A W3C file or a brat .ann does not carry the article, so writing a native
file from one needs the article's text file: --text TEXT. With --text, the
annotations are placed in that text as the app does (by position, then by
quote and context), and what moved or could not be found is reported on
standard error; annotations that could not be found are kept as orphans.

What another tool's file holds that Spanmark cannot (choices of a whole
task, document labels, fields it does not read), and what the --to format
has no place for (notes and entities in doccano, entities in Label Studio,
orphans and conflicts in most), is listed on standard error as warnings,
with counts and the first places. Then nothing is written and the exit
status is 1: data is never dropped with exit status 0. --lossy writes
what the --to format can hold all the same. A file with several
documents (doccano lines, Label Studio tasks and annotators) needs --doc
to pick one.

A corpus file (docs/project.md) converts to jsonl or w3c only: to jsonl,
the rows of all its files, each starting with a "project-document" field
naming the project document (the header's id) the annotation is in; to
w3c, one AnnotationCollection of the work of all its documents begun,
named by the corpus file's file: URL, each annotation targeting its
document's urn:sha256 IRI, the documents (title, path) listed in
"spanmark:documents".`
}

// formatByExtension is the format an output file's extension names, or ""
// when it names none or several (.json is both spanmark and labelstudio,
// .jsonl both jsonl and doccano).
func formatByExtension(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ann":
		return "brat"
	case ".jsonld":
		return "w3c"
	case ".txt":
		return "txt"
	}
	return ""
}

// textlessHint says why a file of format holds no text.
func textlessHint(format string) string {
	if format == "brat" {
		return "a brat .ann file does not carry it; name the .txt file beside it"
	}
	return "W3C files do not carry it; name the article's text file"
}

func runConvert(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("convert", convertUsage())
	from := fl.String("from", "", "read FILE as `FORMAT` (default: detect spanmark or w3c)")
	to := fl.String("to", "", "write `FORMAT` (default: the one -o's extension names)")
	out := fl.String("o", "", "write to the file `OUT` (default: standard output)")
	textPath := fl.String("text", "", "place the annotations in the article's text file `TEXT`")
	lossy := fl.Bool("lossy", false, "write what the --to format can hold even when something cannot be converted (the warnings)")
	fl.Bool("strict", true, "refuse a file when something cannot be converted (the default; kept for scripts)")
	o := fl.readFlags()
	paths, status, ok := fl.parse(args, stdout, stderr, func(paths []string) error {
		if *to == "" {
			*to = formatByExtension(*out)
		}
		switch {
		case len(paths) != 1:
			return wantOneFile(paths)
		case *to == "":
			return fmt.Errorf("--to is required (the extension of -o %q names no single format)", *out)
		case formats[*to].encode == nil:
			return fmt.Errorf("cannot write format %q; known: %s", *to, strings.Join(formatNames(false), ", "))
		case *from != "" && formats[*from].decode == nil:
			return fmt.Errorf("cannot read format %q; known: %s", *from, strings.Join(formatNames(true), ", "))
		}
		return nil
	})
	if !ok {
		return status
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		fmt.Fprintf(stderr, "spanmark convert: %v\n", err)
		return 1
	}
	if *from == "" && isCorpus(data) {
		return convertCorpus(paths[0], data, *to, *textPath, *out, *lossy, stdout, stderr)
	}
	f, format, rep, err := readFile(paths[0], *from, data, *o)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark convert: %v\n", err)
		return 1
	}
	lost := warn(stderr, paths[0], rep)
	if *textPath != "" {
		if f, err = placeIn(f, *textPath, stderr); err != nil {
			fmt.Fprintf(stderr, "spanmark convert: %v\n", err)
			return 1
		}
	} else if f.Document.Text == "" && f.Document.Length > 0 && *to == "spanmark" {
		fmt.Fprintf(stderr, "spanmark convert: %s holds no text (%s with --text)\n", paths[0], textlessHint(format))
		return 1
	}
	b, err := formats[*to].encode(f, *o)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark convert: %s: %v\n", paths[0], err)
		return 1
	}
	if warnAll(stderr, paths[0], leftOut(f, *to)) {
		lost = true
	}
	if lost && !*lossy {
		return refuseLoss(stderr, paths[0], *to)
	}
	return writeOutput(b, *out, stdout, stderr)
}

// refuseLoss says that the file at path is not converted to format to,
// since the conversion would lose what the warnings before it list, and
// returns the exit status: data is never dropped with status 0.
func refuseLoss(w io.Writer, path, to string) int {
	fmt.Fprintf(w, "spanmark convert: %s: not everything in it can be converted to %s (the warnings above), so nothing was written; --lossy writes what %s can hold\n", path, to, to)
	return 1
}

// convertCorpus converts the corpus data read from path: to JSONL, with
// a "project-document" field first in each row, or to one W3C
// collection.
func convertCorpus(path string, data []byte, to, textPath, out string, lossy bool, stdout, stderr io.Writer) int {
	if to != "jsonl" && to != "w3c" || textPath != "" {
		fmt.Fprintf(stderr, "spanmark convert: %s is a corpus, which converts only --to jsonl or w3c, without --text\n", path)
		return 1
	}
	c, err := readCorpus(path, data)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark convert: %v\n", err)
		return 1
	}
	convert := corpusJSONL
	if to == "w3c" {
		convert = func(c *project.Corpus) ([]byte, error) { return corpusW3C(c, path) }
	}
	b, err := convert(c)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark convert: %s: %v\n", path, err)
		return 1
	}
	lost := false
	for i, f := range c.Files {
		if f == nil {
			continue
		}
		if warnAll(stderr, path+": document "+c.Header.Documents[i].ID, leftOut(f, to)) {
			lost = true
		}
	}
	if lost && !lossy {
		return refuseLoss(stderr, path, to)
	}
	return writeOutput(b, out, stdout, stderr)
}

// writeOutput writes b to the file out, or to stdout when out is "".
func writeOutput(b []byte, out string, stdout, stderr io.Writer) int {
	if out == "" {
		if _, err := stdout.Write(b); err != nil {
			fmt.Fprintf(stderr, "spanmark convert: %v\n", err)
			return 1
		}
		return 0
	}
	if err := writeAtomically(out, b); err != nil {
		fmt.Fprintf(stderr, "spanmark convert: %v\n", err)
		return 1
	}
	return 0
}

// placeIn places f's annotations in the text of the file at path and
// returns the file of the result, reporting on w what moved or was kept
// aside as an orphan.
func placeIn(f *annotations.File, path string, w io.Writer) (*annotations.File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc := annotations.NewDocument(string(data), f.Document.Title, f.Document.Source)
	s, rep, err := anchor.Place(f, doc)
	if err != nil {
		return nil, err
	}
	for _, m := range rep.Moved {
		fmt.Fprintf(w, "moved: %s from [%d,%d) to [%d,%d) (%s, score %.2f)\n", m.ID, m.From[0], m.From[1], m.To[0], m.To[1], m.Method, m.Score)
	}
	for _, o := range rep.Orphaned {
		fmt.Fprintf(w, "kept as orphan: %s %s: %s\n", o.Annotation.ID, quoteShort(o.Annotation.Quote, 40), o.Reason)
	}
	for _, r := range rep.OrphanedRelations {
		fmt.Fprintf(w, "kept with the orphans: relation %s %s %s -> %s\n", r.ID, r.Type, r.From, r.To)
	}
	return annotations.NewFile(s, f.Annotator, f.Exported.UTC()), nil
}
