package team

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

// mergeView is what a merged annotation looks like in a test: label,
// quote, entity and votes ("alice=claim bob= carol=claim"), or no votes.
type mergeView struct {
	ID, Label, Quote, Entity, Votes string
}

func viewMerged(f *annotations.File) []mergeView {
	var out []mergeView
	for _, a := range f.Annotations {
		v := mergeView{ID: a.ID, Label: a.Label, Quote: a.Quote, Entity: a.Entity}
		if a.Conflict != nil {
			var vs []string
			for _, x := range a.Conflict.Votes {
				vs = append(vs, x.Annotator+"="+x.Label)
			}
			v.Votes = strings.Join(vs, " ")
		}
		out = append(out, v)
	}
	return out
}

func TestMergeByHand(t *testing.T) {
	doc := annotations.NewDocument(relText, "rel", "test")
	// relText: "Lavrov said the talks went well. Rubio said the sanctions
	// stay. Lavrov proposed a summit."
	alice := teamFile(t, doc, "alice", []teamSpan{
		{label: "actor", quote: "Lavrov", entity: "Sergei Lavrov"},
		{label: "claim", quote: "the talks went well"},
		{label: "actor", quote: "Rubio"},
	}, []teamLink{{"source", 1, 0}})
	bob := teamFile(t, doc, "bob", []teamSpan{
		{label: "actor", quote: "Lavrov", entity: "Lavrov"},
		{label: "proposal", quote: "the talks went well"},
		{label: "actor", quote: "Rubio"},
		{label: "proposal", quote: "a summit"},
	}, []teamLink{{"source", 1, 0}})
	carol := teamFile(t, doc, "carol", []teamSpan{
		{label: "actor", quote: "Lavrov", entity: "Sergei Lavrov"},
		{label: "claim", quote: "the talks went well"},
		{label: "claim", quote: "the sanctions stay"},
		{label: "actor", quote: "Rubio"},
	}, []teamLink{{"source", 1, 0}, {"source", 2, 3}})
	p := mustPanel(t, alice, bob, carol)

	tests := []struct {
		name      string
		minAgree  int
		want      []mergeView
		wantRels  []annotations.Relation
		wantDrops int
	}{
		{
			name: "majority", minAgree: 0,
			want: []mergeView{
				{ID: "a1", Label: "actor", Quote: "Lavrov", Entity: "Sergei Lavrov"},
				{ID: "a2", Label: "claim", Quote: "the talks went well"},
				{ID: "a3", Label: "proposal", Quote: "the talks went well", Votes: "alice=claim bob=proposal carol=claim"},
				{ID: "a4", Label: "actor", Quote: "Rubio"},
				{ID: "a5", Label: "claim", Quote: "the sanctions stay", Votes: "alice= bob= carol=claim"},
				{ID: "a6", Label: "proposal", Quote: "a summit", Votes: "alice= bob=proposal carol="},
			},
			// alice's and carol's claim→Lavrov twice; bob's proposal→Lavrov
			// rides with its conflict-marked endpoint; so does carol's claim→Rubio.
			wantRels: []annotations.Relation{
				{ID: "r1", Type: "source", From: "a2", To: "a1"},
				{ID: "r2", Type: "source", From: "a3", To: "a1"},
				{ID: "r3", Type: "source", From: "a5", To: "a4"},
			},
		},
		{
			name: "unanimous", minAgree: 3,
			want: []mergeView{
				{ID: "a1", Label: "actor", Quote: "Lavrov", Entity: "Sergei Lavrov"},
				{ID: "a2", Label: "claim", Quote: "the talks went well", Votes: "alice=claim bob=proposal carol=claim"},
				{ID: "a3", Label: "proposal", Quote: "the talks went well", Votes: "alice=claim bob=proposal carol=claim"},
				{ID: "a4", Label: "actor", Quote: "Rubio"},
				{ID: "a5", Label: "claim", Quote: "the sanctions stay", Votes: "alice= bob= carol=claim"},
				{ID: "a6", Label: "proposal", Quote: "a summit", Votes: "alice= bob=proposal carol="},
			},
			wantRels: []annotations.Relation{
				{ID: "r1", Type: "source", From: "a2", To: "a1"},
				{ID: "r2", Type: "source", From: "a3", To: "a1"},
				{ID: "r3", Type: "source", From: "a5", To: "a4"},
			},
		},
		{
			name: "union", minAgree: 1,
			want: []mergeView{
				{ID: "a1", Label: "actor", Quote: "Lavrov", Entity: "Sergei Lavrov"},
				{ID: "a2", Label: "claim", Quote: "the talks went well"},
				{ID: "a3", Label: "proposal", Quote: "the talks went well"},
				{ID: "a4", Label: "actor", Quote: "Rubio"},
				{ID: "a5", Label: "claim", Quote: "the sanctions stay"},
				{ID: "a6", Label: "proposal", Quote: "a summit"},
			},
			wantRels: []annotations.Relation{
				{ID: "r1", Type: "source", From: "a2", To: "a1"},
				{ID: "r2", Type: "source", From: "a3", To: "a1"},
				{ID: "r3", Type: "source", From: "a5", To: "a4"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, rep, err := Merge(p, tc.minAgree, teamTime)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, viewMerged(f)); diff != "" {
				t.Errorf("annotations (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantRels, f.Relations); diff != "" {
				t.Errorf("relations (-want +got):\n%s", diff)
			}
			if len(rep.DroppedRelations) != tc.wantDrops {
				t.Errorf("dropped %d relations, want %d", len(rep.DroppedRelations), tc.wantDrops)
			}
			// The merge is a valid file: it encodes and decodes.
			b, err := codec.Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := codec.Decode(b); err != nil {
				t.Errorf("merged file does not decode: %v", err)
			}
		})
	}
}

func TestMergeDropsMinorityRelation(t *testing.T) {
	doc := annotations.NewDocument(relText, "rel", "test")
	spans := []teamSpan{{label: "actor", quote: "Lavrov"}, {label: "claim", quote: "the talks went well"}}
	a := teamFile(t, doc, "alice", spans, []teamLink{{"source", 1, 0}})
	b := teamFile(t, doc, "bob", spans, []teamLink{{"target", 1, 0}})
	c := teamFile(t, doc, "carol", spans, []teamLink{{"source", 1, 0}})
	f, rep, err := Merge(mustPanel(t, a, b, c), 0, teamTime)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]annotations.Relation{{ID: "r1", Type: "source", From: "a2", To: "a1"}}, f.Relations); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
	if len(rep.DroppedRelations) != 1 || rep.DroppedRelations[0].Type != "target" ||
		!cmp.Equal(rep.DroppedRelations[0].Annotators, []string{"bob"}) {
		t.Errorf("dropped = %+v, want bob's target relation", rep.DroppedRelations)
	}
}

func TestMergeErrors(t *testing.T) {
	doc := annotations.NewDocument(relText, "rel", "test")
	a := teamFile(t, doc, "alice", nil, nil)
	b := teamFile(t, doc, "bob", nil, nil)
	p := mustPanel(t, a, b)
	for _, n := range []int{-1, 3} {
		if _, _, err := Merge(p, n, teamTime); err == nil || !strings.Contains(err.Error(), "min-agree") {
			t.Errorf("Merge(min-agree %d) error = %v, want one about min-agree", n, err)
		}
	}
}

// TestMergeGolden merges the three sample annotators and compares the
// result with testdata/merge/sample-merged.json (-update rewrites it).
func TestMergeGolden(t *testing.T) {
	fs := sampleTeam(t)
	p := mustPanel(t, fs...)
	f, _, err := Merge(p, 0, teamTime)
	if err != nil {
		t.Fatal(err)
	}
	got, err := codec.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "testdata", "merge", "sample-merged.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
	// Merging the files in another order gives the same annotations and
	// relations; only the order of the votes follows the annotators.
	q := mustPanel(t, fs[2], fs[0], fs[1])
	g, _, err := Merge(q, 0, teamTime)
	if err != nil {
		t.Fatal(err)
	}
	strip := func(f *annotations.File) []annotations.Annotation {
		out := append([]annotations.Annotation(nil), f.Annotations...)
		for i := range out {
			out[i].Conflict = nil
		}
		return out
	}
	if diff := cmp.Diff(strip(f), strip(g)); diff != "" {
		t.Errorf("merge depends on file order (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(f.Relations, g.Relations); diff != "" {
		t.Errorf("relations depend on file order (-first +second):\n%s", diff)
	}
}

func ExampleMerge() {
	doc := annotations.NewDocument("Lavrov said the talks went well.", "", "")
	file := func(name, label string) *annotations.File {
		s := annotations.NewSet(doc, annotations.DefaultSchema())
		s.Insert(annotations.Annotation{ID: "a1", Label: "actor", Start: 0, End: 6})
		s.Insert(annotations.Annotation{ID: "a2", Label: label, Start: 12, End: 31})
		return annotations.NewFile(s, name, time.Time{})
	}
	p, err := NewPanel([]*annotations.File{file("alice", "claim"), file("bob", "proposal"), file("carol", "claim")},
		[]string{"alice.json", "bob.json", "carol.json"})
	if err != nil {
		panic(err)
	}
	f, rep, err := Merge(p, 0, time.Time{}) // 0: a majority, 2 of 3
	if err != nil {
		panic(err)
	}
	for _, a := range f.Annotations {
		fmt.Printf("%s %s %q", a.ID, a.Label, a.Quote)
		if a.Conflict != nil {
			fmt.Print(" conflict:")
			for _, v := range a.Conflict.Votes {
				fmt.Printf(" %s=%s", v.Annotator, v.Label)
			}
		}
		fmt.Println()
	}
	fmt.Println(rep.Agreed, "agreed,", rep.Conflicts, "to adjudicate")
	// Output:
	// a1 actor "Lavrov"
	// a2 claim "the talks went well"
	// a3 proposal "the talks went well" conflict: alice=claim bob=proposal carol=claim
	// 2 agreed, 1 to adjudicate
}
