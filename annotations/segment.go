package annotations

import (
	"cmp"
	"slices"
)

// Segment is a run [Start, End) of text covered by the same annotations.
type Segment struct {
	Start, End int
	// IDs lists the covering annotations, longest first (outermost first,
	// so a renderer can stack nested highlights), ties by [Compare]. Empty for
	// plain text.
	IDs []string
}

// Segments cuts [start, end) into segments at every boundary of the given
// annotations, each with the annotations that cover it. The segments tile
// [start, end) exactly, in order, with no empty segment; parts of
// annotations outside [start, end) are ignored. Call it per paragraph with
// [Set.InParagraph], so that a change re-segments only the paragraphs it
// touches.
func Segments(start, end int, anns []Annotation) []Segment {
	if end <= start {
		return nil
	}
	cuts := []int{start, end}
	for _, a := range anns {
		if a.Start > start && a.Start < end {
			cuts = append(cuts, a.Start)
		}
		if a.End > start && a.End < end {
			cuts = append(cuts, a.End)
		}
	}
	slices.SortStableFunc(cuts, cmp.Compare[int])
	cuts = slices.Compact(cuts)

	// Order annotations once, outermost first; each segment lists those of
	// them that cover it, in this order.
	order := make([]int, 0, len(anns))
	for i, a := range anns {
		if a.End > start && a.Start < end && a.End > a.Start {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &anns[i], &anns[j]
		if a.Len() != b.Len() {
			return b.Len() - a.Len()
		}
		return Compare(a, b)
	})

	segs := make([]Segment, 0, len(cuts)-1)
	for k := 0; k+1 < len(cuts); k++ {
		a, b := cuts[k], cuts[k+1]
		var ids []string
		for _, i := range order {
			if anns[i].Start <= a && anns[i].End >= b {
				ids = append(ids, anns[i].ID)
			}
		}
		segs = append(segs, Segment{Start: a, End: b, IDs: ids})
	}
	return segs
}
