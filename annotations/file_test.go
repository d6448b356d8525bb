package annotations

import (
	"strings"
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
	// SetAtInSteps, one annotation a step, must do what SetAt does.
	for _, tc := range cases {
		for _, steps := range []bool{false, true} {
			name := tc.name
			if steps {
				name += "/in_steps"
			}
			t.Run(name, func(t *testing.T) { testSetAt(t, doc, tc.f, steps, tc.ok, tc.err, tc.anns, tc.orphans) })
		}
	}
}

func testSetAt(t *testing.T, doc *Document, f *File, steps, wantOK bool, wantErr string, wantAnns, wantOrphans []string) {
	t.Helper()
	pauses := 0
	var s *Set
	var ok bool
	var err error
	if steps {
		s, ok, err = f.SetAtInSteps(doc, 1, func() { pauses++ })
	} else {
		s, ok, err = f.SetAt(doc)
	}
	if ok != wantOK {
		t.Fatalf("SetAt: ok %v, want %v", ok, wantOK)
	}
	if wantErr != "" {
		if err == nil || !strings.HasPrefix(err.Error(), wantErr) {
			t.Fatalf("SetAt: error %v, want one starting %q", err, wantErr)
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
	// One pause between annotations checked, and one between those added.
	if want := 2 * (len(f.Annotations) - 1); steps && pauses != want {
		t.Errorf("SetAtInSteps paused %d times for %d annotations, want %d", pauses, len(f.Annotations), want)
	}
	var anns, orphans []string
	for _, a := range s.Annotations() {
		anns = append(anns, a.ID)
	}
	for _, r := range s.OrphanRelations() {
		orphans = append(orphans, r.ID)
	}
	if diff := cmp.Diff(wantAnns, anns); diff != "" {
		t.Errorf("annotations (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantOrphans, orphans); diff != "" {
		t.Errorf("orphan relations (-want +got):\n%s", diff)
	}
	if len(s.Orphans()) != 1 || len(s.Relations()) != 1 {
		t.Errorf("SetAt kept %d orphans and %d relations, want 1 and 1", len(s.Orphans()), len(s.Relations()))
	}
}
