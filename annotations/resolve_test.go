package annotations

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestResolve(t *testing.T) {
	doc := NewDocument("Lavrov met Rubio in Riyadh.", "", "test")
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	votes := &Conflict{Votes: []Vote{{Annotator: "ann", Label: "actor"}, {Annotator: "bob"}}}
	tests := []struct {
		name     string
		conflict *Conflict
		id       string
		wantErr  error
		want     *Conflict // after Resolve
		changed  bool
	}{
		{name: "clears_conflict", conflict: votes, id: "a1", want: nil, changed: true},
		{name: "no_conflict_no_change", conflict: nil, id: "a1", want: nil},
		{name: "unknown_id", conflict: votes, id: "a9", wantErr: ErrNotFound, want: votes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSet(doc, DefaultSchema())
			if err := s.Insert(Annotation{ID: "a1", Label: "actor", Start: 0, End: 6, Conflict: tt.conflict}); err != nil {
				t.Fatal(err)
			}
			c, err := s.Apply(Resolve{ID: tt.id}, now)
			if tt.wantErr != nil {
				if err == nil || !containsErr(err, tt.wantErr) {
					t.Fatalf("Resolve(%q) error = %v, want %v", tt.id, err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatalf("Resolve(%q): %v", tt.id, err)
			}
			a, _ := s.Annotation("a1")
			if diff := cmp.Diff(tt.want, a.Conflict); diff != "" {
				t.Errorf("conflict after Resolve mismatch (-want +got):\n%s", diff)
			}
			if got := !c.IsEmpty(); got != tt.changed {
				t.Errorf("Resolve(%q) changed = %v, want %v", tt.id, got, tt.changed)
			}
			if !tt.changed {
				return
			}
			if _, err := s.Undo(); err != nil {
				t.Fatal(err)
			}
			a, _ = s.Annotation("a1")
			if diff := cmp.Diff(tt.conflict, a.Conflict); diff != "" {
				t.Errorf("conflict after undo mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// containsErr reports whether err's text names want; lookup errors carry
// the sentinel's words, not the sentinel.
func containsErr(err, want error) bool {
	return errors.Is(err, want) || len(err.Error()) >= len(want.Error()) && err.Error()[len(err.Error())-len(want.Error()):] == want.Error()
}
