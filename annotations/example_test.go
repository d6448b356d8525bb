package annotations_test

import (
	"fmt"
	"time"

	"github.com/spanmark/spanmark/annotations"
)

func Example() {
	doc := annotations.NewDocument("Lavrov said the talks were useful.\nRubio agreed.", "", "example")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

	set.Apply(annotations.Add{Label: "actor", Start: 0, End: 6, Entity: "Sergei Lavrov"}, now)
	set.Apply(annotations.Add{Label: "claim", Start: 7, End: 33, Snap: true}, now)
	set.Apply(annotations.Link{Type: "source", From: "a2", To: "a1"}, now)

	for _, a := range set.Annotations() {
		fmt.Printf("%s %s [%d,%d) %q\n", a.ID, a.Label, a.Start, a.End, a.Quote)
	}
	for _, r := range set.Relations() {
		fmt.Println(r.ID, r.From, r.Type, r.To)
	}
	// Output:
	// a1 actor [0,6) "Lavrov"
	// a2 claim [7,33) "said the talks were useful"
	// r1 a2 source a1
}

func ExampleSet_Undo() {
	doc := annotations.NewDocument("Rubio proposed a ceasefire.", "", "")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

	set.Apply(annotations.Add{Label: "proposal", Start: 6, End: 26}, now)
	c, _ := set.Undo()
	fmt.Println("removed", c.Removed, "left", set.Len())
	c, _ = set.Redo()
	fmt.Println("added", c.Added, "left", set.Len())
	// Output:
	// removed [a1] left 0
	// added [a1] left 1
}

func ExampleSegments() {
	doc := annotations.NewDocument("Putin and Trump spoke.", "", "")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	set.Apply(annotations.Add{Label: "actor", Start: 0, End: 15}, now) // "Putin and Trump"
	set.Apply(annotations.Add{Label: "actor", Start: 10, End: 15}, now)

	p := doc.Paragraphs()[0]
	for _, s := range annotations.Segments(p.Start, p.End, set.InParagraph(0)) {
		fmt.Printf("%q %v\n", doc.Slice(s.Start, s.End), s.IDs)
	}
	// Output:
	// "Putin and " [a1]
	// "Trump" [a1 a2]
	// " spoke." []
}

func ExampleCodePointToUTF16() {
	s := "🇺🇦 Kyiv"
	fmt.Println(annotations.CodePointToUTF16(s, 3), annotations.UTF16ToCodePoint(s, 5))
	// Output: 5 3
}
