package suggest_test

import (
	"fmt"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/suggest"
)

func ExampleSuggest() {
	doc := annotations.NewDocument("Sergei Lavrov met Marco Rubio in Riyadh. Lavrov said the talks were useful.", "", "")
	for _, s := range suggest.Suggest(doc, nil, suggest.English()) {
		fmt.Printf("%-8s %-22q %-14s %-10s %v\n", s.Label, doc.Slice(s.Start, s.End), s.Entity, s.Reason, s.Links)
	}
	// Output:
	// actor    "Sergei Lavrov"        Sergei Lavrov  name       []
	// actor    "Marco Rubio"          Marco Rubio    name       []
	// actor    "Lavrov"               Sergei Lavrov  surname    []
	// claim    "the talks were useful"                claim-cue  [{source s-actor-41-47}]
}

func ExampleRun() {
	doc := annotations.NewDocument("Turkey urged Russia to withdraw.\nThe Kremlin said no.", "", "")
	r := suggest.New(doc, nil, suggest.English())
	steps := 1
	for !r.Step(1) { // one paragraph per frame
		steps++
	}
	fmt.Println(steps, "steps,", len(r.Suggestions()), "suggestions")
	// Output:
	// 4 steps, 4 suggestions
}
