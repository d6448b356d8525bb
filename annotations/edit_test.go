package annotations

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var (
	t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	t1 = t0.Add(time.Minute)
)

// editText has repeated quotes, nested and crossing candidates, and
// several paragraphs.
const editText = "Lavrov met Rubio in Riyadh.\nLavrov said talks must go on.\n\nRubio proposed a ceasefire, and Lavrov agreed."

func newTestSet(t *testing.T) *Set {
	t.Helper()
	return NewSet(NewDocument(editText, "", "test"), DefaultSchema())
}

// mustApply applies e and fails the test on error.
func mustApply(t *testing.T, s *Set, e Edit) Change {
	t.Helper()
	c, err := s.Apply(e, t0)
	if err != nil {
		t.Fatalf("Apply(%#v): %v", e, err)
	}
	return c
}

// span returns the offsets of the n-th (0-based) occurrence of q in editText.
func span(t *testing.T, q string, n int) (int, int) {
	t.Helper()
	occ := Occurrences([]rune(editText), []rune(q))
	if n >= len(occ) {
		t.Fatalf("%q occurs %d times, want occurrence %d", q, len(occ), n)
	}
	return occ[n], occ[n] + len([]rune(q))
}

func TestAdd(t *testing.T) {
	tests := []struct {
		name      string
		edit      Add
		want      Annotation
		wantParas []int
	}{
		{
			name: "plain",
			edit: Add{Label: "actor", Start: 0, End: 6},
			want: Annotation{ID: "a1", Label: "actor", Start: 0, End: 6, Quote: "Lavrov",
				Prefix: "", Suffix: " met Rubio in Riyadh.\nLavrov sai", Created: TimeOf(t0), Modified: TimeOf(t0)},
			wantParas: []int{0},
		},
		{
			name: "trims_space",
			edit: Add{Label: "actor", Start: 10, End: 17},
			want: Annotation{ID: "a1", Label: "actor", Start: 11, End: 16, Quote: "Rubio",
				Prefix: "Lavrov met ", Suffix: " in Riyadh.\nLavrov said talks mu", Created: TimeOf(t0), Modified: TimeOf(t0)},
			wantParas: []int{0},
		},
		{
			name: "snaps_to_words",
			edit: Add{Label: "actor", Start: 13, End: 22, Snap: true},
			want: Annotation{ID: "a1", Label: "actor", Start: 11, End: 26, Quote: "Rubio in Riyadh",
				Prefix: "Lavrov met ", Suffix: ".\nLavrov said talks must go on.\n", Created: TimeOf(t0), Modified: TimeOf(t0)},
			wantParas: []int{0},
		},
		{
			name: "with_note_and_entity",
			edit: Add{Label: "actor", Start: 0, End: 6, Note: "<b>n</b>", Entity: "Sergei Lavrov"},
			want: Annotation{ID: "a1", Label: "actor", Start: 0, End: 6, Quote: "Lavrov",
				Suffix: " met Rubio in Riyadh.\nLavrov sai", Note: "<b>n</b>", Entity: "Sergei Lavrov", Created: TimeOf(t0), Modified: TimeOf(t0)},
			wantParas: []int{0},
		},
		{
			name: "across_paragraphs",
			edit: Add{Label: "claim", Start: 20, End: 40},
			want: Annotation{ID: "a1", Label: "claim", Start: 20, End: 39, Quote: "Riyadh.\nLavrov said",
				Prefix: "Lavrov met Rubio in ", Suffix: " talks must go on.\n\nRubio propos", Created: TimeOf(t0), Modified: TimeOf(t0)},
			wantParas: []int{0, 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestSet(t)
			c := mustApply(t, s, tt.edit)
			got, ok := s.Annotation("a1")
			if !ok {
				t.Fatal("annotation a1 missing after Add")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("annotation mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(Change{Added: []string{"a1"}, Paragraphs: tt.wantParas}, c); diff != "" {
				t.Errorf("change mismatch (-want +got):\n%s", diff)
			}
			if q := string([]rune(editText)[got.Start:got.End]); q != got.Quote {
				t.Errorf("text[start:end] = %q, quote %q", q, got.Quote)
			}
		})
	}
}

func TestApplyErrors(t *testing.T) {
	tests := []struct {
		name    string
		edit    Edit
		wantErr string
		is      error
	}{
		{name: "unknown_label", edit: Add{Label: "villain", Start: 0, End: 6}, wantErr: `add: unknown label "villain"`},
		{name: "negative", edit: Add{Label: "actor", Start: -1, End: 6}, wantErr: "add: start -1 is negative"},
		{name: "past_end", edit: Add{Label: "actor", Start: 0, End: 1000}, wantErr: "add: end 1000 is past the end of the text (105)"},
		{name: "empty", edit: Add{Label: "actor", Start: 5, End: 5}, wantErr: "add: span [5,5) is empty"},
		{name: "reversed", edit: Add{Label: "actor", Start: 6, End: 2}, wantErr: "add: span [6,2) is empty"},
		{name: "only_space", edit: Add{Label: "actor", Start: 6, End: 7}, wantErr: "add: the selection holds only white space"},
		{name: "duplicate", edit: Add{Label: "actor", Start: 0, End: 6}, wantErr: "add: the same label and span already exists as a1", is: ErrDuplicate},
		{name: "relabel_missing", edit: Relabel{ID: "a9", Label: "claim"}, wantErr: `relabel: annotation "a9" not found`},
		{name: "relabel_unknown", edit: Relabel{ID: "a1", Label: "x"}, wantErr: `relabel: unknown label "x"`},
		{name: "note_missing", edit: SetNote{ID: "zz", Note: "n"}, wantErr: `note: annotation "zz" not found`},
		{name: "entity_missing", edit: SetEntity{ID: "zz", Entity: "n"}, wantErr: `entity: annotation "zz" not found`},
		{name: "delete_missing", edit: Delete{IDs: []string{"a1", "zz"}}, wantErr: `delete: annotation "zz" not found`},
		{name: "link_unknown_type", edit: Link{Type: "likes", From: "a2", To: "a1"}, wantErr: `link: unknown relation type "likes"`},
		{name: "link_missing_from", edit: Link{Type: "source", From: "zz", To: "a1"}, wantErr: `link: from: annotation "zz" not found`},
		{name: "link_missing_to", edit: Link{Type: "source", From: "a2", To: "zz"}, wantErr: `link: to: annotation "zz" not found`},
		{name: "link_wrong_labels", edit: Link{Type: "source", From: "a1", To: "a2"}, wantErr: `link: "source" cannot go from actor to claim`},
		{name: "link_self", edit: Link{Type: "source", From: "a2", To: "a2"}, wantErr: "link: an annotation cannot be linked to itself"},
		{name: "link_duplicate", edit: Link{Type: "source", From: "a2", To: "a1"}, wantErr: "link: this link already exists as r1", is: ErrDuplicate},
		{name: "unlink_missing", edit: Unlink{ID: "r9"}, wantErr: `unlink: relation "r9" not found`},
		{name: "label_all_missing", edit: AddAll{ID: "zz"}, wantErr: `label all: annotation "zz" not found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestSet(t)
			mustApply(t, s, Add{Label: "actor", Start: 0, End: 6})
			cs, ce := span(t, "Lavrov said talks must go on.", 0)
			mustApply(t, s, Add{Label: "claim", Start: cs, End: ce})
			mustApply(t, s, Link{Type: "source", From: "a2", To: "a1"})
			before := NewFile(s, "", t0)

			_, err := s.Apply(tt.edit, t1)
			if err == nil {
				t.Fatalf("Apply(%#v) succeeded, want error %q", tt.edit, tt.wantErr)
			}
			if err.Error() != tt.wantErr {
				t.Errorf("error = %q, want %q", err, tt.wantErr)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if diff := cmp.Diff(before, NewFile(s, "", t0)); diff != "" {
				t.Errorf("a failed edit changed the set (-before +after):\n%s", diff)
			}
		})
	}
}

// TestUndoRedo applies each kind of edit, then checks that undo restores
// the exact state before it and redo the exact state after it.
func TestUndoRedo(t *testing.T) {
	ls, le := span(t, "Lavrov", 1)
	cs, ce := span(t, "Lavrov said talks must go on.", 0)
	ps, pe := span(t, "Rubio proposed a ceasefire", 0)
	setup := []Edit{
		Add{Label: "actor", Start: 0, End: 6, Entity: "Sergei Lavrov"},
		Add{Label: "actor", Start: 11, End: 16},
		Add{Label: "claim", Start: cs, End: ce},
		Add{Label: "proposal", Start: ps, End: pe},
		Link{Type: "source", From: "a3", To: "a1"},
		Link{Type: "target", From: "a4", To: "a1"},
	}
	tests := []struct {
		name string
		edit Edit
		// check runs on the state after the edit.
		check func(t *testing.T, s *Set)
	}{
		{"add", Add{Label: "actor", Start: ls, End: le}, func(t *testing.T, s *Set) {
			if _, ok := s.Annotation("a5"); !ok {
				t.Error("a5 not added")
			}
		}},
		{"relabel_keeps_fitting_links", Relabel{ID: "a3", Label: "proposal"}, func(t *testing.T, s *Set) {
			if n := len(s.RelationsOf("a3")); n != 1 {
				t.Errorf("a3 has %d relations, want 1", n)
			}
		}},
		{"relabel_drops_broken_links", Relabel{ID: "a1", Label: "claim"}, func(t *testing.T, s *Set) {
			if n := len(s.Relations()); n != 0 {
				t.Errorf("%d relations left, want 0: actor a1 is now a claim", n)
			}
		}},
		{"note", SetNote{ID: "a1", Note: "foreign minister"}, func(t *testing.T, s *Set) {
			if a, _ := s.Annotation("a1"); a.Note != "foreign minister" || a.Modified != TimeOf(t1) {
				t.Errorf("note = %q modified %v", a.Note, a.Modified)
			}
		}},
		{"entity", SetEntity{ID: "a2", Entity: "Marco Rubio"}, func(t *testing.T, s *Set) {
			if a, _ := s.Annotation("a2"); a.Entity != "Marco Rubio" {
				t.Errorf("entity = %q", a.Entity)
			}
		}},
		{"delete_with_relations", Delete{IDs: []string{"a1"}}, func(t *testing.T, s *Set) {
			if s.Len() != 3 || len(s.Relations()) != 0 {
				t.Errorf("after delete: %d annotations, %d relations; want 3, 0", s.Len(), len(s.Relations()))
			}
		}},
		{"link", Link{Type: "target", From: "a3", To: "a2"}, func(t *testing.T, s *Set) {
			if _, ok := s.Relation("r3"); !ok {
				t.Error("r3 not added")
			}
		}},
		{"unlink", Unlink{ID: "r1"}, func(t *testing.T, s *Set) {
			if _, ok := s.Relation("r1"); ok {
				t.Error("r1 still there")
			}
		}},
		{"label_all", AddAll{ID: "a1"}, func(t *testing.T, s *Set) {
			var got []string
			for _, a := range s.Annotations() {
				if a.Quote == "Lavrov" {
					got = append(got, a.ID+" "+a.Entity)
				}
			}
			want := []string{"a1 Sergei Lavrov", "a5 Sergei Lavrov", "a6 Sergei Lavrov"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Lavrov annotations (-want +got):\n%s", diff)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestSet(t)
			for _, e := range setup {
				mustApply(t, s, e)
			}
			before := NewFile(s, "", t0)
			c, err := s.Apply(tt.edit, t1)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if c.IsEmpty() {
				t.Fatal("Apply reported no change")
			}
			tt.check(t, s)
			after := NewFile(s, "", t0)

			if _, err := s.Undo(); err != nil {
				t.Fatalf("Undo: %v", err)
			}
			if diff := cmp.Diff(before, NewFile(s, "", t0)); diff != "" {
				t.Errorf("undo did not restore the state (-want +got):\n%s", diff)
			}
			if _, err := s.Redo(); err != nil {
				t.Fatalf("Redo: %v", err)
			}
			if diff := cmp.Diff(after, NewFile(s, "", t0)); diff != "" {
				t.Errorf("redo did not restore the state (-want +got):\n%s", diff)
			}
			checkIndex(t, s)
		})
	}
}

func TestHistoryEnds(t *testing.T) {
	s := newTestSet(t)
	if _, err := s.Undo(); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("Undo on a new set = %v, want ErrNothingToUndo", err)
	}
	mustApply(t, s, Add{Label: "actor", Start: 0, End: 6})
	if _, err := s.Redo(); !errors.Is(err, ErrNothingToRedo) {
		t.Errorf("Redo with nothing undone = %v, want ErrNothingToRedo", err)
	}
	if !s.CanUndo() || s.CanRedo() {
		t.Errorf("CanUndo, CanRedo = %v, %v; want true, false", s.CanUndo(), s.CanRedo())
	}
	s.Undo()
	mustApply(t, s, Add{Label: "claim", Start: 0, End: 6})
	if s.CanRedo() {
		t.Error("a new edit kept the redo history")
	}
	// A no-op edit is not a step.
	if c, err := s.Apply(SetNote{ID: "a2", Note: ""}, t1); err != nil || !c.IsEmpty() {
		t.Errorf("no-op note: change %+v, err %v", c, err)
	}
	s.Undo()
	if s.CanUndo() {
		t.Error("the no-op edit was recorded in the history")
	}
}

func TestHistoryBound(t *testing.T) {
	s := NewSet(NewDocument(strings.Repeat("word ", maxHistory+10), "", ""), DefaultSchema())
	for i := 0; i < maxHistory+10; i++ {
		mustApply(t, s, Add{Label: "actor", Start: i * 5, End: i*5 + 4})
	}
	n := 0
	for s.CanUndo() {
		s.Undo()
		n++
	}
	if n != maxHistory {
		t.Errorf("undid %d steps, want the bound %d", n, maxHistory)
	}
	if s.Len() != 10 {
		t.Errorf("%d annotations left, want the 10 beyond the bound", s.Len())
	}
}

func TestInParagraph(t *testing.T) {
	s := newTestSet(t)
	mustApply(t, s, Add{Label: "claim", Start: 20, End: 40}) // paragraphs 0 and 1
	ls, le := span(t, "Lavrov", 2)
	mustApply(t, s, Add{Label: "actor", Start: ls, End: le}) // paragraph 2
	mustApply(t, s, Add{Label: "actor", Start: 0, End: 6})   // paragraph 0
	ids := func(as []Annotation) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	for i, want := range [][]string{{"a3", "a1"}, {"a1"}, {"a2"}, nil} {
		if diff := cmp.Diff(want, ids(s.InParagraph(i))); diff != "" {
			t.Errorf("InParagraph(%d) (-want +got):\n%s", i, diff)
		}
	}
	mustApply(t, s, Delete{IDs: []string{"a1"}})
	checkIndex(t, s)
}

// checkIndex checks the paragraph index against a scan of all annotations.
func checkIndex(t *testing.T, s *Set) {
	t.Helper()
	for i, p := range s.Document().Paragraphs() {
		var want []string
		for _, a := range s.Annotations() {
			if a.Start < p.End && a.End > p.Start {
				want = append(want, a.ID)
			}
		}
		var got []string
		for _, a := range s.InParagraph(i) {
			got = append(got, a.ID)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("paragraph %d index (-scan +index):\n%s", i, diff)
		}
	}
}

func TestInsert(t *testing.T) {
	s := newTestSet(t)
	a := Annotation{ID: "a7", Label: "actor", Start: 0, End: 6, Quote: "stale"}
	if err := s.Insert(a); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Annotation("a7")
	if got.Quote != "Lavrov" {
		t.Errorf("Insert kept quote %q, want it taken from the text", got.Quote)
	}
	for _, tt := range []struct {
		a    Annotation
		want string
	}{
		{Annotation{ID: "a7", Label: "actor", Start: 11, End: 16}, `insert annotation: id "a7" already exists`},
		{Annotation{ID: "", Label: "actor", Start: 11, End: 16}, "insert annotation: empty id"},
		{Annotation{ID: "a8", Label: "actor", Start: 0, End: 6}, `insert annotation "a8": the same label and span already exists as a7`},
		{Annotation{ID: "a8", Label: "x", Start: 0, End: 6}, `insert annotation "a8": unknown label "x"`},
	} {
		if err := s.Insert(tt.a); err == nil || err.Error() != tt.want {
			t.Errorf("Insert(%+v) = %v, want %q", tt.a, err, tt.want)
		}
	}
	// New ids continue after the largest inserted one.
	mustApply(t, s, Add{Label: "actor", Start: 11, End: 16})
	if _, ok := s.Annotation("a8"); !ok {
		t.Errorf("next id after inserting a7 is not a8: %v", s.Annotations())
	}
	if err := s.InsertRelation(Relation{ID: "r1", Type: "source", From: "a7", To: "a8"}); err == nil {
		t.Error("InsertRelation accepted source from an actor")
	}
}

// TestApplyJoined saves a note in three instalments after an Add, and
// expects one undo to remove the whole note and a second the annotation.
func TestApplyJoined(t *testing.T) {
	s := NewSet(NewDocument("Lavrov said so.", "", ""), DefaultSchema())
	c := mustApply(t, s, Add{Label: "actor", Start: 0, End: 6})
	id := c.Added[0]
	if _, err := s.Apply(SetNote{ID: id, Note: "f"}, t1); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"fo", "foreign minister"} {
		if _, err := s.ApplyJoined(SetNote{ID: id, Note: n}, t1); err != nil {
			t.Fatalf("ApplyJoined(%q): %v", n, err)
		}
	}
	if a, _ := s.Annotation(id); a.Note != "foreign minister" {
		t.Fatalf("note = %q, want %q", a.Note, "foreign minister")
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if a, ok := s.Annotation(id); !ok || a.Note != "" {
		t.Errorf("after one undo: annotation %v, note %q; want it kept with no note", ok, a.Note)
	}
	if _, err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Annotation(id); a.Note != "foreign minister" {
		t.Errorf("after redo: note %q, want %q", a.Note, "foreign minister")
	}
	s.Undo()
	s.Undo()
	if s.Len() != 0 || s.CanUndo() {
		t.Errorf("after two undos: %d annotations, CanUndo %v; want 0, false", s.Len(), s.CanUndo())
	}
}
