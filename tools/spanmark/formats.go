package main

// The file formats convert reads and writes. A converter for another tool's
// format adds an entry to formats in its own file's init function, and
// says whether detect can recognise it.

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/jsonl"
	"github.com/spanmark/spanmark/annotations/codec/w3c"
	"github.com/spanmark/spanmark/annotations/exchange"
)

// format is a file format: decode reads every document (and every
// annotator's work on it) that a file holds, with a report of what it
// could not keep (name is the file's base name, for formats that do not
// carry a title); encode writes one. Either may be nil when the format is
// only written or only read.
type format struct {
	decode func(data []byte, name string, o readOptions) ([]*annotations.File, *exchange.Report, error)
	encode func(f *annotations.File, o readOptions) ([]byte, error)
	// leaves is what of a file the format has no place for, and encode
	// leaves out (as its encoder's documentation says). The annotator's
	// name is not counted: other tools keep it apart from their files,
	// and it goes with the file's name.
	leaves []part
}

// part is a part of a file that a format may have no place for.
type part int

const (
	notes part = iota
	entities
	orphans
	conflicts
)

// leftOut returns what writing f in format to would leave out, as
// warnings: what f holds of the parts the format has no place for.
func leftOut(f *annotations.File, to string) []exchange.Warning {
	var ws []exchange.Warning
	count := func(n int, what string) {
		if n > 0 {
			ws = append(ws, exchange.Warning{What: what + " not written (" + to + " has no place for it)", Count: n})
		}
	}
	annotationsWith := func(has func(a annotations.Annotation) bool) int {
		n := 0
		for _, a := range f.Annotations {
			if has(a) {
				n++
			}
		}
		return n
	}
	for _, p := range formats[to].leaves {
		switch p {
		case notes:
			count(annotationsWith(func(a annotations.Annotation) bool { return a.Note != "" }), "notes of annotations")
		case entities:
			count(annotationsWith(func(a annotations.Annotation) bool { return a.Entity != "" }), "entities of annotations")
		case conflicts:
			count(annotationsWith(func(a annotations.Annotation) bool { return a.Conflict != nil }), "conflicts of annotations")
		case orphans:
			count(len(f.Orphans), "orphans (annotations not placed in the text)")
		}
	}
	return ws
}

// readOptions are the flags that say how to read and write other tools'
// files: --offsets and --doc (see cmdFlags.readFlags).
type readOptions struct {
	// offsets is the unit of doccano's offsets.
	offsets exchange.OffsetUnit
	// doc picks one document of a file that holds several: its number,
	// from 1, or its id or annotator; "" when there is one.
	doc string
}

// readFlags registers --offsets and --doc; the options are set once the
// flags are parsed, and a bad --offsets is a usage error.
func (c *cmdFlags) readFlags() *readOptions {
	offsets := c.String("offsets", "utf16", "unit of doccano offsets: utf16 (doccano's default) or codepoints")
	doc := c.String("doc", "", "in a file with several documents (doccano lines, Label Studio tasks × annotators), the one to read: N from 1, or its annotator")
	o := &readOptions{}
	c.after = append(c.after, func() error {
		o.doc = *doc
		switch *offsets {
		case "utf16", "utf-16":
		case "codepoints", "codepoint", "code-points":
			o.offsets = exchange.UnitCodePoint
		default:
			return fmt.Errorf("--offsets %q: want utf16 or codepoints", *offsets)
		}
		return nil
	})
	return o
}

func one(f *annotations.File, err error) ([]*annotations.File, *exchange.Report, error) {
	if err != nil {
		return nil, nil, err
	}
	return []*annotations.File{f}, nil, nil
}

var formats = map[string]format{
	"spanmark": {
		decode: func(b []byte, _ string, _ readOptions) ([]*annotations.File, *exchange.Report, error) {
			return one(codec.Decode(b))
		},
		encode: func(f *annotations.File, _ readOptions) ([]byte, error) { return codec.Encode(f) },
	},
	"w3c": {
		decode: func(b []byte, _ string, _ readOptions) ([]*annotations.File, *exchange.Report, error) {
			return one(w3c.Decode(b))
		},
		encode: func(f *annotations.File, _ readOptions) ([]byte, error) { return w3c.Encode(f) },
	},
	"jsonl": {
		encode: func(f *annotations.File, _ readOptions) ([]byte, error) { return jsonl.Encode(f) },
		leaves: []part{orphans},
	},
}

// formatHelp has a line about each format for the usage text.
var formatHelp = map[string]string{
	"spanmark": "Spanmark's native file, text included (docs/format.md)",
	"w3c":      "W3C Web Annotation collection, JSON-LD",
	"jsonl":    "one JSON object per annotation per line, for pandas, DuckDB or Spark",
}

// formatNames returns the names of the formats that can be read (decode)
// or written (!decode), sorted.
func formatNames(decode bool) []string {
	var names []string
	for name, f := range formats {
		if decode && f.decode != nil || !decode && f.encode != nil {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// detect tells a native file from a W3C one (an object, or a plain array
// of annotations) by codec.Sniff, the rule the browser uses too, so that a
// file can be read without --from.
func detect(data []byte) (string, error) {
	switch codec.Sniff(data) {
	case codec.FormatSpanmark:
		return "spanmark", nil
	case codec.FormatW3C:
		return "w3c", nil
	}
	return "", fmt.Errorf("cannot tell the format: not a JSON object with a \"spanmark\" or a W3C \"@context\" field; name it with --from %s", strings.Join(formatNames(true), "|"))
}

// readFile reads and decodes the file at path in format from, or in the
// detected format when from is "", and returns the document o.doc picks
// when it holds several, with the decoder's report. Errors start with the
// path.
func readFile(path, from string, data []byte, o readOptions) (*annotations.File, string, *exchange.Report, error) {
	fs, from, rep, err := readAll(path, from, data, o)
	if err != nil {
		return nil, from, nil, err
	}
	i, err := pickDoc(fs, o.doc)
	if err != nil {
		return nil, from, nil, fmt.Errorf("%s: %w", path, err)
	}
	if rep != nil && len(fs) > 1 {
		rep = rep.Only(i)
	}
	return fs[i], from, rep, nil
}

// readAll is [readFile] returning every document of the file.
func readAll(path, from string, data []byte, o readOptions) ([]*annotations.File, string, *exchange.Report, error) {
	if from == "" {
		var err error
		if from, err = detect(data); err != nil {
			return nil, "", nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	ft, ok := formats[from]
	if !ok || ft.decode == nil {
		return nil, "", nil, fmt.Errorf("cannot read format %q; known: %s", from, strings.Join(formatNames(true), ", "))
	}
	fs, rep, err := ft.decode(data, baseName(path), o)
	if err != nil {
		return nil, from, nil, fmt.Errorf("%s: %w", path, err)
	}
	return fs, from, rep, nil
}

// pickDoc returns the index of the document doc names among fs: "" for
// the only one, a number from 1, or an annotator's name.
func pickDoc(fs []*annotations.File, doc string) (int, error) {
	if doc == "" {
		if len(fs) == 1 {
			return 0, nil
		}
		return 0, fmt.Errorf("the file holds %d documents (%s); pick one with --doc N (1 to %d)", len(fs), docList(fs), len(fs))
	}
	if n, err := strconv.Atoi(doc); err == nil {
		if n < 1 || n > len(fs) {
			return 0, fmt.Errorf("--doc %d: the file holds %d documents (%s)", n, len(fs), docList(fs))
		}
		return n - 1, nil
	}
	for i, f := range fs {
		if f.Annotator == doc || f.Document.ID == doc {
			return i, nil
		}
	}
	return 0, fmt.Errorf("--doc %q: no document has that annotator or id (%s)", doc, docList(fs))
}

// docList names the documents of fs for a message: each one's number, the
// start of its text and its annotator, the first five.
func docList(fs []*annotations.File) string {
	var b []string
	for i, f := range fs {
		if i == 5 {
			b = append(b, "…")
			break
		}
		s := fmt.Sprintf("%d: %s", i+1, quoteShort(f.Document.Text, 20))
		if f.Annotator != "" {
			s += " by " + f.Annotator
		}
		b = append(b, s)
	}
	return strings.Join(b, "; ")
}

// warn prints the report's warnings on w, each starting with path, and
// returns whether there were any.
func warn(w io.Writer, path string, rep *exchange.Report) bool {
	if rep.IsEmpty() {
		return false
	}
	return warnAll(w, path, rep.Warnings)
}

// warnAll prints ws on w, each starting with where, and returns whether
// there were any.
func warnAll(w io.Writer, where string, ws []exchange.Warning) bool {
	for _, x := range ws {
		fmt.Fprintf(w, "%s: warning: %s\n", where, x)
	}
	return len(ws) > 0
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}
