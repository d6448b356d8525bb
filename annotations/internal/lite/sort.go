package lite

import "slices"

// SortStableFunc sorts s by cmp as slices.SortStableFunc does, but through
// a slice of pointers to its elements, whose order is then copied back. The
// sorts of package slices are generic, and each struct type sorted by value
// gets its own copy of them, about 20 KB of WebAssembly; all pointer types
// share one. So the browser program carries one sort for all our types:
// every package it links sorts only with slices.SortStableFunc, over
// pointers or ints, never with slices.SortFunc or slices.Sort, whose
// pdqsort would be a second copy. Stability costs nothing here,
// and makes ties keep their order.
func SortStableFunc[T any](s []T, cmp func(a, b *T) int) {
	ps := Pointers(s)
	slices.SortStableFunc(ps, cmp)
	Permute(s, ps)
}

// Pointers returns pointers to the elements of s, in order.
func Pointers[T any](s []T) []*T {
	ps := make([]*T, len(s))
	for i := range s {
		ps[i] = &s[i]
	}
	return ps
}

// Permute sets s to the elements ps points to, in that order; ps must
// point into s.
func Permute[T any](s []T, ps []*T) {
	out := make([]T, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	copy(s, out)
}

// HexDigits are the lower-case hexadecimal digits, indexed by value.
const HexDigits = "0123456789abcdef"
