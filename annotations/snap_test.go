package annotations

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSnapToWords(t *testing.T) {
	tests := []struct {
		name, text string
		start, end int
		want       string
	}{
		{"inside_words", "Russia's long-serving minister", 3, 14, "Russia's long-serving"},
		{"already_whole", "the U.S. side", 4, 7, "U.S"},
		{"edge_on_space", "one two three", 3, 8, " two "},
		{"combining_mark", "cafe\u0301 noir", 0, 4, "cafe\u0301"},
		{"cjk_run", "俄罗斯和美国", 1, 2, "俄罗斯和美国"},
		{"clamped", "abc", -4, 99, "abc"},
		{"apostrophe_end", "Trump’s plan", 0, 5, "Trump’s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []rune(tt.text)
			s, e := SnapToWords(rs, tt.start, tt.end)
			if got := string(rs[s:e]); got != tt.want {
				t.Errorf("SnapToWords(%q, %d, %d) = %q, want %q", tt.text, tt.start, tt.end, got, tt.want)
			}
		})
	}
}

func TestOccurrences(t *testing.T) {
	tests := []struct {
		name, text, q string
		want          []int
	}{
		{"words_only", "US and USA and US.", "US", []int{0, 15}},
		{"no_overlap", "....", "..", []int{0, 2}},
		{"punctuation_edges", "(a) (a)", "(a)", []int{0, 4}},
		{"emoji", "🇺🇦 x 🇺🇦", "🇺🇦", []int{0, 5}},
		{"none", "abc", "d", nil},
		{"empty_query", "abc", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Occurrences([]rune(tt.text), []rune(tt.q))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Occurrences(%q, %q) (-want +got):\n%s", tt.text, tt.q, diff)
			}
		})
	}
}
