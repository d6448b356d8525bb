package annotations

import (
	"strconv"
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

func TestFileSetPlaced(t *testing.T) {
	const text = "Earlier, Lavrov said the talks would go on."
	doc := NewDocument(text, "t", "")
	gone := Orphan{Annotation: Annotation{ID: "a9", Label: "actor", Start: 0, End: 4, Quote: "Ryan"}, Reason: "not found"}
	f := &File{Spanmark: Version, Document: FileDocument{Text: text[9:]}, Schema: DefaultSchema(),
		Annotations: []Annotation{
			{ID: "a1", Label: "actor", Start: 0, End: 6, Quote: "Lavrov"},
			{ID: "a2", Label: "claim", Start: 7, End: 33, Quote: "said the talks would go on"},
			{ID: "a3", Label: "actor", Start: 0, End: 6, Quote: "Lavrov"}, // placed where a1 is
			{ID: "a4", Label: "actor", Start: 40, End: 44, Quote: "Ryan"},
		},
		Relations: []Relation{
			{ID: "r1", Type: "source", From: "a2", To: "a1"},
			{ID: "r2", Type: "source", From: "a2", To: "a3"},
			{ID: "r3", Type: "source", From: "a2", To: "a9"},
		},
		Orphans: []Orphan{gone}}
	spots := []Spot{{Start: 9, End: 15}, {Start: 16, End: 42}, {Start: 9, End: 15}, {Reason: "the quote is not in the text"}}
	for _, steps := range []bool{false, true} {
		pauses := 0
		var pause func()
		if steps {
			pause = func() { pauses++ }
		}
		s, orphaned, err := f.SetPlaced(doc, spots, 1, pause)
		if err != nil {
			t.Fatalf("SetPlaced: %v", err)
		}
		if diff := cmp.Diff([]int{2, 3}, orphaned); diff != "" {
			t.Errorf("orphaned (-want +got):\n%s", diff)
		}
		var placed []string
		for _, a := range s.Annotations() {
			placed = append(placed, a.ID+" "+a.Quote+" "+strconv.Itoa(a.Start))
		}
		if diff := cmp.Diff([]string{"a1 Lavrov 9", "a2 said the talks would go on 16"}, placed); diff != "" {
			t.Errorf("annotations (-want +got):\n%s", diff)
		}
		var reasons []string
		for _, o := range s.Orphans() {
			reasons = append(reasons, o.Annotation.ID+": "+o.Reason)
		}
		if diff := cmp.Diff([]string{"a9: not found", "a3: it would repeat another annotation", "a4: the quote is not in the text"}, reasons); diff != "" {
			t.Errorf("orphans (-want +got):\n%s", diff)
		}
		var rels []string
		for _, r := range s.OrphanRelations() {
			rels = append(rels, r.ID)
		}
		if diff := cmp.Diff([]string{"r2", "r3"}, rels); diff != "" {
			t.Errorf("relations kept with the orphans (-want +got):\n%s", diff)
		}
		if n := len(s.Relations()); n != 1 {
			t.Errorf("%d relations on the text, want 1 (r1)", n)
		}
		if steps && pauses != len(f.Annotations)-1 {
			t.Errorf("%d pauses, want %d", pauses, len(f.Annotations)-1)
		}
	}
	if _, _, err := f.SetPlaced(doc, spots[:2], 0, nil); err == nil {
		t.Error("SetPlaced with fewer spots than annotations: no error")
	}
}
