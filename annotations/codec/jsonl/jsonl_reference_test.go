package jsonl

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
	"github.com/spanmark/spanmark/annotations/codec/w3c"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// encodeJSONLReference is the first Encode, written with encoding/json
// and the row types below. Encode now writes by hand; the tests check
// that the two agree byte for byte.
func encodeJSONLReference(f *annotations.File) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode jsonl: no file")
	}
	byID := make(map[string]*annotations.Annotation, len(f.Annotations)+len(f.Orphans))
	for i := range f.Orphans {
		byID[f.Orphans[i].Annotation.ID] = &f.Orphans[i].Annotation
	}
	anns := make([]*annotations.Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
		byID[anns[i].ID] = anns[i]
	}
	slices.SortStableFunc(anns, annotations.Compare)
	rels := slices.Clone(f.Relations)
	slices.SortStableFunc(rels, func(a, b annotations.Relation) int { return annotations.CompareIDs(a.ID, b.ID) })
	from := make(map[string][]annotations.Relation, len(rels))
	for _, r := range rels {
		from[r.From] = append(from[r.From], r)
	}
	var buf bytes.Buffer
	buf.Grow(300 * len(anns))
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, a := range anns {
		row := jsonlRow{
			Document: f.Document.ID,
			ID:       a.ID, Label: a.Label, LabelName: labelName(f.Schema, a.Label), Start: a.Start, End: a.End,
			Quote: a.Quote, Prefix: a.Prefix, Suffix: a.Suffix,
			Entity: a.Entity, Note: a.Note,
			Sources: []string{}, Targets: []string{}, Links: []jsonlLink{},
			Created: optTime(jsonio.FormatTime(a.Created)), Modified: optTime(jsonio.FormatTime(a.Modified)),
		}
		for _, r := range from[a.ID] {
			row.Links = append(row.Links, jsonlLink{Type: r.Type, TypeName: relationName(f.Schema, r.Type), To: r.To})
			to, ok := byID[r.To]
			if !ok {
				return nil, lite.Errorf("encode jsonl: relation %q: no annotation has id %q", r.ID, r.To)
			}
			name := to.Entity
			if name == "" {
				name = to.Quote
			}
			switch r.Type {
			case relationSource:
				row.Sources = append(row.Sources, name)
			case relationTarget:
				row.Targets = append(row.Targets, name)
			}
		}
		if err := enc.Encode(row); err != nil {
			return nil, lite.Errorf("encode jsonl: annotation %q: %w", a.ID, err)
		}
	}
	return buf.Bytes(), nil
}

func optTime(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// jsonlRow is one line of the JSONL export. The field order is fixed; every
// field is always present, so every line has the same columns.
type jsonlRow struct {
	Document  string      `json:"document"`
	ID        string      `json:"id"`
	Label     string      `json:"label"`
	LabelName string      `json:"label_name"`
	Start     int         `json:"start"`
	End       int         `json:"end"`
	Quote     string      `json:"quote"`
	Prefix    string      `json:"prefix"`
	Suffix    string      `json:"suffix"`
	Entity    string      `json:"entity"`
	Note      string      `json:"note"`
	Sources   []string    `json:"sources"`
	Targets   []string    `json:"targets"`
	Links     []jsonlLink `json:"links"`
	Created   *string     `json:"created"`
	Modified  *string     `json:"modified"`
}

// jsonlLink is a relation from the annotation of a row.
type jsonlLink struct {
	Type     string `json:"type"`
	TypeName string `json:"type_name"`
	To       string `json:"to"`
}

func TestEncodeJSONLMatchesReference(t *testing.T) {
	files := codectest.ReferenceFiles(t, w3cCases)
	files["empty"] = &annotations.File{}
	for name, f := range files {
		t.Run(name, func(t *testing.T) {
			want, wantErr := encodeJSONLReference(f)
			got, err := Encode(f)
			if diff := cmp.Diff(errString(wantErr), errString(err)); diff != "" {
				t.Fatalf("error (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Encode differs from encoding/json (-want +got):\n%s", diff)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// FuzzEncode checks that Encode writes what its encoding/json reference
// writes, on whatever the W3C decoder reads: the decoder makes files of
// every shape, from the seeds of its own fuzzer (the W3C files of
// testdata).
func FuzzEncode(f *testing.F) {
	names, err := filepath.Glob(codectest.Testdata("w3c", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := w3c.Decode(data)
		if err != nil {
			return
		}
		got, err := Encode(file)
		if want, wantErr := encodeJSONLReference(file); errString(wantErr) != errString(err) || string(want) != string(got) {
			t.Fatalf("Encode differs from encoding/json (%v, %v):\n%s\n%s", wantErr, err, want, got)
		}
	})
}
