package argmap_test

import (
	"fmt"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/argmap"
)

func Example() {
	doc := annotations.NewDocument("Lavrov said the talks were useful. Rubio urged a ceasefire on Moscow.", "Talks", "")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	for _, a := range []annotations.Annotation{
		{ID: "a1", Label: "actor", Start: 0, End: 6, Entity: "Sergei Lavrov"},
		{ID: "a2", Label: "claim", Start: 7, End: 33},
		{ID: "a3", Label: "actor", Start: 35, End: 40, Entity: "Marco Rubio"},
		{ID: "a4", Label: "proposal", Start: 41, End: 58},
		{ID: "a5", Label: "actor", Start: 62, End: 68, Entity: "Russia"},
	} {
		if err := set.Insert(a); err != nil {
			panic(err)
		}
	}
	for _, r := range []annotations.Relation{
		{ID: "r1", Type: "source", From: "a2", To: "a1"},
		{ID: "r2", Type: "source", From: "a4", To: "a3"},
		{ID: "r3", Type: "target", From: "a4", To: "a5"},
	} {
		if err := set.InsertRelation(r); err != nil {
			panic(err)
		}
	}

	m := argmap.New([]argmap.Source{argmap.FromSet(set, "talks.txt", "")})
	for _, s := range m.Summaries() {
		fmt.Printf("%s: source of %d, target of %d\n", m.Actors[s.Actor].Name, len(s.Sources), len(s.Targets))
	}
	fmt.Print(m.CSV())
	// Output:
	// Marco Rubio: source of 1, target of 0
	// Russia: source of 0, target of 1
	// Sergei Lavrov: source of 1, target of 0
	// document,annotator,annotation,label,start,end,quote,source entities,target entities,note
	// Talks,,a2,claim,7,33,said the talks were useful,Sergei Lavrov,,
	// Talks,,a4,proposal,41,58,urged a ceasefire,Marco Rubio,Russia,
}
