package main

// The formats of other annotation tools: brat standoff, doccano JSONL and
// Label Studio JSON (annotations/exchange: brat.go, doccano.go, labelstudio.go say
// what each keeps), registered in convert's table (formats.go). A doccano
// file may hold several documents and a Label Studio export several
// annotators' work; convert reads one at a time, while agree and merge
// take every annotator in them (decodeAll).

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
		decode: func(b []byte, name string) (*annotations.File, error) {
			return exchange.DecodeBratWithoutText(b, name)
		},
		// The .ann part; write the .txt part with --to txt.
		encode: func(f *annotations.File) ([]byte, error) {
			_, ann, err := exchange.EncodeBrat(f)
			return ann, err
		},
	}
	formatHelp["brat"] = "brat standoff .ann (read with --text FILE.txt; write the .txt with --to txt)"
	formats["txt"] = format{
		encode: func(f *annotations.File) ([]byte, error) {
			if f.Document.Text == "" && f.Document.Length > 0 {
				return nil, fmt.Errorf("encode txt: the file holds no text")
			}
			return []byte(f.Document.Text), nil
		},
	}
	formatHelp["txt"] = "the document's text alone, such as brat's .txt beside its .ann"
	formats["doccano"] = format{
		decode: func(b []byte, name string) (*annotations.File, error) {
			fs, err := exchange.DecodeDoccano(b, name, exchange.UnitUTF16)
			if err != nil {
				return nil, err
			}
			return onlyOne(fs, "documents (lines)")
		},
		encode: func(f *annotations.File) ([]byte, error) {
			return exchange.EncodeDoccano([]*annotations.File{f}, exchange.UnitUTF16)
		},
	}
	formatHelp["doccano"] = "doccano JSONL export (entities, relations); offsets in UTF-16 units, as doccano counts"
	formats["labelstudio"] = format{
		decode: func(b []byte, name string) (*annotations.File, error) {
			fs, err := exchange.DecodeLabelStudio(b, name)
			if err != nil {
				return nil, err
			}
			return onlyOne(fs, "annotations (tasks × annotators)")
		},
		encode: exchange.EncodeLabelStudio,
	}
	formatHelp["labelstudio"] = "Label Studio JSON export (labels and relation results); offsets in code points"
}

// onlyOne returns the only file of fs, or an error saying how many there
// are, for convert, which writes one file.
func onlyOne(fs []*annotations.File, what string) (*annotations.File, error) {
	if len(fs) == 1 {
		return fs[0], nil
	}
	var who []string
	for i, f := range fs {
		n := f.Annotator
		if n == "" {
			n = fmt.Sprintf("#%d", i+1)
		}
		who = append(who, n)
	}
	return nil, fmt.Errorf("the file holds %d %s (%s); convert writes one file, but agree and merge read them all",
		len(fs), what, strings.Join(who, ", "))
}

// decodeAll reads every annotator's work in the file at path: one file
// for most formats, one per line of a doccano file and one per annotation
// of a Label Studio export. from "" detects the native and W3C formats.
// names are the annotators' fallback names: the file name, with "#2",
// "#3", … when the file holds several.
func decodeAll(path, from string, data []byte) ([]*annotations.File, []string, error) {
	base := baseName(path)
	var fs []*annotations.File
	var err error
	switch from {
	case "doccano":
		fs, err = exchange.DecodeDoccano(data, base, exchange.UnitUTF16)
	case "labelstudio":
		fs, err = exchange.DecodeLabelStudio(data, base)
	default:
		if from == "" {
			if _, derr := detect(data); derr != nil {
				// Say what is wrong where, as a native file, when it is
				// not one that detect recognises.
				if _, err := codec.Decode(data); err != nil {
					return nil, nil, fmt.Errorf("%s: %w (read as a spanmark file; name another format with --from %s)",
						path, err, strings.Join(formatNames(true), "|"))
				}
			}
		}
		var f *annotations.File
		f, _, err = readFile(path, from, data)
		if err != nil {
			return nil, nil, err
		}
		fs = []*annotations.File{f}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	names := make([]string, len(fs))
	for i := range fs {
		names[i] = base
		if len(fs) > 1 {
			names[i] = fmt.Sprintf("%s#%d", base, i+1)
		}
	}
	return fs, names, nil
}
