package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/exchange"
)

func init() {
	commands["validate"] = command{run: runValidate,
		summary: "check files; errors name the file, line and JSON path"}
}

const validateUsage = `usage: spanmark validate [--from FORMAT] [--offsets utf16|codepoints] [--doc N] [--strict] FILE...

Checks each file strictly (see docs/format.md) and prints "FILE: ok" or the
first error with its line and JSON path; each document of a file that holds
several (doccano lines, Label Studio tasks × annotators) is "FILE#N". A
corpus file (docs/project.md) is checked line by line, each of its files as
strictly as a single one. It also places the annotations in
the file's text: a quote that is not at its offsets is reported as a
warning with where it was found, and with --strict counts as an error, as
does what another tool's file holds that Spanmark cannot keep. --offsets
and --doc read other tools' files as for convert.
Exit status: 0 when every file is valid, 1 otherwise, 2 for bad usage.`

func runValidate(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("validate", validateUsage)
	from := fl.String("from", "", "read the files as `FORMAT` (default: detect spanmark or w3c)")
	strict := fl.Bool("strict", false, "treat a quote that is not at its offsets, or what cannot be kept, as an error")
	o := fl.readFlags()
	paths, code, ok := fl.parse(args, stdout, stderr, func(paths []string) error {
		if len(paths) == 0 {
			return errors.New("no files")
		}
		return nil
	})
	if !ok {
		return code
	}
	status := 0
	for _, path := range paths {
		if !validateFile(path, *from, *o, *strict, stdout, stderr) {
			status = 1
		}
	}
	return status
}

// validateFile checks one file, or corpus, and reports on it; it returns
// whether the file is valid.
func validateFile(path, from string, o readOptions, strict bool, stdout, stderr io.Writer) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return false
	}
	if from == "" && isCorpus(data) {
		return validateCorpus(path, data, strict, stdout, stderr)
	}
	// Every document of a file that holds several, unless --doc picks one.
	var fs []*annotations.File
	var format string
	var drops *exchange.Report
	if o.doc == "" {
		fs, format, drops, err = readAll(path, from, data, o)
	} else {
		var f *annotations.File
		f, format, drops, err = readFile(path, from, data, o)
		fs = []*annotations.File{f}
	}
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return false
	}
	if warn(stderr, path, drops) && strict {
		fmt.Fprintf(stderr, "%s: not everything in the file can be kept (--strict)\n", path)
		return false
	}
	ok := true
	for i, f := range fs {
		name := path
		if len(fs) > 1 {
			name = fmt.Sprintf("%s#%d", path, i+1)
		}
		if !validateDoc(name, format, f, strict, stdout, stderr) {
			ok = false
		}
	}
	return ok
}

// validateDoc places one document's annotations in its text and reports
// on it as path; it returns whether it is valid.
func validateDoc(path, format string, f *annotations.File, strict bool, stdout, stderr io.Writer) bool {
	if f.Document.Text == "" && f.Document.Length > 0 {
		fmt.Fprintf(stdout, "%s: ok (%s, %s, %s; no text, so quotes not checked)\n", path, format,
			plural(len(f.Annotations), "annotation"), plural(len(f.Relations), "relation"))
		return true
	}
	if !placeAndReport(path, f, strict, stderr) {
		return false
	}
	fmt.Fprintf(stdout, "%s: ok (%s, %s, %s, %s%s)\n", path, format,
		plural(f.Document.Length, "code point"), plural(len(f.Annotations), "annotation"),
		plural(len(f.Relations), "relation"), orphanNote(len(f.Orphans)))
	return true
}

// placeAndReport places f's annotations in its text and reports on stderr,
// after where, each quote that is not at its offsets: a warning, or with
// strict an error. It returns whether f passes.
func placeAndReport(where string, f *annotations.File, strict bool, stderr io.Writer) bool {
	doc := annotations.NewDocument(f.Document.Text, f.Document.Title, f.Document.Source)
	_, rep, err := anchor.Place(f, doc)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", where, err)
		return false
	}
	index := map[string]int{}
	for i, a := range f.Annotations {
		index[a.ID] = i
	}
	kind := "warning"
	if strict {
		kind = "error"
	}
	for _, m := range rep.Moved {
		fmt.Fprintf(stderr, "%s: %s: annotations[%d]: the quote of %q is not at [%d,%d) but at [%d,%d) (found by %s, score %.2f)\n",
			where, kind, index[m.ID], m.ID, m.From[0], m.From[1], m.To[0], m.To[1], m.Method, m.Score)
	}
	for _, o := range rep.Orphaned {
		fmt.Fprintf(stderr, "%s: %s: annotations[%d]: the quote of %q is not in the text: %s\n",
			where, kind, index[o.Annotation.ID], o.Annotation.ID, o.Reason)
	}
	return !strict || rep.IsEmpty()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func orphanNote(n int) string {
	if n == 0 {
		return ""
	}
	return ", " + plural(n, "orphan")
}
