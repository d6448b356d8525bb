package argmap_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/argmap"
)

// ann is a shorthand for test annotations: only what the map reads.
func ann(id, label string, start int, quote, entity string) annotations.Annotation {
	return annotations.Annotation{ID: id, Label: label, Start: start, End: start + len(quote), Quote: quote, Entity: entity}
}

func rel(id, typ, from, to string) annotations.Relation {
	return annotations.Relation{ID: id, Type: typ, From: from, To: to}
}

// twoDocs are two small documents that name Russia three ways.
func twoDocs() []argmap.Source {
	schema := annotations.DefaultSchema()
	return []argmap.Source{
		{Document: "one", Annotator: "alice", Schema: schema,
			Annotations: []annotations.Annotation{
				ann("a1", "actor", 0, "Moscow", "Russia"),
				ann("a2", "claim", 10, "talks were useful", ""),
				ann("a3", "actor", 30, "Rubio", "Marco Rubio"),
				ann("a4", "proposal", 40, "a ceasefire", ""),
				ann("a5", "actor", 60, "the  Kremlin", ""),
				ann("a6", "claim", 80, "nobody listened", ""),
			},
			Relations: []annotations.Relation{
				rel("r1", "source", "a2", "a1"),
				rel("r2", "target", "a2", "a3"),
				rel("r3", "source", "a4", "a3"),
				rel("r4", "target", "a4", "a1"),
				rel("r5", "target", "a4", "a5"),
				rel("r6", "source", "a2", "a1"), // a repeat: counted once
				rel("r7", "source", "a4", "a9"), // an orphan's relation: skipped
			}},
		{Document: "two", Schema: schema,
			Annotations: []annotations.Annotation{
				ann("a1", "actor", 0, "RUSSIA", ""),
				ann("a2", "actor", 10, "The Kremlin", ""),
				ann("a3", "claim", 20, "it was fine", ""),
				ann("a4", "actor", 40, "Russia", "russia"),
			},
			Relations: []annotations.Relation{rel("r1", "source", "a3", "a2")}},
	}
}

func TestNew(t *testing.T) {
	m := argmap.New(twoDocs())
	want := &argmap.Map{
		Documents: []argmap.Document{{Name: "one", Annotator: "alice"}, {Name: "two"}},
		Labels:    annotations.DefaultSchema().Labels[1:],
		Actors: []argmap.Actor{
			// The entity "Russia" and the quote "RUSSIA" are one actor;
			// its name is the entity's most frequent spelling, the first
			// on a tie.
			{Name: "Russia", IsEntity: true, Mentions: []argmap.Mention{{0, "a1", 0, 6}, {1, "a1", 0, 6}, {1, "a4", 40, 46}}},
			// Quotes group ignoring case and runs of white space.
			{Name: "the Kremlin", Mentions: []argmap.Mention{{0, "a5", 60, 72}, {1, "a2", 10, 21}}},
			{Name: "Marco Rubio", IsEntity: true, Mentions: []argmap.Mention{{0, "a3", 30, 35}}},
		},
		Statements: []argmap.Statement{
			{Mention: argmap.Mention{0, "a2", 10, 27}, Label: "claim", Quote: "talks were useful", Sources: []int{0}, Targets: []int{2}},
			{Mention: argmap.Mention{0, "a4", 40, 51}, Label: "proposal", Quote: "a ceasefire", Sources: []int{2}, Targets: []int{0, 1}},
			{Mention: argmap.Mention{0, "a6", 80, 95}, Label: "claim", Quote: "nobody listened"},
			{Mention: argmap.Mention{1, "a3", 20, 31}, Label: "claim", Quote: "it was fine", Sources: []int{1}},
		},
	}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("New (-want +got):\n%s", diff)
	}
}

func TestOnly(t *testing.T) {
	m := argmap.New(twoDocs())
	p := m.Only("proposal")
	if diff := cmp.Diff(m.Actors, p.Actors); diff != "" {
		t.Errorf("actors changed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]argmap.Statement{m.Statements[1]}, p.Statements); diff != "" {
		t.Errorf("statements (-want +got):\n%s", diff)
	}
	if len(p.Labels) != 1 || p.Labels[0].ID != "proposal" {
		t.Errorf("labels = %v, want proposal only", p.Labels)
	}
	if n := len(m.Only().Statements); n != 0 {
		t.Errorf("Only() kept %d statements, want 0", n)
	}
}

func TestSummaries(t *testing.T) {
	m := argmap.New(twoDocs())
	want := []argmap.Summary{
		{Actor: 0, Sources: []int{0}, Targets: []int{1}, SourceCounts: []int{1, 0}, TargetCounts: []int{0, 1}},
		{Actor: 1, Sources: []int{3}, Targets: []int{1}, SourceCounts: []int{1, 0}, TargetCounts: []int{0, 1}},
		{Actor: 2, Sources: []int{1}, Targets: []int{0}, SourceCounts: []int{0, 1}, TargetCounts: []int{1, 0}},
	}
	if diff := cmp.Diff(want, m.Summaries()); diff != "" {
		t.Errorf("Summaries (-want +got):\n%s", diff)
	}
}

func TestMatrix(t *testing.T) {
	m := argmap.New(twoDocs())
	want := argmap.Matrix{
		Actors: []int{0, 1, 2},
		Cells: [][]argmap.Cell{
			{{}, {}, {Statements: []int{0}, Counts: []int{1, 0}}},
			{{}, {}, {}},
			{{Statements: []int{1}, Counts: []int{0, 1}}, {Statements: []int{1}, Counts: []int{0, 1}}, {}},
		},
	}
	if diff := cmp.Diff(want, m.Matrix()); diff != "" {
		t.Errorf("Matrix (-want +got):\n%s", diff)
	}
	// Without the claims, the Kremlin is still a target.
	if got := m.Only("proposal").Matrix().Actors; !cmp.Equal(got, []int{0, 1, 2}) {
		t.Errorf("Only(proposal).Matrix().Actors = %v, want [0 1 2]", got)
	}
	if got := m.Only("claim").Matrix().Actors; !cmp.Equal(got, []int{0, 2}) {
		t.Errorf("Only(claim).Matrix().Actors = %v, want [0 2]", got)
	}
}

func TestFromSet(t *testing.T) {
	doc := annotations.NewDocument("Lavrov said the talks were useful.", "Talks", "")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	for _, err := range []error{
		set.Insert(ann("a1", "actor", 0, "Lavrov", "Sergei Lavrov")),
		set.Insert(ann("a2", "claim", 7, "said the talks were useful", "")),
		set.InsertRelation(rel("r1", "source", "a2", "a1")),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	m := argmap.New([]argmap.Source{argmap.FromSet(set, "talks.txt", "me")})
	if m.Documents[0] != (argmap.Document{Name: "Talks", Annotator: "me"}) {
		t.Errorf("document = %+v, want Talks by me", m.Documents[0])
	}
	if len(m.Statements) != 1 || !cmp.Equal(m.Statements[0].Sources, []int{0}) || m.Actors[0].Name != "Sergei Lavrov" {
		t.Errorf("map = %+v, want Sergei Lavrov as the source of one claim", m)
	}
}
