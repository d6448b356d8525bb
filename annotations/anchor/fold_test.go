package anchor

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

// TestDecompositions checks the folding of every code point against the
// Unicode normalisation package: each folds to its canonical decomposition,
// but for white space and the typographic variants, which fold further.
func TestDecompositions(t *testing.T) {
	bad := 0
	for c := rune(0); c <= utf8.MaxRune && bad < 10; c++ {
		if !utf8.ValidRune(c) || isFoldSpace(c) {
			continue
		}
		want := []rune(norm.NFD.String(string(c)))
		got := appendFolded(nil, c)
		if len(got) == 1 && len(want) == 1 && got[0] != c && strings.ContainsRune("'\"-", got[0]) {
			continue // a quote or a dash
		}
		if string(got) != string(want) {
			t.Errorf("fold %U %c: want %U, got %U", c, c, want, got)
			bad++
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, text, want string
		// start and end map every folded offset back, half-open.
		start, end []int
	}{
		{"spaces", "a \t\n b", "a b", []int{0, 1, 5}, []int{0, 1, 5, 6}},
		{"nbsp", "a\u00a0b", "a b", []int{0, 1, 2}, []int{0, 1, 2, 3}},
		{"nfc", "é!", "e\u0301!", []int{0, 0, 1}, []int{0, 1, 1, 2}},
		{"vietnamese", "ệ", "e\u0323\u0302", []int{0, 0, 0}, []int{0, 1, 1, 1}},
		{"hangul", "한", "\u1112\u1161\u11ab", []int{0, 0, 0}, []int{0, 1, 1, 1}},
		{"greek", "ά", "α\u0301", []int{0, 0}, []int{0, 1, 1}},
		{"quotes_dashes", "“a”—‘b’", "\"a\"-'b'", []int{0, 1, 2, 3, 4, 5, 6}, []int{0, 1, 2, 3, 4, 5, 6, 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fold([]rune(tt.text))
			if diff := cmp.Diff(tt.want, string(f.rs)); diff != "" {
				t.Errorf("fold(%q) (-want +got):\n%s", tt.text, diff)
			}
			var start, end []int
			for i := range f.rs {
				start = append(start, f.start(i))
			}
			for j := 0; j <= len(f.rs); j++ {
				end = append(end, f.end(j))
			}
			if diff := cmp.Diff(tt.start, start); diff != "" {
				t.Errorf("fold(%q) starts (-want +got):\n%s", tt.text, diff)
			}
			if diff := cmp.Diff(tt.end, end); diff != "" {
				t.Errorf("fold(%q) ends (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestFoldInPieces folds a text a few code points at a time, as the Placer
// does in steps, and wants the folding of the whole.
func TestFoldInPieces(t *testing.T) {
	text := []rune("a  b\n\n  cé “d”\t\te ")
	want := fold(text)
	for n := 1; n <= 4; n++ {
		got := newFolded(text)
		for from := 0; from < len(text); from += n {
			got.add(text, from, min(len(text), from+n))
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(folded{})); diff != "" {
			t.Errorf("in pieces of %d (-want +got):\n%s", n, diff)
		}
	}
}
