package main

// The formats of other annotation tools: brat standoff, doccano JSONL and
// Label Studio JSON (annotations/exchange: brat.go, doccano.go, labelstudio.go say
// what each keeps), registered in convert's table (formats.go). A doccano
// file may hold several documents and a Label Studio export several
// annotators' work on several tasks: convert, stats and validate read the
// one --doc picks, while agree and merge group them by document and take
// every annotator of one document (decodeAll, loadPanel).

import (
	"fmt"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/exchange"
)

func init() {
	formats["brat"] = format{
		// A .ann file does not carry its text: read it alone, and place it
		// in the article with --text (the .txt file beside it).
		decode: func(b []byte, name string, _ readOptions) ([]*annotations.File, *exchange.Report, error) {
			f, rep, err := exchange.DecodeBratWithoutText(b, name)
			if err != nil {
				return nil, nil, err
			}
			return []*annotations.File{f}, rep, nil
		},
		// The .ann part; write the .txt part with --to txt.
		encode: func(f *annotations.File, _ readOptions) ([]byte, error) {
			_, ann, err := exchange.EncodeBrat(f)
			return ann, err
		},
		leaves: []part{orphans, conflicts},
	}
	formatHelp["brat"] = "brat standoff .ann (read with --text FILE.txt; write the .txt with --to txt)"
	formats["txt"] = format{
		encode: func(f *annotations.File, _ readOptions) ([]byte, error) {
			if f.Document.Text == "" && f.Document.Length > 0 {
				return nil, fmt.Errorf("encode txt: the file holds no text")
			}
			return []byte(f.Document.Text), nil
		},
	}
	formatHelp["txt"] = "the document's text alone, such as brat's .txt beside its .ann"
	formats["doccano"] = format{
		decode: func(b []byte, name string, o readOptions) ([]*annotations.File, *exchange.Report, error) {
			return exchange.DecodeDoccano(b, name, o.offsets)
		},
		encode: func(f *annotations.File, o readOptions) ([]byte, error) {
			return exchange.EncodeDoccano([]*annotations.File{f}, o.offsets)
		},
		leaves: []part{notes, entities, orphans, conflicts},
	}
	formatHelp["doccano"] = "doccano JSONL or JSON export; offsets in UTF-16 units, as doccano counts, or --offsets codepoints"
	formats["labelstudio"] = format{
		decode: func(b []byte, name string, _ readOptions) ([]*annotations.File, *exchange.Report, error) {
			return exchange.DecodeLabelStudio(b, name)
		},
		encode: func(f *annotations.File, _ readOptions) ([]byte, error) { return exchange.EncodeLabelStudio(f) },
		leaves: []part{entities, orphans, conflicts},
	}
	formatHelp["labelstudio"] = "Label Studio JSON export, or one task (labels and relation results); offsets in code points"
}

// decodeAll reads every annotator's work in the file at path: one file
// for most formats, one per line of a doccano file and one per annotation
// of a Label Studio export. from "" detects the native and W3C formats.
// names are the annotators' fallback names: the file name, with "#2",
// "#3", … when the file holds several.
func decodeAll(path, from string, data []byte, o readOptions) ([]*annotations.File, []string, *exchange.Report, error) {
	base := baseName(path)
	if from == "" {
		if _, derr := detect(data); derr != nil {
			// Say what is wrong where, as a native file, when it is not one
			// that detect recognises.
			if _, err := codec.Decode(data); err != nil {
				return nil, nil, nil, fmt.Errorf("%s: %w (read as a spanmark file; name another format with --from %s)",
					path, err, strings.Join(formatNames(true), "|"))
			}
		}
	}
	fs, _, rep, err := readAll(path, from, data, o)
	if err != nil {
		return nil, nil, nil, err
	}
	names := make([]string, len(fs))
	for i := range fs {
		names[i] = base
		if len(fs) > 1 {
			names[i] = fmt.Sprintf("%s#%d", base, i+1)
		}
	}
	return fs, names, rep, nil
}
