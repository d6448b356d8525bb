package anchor_test

import (
	"errors"
	"fmt"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
)

// An annotation stores its quote with some context and its position. After
// the text is edited, Anchor finds it again and says how.
func ExampleAnchor() {
	text := []rune("Lavrov met Rubio in Riyadh. Lavrov said talks must go on.")
	// Describe the second "Lavrov", with 32 code points of context.
	sel := annotations.Describe(text, 28, 34, annotations.ContextLen)
	fmt.Printf("%q %q %q %d-%d\n", sel.Prefix, sel.Exact, sel.Suffix, sel.Start, sel.End)

	// Unchanged text: found at the stored position.
	m, _ := anchor.Anchor(text, sel)
	fmt.Println(m.Start, m.End, m.Method, m.Score)

	// A sentence inserted before: the position is stale, the quote and its
	// context are found elsewhere.
	edited := []rune("Breaking news. Lavrov met Rubio in Riyadh. Lavrov said talks must go on.")
	m, _ = anchor.Anchor(edited, sel)
	fmt.Println(m.Start, m.End, m.Method, m.Score)

	// The name misspelt: an approximate match, with a lower score.
	typo := []rune("Lavrov met Rubio in Riyadh. Lavrof said talks must go on.")
	m, _ = anchor.Anchor(typo, sel)
	fmt.Printf("%d %d %s %.3f %q\n", m.Start, m.End, m.Method, m.Score, string(typo[m.Start:m.End]))
	// Output:
	// "Lavrov met Rubio in Riyadh. " "Lavrov" " said talks must go on." 28-34
	// 28 34 position 1
	// 43 49 quote 1
	// 28 34 fuzzy 0.982 "Lavrof"
}

// Anchor never guesses: a quote that occurs twice with nothing to tell the
// places apart is reported as ambiguous, and a quote that is gone is not
// found. Both errors wrap ErrNotFound, so the caller orphans the annotation.
func ExampleAnchor_notFound() {
	text := []rune("Russia said yes. Later Russia said no.")
	for _, sel := range []annotations.Selector{
		{Exact: "Russia said"},
		{Exact: "Russia said", Suffix: " no."},
		{Exact: "China said"},
	} {
		m, err := anchor.Anchor(text, sel)
		if errors.Is(err, annotations.ErrNotFound) {
			fmt.Println(err)
			continue
		}
		fmt.Println(m.Start, m.End, m.Method)
	}
	// Output:
	// anchor "Russia said": ambiguous: 2 equally good places
	// 23 34 quote
	// anchor "China said": not found
}

// An Anchorer keeps an index of one text for anchoring many selectors, and
// Candidates lists every place it considered, best first.
func ExampleAnchorer_Candidates() {
	a := anchor.NewAnchorer([]rune("the peace plan, the peace talks, the piece plan"))
	for _, m := range a.Candidates(annotations.Selector{Exact: "peace plan", Prefix: "the "}) {
		fmt.Printf("%d-%d %s %.2f\n", m.Start, m.End, m.Method, m.Score)
	}
	// Output:
	// 4-14 quote 1.00
	// 37-47 fuzzy 0.86
}
