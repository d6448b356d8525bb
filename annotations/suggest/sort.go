package suggest

import "slices"

// sortStable sorts s by cmp through a slice of pointers, as
// annotations/sort.go does and for the same reason: slices.SortStableFunc
// over pointers is one copy of the sort for every type in the browser
// program, while each struct type sorted by value would bring its own
// (about 20 KB of WebAssembly).
func sortStable[T any](s []T, cmp func(a, b *T) int) {
	ps := make([]*T, len(s))
	for i := range s {
		ps[i] = &s[i]
	}
	slices.SortStableFunc(ps, cmp)
	out := make([]T, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	copy(s, out)
}
