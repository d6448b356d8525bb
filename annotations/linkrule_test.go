package annotations

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSetOrient(t *testing.T) {
	s := newTestSet(t)
	actor := mustApply(t, s, Add{Label: "actor", Start: 0, End: 6}).Added[0]
	st, end := span(t, "talks must go on", 0)
	claim := mustApply(t, s, Add{Label: "claim", Start: st, End: end}).Added[0]
	tests := []struct {
		name string
		in   Link
		want Link
	}{
		{"claim_to_actor_kept", Link{Type: "source", From: claim, To: actor}, Link{Type: "source", From: claim, To: actor}},
		{"actor_to_claim_swapped", Link{Type: "source", From: actor, To: claim}, Link{Type: "source", From: claim, To: actor}},
		{"actor_to_actor_kept", Link{Type: "target", From: actor, To: actor}, Link{Type: "target", From: actor, To: actor}},
		{"claim_to_claim_kept", Link{Type: "target", From: claim, To: claim}, Link{Type: "target", From: claim, To: claim}},
		{"unknown_type_kept", Link{Type: "cites", From: actor, To: claim}, Link{Type: "cites", From: actor, To: claim}},
		{"missing_end_kept", Link{Type: "source", From: actor, To: "a99"}, Link{Type: "source", From: actor, To: "a99"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, s.Orient(tt.in)); diff != "" {
				t.Errorf("Orient(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
	// The swapped link is the one the schema accepts.
	if _, err := s.Apply(s.Orient(Link{Type: "source", From: actor, To: claim}), t0); err != nil {
		t.Errorf("apply the oriented link: %v", err)
	}
}
