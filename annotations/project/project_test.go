package project

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spanmark/spanmark/annotations"
)

func TestDecodeEncode(t *testing.T) {
	in := `{
  "spanmark-project": 1,
  "title": "Demo",
  "guidelines": "guidelines.md",
  "documents": [
    {"id": "d1", "title": "One", "path": "articles/d1.txt"},
    {"id": "d2", "path": "articles/d 2.txt"}
  ]
}`
	p, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := &Project{Title: "Demo", Schema: annotations.DefaultSchema(), Guidelines: "guidelines.md", Documents: []Document{
		{ID: "d1", Title: "One", Path: "articles/d1.txt"}, {ID: "d2", Path: "articles/d 2.txt"}}}
	if diff := cmp.Diff(want, p, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
	b, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode(Encode(p)): %v\n%s", err, b)
	}
	if diff := cmp.Diff(p, p2, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
