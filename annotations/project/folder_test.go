package project

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFromFolder(t *testing.T) {
	long := strings.Repeat("x", 70)
	names := []string{"b.txt", "a.md", "A Story.html", ".hidden.txt", "notes.pdf", "sub/a.txt", "a.txt",
		"export.JSON", "sub/a.txt", long + ".txt", long + "y.txt", "é.txt", "c:d.txt", "../x.txt",
		".git/HEAD.md", "sub/.cache/b.txt"}
	p := FromFolder("Dropped", names)
	want := []Document{
		{ID: "A-Story", Title: "A Story", Path: "A Story.html"},
		{ID: "a", Title: "a", Path: "a.md"},
		{ID: "a-2", Title: "a", Path: "a.txt"},
		{ID: "b", Title: "b", Path: "b.txt"},
		{ID: "export", Title: "export", Path: "export.JSON"},
		{ID: "a-3", Title: "a", Path: "sub/a.txt"},
		{ID: strings.Repeat("x", 64), Title: long, Path: long + ".txt"},
		{ID: strings.Repeat("x", 62) + "-2", Title: long + "y", Path: long + "y.txt"},
		{ID: "doc", Title: "é", Path: "é.txt"},
	}
	if diff := cmp.Diff(want, p.Documents); diff != "" {
		t.Errorf("FromFolder documents (-want +got):\n%s", diff)
	}
	if _, err := Encode(p); err != nil {
		t.Errorf("Encode(FromFolder(...)): %v", err)
	}
}
