package anchor

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spanmark/spanmark/annotations"
)

func TestPlaceSelectors(t *testing.T) {
	tests := []struct {
		name      string
		old, text string
		sel       annotations.Selector
		withOld   bool
		want      Match
		reason    string
	}{
		{
			name:   "white_space_run",
			reason: "a quote with single spaces matches a line break and indentation, and maps back to the text's own code points",
			text:   "The bill passed\n    by a narrow margin",
			sel:    annotations.Selector{Exact: "passed by a narrow margin", Prefix: "The bill "},
			want:   Match{Start: 9, End: 38, Method: MethodQuote, Score: 1},
		},
		{
			name:   "nfc_quote_nfd_text",
			reason: "a precomposed quote is found in decomposed text",
			text:   "Le caf\u0065\u0301 est ferm\u0065\u0301 ce soir.",
			sel:    annotations.Selector{Exact: "caf\u00e9 est ferm\u00e9"},
			want:   Match{Start: 3, End: 19, Method: MethodQuote, Score: 1},
		},
		{
			name: "nfd_quote_nfc_text",
			text: "Le caf\u00e9 est ferm\u00e9 ce soir.",
			sel:  annotations.Selector{Exact: "caf\u0065\u0301 est ferm\u0065\u0301"},
			want: Match{Start: 3, End: 17, Method: MethodQuote, Score: 1},
		},
		{
			name:   "nfc_quote_nfd_text_vietnamese",
			reason: "a letter with two marks, ệ, is e, U+0323 and U+0302 in canonical order",
			text:   "Ngh\u0065\u0323\u0302 thu\u00e2\u0323t Vi\u0065\u0323\u0302t Nam",
			sel:    annotations.Selector{Exact: "Vi\u1ec7t Nam"},
			want:   Match{Start: 14, End: 24, Method: MethodQuote, Score: 1},
		},
		{
			name:   "nfc_quote_nfd_text_hangul",
			reason: "Hangul syllables decompose into their letters, as macOS writes file names",
			text:   "\u1112\u1161\u11ab\u1100\u116e\u11a8 \u110b\u1165 \u1109\u1175\u11b7",
			sel:    annotations.Selector{Exact: "\uc5b4 \uc2ec"},
			want:   Match{Start: 7, End: 13, Method: MethodQuote, Score: 1},
		},
		{
			name: "nfd_quote_nfc_text_greek",
			text: "\u0397 \u03b1\u03c0\u03cc\u03c6\u03b1\u03c3\u03b7 \u03ad\u03bb\u03b7\u03be\u03b5",
			sel:  annotations.Selector{Exact: "\u03b1\u03c0\u03bf\u0301\u03c6\u03b1\u03c3\u03b7"},
			want: Match{Start: 2, End: 9, Method: MethodQuote, Score: 1},
		},
		{
			name: "curly_quotes",
			text: "He said \"peace now\" and left.",
			sel:  annotations.Selector{Exact: "said \u201cpeace now\u201d and"},
			want: Match{Start: 3, End: 23, Method: MethodQuote, Score: 1},
		},
		{
			name:    "edited_first_word",
			reason:  "the ends come from the context: the replaced first word is covered whole",
			old:     "In the morning the dynamics of the situation changed again.",
			text:    "In the morning Kiril dynamics of the situation changed again.",
			withOld: true,
			sel:     annotations.Describe([]rune("In the morning the dynamics of the situation changed again."), 15, 44, annotations.ContextLen),
			want:    Match{Start: 15, End: 46, Method: MethodFuzzy},
		},
		{
			name: "edited_first_word_no_old_text",
			text: "In the morning Kiril dynamics of the situation changed again.",
			sel:  annotations.Describe([]rune("In the morning the dynamics of the situation changed again."), 15, 44, annotations.ContextLen),
			want: Match{Start: 15, End: 46, Method: MethodFuzzy},
		},
		{
			name:    "diff",
			old:     "Lavrov met Rubio. Lavrov said talks must go on.",
			text:    "Today Lavrov met Rubio. Lavrov said talks must go on.",
			withOld: true,
			sel:     annotations.Describe([]rune("Lavrov met Rubio. Lavrov said talks must go on."), 18, 24, annotations.ContextLen),
			want:    Match{Start: 24, End: 30, Method: MethodDiff, Score: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var old []rune
			if tt.withOld {
				old = []rune(tt.old)
			}
			got := PlaceSelectors(old, []rune(tt.text), []annotations.Selector{tt.sel})[0]
			if got.Err != nil {
				t.Fatalf("PlaceSelectors(%+v): %v", tt.sel, got.Err)
			}
			if diff := cmp.Diff(tt.want, got.Match, cmpopts.IgnoreFields(Match{}, "Score")); diff != "" {
				t.Errorf("PlaceSelectors(%+v) (-want +got):\n%s\ntext at got: %q", tt.sel, diff, string([]rune(tt.text)[got.Start:got.End]))
			}
			if tt.want.Score != 0 && got.Score != tt.want.Score {
				t.Errorf("score %v, want %v", got.Score, tt.want.Score)
			}
		})
	}
}

// TestPlaceSelectorsRepeatedText places selectors on a text that repeats
// one paragraph: every quote has copies, and only the order of the
// selectors and their drift tell which is meant.
func TestPlaceSelectorsRepeatedText(t *testing.T) {
	para := "Lavrov met Rubio in Riyadh, and the talks went on into the night.\n"
	old := []rune(strings.Repeat(para, 20))
	// A sentence inserted at the top shifts every quote.
	const news = "Breaking news from the region.\n"
	text := []rune(news + string(old))
	var sels []annotations.Selector
	for i := 0; i < 20; i++ {
		s := i*len([]rune(para)) + 11
		sels = append(sels, annotations.Describe(old, s, s+5, annotations.ContextLen))
	}
	for _, withOld := range []bool{true, false} {
		o := old
		if !withOld {
			o = nil
		}
		for i, r := range PlaceSelectors(o, text, sels) {
			want := sels[i].Start + len([]rune(news))
			if r.Err != nil || r.Start != want || r.End != want+5 {
				t.Errorf("withOld=%v: selector %d: got %+v, want %d (%q)", withOld, i, r, want, "Rubio")
			}
		}
	}
}

func TestPlacerStep(t *testing.T) {
	tx := evalTexts(t)[0]
	e := replaceWords(tx.text, 50, 1)
	spans := evalSpans(e, 300, 2)
	sels := evalSelectors(e, spans)
	for _, withOld := range []bool{true, false} {
		old := e.old
		if !withOld {
			old = nil
		}
		want := PlaceSelectors(old, e.text, sels)
		p := NewPlacer(old, e.text, sels)
		steps := 1
		for !p.Step(func() bool { return true }) {
			steps++
		}
		if steps < 10 {
			t.Errorf("withOld=%v: %d steps, want the work cut into more", withOld, steps)
		}
		if diff := cmp.Diff(want, p.Results(), cmp.Comparer(func(x, y error) bool {
			return errors.Is(x, annotations.ErrNotFound) == errors.Is(y, annotations.ErrNotFound)
		})); diff != "" {
			t.Errorf("withOld=%v: stepped results differ (-want +got):\n%s", withOld, diff)
		}
	}
}

// TestPlaceSelectorsEdited is the correctness half of BenchmarkReanchor on
// the sample article: at least 99.5% of 2,000 selectors exactly where
// their words went, at least 97% of those whose quote was edited, and at
// most 0.1% wrong.
func TestPlaceSelectorsEdited(t *testing.T) {
	tx := evalTexts(t)[0]
	e := replaceWords(tx.text, 50, 1)
	spans := evalSpans(e, 2000, 2)
	sels := evalSelectors(e, spans)
	for _, mode := range evalModes {
		c := e.score(spans, evalPlace(e.old, e.text, sels, mode.withOld))
		if c.right*1000 < 995*c.n || c.editedRight*100 < 97*c.edited || c.wrong*1000 > c.n {
			t.Errorf("%s: %d right of %d, %d of %d edited, %d wrong, %d orphans; first wrong: %s; first edited miss: %s",
				mode.name, c.right, c.n, c.editedRight, c.edited, c.wrong, c.orphan, c.firstWrong, c.firstEditedMiss)
		}
	}
}
