package suggest

import (
	"os"
	"testing"

	"github.com/spanmark/spanmark/annotations"
)

// FuzzSuggest checks the invariants of the suggestions on any text: no
// panic, spans inside the text, non-empty, on word boundaries and without
// surrounding white space, IDs unique and derived from label and span,
// links to other suggestions, and the same results in steps of one
// paragraph as in one call. The seeds are the development texts.
func FuzzSuggest(f *testing.F) {
	for _, p := range []string{"../../web/sample.txt", "../../testdata/suggest/dev-sudan.txt", "../../testdata/suggest/dev-trade.txt"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("“Yes,” said.\n, said X.\nAccording to\nurged to\nU.S.\n’s Mr. A. B. al-")
	lx := English()
	f.Fuzz(func(t *testing.T, text string) {
		doc := annotations.NewDocument(text, "", "")
		rs := doc.Runes()
		sugs := Suggest(doc, nil, lx)
		ids := map[string]bool{}
		for _, s := range sugs {
			if s.Start < 0 || s.End > len(rs) || s.Start >= s.End {
				t.Fatalf("%s: span [%d,%d) outside the text of %d code points", s.ID, s.Start, s.End, len(rs))
			}
			if a, b := annotations.SnapToWords(rs, s.Start, s.End); a != s.Start || b != s.End {
				t.Errorf("%s %q: not on word boundaries (snaps to [%d,%d))", s.ID, string(rs[s.Start:s.End]), a, b)
			}
			if a, b := annotations.TrimSpace(rs, s.Start, s.End); a != s.Start || b != s.End {
				t.Errorf("%s %q: white space at an end", s.ID, string(rs[s.Start:s.End]))
			}
			if s.ID != SuggestionID(s.Label, s.Start, s.End) || ids[s.ID] {
				t.Errorf("%s: id not derived from its span, or repeated", s.ID)
			}
			ids[s.ID] = true
		}
		for _, s := range sugs {
			for _, l := range s.Links {
				if !ids[l.To] || l.To == s.ID {
					t.Errorf("%s: link %s to %q, which is no other suggestion", s.ID, l.Type, l.To)
				}
			}
		}
		r := New(doc, nil, lx)
		for !r.Step(1) {
		}
		if got := r.Suggestions(); len(got) != len(sugs) {
			t.Errorf("in steps: %d suggestions, in one call %d", len(got), len(sugs))
		}
	})
}
