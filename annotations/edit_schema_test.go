package annotations

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// schemaSet has an actor, a claim and a proposal, the claim linked to
// the actor as its source and the proposal as its target.
func schemaSet(t *testing.T) *Set {
	t.Helper()
	s := newTestSet(t)
	mustApply(t, s, Add{Label: "actor", Start: 0, End: 6})
	cs, ce := span(t, "talks must go on", 0)
	mustApply(t, s, Add{Label: "claim", Start: cs, End: ce})
	ps, pe := span(t, "a ceasefire", 0)
	mustApply(t, s, Add{Label: "proposal", Start: ps, End: pe})
	mustApply(t, s, Link{Type: "source", From: "a2", To: "a1"})
	mustApply(t, s, Link{Type: "target", From: "a3", To: "a1"})
	return s
}

func TestSetSchema(t *testing.T) {
	edit := func(fn func(s *Schema)) Schema {
		s := cloneSchema(DefaultSchema())
		fn(&s)
		return s
	}
	tests := []struct {
		name         string
		schema       Schema
		wantRemoved  []string // annotations
		wantRels     []string // relations removed
		wantLabels   []string // label ids after, in order
		wantNoChange bool
	}{
		{
			name:       "rename_recolour_rekey",
			schema:     edit(func(s *Schema) { s.Labels[0].Name, s.Labels[0].Color, s.Labels[0].Key = "Speaker", "#8e44ad", "a" }),
			wantLabels: []string{"actor", "claim", "proposal"},
		},
		{
			name: "reorder_and_add",
			schema: edit(func(s *Schema) {
				s.Labels = append([]Label{s.Labels[2], s.Labels[0], s.Labels[1]}, Label{ID: "place", Name: "Place"})
			}),
			wantLabels: []string{"proposal", "actor", "claim", "place"},
		},
		{
			name: "delete_label_in_use",
			schema: edit(func(s *Schema) {
				s.Labels = s.Labels[:2]
				s.Relations[0].From, s.Relations[1].From = []string{"claim"}, []string{"claim"}
			}),
			wantRemoved: []string{"a3"},
			wantRels:    []string{"r2"},
			wantLabels:  []string{"actor", "claim"},
		},
		{
			name:       "delete_relation_type",
			schema:     edit(func(s *Schema) { s.Relations = s.Relations[:1] }),
			wantRels:   []string{"r2"},
			wantLabels: []string{"actor", "claim", "proposal"},
		},
		{
			name:       "narrow_relation_type",
			schema:     edit(func(s *Schema) { s.Relations[0].From = []string{"proposal"} }),
			wantRels:   []string{"r1"},
			wantLabels: []string{"actor", "claim", "proposal"},
		},
		{name: "same", schema: DefaultSchema(), wantNoChange: true, wantLabels: []string{"actor", "claim", "proposal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := schemaSet(t)
			beforeAnns, beforeRels := s.Annotations(), s.Relations()
			c := mustApply(t, s, SetSchema{Schema: tt.schema})
			if c.Schema == tt.wantNoChange {
				t.Errorf("Change.Schema = %v, want %v", c.Schema, !tt.wantNoChange)
			}
			if diff := cmp.Diff(tt.wantRemoved, c.Removed); diff != "" {
				t.Errorf("removed annotations (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantRels, c.Relations); diff != "" {
				t.Errorf("removed relations (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantLabels, s.Schema().LabelIDs()); diff != "" {
				t.Errorf("labels after (-want +got):\n%s", diff)
			}
			if tt.wantNoChange {
				return
			}
			if _, err := s.Undo(); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(DefaultSchema(), s.Schema()); diff != "" {
				t.Errorf("schema after undo (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(beforeAnns, s.Annotations()); diff != "" {
				t.Errorf("annotations after undo (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(beforeRels, s.Relations()); diff != "" {
				t.Errorf("relations after undo (-want +got):\n%s", diff)
			}
			if _, err := s.Redo(); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantLabels, s.Schema().LabelIDs()); diff != "" {
				t.Errorf("labels after redo (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSetSchemaErrors(t *testing.T) {
	edit := func(fn func(s *Schema)) Schema {
		s := cloneSchema(DefaultSchema())
		fn(&s)
		return s
	}
	tests := []struct {
		name    string
		schema  Schema
		wantErr string
	}{
		{"duplicate_id", edit(func(s *Schema) { s.Labels[1].ID = "actor" }), `set schema: labels[1].id: "actor" is used twice`},
		{"duplicate_key", edit(func(s *Schema) { s.Labels[2].Key = "1" }), `set schema: labels[2].key: "1" is used twice`},
		{"bad_id", edit(func(s *Schema) { s.Labels[0].ID = "an actor" }), `set schema: labels[0].id: "an actor" is not a valid id`},
		{"no_labels", Schema{}, "set schema: labels: no labels"},
		{"unknown_from", edit(func(s *Schema) { s.Relations[0].From = []string{"claims"} }), `set schema: relations[0].from[0]: unknown label "claims"`},
		{"unreadable_colour", edit(func(s *Schema) { s.Labels[0].Color = "#eeeeee" }), `set schema: labels[0].color: "#eeeeee" is hard to read`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := schemaSet(t)
			before := s.Annotations()
			_, err := s.Apply(SetSchema{Schema: tt.schema}, t0)
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Fatalf("Apply(SetSchema) = %v, want an error starting %q", err, tt.wantErr)
			}
			if diff := cmp.Diff(DefaultSchema(), s.Schema()); diff != "" {
				t.Errorf("a refused schema changed it (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, s.Annotations()); diff != "" {
				t.Errorf("a refused schema changed the annotations (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSetSchemaCopies checks that the caller's slices do not reach the set.
func TestSetSchemaCopies(t *testing.T) {
	s := schemaSet(t)
	next := cloneSchema(DefaultSchema())
	next.Labels[0].Name = "Speaker"
	mustApply(t, s, SetSchema{Schema: next})
	next.Labels[0].Name = "Changed later"
	if got := s.Schema().Labels[0].Name; got != "Speaker" {
		t.Errorf("label name after the caller changed its copy = %q, want Speaker", got)
	}
}

func TestAdopt(t *testing.T) {
	s := schemaSet(t)
	next := cloneSchema(DefaultSchema())
	next.Labels = next.Labels[:2]
	next.Labels[0].Color = "#eeeeee" // not checked: the schema was edited elsewhere
	next.Relations = next.Relations[:1]
	next.Relations[0].From = []string{"claim"}
	c, err := s.Adopt(next)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a3"}, c.Removed); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(next, s.Schema()); diff != "" {
		t.Errorf("schema (-want +got):\n%s", diff)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if s.Schema().Labels[0].Color != "#eeeeee" {
		t.Errorf("undo after Adopt undid the adoption too; want it out of the history")
	}
	if _, err := s.Adopt(Schema{}); err == nil {
		t.Errorf("Adopt(an empty schema) = nil error, want one")
	}
}
