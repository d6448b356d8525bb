package anchor

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/spanmark/spanmark/annotations"
)

// FuzzAnchor checks the invariants of anchoring on arbitrary texts and
// selectors: no panic; every match and candidate lies inside the text with
// a score in [0, 1]; a position or quote match slices back exactly to the
// quote, and a fuzzy one is within the error budget; errors wrap
// ErrNotFound; and a span described with Describe is found again, by
// position, in the unchanged text. Seeds are the golden cases in
// testdata/match. Inputs are up to 2,048 code points, which makes the
// fuzzer's minimisation of a new input slow; run it with a short
// -fuzzminimizetime (5s) so the minute goes to fuzzing.
func FuzzAnchor(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/match/*.txt")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		c, err := parseMatchCase(string(data))
		if err != nil {
			f.Fatalf("%s: %v", file, err)
		}
		sels, err := c.selectorsFor()
		if err != nil {
			f.Fatalf("%s: %v", file, err)
		}
		for i, sel := range sels {
			f.Add(c.text, sel.Exact, sel.Prefix, sel.Suffix, sel.Start, sel.End, i, i+len(sel.Exact)/2)
		}
	}
	f.Add("aaaa", "aa", "", "", 0, 0, 0, 2)
	f.Add("ab\xffcd", "\xff", "", "", 2, 3, 1, 3)
	f.Fuzz(func(t *testing.T, text, exact, prefix, suffix string, start, end, ds, de int) {
		const maxLen = 2048 // code points: the golden texts, and each run stays fast
		rs := []rune(text)
		if len(rs) > maxLen || len([]rune(exact)) > maxLen {
			t.Skip()
		}
		a := NewAnchorer(rs)
		sel := annotations.Selector{Exact: exact, Prefix: prefix, Suffix: suffix, Start: start, End: end}
		m, err := a.Anchor(sel)
		if err != nil {
			if !errors.Is(err, annotations.ErrNotFound) {
				t.Fatalf("Anchor(%+v): error %v does not wrap ErrNotFound", sel, err)
			}
		} else {
			checkMatch(t, rs, sel, m)
		}
		cands := a.Candidates(sel)
		for _, c := range cands {
			checkMatch(t, rs, sel, c)
		}
		if !slices.IsSortedFunc(cands, func(x, y Match) int {
			switch {
			case x.Score > y.Score:
				return -1
			case x.Score < y.Score-scoreTie:
				return 1
			}
			return 0
		}) {
			t.Fatalf("Candidates(%+v) not best first: %+v", sel, cands)
		}

		// Describe then Anchor on the unchanged text finds the span.
		if len(rs) == 0 {
			return
		}
		s, e := min(abs(ds)%len(rs), abs(de)%(len(rs)+1)), max(abs(ds)%len(rs), abs(de)%(len(rs)+1))
		if s == e {
			return
		}
		d := annotations.Describe(rs, s, e, annotations.ContextLen)
		want := Match{Start: s, End: e, Method: MethodPosition, Score: 1}
		if got, err := a.Anchor(d); err != nil || got != want {
			t.Fatalf("Anchor(Describe(text, %d, %d)) = %+v, %v; want %+v", s, e, got, err, want)
		}
	})
}

// checkMatch fails t unless m is a valid answer for sel in text.
func checkMatch(t *testing.T, text []rune, sel annotations.Selector, m Match) {
	t.Helper()
	if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
		t.Fatalf("%+v: match %+v outside the text (%d code points) or empty", sel, m, len(text))
	}
	if m.Score < 0 || m.Score > 1 {
		t.Fatalf("%+v: match %+v: score outside [0, 1]", sel, m)
	}
	got := string(text[m.Start:m.End])
	switch m.Method {
	case MethodPosition, MethodQuote:
		if got != sel.Exact {
			t.Fatalf("%+v: %s match %+v is %q, not the quote", sel, m.Method, m, got)
		}
		if m.Method == MethodPosition && (m.Start != sel.Start || m.End != sel.End) {
			t.Fatalf("%+v: position match %+v is not at the hint", sel, m)
		}
	case MethodFuzzy:
		q := []rune(sel.Exact)
		if d := editDistance(q, text[m.Start:m.End]); float64(d) > float64(len(q))*maxErrorRate {
			t.Fatalf("%+v: fuzzy match %+v is %q, %d edits from the quote", sel, m, got, d)
		}
	default:
		t.Fatalf("%+v: match %+v has no method", sel, m)
	}
}
