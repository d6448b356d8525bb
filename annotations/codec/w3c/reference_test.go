package w3c

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// encodeW3CReference is the first Encode, written with encoding/json and
// the mirror types below, and net/url for escaping. Encode now writes by
// hand, so that the browser program need not link encoding/json, reflect
// and net/url; the tests check that the two agree byte for byte.
func encodeW3CReference(f *annotations.File) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode w3c: no file")
	}
	doc, err := documentIRI(f.Document)
	if err != nil {
		return nil, lite.Errorf("encode w3c: %w", err)
	}
	var creator *w3cAgent
	if f.Annotator != "" {
		creator = &w3cAgent{Type: "Person", Name: f.Annotator}
	}
	out := w3cCollectionOut{
		Context:   []any{w3cContext, w3cExtensionContextReference},
		ID:        localIRIReference(doc, w3cCollectionID),
		Type:      typeCollection,
		Label:     f.Document.Title,
		Total:     len(f.Annotations) + len(f.Relations),
		Creator:   creator,
		Generator: w3cAgent{ID: w3cGenerator, Type: "Software", Name: "Spanmark"},
		Generated: jsonio.FormatTime(f.Exported),
		Document:  w3cDocumentOut{ID: f.Document.ID, Title: f.Document.Title, Source: f.Document.Source, Length: f.Document.Length},
		Schema:    codectest.SchemaOut{Labels: codectest.LabelsOut(f.Schema.Labels), Relations: make([]codectest.RelationTypeOut, len(f.Schema.Relations))},
		First: w3cPageOut{
			ID:    localIRIReference(doc, w3cPageID),
			Type:  typePage,
			Items: make([]any, 0, len(f.Annotations)+len(f.Relations)),
		},
	}
	for i, r := range f.Schema.Relations {
		out.Schema.Relations[i] = codectest.RelationTypeOut{ID: r.ID, Name: r.Name, From: lite.NonNil(r.From), To: lite.NonNil(r.To), Description: r.Description}
	}
	anns := make([]*annotations.Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
	}
	slices.SortStableFunc(anns, annotations.Compare)
	for _, a := range anns {
		if a.ID == "" || a.Quote == "" {
			return nil, lite.Errorf("encode w3c: annotation %q at [%d,%d): empty id or quote", a.ID, a.Start, a.End)
		}
		o := w3cAnnotationOut{
			ID:       localIRIReference(doc, a.ID),
			Type:     typeAnnotation,
			Creator:  creator,
			Created:  jsonio.FormatTime(a.Created),
			Modified: jsonio.FormatTime(a.Modified),
			Body:     []any{w3cTextualBody{Type: typeTextual, Purpose: purposeLabel, Value: labelTag(f.Schema, a.Label)}},
			Target: w3cTargetOut{Type: typeSpecific, Source: doc, Selector: []any{
				w3cQuoteOut{Type: typeQuote, Exact: a.Quote, Prefix: a.Prefix, Suffix: a.Suffix},
			}},
		}
		if a.Entity != "" {
			o.Body = append(o.Body, w3cTextualBody{Type: typeTextual, Purpose: purposeEntity, Value: a.Entity})
		}
		if a.Note != "" {
			o.Body = append(o.Body, w3cTextualBody{Type: typeTextual, Purpose: purposeNote, Value: a.Note})
		}
		// A span of a file read from another tool may have no position
		// yet (End <= Start) until it is placed; it is written by quote.
		if a.End > a.Start && a.Start >= 0 {
			o.Target.Selector = append(o.Target.Selector, w3cPositionOut{Type: typePosition, Start: a.Start, End: a.End})
		}
		if a.Conflict != nil {
			o.Conflict = &codectest.ConflictOut{Votes: lite.NonNil(a.Conflict.Votes)}
		}
		out.First.Items = append(out.First.Items, o)
	}
	rels := slices.Clone(f.Relations)
	slices.SortStableFunc(rels, func(a, b annotations.Relation) int { return annotations.CompareIDs(a.ID, b.ID) })
	for _, r := range rels {
		if r.ID == "" {
			return nil, lite.Errorf("encode w3c: relation %s from %q to %q: empty id", r.Type, r.From, r.To)
		}
		out.First.Items = append(out.First.Items, w3cRelationOut{
			ID:         localIRIReference(doc, r.ID),
			Type:       typeAnnotation,
			Motivation: motivationLink,
			Body: []any{
				w3cTextualBody{Type: typeTextual, Purpose: purposeLabel, Value: relationTag(f.Schema, r.Type)},
				w3cLinkBody{Type: typeSpecific, Purpose: purposeLink, Source: localIRIReference(doc, r.To)},
			},
			Target: localIRIReference(doc, r.From),
		})
	}
	if len(f.Orphans) > 0 {
		os := make([]*annotations.Orphan, len(f.Orphans))
		for i := range f.Orphans {
			os[i] = &f.Orphans[i]
		}
		slices.SortStableFunc(os, func(a, b *annotations.Orphan) int { return annotations.Compare(&a.Annotation, &b.Annotation) })
		out.Orphans = make([]codectest.OrphanOut, len(os))
		for i, o := range os {
			out.Orphans[i] = codectest.OrphanOut{Annotation: codectest.AnnotationToOut(&o.Annotation), Reason: o.Reason}
		}
	}
	var buf bytes.Buffer
	// About 1.4 KB per annotation and 0.6 KB per relation, indented.
	buf.Grow(2048 + 1500*len(f.Annotations) + 600*len(f.Relations))
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, lite.Errorf("encode w3c: %w", err)
	}
	return buf.Bytes(), nil
}

// w3cExtensionContextReference is the first form of w3cExtensionContext.
var w3cExtensionContextReference = map[string]any{
	"spanmark":          w3cNamespace,
	"spanmark:document": map[string]string{"@type": "@json"},
	"spanmark:schema":   map[string]string{"@type": "@json"},
	"spanmark:orphans":  map[string]string{"@type": "@json"},
	"spanmark:conflict": map[string]string{"@type": "@json"},
}

func localIRIReference(doc, id string) string { return doc + "#" + url.PathEscape(id) }

// The types below fix the field order of the export, leave out what is
// empty, and write times in UTC to the second.
type (
	w3cCollectionOut struct {
		Context   []any                 `json:"@context"`
		ID        string                `json:"id"`
		Type      string                `json:"type"`
		Label     string                `json:"label,omitempty"`
		Total     int                   `json:"total"`
		Creator   *w3cAgent             `json:"creator,omitempty"`
		Generator w3cAgent              `json:"generator"`
		Generated string                `json:"generated,omitempty"`
		Document  w3cDocumentOut        `json:"spanmark:document"`
		Schema    codectest.SchemaOut   `json:"spanmark:schema"`
		Orphans   []codectest.OrphanOut `json:"spanmark:orphans,omitempty"`
		First     w3cPageOut            `json:"first"`
	}
	w3cDocumentOut struct {
		ID     string `json:"id,omitempty"`
		Title  string `json:"title,omitempty"`
		Source string `json:"source,omitempty"`
		Length int    `json:"length"`
	}
	w3cAgent struct {
		ID   string `json:"id,omitempty"`
		Type string `json:"type"`
		Name string `json:"name,omitempty"`
	}
	w3cPageOut struct {
		ID         string `json:"id"`
		Type       string `json:"type"`
		StartIndex int    `json:"startIndex"`
		Items      []any  `json:"items"`
	}
	w3cAnnotationOut struct {
		ID       string                 `json:"id"`
		Type     string                 `json:"type"`
		Creator  *w3cAgent              `json:"creator,omitempty"`
		Created  string                 `json:"created,omitempty"`
		Modified string                 `json:"modified,omitempty"`
		Body     []any                  `json:"body"`
		Target   w3cTargetOut           `json:"target"`
		Conflict *codectest.ConflictOut `json:"spanmark:conflict,omitempty"`
	}
	w3cRelationOut struct {
		ID         string `json:"id"`
		Type       string `json:"type"`
		Motivation string `json:"motivation"`
		Body       []any  `json:"body"`
		Target     string `json:"target"`
	}
	w3cTextualBody struct {
		Type    string `json:"type"`
		Purpose string `json:"purpose"`
		Value   string `json:"value"`
	}
	w3cLinkBody struct {
		Type    string `json:"type"`
		Purpose string `json:"purpose"`
		Source  string `json:"source"`
	}
	w3cTargetOut struct {
		Type     string `json:"type"`
		Source   string `json:"source"`
		Selector []any  `json:"selector"`
	}
	w3cQuoteOut struct {
		Type   string `json:"type"`
		Exact  string `json:"exact"`
		Prefix string `json:"prefix,omitempty"`
		Suffix string `json:"suffix,omitempty"`
	}
	w3cPositionOut struct {
		Type  string `json:"type"`
		Start int    `json:"start"`
		End   int    `json:"end"`
	}
)

func TestEncodeW3CMatchesReference(t *testing.T) {
	for name, f := range codectest.ReferenceFiles(t, w3cCases) {
		t.Run(name, func(t *testing.T) {
			want, err := encodeW3CReference(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Encode differs from encoding/json (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIsAbsoluteIRI(t *testing.T) {
	cases := []struct {
		s    string
		want bool
	}{
		{"urn:sha256:00ff", true},
		{"https://example.org/talks", true},
		{"x-a+b.c:rest", true},
		{"urn:", true},
		{"", false},
		{":nothing", false},
		{"1urn:x", false},
		{"ur n:x", false},
		{"relative/path", false},
		{"https://example.org/#frag", false},
		{"https://example.org/a b", false},
		{" https://example.org/", false},
		{"https://example.org/\u00a0", false},
		{"https://example.org/\x7f", false},
		{"https://example.org/\u00e9", true},
	}
	for _, c := range cases {
		if got := isAbsoluteIRI(c.s); got != c.want {
			t.Errorf("isAbsoluteIRI(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
