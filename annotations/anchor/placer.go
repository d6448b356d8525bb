package anchor

import (
	"slices"

	"github.com/spanmark/spanmark/annotations"
)

// Result is where one selector of a batch was placed, or why it was not.
type Result struct {
	Match
	// Err is non-nil when the selector could not be placed: an
	// [*AnchorError] wrapping [annotations.ErrNotFound].
	Err error
}

// PlaceSelectors places sels, described in old, on text. old may be nil
// when the selectors' text is not known.
func PlaceSelectors(old, text []rune, sels []annotations.Selector) []Result {
	out := make([]Result, len(sels))
	a := NewAnchorer(text)
	for i, sel := range sels {
		if old != nil && sel.HasHint() && sel.End <= len(text) && slices.Equal(text[sel.Start:sel.End], []rune(sel.Exact)) {
			out[i] = Result{Match: Match{Start: sel.Start, End: sel.End, Method: MethodPosition, Score: 1}}
			continue
		}
		m, err := a.Anchor(sel)
		out[i] = Result{Match: m, Err: err}
	}
	return out
}
