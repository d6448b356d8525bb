//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/argmap"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/jsonl"
	"github.com/spanmark/spanmark/annotations/codec/w3c"
	"github.com/spanmark/spanmark/annotations/suggest"
)

// The answers. Their formats are the page's to read (web/analysis.js), so
// they are kept cheap to parse there, without a JSON decoder:
//
//   - suggest: one line per suggestion, its fields separated by tabs: ID,
//     label, start, end (code points, half-open), reason, entity, then a
//     type and a target for each link. Every field is escaped by [escape]
//     (a backslash before a backslash, "t" for a tab and "n" for a line
//     feed), so no field holds a tab or a line feed.
//   - argmap: {svg, tables, labels}: the drawing of argmap.Drawing.SVG and
//     the tables of argmap.Map.Tables, both XML with every text escaped,
//     and the statement labels to filter by, as [id, name] pairs.
//   - export-w3c and export-jsonl: the text of the file in that format.
//   - ping: "pong", to check that the worker runs.
//
// The errors of the exports and the import are the codec's messages, such
// as "line 12: first.items[3].body[0].value: unknown label", without the
// operation, which the page puts before them.
//
//   - place, corpus-export, corpus-import: see place.go and corpus.go.

var lexicon *suggest.Lexicon // parsed on the first suggest request

// last is the document of the latest request, kept because building one
// (paragraphs, runes) costs as much as decoding the file again.
var last *annotations.Document

func answer(r request) (any, error) {
	switch r.kind {
	case "ping":
		return "pong", nil
	case "export-w3c", "export-jsonl":
		return export(r.kind, r.file)
	case "place":
		return answerPlace(r)
	case "corpus-export":
		return answerCorpusExport(r)
	case "corpus-import":
		return answerCorpusImport(r)
	}
	f, err := codec.Decode([]byte(r.file))
	if err != nil {
		return nil, errors.New(r.kind + ": " + err.Error())
	}
	switch r.kind {
	case "suggest":
		if lexicon == nil {
			lexicon = suggest.English()
		}
		if last == nil || last.ID != f.Document.ID {
			last = annotations.NewDocument(f.Document.Text, f.Document.Title, f.Document.Source)
		}
		return suggestLines(suggest.Suggest(last, f.Annotations, lexicon)), nil
	case "argmap":
		m := argmap.New([]argmap.Source{argmap.FromFile(f, "this document")})
		all := make([]any, len(m.Labels))
		for i, l := range m.Labels {
			all[i] = []any{l.ID, l.Name}
		}
		if r.only != "" {
			m = m.Only(r.only)
		}
		return map[string]any{"svg": argmap.Layout(m).SVG(), "tables": m.Tables(), "labels": all}, nil
	}
	return nil, errors.New("unknown request " + strconv.Quote(r.kind))
}

func suggestLines(sugs []suggest.Suggestion) string {
	var b strings.Builder
	for _, s := range sugs {
		escape(&b, s.ID)
		b.WriteByte('\t')
		escape(&b, s.Label)
		b.WriteString("\t" + strconv.Itoa(s.Start) + "\t" + strconv.Itoa(s.End) + "\t")
		escape(&b, s.Reason)
		b.WriteByte('\t')
		escape(&b, s.Entity)
		for _, l := range s.Links {
			b.WriteByte('\t')
			escape(&b, l.Type)
			b.WriteByte('\t')
			escape(&b, l.To)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// escape writes s with its backslashes, tabs and line feeds escaped.
func escape(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
}

// export encodes the native file in the format of kind.
func export(kind, file string) (string, error) {
	f, err := codec.Decode([]byte(file))
	if err != nil {
		return "", err
	}
	var b []byte
	if kind == "export-w3c" {
		b, err = w3c.Encode(f)
	} else {
		b, err = jsonl.Encode(f)
	}
	return string(b), err
}
