package w3c

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/annotations"
)

// twoFiles returns the sample's file and a second file of another text,
// with the same schema and fewer annotations.
func twoFiles(t *testing.T) (a, b *annotations.File) {
	t.Helper()
	a, b = readTestFile(t, "sample.spanmark.json"), readTestFile(t, "sample.spanmark.json")
	b.Document.ID = "sha256:" + strings.Repeat("ab", 32)
	b.Document.Title, b.Document.Source = "Second", "articles/second.txt"
	b.Annotations, b.Relations = b.Annotations[:2], nil
	b.Orphans = []annotations.Orphan{{Annotation: b.Annotations[0], Reason: "gone"}}
	b.Annotations = b.Annotations[1:]
	return a, b
}

func unmarshal(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return m
}

// items returns the items of the collection's first page.
func items(m map[string]any) []any {
	first, _ := m["first"].(map[string]any)
	it, _ := first["items"].([]any)
	return it
}

// TestEncodeAll checks that a collection of two files holds each file's
// items exactly as the file's own export has them, each targeting its own
// document, and lists the documents.
func TestEncodeAll(t *testing.T) {
	a, b := twoFiles(t)
	c := Collection{ID: "https://example.org/proj/project.json", Label: "Council", Annotator: "ann", Exported: a.Exported, Schema: a.Schema}
	data, err := EncodeAll(c, []*annotations.File{a, b})
	if err != nil {
		t.Fatal(err)
	}
	got := unmarshal(t, data)
	var want []any
	for _, f := range []*annotations.File{a, b} {
		one, err := Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, items(unmarshal(t, one))...)
	}
	if diff := cmp.Diff(want, items(got)); diff != "" {
		t.Errorf("EncodeAll items differ from each file's Encode items (-want +got):\n%s", diff)
	}
	var sources []string
	for _, it := range items(got) {
		if tg, ok := it.(map[string]any)["target"].(map[string]any); ok {
			sources = append(sources, tg["source"].(string))
		}
	}
	urnA, urnB := "urn:"+a.Document.ID, "urn:"+b.Document.ID
	var wantSources []string
	for range a.Annotations {
		wantSources = append(wantSources, urnA)
	}
	for range b.Annotations {
		wantSources = append(wantSources, urnB)
	}
	if diff := cmp.Diff(wantSources, sources); diff != "" {
		t.Errorf("target sources (-want +got):\n%s", diff)
	}
	head := map[string]any{"id": got["id"], "type": got["type"], "label": got["label"], "total": got["total"], "documents": got["spanmark:documents"]}
	wantHead := map[string]any{
		"id": c.ID, "type": "AnnotationCollection", "label": "Council",
		"total": float64(len(a.Annotations) + len(a.Relations) + len(b.Annotations)),
		"documents": []any{
			map[string]any{"id": a.Document.ID, "title": a.Document.Title, "source": a.Document.Source, "length": float64(a.Document.Length)},
			map[string]any{"id": b.Document.ID, "title": "Second", "source": "articles/second.txt", "length": float64(b.Document.Length),
				"orphans": unmarshal(t, []byte(`{"o":`+orphansJSON(t, b)+`}`))["o"]},
		},
	}
	if diff := cmp.Diff(wantHead, head); diff != "" {
		t.Errorf("collection head (-want +got):\n%s", diff)
	}
	if failed := loadW3CChecks(t).checkDocument(unmarshalInstance(t, data)); len(failed) > 0 {
		t.Errorf("the collection fails %d W3C assertions:\n%s", len(failed), strings.Join(failed, "\n"))
	}
}

// orphansJSON is b's orphans as its own W3C export writes them.
func orphansJSON(t *testing.T, b *annotations.File) string {
	t.Helper()
	one, err := Encode(b)
	if err != nil {
		t.Fatal(err)
	}
	o, err := json.Marshal(unmarshal(t, one)["spanmark:orphans"])
	if err != nil {
		t.Fatal(err)
	}
	return string(o)
}

func TestEncodeAllErrors(t *testing.T) {
	a, b := twoFiles(t)
	other := readTestFile(t, "sample.spanmark.json")
	other.Document.ID = "sha256:" + strings.Repeat("cd", 32)
	other.Schema.Labels = other.Schema.Labels[:len(other.Schema.Labels)-1]
	ok := Collection{ID: "urn:x:corpus", Schema: a.Schema}
	for _, tc := range []struct {
		name  string
		c     Collection
		files []*annotations.File
		want  string
	}{
		{"relative_id", Collection{ID: "proj/project.json", Schema: a.Schema}, []*annotations.File{a}, "not an absolute IRI"},
		{"same_document", ok, []*annotations.File{a, b, a}, "files 1 and 3 are of the same document"},
		{"other_schema", ok, []*annotations.File{a, other}, "file 2: its schema is not the collection's"},
		{"nil_file", ok, []*annotations.File{a, nil}, "file 2: no file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := EncodeAll(tc.c, tc.files)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("EncodeAll: got error %v, want one containing %q", err, tc.want)
			}
		})
	}
	data, err := EncodeAll(ok, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := unmarshal(t, data)["total"]; got != float64(0) {
		t.Errorf("EncodeAll of no files: total %v, want 0", got)
	}
}
