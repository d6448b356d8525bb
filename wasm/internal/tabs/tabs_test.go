package tabs

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestState runs each case's events on a tab "me" showing document "d"
// at revision 3, and compares what the tab answered and its state after.
func TestState(t *testing.T) {
	type save struct {
		Base, Rev int
		OK        bool
	}
	begin := func(s *State) any {
		b, r, ok := s.BeginSave()
		return save{b, r, ok}
	}
	recv := func(m Message) func(*State) any { return func(s *State) any { return s.Receive(m) } }
	change := func(s *State) any { s.Change(); return nil }
	tests := []struct {
		name  string
		steps []func(*State) any
		want  []any
		after State
	}{
		{
			name:  "own_message_ignored",
			steps: []func(*State) any{recv(Message{Tab: "me", ID: "d", Rev: 9})},
			want:  []any{Ignore},
			after: State{Tab: "me", ID: "d", Rev: 3},
		},
		{
			name:  "other_document_ignored",
			steps: []func(*State) any{recv(Message{Tab: "it", ID: "e", Rev: 9})},
			want:  []any{Ignore},
			after: State{Tab: "me", ID: "d", Rev: 3},
		},
		{
			name:  "older_revision_ignored",
			steps: []func(*State) any{recv(Message{Tab: "it", ID: "d", Rev: 3})},
			want:  []any{Ignore},
			after: State{Tab: "me", ID: "d", Rev: 3},
		},
		{
			name:  "newer_revision_reloads",
			steps: []func(*State) any{recv(Message{Tab: "it", ID: "d", Rev: 4})},
			want:  []any{Reload},
			after: State{Tab: "me", ID: "d", Rev: 3},
		},
		{
			name:  "newer_revision_with_unsaved_change_conflicts",
			steps: []func(*State) any{change, recv(Message{Tab: "it", ID: "d", Rev: 4})},
			want:  []any{nil, Conflict},
			after: State{Tab: "me", ID: "d", Rev: 3, ReadOnly: true},
		},
		{
			name:  "read_only_tab_reloads_the_next_revision",
			steps: []func(*State) any{change, recv(Message{Tab: "it", ID: "d", Rev: 4}), recv(Message{Tab: "it", ID: "d", Rev: 5})},
			want:  []any{nil, Conflict, Reload},
			after: State{Tab: "me", ID: "d", Rev: 3, ReadOnly: true},
		},
		{
			name:  "deleted_elsewhere_stores_anew",
			steps: []func(*State) any{recv(Message{Tab: "it", ID: "d", Deleted: true}), change, begin},
			want:  []any{Ignore, nil, save{0, 1, true}},
			after: State{Tab: "me", ID: "d"},
		},
		{
			name:  "nothing_to_save",
			steps: []func(*State) any{begin},
			want:  []any{save{}},
			after: State{Tab: "me", ID: "d", Rev: 3},
		},
		{
			name: "save_and_tell",
			steps: []func(*State) any{change, begin,
				func(s *State) any { return s.Saved(4) }},
			want:  []any{nil, save{3, 4, true}, Message{Tab: "me", ID: "d", Rev: 4}},
			after: State{Tab: "me", ID: "d", Rev: 4},
		},
		{
			name: "change_during_save_stays_unsaved",
			steps: []func(*State) any{change, begin, change,
				func(s *State) any { return s.Saved(4) }},
			want:  []any{nil, save{3, 4, true}, nil, Message{Tab: "me", ID: "d", Rev: 4}},
			after: State{Tab: "me", ID: "d", Rev: 4, Unsaved: true},
		},
		{
			name: "failed_save_keeps_the_change",
			steps: []func(*State) any{change, begin,
				func(s *State) any { s.Change(); return nil }},
			want:  []any{nil, save{3, 4, true}, nil},
			after: State{Tab: "me", ID: "d", Rev: 3, Unsaved: true},
		},
		{
			name: "stale_save_conflicts",
			steps: []func(*State) any{change, begin,
				func(s *State) any { return s.Stale() }},
			want:  []any{nil, save{3, 4, true}, Conflict},
			after: State{Tab: "me", ID: "d", Rev: 3, ReadOnly: true},
		},
		{
			name:  "reload_without_change",
			steps: []func(*State) any{func(s *State) any { return s.Reloading() }},
			want:  []any{Reload},
			after: State{Tab: "me", ID: "d", Rev: 3},
		},
		{
			name:  "change_while_reading_the_reload_conflicts",
			steps: []func(*State) any{change, func(s *State) any { return s.Reloading() }},
			want:  []any{nil, Conflict},
			after: State{Tab: "me", ID: "d", Rev: 3, ReadOnly: true},
		},
		{
			name: "read_only_tab_loads_the_latest",
			steps: []func(*State) any{change, func(s *State) any { return s.Stale() },
				func(s *State) any { return s.Reloading() },
				func(s *State) any { s.Show("d", 5); return nil }},
			want:  []any{nil, Conflict, Reload, nil},
			after: State{Tab: "me", ID: "d", Rev: 5},
		},
		{
			name:  "delete_shown_document",
			steps: []func(*State) any{change, func(s *State) any { return s.Delete("d") }},
			want:  []any{nil, Message{Tab: "me", ID: "d", Deleted: true}},
			after: State{Tab: "me", ID: "d"},
		},
		{
			name:  "delete_other_document",
			steps: []func(*State) any{change, func(s *State) any { return s.Delete("e") }},
			want:  []any{nil, Message{Tab: "me", ID: "e", Deleted: true}},
			after: State{Tab: "me", ID: "d", Rev: 3, Unsaved: true},
		},
		{
			name:  "show_another_document",
			steps: []func(*State) any{change, func(s *State) any { return s.Stale() }, func(s *State) any { s.Show("e", 0); return nil }},
			want:  []any{nil, Conflict, nil},
			after: State{Tab: "me", ID: "e"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := State{Tab: "me"}
			s.Show("d", 3)
			var got []any
			for _, step := range tt.steps {
				got = append(got, step(&s))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("answers (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.after, s); diff != "" {
				t.Errorf("state after (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStateShowsNothing(t *testing.T) {
	var s State
	s.Tab = "me"
	if got := s.Receive(Message{Tab: "it", ID: "", Rev: 1}); got != Ignore {
		t.Errorf("Receive with no document shown = %v, want Ignore", got)
	}
}
