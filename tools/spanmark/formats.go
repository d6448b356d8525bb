package main

// The file formats convert reads and writes. A converter for another tool's
// format adds an entry to formats in its own file's init function, and
// says whether detect can recognise it.

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/jsonl"
	"github.com/spanmark/spanmark/annotations/codec/w3c"
)

// format is a file format: decode reads a file (name is the file's base
// name, for formats that do not carry a title), encode writes one. Either
// may be nil when the format is only written or only read.
type format struct {
	decode func(data []byte, name string) (*annotations.File, error)
	encode func(f *annotations.File) ([]byte, error)
}

var formats = map[string]format{
	"spanmark": {
		decode: func(b []byte, _ string) (*annotations.File, error) { return codec.Decode(b) },
		encode: codec.Encode,
	},
	"w3c": {
		decode: func(b []byte, _ string) (*annotations.File, error) { return w3c.Decode(b) },
		encode: w3c.Encode,
	},
	"jsonl": {
		encode: jsonl.Encode,
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

// detect tells a native file from a W3C one by codec.Sniff, the rule the
// browser uses too, so that a file can be read without --from.
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
// detected format when from is "". Errors start with the path.
func readFile(path, from string, data []byte) (*annotations.File, string, error) {
	if from == "" {
		var err error
		if from, err = detect(data); err != nil {
			return nil, "", fmt.Errorf("%s: %w", path, err)
		}
	}
	ft, ok := formats[from]
	if !ok || ft.decode == nil {
		return nil, "", fmt.Errorf("cannot read format %q; known: %s", from, strings.Join(formatNames(true), ", "))
	}
	f, err := ft.decode(data, baseName(path))
	if err != nil {
		return nil, from, fmt.Errorf("%s: %w", path, err)
	}
	return f, from, nil
}

// loadFile reads the file at path and decodes it as [readFile] does.
func loadFile(path, from string) (*annotations.File, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	return readFile(path, from, data)
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}
