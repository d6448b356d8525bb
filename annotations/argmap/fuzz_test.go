package argmap_test

import (
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/argmap"
)

// FuzzExports puts arbitrary text in an entity, a quote, a note and a
// document name, and checks that every format still parses: the SVG and
// GraphML as XML (the GraphML with its structure), the CSV with one row
// per statement of ten cells, and the DOT as one digraph whose strings
// hold the text.
func FuzzExports(f *testing.F) {
	for _, p := range hostilePayloads(f) {
		f.Add(p, p, p, p)
	}
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, entity, quote, note, doc string) {
		m := argmap.New([]argmap.Source{{Document: doc, Annotator: note, Schema: annotations.DefaultSchema(),
			Annotations: []annotations.Annotation{
				{ID: "a1", Label: "actor", Start: 0, End: 1, Quote: quote, Entity: entity},
				{ID: "a2", Label: "actor", Start: 1, End: 2, Quote: quote},
				{ID: "a3", Label: "claim", Start: 2, End: 3, Quote: quote, Note: note},
				{ID: "a4", Label: "proposal", Start: 3, End: 4, Quote: note},
			},
			Relations: []annotations.Relation{
				{ID: "r1", Type: "source", From: "a3", To: "a1"},
				{ID: "r2", Type: "target", From: "a3", To: "a2"},
				{ID: "r3", Type: "target", From: "a4", To: "a1"},
			}}})
		dec := xml.NewDecoder(strings.NewReader(argmap.Layout(m).SVG()))
		for {
			if _, err := dec.Token(); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("SVG: %v", err)
			}
		}
		checkGraphML(t, m.GraphML())
		rows, err := csv.NewReader(strings.NewReader(m.CSV())).ReadAll()
		if err != nil || len(rows) != 3 || len(rows[1]) != 10 {
			t.Fatalf("CSV: %d rows, %v", len(rows), err)
		}
		dotTokens(t, m.DOT())
	})
}
