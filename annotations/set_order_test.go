package annotations

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// checkOrder checks the set's kept order (Annotations, At) against a sort
// of the stored annotations.
func checkOrder(t *testing.T, s *Set, step string) {
	t.Helper()
	var want []Annotation
	for _, a := range s.anns {
		want = append(want, *a)
	}
	slices.SortFunc(want, func(a, b Annotation) int { return Compare(&a, &b) })
	if diff := cmp.Diff(want, s.Annotations()); diff != "" {
		t.Fatalf("after %s: Annotations (-sorted scan +kept order):\n%s", step, diff)
	}
	var all []Annotation
	for i := range s.Len() {
		all = append(all, s.At(i))
	}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Fatalf("after %s: At (-sorted scan +kept order):\n%s", step, diff)
	}
}

// TestKeptOrder makes random edits, undoes and redoes them, and checks
// after each that the order kept by the set is the sorted one.
func TestKeptOrder(t *testing.T) {
	s := newTestSet(t)
	rng := rand.New(rand.NewPCG(1, 2))
	n := s.Document().Len()
	labels := []string{"actor", "claim", "proposal"}
	entities := []string{"", "Russia", "USA", "Lavrov"}
	ids := func() []string {
		var out []string
		for i := range s.Len() {
			out = append(out, s.At(i).ID)
		}
		return out
	}
	for i := range 400 {
		var e Edit
		have := ids()
		switch k := rng.IntN(8); {
		case k < 3 || len(have) == 0:
			st := rng.IntN(n - 1)
			e = Add{Label: labels[rng.IntN(len(labels))], Start: st, End: st + 1 + rng.IntN(min(12, n-st-1)+1)}
		case k == 3:
			e = Relabel{ID: have[rng.IntN(len(have))], Label: labels[rng.IntN(len(labels))]}
		case k == 4:
			e = SetEntity{ID: have[rng.IntN(len(have))], Entity: entities[rng.IntN(len(entities))]}
		case k == 5:
			e = Delete{IDs: []string{have[rng.IntN(len(have))]}}
		case k == 6:
			s.Undo() // nothing to undo is fine
			checkOrder(t, s, "an undo")
			continue
		default:
			s.Redo()
			checkOrder(t, s, "a redo")
			continue
		}
		s.Apply(e, t0) // refused edits (a duplicate span, white space) change nothing
		checkOrder(t, s, "edit "+strconv.Itoa(i)+", "+typeName(e))
	}
}

func typeName(e Edit) string {
	switch e.(type) {
	case Add:
		return "add"
	case Relabel:
		return "relabel"
	case SetEntity:
		return "entity"
	case Delete:
		return "delete"
	}
	return "?"
}

// TestKeptOrderInsert loads annotations out of order, as a file edited by
// hand may list them, then edits: the order is right either way.
func TestKeptOrderInsert(t *testing.T) {
	s := newTestSet(t)
	for _, a := range []Annotation{
		{ID: "a3", Label: "actor", Start: 11, End: 16, Entity: "USA"},
		{ID: "a1", Label: "actor", Start: 0, End: 6, Entity: "Russia"},
		{ID: "a2", Label: "claim", Start: 0, End: 16},
	} {
		if err := s.Insert(a); err != nil {
			t.Fatal(err)
		}
	}
	checkOrder(t, s, "inserting out of order")
	mustApply(t, s, Add{Label: "actor", Start: 20, End: 26})
	checkOrder(t, s, "an add")
	mustApply(t, s, Delete{IDs: []string{"a1"}})
	checkOrder(t, s, "a delete")
}
