package annotations

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// reviewSet returns a set with an actor (a1, the first "Lavrov"), a claim
// (a2) and a source relation (r1) from the claim to the actor.
func reviewSet(t *testing.T) *Set {
	t.Helper()
	s := newTestSet(t)
	ls, le := span(t, "Lavrov", 0)
	mustApply(t, s, Add{Label: "actor", Start: ls, End: le})
	cs, ce := span(t, "talks must go on", 0)
	mustApply(t, s, Add{Label: "claim", Start: cs, End: ce})
	mustApply(t, s, Link{Type: "source", From: "a2", To: "a1"})
	return s
}

func TestMove(t *testing.T) {
	second, secondEnd := span(t, "Lavrov", 1)
	rubio, rubioEnd := span(t, "Rubio", 0)
	tests := []struct {
		name      string
		edit      Move
		wantSpan  [2]int
		wantQuote string
		wantErr   string
	}{
		{name: "to_other_words", edit: Move{ID: "a1", Start: second, End: secondEnd},
			wantSpan: [2]int{second, secondEnd}, wantQuote: "Lavrov"},
		{name: "trims_space", edit: Move{ID: "a1", Start: rubio - 1, End: rubioEnd + 1},
			wantSpan: [2]int{rubio, rubioEnd}, wantQuote: "Rubio"},
		{name: "unknown_id", edit: Move{ID: "a9", Start: 0, End: 3}, wantErr: `move: annotation "a9" not found`},
		{name: "past_the_end", edit: Move{ID: "a1", Start: 0, End: 999},
			wantErr: `move "a1": end 999 is past the end of the text (105)`},
		{name: "only_space", edit: Move{ID: "a1", Start: 27, End: 28},
			wantErr: `move "a1": the selection holds only white space`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := reviewSet(t)
			before, _ := s.Annotation("a1")
			c, err := s.Apply(tc.edit, t1)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("Apply(%#v) error = %v, want %q", tc.edit, err, tc.wantErr)
				}
				if got, _ := s.Annotation("a1"); got != before {
					t.Errorf("a failed move changed the annotation: %#v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, _ := s.Annotation("a1")
			if [2]int{got.Start, got.End} != tc.wantSpan || got.Quote != tc.wantQuote || got.Label != "actor" {
				t.Errorf("moved annotation = %+v, want span %v quoting %q", got, tc.wantSpan, tc.wantQuote)
			}
			if diff := cmp.Diff([]string{"a1"}, c.Updated); diff != "" {
				t.Errorf("Change.Updated (-want +got):\n%s", diff)
			}
			if len(s.Relations()) != 1 {
				t.Errorf("the move lost the relation: %v", s.Relations())
			}
			if _, err := s.Undo(); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.Annotation("a1"); got != before {
				t.Errorf("after undo (-want +got):\n%s", cmp.Diff(before, got))
			}
		})
	}
}

func TestMoveDuplicate(t *testing.T) {
	s := reviewSet(t)
	second, secondEnd := span(t, "Lavrov", 1)
	mustApply(t, s, Add{Label: "actor", Start: second, End: secondEnd}) // a3
	_, err := s.Apply(Move{ID: "a1", Start: second, End: secondEnd}, t1)
	if !errors.Is(err, ErrDuplicate) {
		t.Errorf("moving onto an equal annotation: error = %v, want ErrDuplicate", err)
	}
}

func TestSetAside(t *testing.T) {
	was := Selector{Exact: "Lavrov's aide", Prefix: "said ", Suffix: " today", Start: 40, End: 53}
	tests := []struct {
		name       string
		edit       SetAside
		wantOrphan func(a Annotation) Annotation
		wantErr    string
	}{
		{name: "keeps_the_span", edit: SetAside{ID: "a1", Reason: "wrong place"},
			wantOrphan: func(a Annotation) Annotation { return a }},
		{name: "keeps_the_file_description", edit: SetAside{ID: "a1", Reason: "wrong place", Was: was},
			wantOrphan: func(a Annotation) Annotation {
				a.Start, a.End, a.Quote, a.Prefix, a.Suffix = was.Start, was.End, was.Exact, was.Prefix, was.Suffix
				return a
			}},
		{name: "unknown_id", edit: SetAside{ID: "a9", Reason: "x"}, wantErr: `set aside: annotation "a9" not found`},
		{name: "no_reason", edit: SetAside{ID: "a1"}, wantErr: `set aside "a1": no reason given`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := reviewSet(t)
			a1, _ := s.Annotation("a1")
			rels := s.Relations()
			c, err := s.Apply(tc.edit, t1)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("Apply(%#v) error = %v, want %q", tc.edit, err, tc.wantErr)
				}
				if s.Len() != 2 || len(s.Orphans()) != 0 {
					t.Errorf("a failed edit changed the set")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := s.Annotation("a1"); ok || s.Len() != 1 {
				t.Errorf("a1 is still on the text")
			}
			wantOrphans := []Orphan{{Annotation: tc.wantOrphan(a1), Reason: "wrong place"}}
			if diff := cmp.Diff(wantOrphans, s.Orphans()); diff != "" {
				t.Errorf("orphans (-want +got):\n%s", diff)
			}
			if len(s.Relations()) != 0 {
				t.Errorf("relations on the text = %v, want none", s.Relations())
			}
			if diff := cmp.Diff(rels, s.OrphanRelations()); diff != "" {
				t.Errorf("orphan relations (-want +got):\n%s", diff)
			}
			f := NewFile(s, "", t1)
			if diff := cmp.Diff(rels, f.Relations); diff != "" {
				t.Errorf("the file's relations (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"a1"}, c.Removed); diff != "" {
				t.Errorf("Change.Removed (-want +got):\n%s", diff)
			}

			if _, err := s.Undo(); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.Annotation("a1"); got != a1 {
				t.Errorf("after undo a1 = %+v, want %+v", got, a1)
			}
			if len(s.Orphans())+len(s.OrphanRelations()) != 0 {
				t.Errorf("after undo orphans = %v, %v, want none", s.Orphans(), s.OrphanRelations())
			}
			if diff := cmp.Diff(rels, s.Relations()); diff != "" {
				t.Errorf("relations after undo (-want +got):\n%s", diff)
			}

			if _, err := s.Redo(); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantOrphans, s.Orphans(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("orphans after redo (-want +got):\n%s", diff)
			}
		})
	}
}
