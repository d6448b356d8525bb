package anchor_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/codec"
)

var (
	t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	t1 = t0.Add(time.Minute)
)

// editText has repeated quotes and several paragraphs.
const editText = "Lavrov met Rubio in Riyadh.\nLavrov said talks must go on.\n\nRubio proposed a ceasefire, and Lavrov agreed."

func newTestSet(t *testing.T) *annotations.Set {
	t.Helper()
	return annotations.NewSet(annotations.NewDocument(editText, "", "test"), annotations.DefaultSchema())
}

// mustApply applies e and fails the test on error.
func mustApply(t *testing.T, s *annotations.Set, e annotations.Edit) {
	t.Helper()
	if _, err := s.Apply(e, t0); err != nil {
		t.Fatalf("Apply(%#v): %v", e, err)
	}
}

// span returns the offsets of the n-th (0-based) occurrence of q in editText.
func span(t *testing.T, q string, n int) (int, int) {
	t.Helper()
	occ := annotations.Occurrences([]rune(editText), []rune(q))
	if n >= len(occ) {
		t.Fatalf("%q occurs %d times, want occurrence %d", q, len(occ), n)
	}
	return occ[n], occ[n] + len([]rune(q))
}

func TestPlace(t *testing.T) {
	s := newTestSet(t)
	mustApply(t, s, annotations.Add{Label: "actor", Start: 0, End: 6, Entity: "Sergei Lavrov"})
	cs, ce := span(t, "Rubio proposed a ceasefire", 0)
	mustApply(t, s, annotations.Add{Label: "proposal", Start: cs, End: ce})
	ls, le := span(t, "Lavrov", 2)
	mustApply(t, s, annotations.Add{Label: "actor", Start: ls, End: le})
	mustApply(t, s, annotations.Link{Type: "source", From: "a2", To: "a1"})
	f := annotations.NewFile(s, "tester", t0)

	t.Run("same_text", func(t *testing.T) {
		got, rep, err := anchor.Place(f, s.Document())
		if err != nil {
			t.Fatal(err)
		}
		if !rep.IsEmpty() {
			t.Errorf("report on the same text: %+v", rep)
		}
		if diff := cmp.Diff(f, annotations.NewFile(got, "tester", t0)); diff != "" {
			t.Errorf("placed set differs (-want +got):\n%s", diff)
		}
	})

	t.Run("edited_text", func(t *testing.T) {
		// A paragraph is inserted at the top, and the ceasefire sentence is gone.
		edited := "Breaking news.\n" + strings.Replace(editText, "Rubio proposed a ceasefire, and ", "", 1)
		got, rep, err := anchor.Place(f, annotations.NewDocument(edited, "", ""))
		if err != nil {
			t.Fatal(err)
		}
		a1, _ := got.Annotation("a1")
		if a1.Start != 15 || a1.Quote != "Lavrov" {
			t.Errorf("a1 placed at %d %q, want 15 \"Lavrov\"", a1.Start, a1.Quote)
		}
		var moved []string
		for _, m := range rep.Moved {
			moved = append(moved, m.ID)
		}
		if diff := cmp.Diff([]string{"a1", "a3"}, moved); diff != "" {
			t.Errorf("moved (-want +got):\n%s", diff)
		}
		if len(rep.Orphaned) != 1 || rep.Orphaned[0].Annotation.ID != "a2" {
			t.Errorf("orphaned = %+v, want a2", rep.Orphaned)
		}
		if len(got.Orphans()) != 1 {
			t.Errorf("the set keeps %d orphans, want 1", len(got.Orphans()))
		}
		if len(rep.OrphanedRelations) != 1 {
			t.Errorf("orphaned relations = %+v, want r1 (its claim is an orphan)", rep.OrphanedRelations)
		}
		// Nothing is lost: the file written from the placed set keeps the
		// orphan and its relation, and decodes.
		out := annotations.NewFile(got, "tester", t0)
		if diff := cmp.Diff(f.Relations, out.Relations); diff != "" {
			t.Errorf("relations written back (-want +got):\n%s", diff)
		}
		data, err := codec.Encode(out)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := codec.Decode(data); err != nil {
			t.Errorf("the file written back does not decode: %v", err)
		}
		// Deleting the actor at the other end leaves the relation out of
		// files, and undoing the deletion brings it back.
		if _, err := got.Apply(annotations.Delete{IDs: []string{"a1"}}, t1); err != nil {
			t.Fatal(err)
		}
		if n := len(annotations.NewFile(got, "", t0).Relations); n != 0 {
			t.Errorf("after deleting a1, %d relations are written, want 0", n)
		}
		got.Undo()
		if n := len(annotations.NewFile(got, "", t0).Relations); n != 1 {
			t.Errorf("after undoing, %d relations are written, want 1", n)
		}
	})
}

// TestPlaceLineLikeNext removes, then inserts, a line that begins with the
// same word as the line after it. Either way two diffs are equally small;
// the one that keeps each word on its own line is right: the word of the
// removed line is an orphan, and the next line's words stay its own.
func TestPlaceLineLikeNext(t *testing.T) {
	const short = "In which I have had\nthe climate, said he.\nNot letting go."
	const long = "In which I have had\nthe honor of being received, that I\nthe climate, said he.\nNot letting go."
	for _, tc := range []struct {
		name, old, new string
		// quotes to annotate in old, by occurrence: [quote, n]
		spans []struct {
			q string
			n int
		}
		// where each goes in new: the occurrence of its quote, or -1 for an orphan
		want []int
	}{
		{"removed", long, short, []struct {
			q string
			n int
		}{{"the", 0}, {"the", 1}, {"climate", 0}}, []int{-1, 0, 0}},
		{"inserted", short, long, []struct {
			q string
			n int
		}{{"the", 0}, {"climate", 0}}, []int{1, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := annotations.NewSet(annotations.NewDocument(tc.old, "", "test"), annotations.DefaultSchema())
			for _, sp := range tc.spans {
				start := annotations.Occurrences([]rune(tc.old), []rune(sp.q))[sp.n]
				mustApply(t, s, annotations.Add{Label: "actor", Start: start, End: start + len([]rune(sp.q))})
			}
			f := annotations.NewFile(s, "tester", t0)
			got, rep, err := anchor.Place(f, annotations.NewDocument(tc.new, "", "test"))
			if err != nil {
				t.Fatal(err)
			}
			orphans := map[string]bool{}
			for _, o := range rep.Orphaned {
				orphans[o.Annotation.ID] = true
			}
			for i, a := range f.Annotations {
				placed, ok := got.Annotation(a.ID)
				switch w := tc.want[i]; {
				case w < 0 && (ok || !orphans[a.ID]):
					t.Errorf("%q (occurrence %d) placed at %d-%d; want an orphan: its line is gone", a.Quote, tc.spans[i].n, placed.Start, placed.End)
				case w >= 0:
					start := annotations.Occurrences([]rune(tc.new), []rune(a.Quote))[w]
					if !ok || placed.Start != start {
						t.Errorf("%q (occurrence %d) placed at %d (found %v); want %d, occurrence %d of the new text", a.Quote, tc.spans[i].n, placed.Start, ok, start, w)
					}
				}
			}
		})
	}
}
