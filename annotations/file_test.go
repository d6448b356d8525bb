package annotations

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFileSetAt(t *testing.T) {
	const text = "Lavrov said the talks would go on."
	doc := NewDocument(text, "t", "")
	lavrov := Annotation{ID: "a1", Label: "actor", Start: 0, End: 6, Quote: "Lavrov"}
	said := Annotation{ID: "a2", Label: "claim", Start: 7, End: 33, Quote: "said the talks would go on"}
	gone := Orphan{Annotation: Annotation{ID: "a3", Label: "actor", Start: 0, End: 4, Quote: "Ryan"}, Reason: "not found"}
	file := func(text string, anns []Annotation, rels ...Relation) *File {
		return &File{Spanmark: Version, Document: FileDocument{Text: text}, Schema: DefaultSchema(),
			Annotations: anns, Relations: rels, Orphans: []Orphan{gone}}
	}
	cases := []struct {
		name    string
		f       *File
		ok      bool
		err     string
		anns    []string // ids placed
		orphans []string // relation ids kept with the orphans
	}{
		{name: "at_offsets", ok: true, anns: []string{"a1", "a2"}, orphans: []string{"r2"},
			f: file(text, []Annotation{lavrov, said},
				Relation{ID: "r1", Type: "source", From: "a2", To: "a1"},
				Relation{ID: "r2", Type: "source", From: "a2", To: "a3"})},
		{name: "other_text", f: file("Earlier, "+text, []Annotation{lavrov})},
		{name: "quote_off", f: file(text, []Annotation{{ID: "a1", Label: "actor", Start: 1, End: 7, Quote: "Lavrov"}})},
		{name: "duplicate", ok: true, err: "annotations[1]: insert annotation: id \"a1\" " + ErrDuplicate.Error(),
			f: file(text, []Annotation{lavrov, lavrov})},
		{name: "bad_relation", ok: true, err: "relations[0]: ",
			f: file(text, []Annotation{lavrov, said}, Relation{ID: "r1", Type: "source", From: "a1", To: "a2"})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, ok, err := tc.f.SetAt(doc)
			if ok != tc.ok {
				t.Fatalf("SetAt: ok %v, want %v", ok, tc.ok)
			}
			if tc.err != "" {
				if err == nil || len(err.Error()) < len(tc.err) || err.Error()[:len(tc.err)] != tc.err {
					t.Fatalf("SetAt: error %v, want one starting %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				if s != nil {
					t.Errorf("SetAt: a set with ok false")
				}
				return
			}
			var anns, orphans []string
			for _, a := range s.Annotations() {
				anns = append(anns, a.ID)
			}
			for _, r := range s.OrphanRelations() {
				orphans = append(orphans, r.ID)
			}
			if diff := cmp.Diff(tc.anns, anns); diff != "" {
				t.Errorf("annotations (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.orphans, orphans); diff != "" {
				t.Errorf("orphan relations (-want +got):\n%s", diff)
			}
			if len(s.Orphans()) != 1 || len(s.Relations()) != 1 {
				t.Errorf("SetAt kept %d orphans and %d relations, want 1 and 1", len(s.Orphans()), len(s.Relations()))
			}
		})
	}
}
