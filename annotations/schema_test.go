package annotations

import "testing"

func TestDefaultSchemaValid(t *testing.T) {
	s := DefaultSchema()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"actor", "claim", "proposal"} {
		l, ok := s.Label(id)
		if !ok || l.Key == "" || l.Color == "" || l.Description == "" {
			t.Errorf("label %q = %+v, %v; want name, key, colour and description", id, l, ok)
		}
	}
	if l, ok := s.LabelByKey("3"); !ok || l.ID != "proposal" {
		t.Errorf("LabelByKey(3) = %v, %v", l, ok)
	}
	src, _ := s.Relation("source")
	if !src.Allows("claim", "actor") || src.Allows("actor", "claim") {
		t.Error("source should go from claims to actors only")
	}
}

func TestSchemaValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Schema)
		want string
	}{
		{"no_labels", func(s *Schema) { s.Labels = nil }, "labels: no labels"},
		{"bad_id", func(s *Schema) { s.Labels[1].ID = "has space" }, `labels[1].id: "has space" is not a valid id (letters, digits, '-' and '_', at most 64)`},
		{"dup_id", func(s *Schema) { s.Labels[2].ID = "actor" }, `labels[2].id: "actor" is used twice`},
		{"dup_key", func(s *Schema) { s.Labels[2].Key = "1" }, `labels[2].key: "1" is used twice`},
		{"bad_color", func(s *Schema) { s.Labels[0].Color = "red" }, `labels[0].color: "red" is not a colour of the form #rrggbb`},
		{"rel_bad_id", func(s *Schema) { s.Relations[0].ID = "" }, `relations[0].id: "" is not a valid id`},
		{"rel_dup", func(s *Schema) { s.Relations[1].ID = "source" }, `relations[1].id: "source" is used twice`},
		{"rel_from", func(s *Schema) { s.Relations[0].From = []string{"claim", "villain"} }, `relations[0].from[1]: unknown label "villain"`},
		{"rel_to", func(s *Schema) { s.Relations[1].To = []string{"x"} }, `relations[1].to[0]: unknown label "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSchema()
			tt.edit(&s)
			err := s.Validate()
			if err == nil || err.Error() != tt.want {
				t.Errorf("Validate() = %v, want %q", err, tt.want)
			}
		})
	}
}
