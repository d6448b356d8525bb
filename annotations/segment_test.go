package annotations

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSegments(t *testing.T) {
	a := func(id string, s, e int) Annotation { return Annotation{ID: id, Label: "actor", Start: s, End: e} }
	tests := []struct {
		name       string
		start, end int
		anns       []Annotation
		want       []Segment
	}{
		{name: "plain", start: 0, end: 10, want: []Segment{{0, 10, nil}}},
		{name: "one", start: 0, end: 10, anns: []Annotation{a("a1", 2, 5)},
			want: []Segment{{0, 2, nil}, {2, 5, []string{"a1"}}, {5, 10, nil}}},
		{name: "nested_outer_first", start: 0, end: 10, anns: []Annotation{a("a2", 3, 4), a("a1", 1, 8)},
			want: []Segment{{0, 1, nil}, {1, 3, []string{"a1"}}, {3, 4, []string{"a1", "a2"}}, {4, 8, []string{"a1"}}, {8, 10, nil}}},
		{name: "crossing", start: 0, end: 10, anns: []Annotation{a("a1", 1, 6), a("a2", 4, 9)},
			want: []Segment{{0, 1, nil}, {1, 4, []string{"a1"}}, {4, 6, []string{"a1", "a2"}}, {6, 9, []string{"a2"}}, {9, 10, nil}}},
		{name: "same_span_two_labels", start: 0, end: 4, anns: []Annotation{
			{ID: "a2", Label: "claim", Start: 0, End: 4}, {ID: "a1", Label: "actor", Start: 0, End: 4}},
			want: []Segment{{0, 4, []string{"a1", "a2"}}}},
		{name: "clipped_to_paragraph", start: 10, end: 20, anns: []Annotation{a("a1", 5, 12), a("a2", 18, 30)},
			want: []Segment{{10, 12, []string{"a1"}}, {12, 18, nil}, {18, 20, []string{"a2"}}}},
		{name: "outside_ignored", start: 10, end: 20, anns: []Annotation{a("a1", 0, 10), a("a2", 20, 25)},
			want: []Segment{{10, 20, nil}}},
		{name: "empty_range", start: 5, end: 5, anns: []Annotation{a("a1", 0, 10)}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Segments(tt.start, tt.end, tt.anns)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Segments(%d, %d) (-want +got):\n%s", tt.start, tt.end, diff)
			}
		})
	}
}

// FuzzSegments checks that segments tile the range and list exactly the
// annotations that cover them.
func FuzzSegments(f *testing.F) {
	f.Add(0, 20, []byte{1, 5, 3, 9, 4, 4, 0, 20})
	f.Add(5, 6, []byte{0, 10})
	f.Fuzz(func(t *testing.T, start, end int, spans []byte) {
		start, end = start%1000, end%1000
		var anns []Annotation
		for i := 0; i+1 < len(spans) && i < 64; i += 2 {
			anns = append(anns, Annotation{ID: "a" + string(rune('A'+i/2)), Start: int(spans[i]), End: int(spans[i+1])})
		}
		segs := Segments(start, end, anns)
		if end <= start {
			if len(segs) != 0 {
				t.Fatalf("segments of an empty range: %v", segs)
			}
			return
		}
		at := start
		for _, s := range segs {
			if s.Start != at || s.End <= s.Start {
				t.Fatalf("segments do not tile [%d,%d): %v", start, end, segs)
			}
			at = s.End
			covering := map[string]bool{}
			for _, a := range anns {
				if a.Start <= s.Start && a.End >= s.End && a.End > a.Start {
					covering[a.ID] = true
				}
			}
			if len(covering) != len(s.IDs) {
				t.Fatalf("segment %v lists %v, want the %d covering annotations", s, s.IDs, len(covering))
			}
			for _, id := range s.IDs {
				if !covering[id] {
					t.Fatalf("segment %v lists %s, which does not cover it", s, id)
				}
			}
		}
		if at != end {
			t.Fatalf("segments end at %d, want %d", at, end)
		}
	})
}
