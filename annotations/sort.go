package annotations

import "slices"

// sortStableFunc sorts s by cmp as slices.SortStableFunc does, but through
// a slice of pointers to its elements, whose order is then copied back. The
// sorts of package slices are generic, and each struct type sorted by value
// gets its own copy of them, about 20 KB of WebAssembly; all pointer types
// share one. So the browser program carries one sort for all our types:
// this package sorts only with slices.SortStableFunc, over pointers or
// ints, never with slices.SortFunc or slices.Sort, whose pdqsort would be a
// second copy (wasm/ follows the same rule). Stability costs nothing here,
// and makes ties keep their order.
func sortStableFunc[T any](s []T, cmp func(a, b *T) int) {
	ps := pointers(s)
	slices.SortStableFunc(ps, cmp)
	permute(s, ps)
}

func pointers[T any](s []T) []*T {
	ps := make([]*T, len(s))
	for i := range s {
		ps[i] = &s[i]
	}
	return ps
}

// permute sets s to the elements ps points to, in that order.
func permute[T any](s []T, ps []*T) {
	out := make([]T, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	copy(s, out)
}

// compareRelations orders relations by id, with numeric tails compared as
// numbers ("r9" before "r10").
func compareRelations(a, b *Relation) int { return compareIDs(a.ID, b.ID) }
