package anchor

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spanmark/spanmark/annotations"
)

// myersDP returns, for every end j of text, the least edit distance
// between pattern and a substring of text ending at j (search), or the
// prefix text[:j] (align). It is the textbook dynamic programme that
// bitPattern must agree with.
func myersDP(pattern, text []rune, align bool) []int {
	m := len(pattern)
	col := make([]int, m+1)
	for i := range col {
		col[i] = i
	}
	out := []int{col[m]}
	for j, c := range text {
		prevDiag := col[0]
		if align {
			col[0] = j + 1
		}
		for i := 1; i <= m; i++ {
			cost := 1
			if pattern[i-1] == c {
				cost = 0
			}
			v := min(prevDiag+cost, col[i]+1, col[i-1]+1)
			prevDiag = col[i]
			col[i] = v
		}
		out = append(out, col[m])
	}
	return out
}

func myersRandom(r *rand.Rand, n int, alphabet []rune) []rune {
	s := make([]rune, n)
	for i := range s {
		s[i] = alphabet[r.IntN(len(alphabet))]
	}
	return s
}

func TestBitPatternAgreesWithDP(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcd é😀中")
	for _, m := range []int{1, 2, 5, 63, 64, 65, 127, 128, 129, 200} {
		for trial := 0; trial < 20; trial++ {
			p := myersRandom(r, m, alphabet)
			text := myersRandom(r, r.IntN(300), alphabet)
			if trial%2 == 0 && len(text) > m {
				copy(text[len(text)/3:], p) // plant a copy so some searches hit
			}
			bp := newBitPattern(p)
			want := myersDP(p, text, true)
			if got := bp.distance(text); got != want[len(text)] {
				t.Fatalf("distance(%q, %q): want %d, got %d", string(p), string(text), want[len(text)], got)
			}
			if got := editDistance(p, text); got != want[len(text)] {
				t.Fatalf("editDistance(%q, %q): want %d, got %d", string(p), string(text), want[len(text)], got)
			}
			// Align backwards from the end equals aligning the reversed
			// pattern with the reversed text.
			rp, rt := reversed(p), reversed(text)
			wantBack := myersDP(rp, rt, true)
			bd, bn := newBitPattern(rp).alignBackward(text, len(text), len(text), m)
			if bd != wantBack[bn] || bd != myersMin(wantBack) {
				t.Fatalf("alignBackward(%q, %q) = %d over %d, want min %d", string(p), string(text), bd, bn, myersMin(wantBack))
			}
			if got := bp.alignForward(text, 0, len(text)); got != myersMin(want) {
				t.Fatalf("alignForward(%q, %q) = %d, want %d", string(p), string(text), got, myersMin(want))
			}
			k := m / 4
			wantSearch := myersDP(p, text, false)
			hits := map[int]int{}
			for _, run := range bp.search(text, 0, len(text), k) {
				for i, j := range run.ends {
					hits[j] = run.ds[i]
				}
			}
			// Exactly the ends within k are reported, each with its distance.
			for j := 1; j <= len(text); j++ {
				d, ok := hits[j]
				if ok != (wantSearch[j] <= k) || ok && d != wantSearch[j] {
					t.Fatalf("search(%q, %q, k=%d): end %d reported %v with %d, want distance %d",
						string(p), string(text), k, j, ok, d, wantSearch[j])
				}
			}
		}
	}
}

func myersMin(xs []int) int {
	m := xs[0]
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}

// anchorSpan returns the code point span of the nth (0-based) occurrence of quote
// in text; it panics if there is none, since that is a broken test table.
func anchorSpan(text, quote string, nth int) (start, end int) {
	rs, qs := []rune(text), []rune(quote)
	for i := 0; i+len(qs) <= len(rs); i++ {
		if string(rs[i:i+len(qs)]) == quote {
			if nth == 0 {
				return i, i + len(qs)
			}
			nth--
		}
	}
	panic("span: " + quote + " not in the test text")
}

// anchorScore is the score formula of match.go for d edits among n code points.
func anchorScore(d, n int) float64 { return 1 - float64(d)/float64(n) }

// selectorLen is the number of code points of quote and context in sel.
func selectorLen(sel annotations.Selector) int {
	return utf8.RuneCountInString(sel.Exact + sel.Prefix + sel.Suffix)
}

func TestDescribe(t *testing.T) {
	text := []rune("Lavrov met Rubio in Riyadh 🇸🇦.")
	tests := []struct {
		name       string
		start, end int
		n          int
		want       annotations.Selector
	}{
		{"middle", 11, 16, 3, annotations.Selector{Exact: "Rubio", Prefix: "et ", Suffix: " in", Start: 11, End: 16}},
		{"text_start", 0, 6, 32, annotations.Selector{Exact: "Lavrov", Suffix: " met Rubio in Riyadh 🇸🇦.", Start: 0, End: 6}},
		{"flag_is_two_code_points", 27, 29, 1, annotations.Selector{Exact: "🇸🇦", Prefix: " ", Suffix: ".", Start: 27, End: 29}},
		{"clamped", -5, 99, 4, annotations.Selector{Exact: string(text), Start: 0, End: len(text)}},
		{"reversed_is_empty", 10, 5, 2, annotations.Selector{Exact: "", Prefix: "et", Suffix: " R", Start: 10, End: 10}},
		{"negative_context", 11, 16, -1, annotations.Selector{Exact: "Rubio", Start: 11, End: 16}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := annotations.Describe(text, tt.start, tt.end, tt.n)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Describe(%d, %d, %d) mismatch (-want +got):\n%s", tt.start, tt.end, tt.n, diff)
			}
		})
	}
}

func TestCandidates(t *testing.T) {
	text := []rune("the peace plan, the peace talks, the piece plan, the peace plan")
	tests := []struct {
		name string
		sel  annotations.Selector
		want []Match
	}{
		{"context_outranks_exactness", annotations.Selector{Exact: "peace plan", Suffix: ", the peace"}, []Match{
			{Start: 4, End: 14, Method: MethodQuote, Score: 1},
			{Start: 37, End: 47, Method: MethodFuzzy, Score: anchorScore(2, 21)},
			// At the end of the text: the whole suffix is missing.
			{Start: 53, End: 63, Method: MethodQuote, Score: anchorScore(11, 21)},
		}},
		{"hint_marks_position", annotations.Selector{Exact: "peace plan", Start: 53, End: 63}, []Match{
			{Start: 53, End: 63, Method: MethodPosition, Score: 1},
			{Start: 4, End: 14, Method: MethodQuote, Score: 1},
			{Start: 37, End: 47, Method: MethodFuzzy, Score: anchorScore(2, 10)},
		}},
		{"empty", annotations.Selector{}, nil},
		{"short_quote_has_no_budget", annotations.Selector{Exact: "pie"}, []Match{{Start: 37, End: 40, Method: MethodQuote, Score: 1}}},
	}
	a := NewAnchorer(text)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := a.Candidates(tt.sel)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("Candidates(%+v) mismatch (-want +got):\n%s", tt.sel, diff)
			}
		})
	}
}

func TestAnchorErrorTied(t *testing.T) {
	// The hint is 4 code points from the first two occurrences.
	_, err := Anchor([]rune("a plan, a plan, a plan"), annotations.Selector{Exact: "plan", Start: 6, End: 10})
	var ae *AnchorError
	if !errors.As(err, &ae) {
		t.Fatalf("Anchor: want an *AnchorError, got %v", err)
	}
	want := []Match{{Start: 2, End: 6, Method: MethodQuote, Score: 1}, {Start: 10, End: 14, Method: MethodQuote, Score: 1}}
	if diff := cmp.Diff(want, ae.Tied); diff != "" {
		t.Errorf("Tied mismatch (-want +got):\n%s", diff)
	}
	if got, want := err.Error(), `anchor "plan": ambiguous: 2 equally good places`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	long := &AnchorError{Exact: strings.Repeat("word ", 20), Reason: "not found"}
	if got, want := long.Error(), `anchor "word word word word word word word word":`+` not found`; !strings.HasPrefix(got, `anchor "word word`) || !strings.Contains(got, `…": not found`) {
		t.Errorf("Error() = %q, want the quote shortened like %q", got, want)
	}
}

func TestAnchor(t *testing.T) {
	const talks = "The minister said talks would resume in Geneva next week. Talks stalled in March."
	const twice = "Russia said yes to the plan. Later Russia said no to the plan."
	const article = "Sergei Lavrov, Russia’s long-serving foreign minister, leads their delegation. " +
		"On the U.S. side stands Marco Rubio, a relative newcomer to his post.\n" +
		"Amidst these developments, the U.S. and Russia have agreed to assemble negotiating teams."
	// moved: the first paragraph moved to the end and edited ("Lavrov" typo'd).
	const moved = "Amidst these developments, the U.S. and Russia have agreed to assemble negotiating teams.\n" +
		"Sergei Lavorv, Russia’s long-serving foreign minister, leads their delegation. " +
		"On the U.S. side stands Marco Rubio, a relative newcomer to his post."
	const emoji = "Family 👩‍👩‍👧‍👦 and flags 🇺🇦🇵🇱 then 👍🏽 ok; again flags 🇺🇦🇵🇱 end."
	const cjk = "俄罗斯外长拉夫罗夫说，谈判将继续。美国国务卿说，拉夫罗夫的提议值得考虑。"
	const marks = "café (precomposed) and cafe\u0301 (combining) and cafe plain"
	const rtl = "قال وزير الخارجية سيرغي لافروف إن المحادثات ستستمر. ורוביו אמר שהשיחות יימשכו."

	at := func(text, quote string, nth int, m Method, s float64) Match {
		start, end := anchorSpan(text, quote, nth)
		return Match{Start: start, End: end, Method: m, Score: s}
	}
	desc := func(text, quote string, nth int) annotations.Selector {
		start, end := anchorSpan(text, quote, nth)
		return annotations.Describe([]rune(text), start, end, annotations.ContextLen)
	}
	// hint sets sel's position hint to the nth occurrence of quote in text,
	// moved by delta.
	hint := func(sel annotations.Selector, text, quote string, nth, delta int) annotations.Selector {
		sel.Start, sel.End = anchorSpan(text, quote, nth)
		sel.Start += delta
		sel.End += delta
		return sel
	}
	lavrov := desc(article, "Sergei Lavrov, Russia’s long-serving", 0)

	tests := []struct {
		name    string
		text    string
		sel     annotations.Selector
		reason  string
		want    Match
		wantErr string // the error message; empty when a match is wanted
	}{
		{name: "exact_unique", text: talks, sel: annotations.Selector{Exact: "Geneva"},
			want: at(talks, "Geneva", 0, MethodQuote, 1)},
		{name: "hint_exact", text: talks, sel: desc(talks, "talks", 0),
			want: at(talks, "talks", 0, MethodPosition, 1)},
		{name: "hint_exact_no_context", text: talks, sel: hint(annotations.Selector{Exact: "talks"}, talks, "talks", 0, 0),
			want: at(talks, "talks", 0, MethodPosition, 1)},
		{name: "hint_stale_quote_elsewhere", text: "Breaking: " + talks, sel: desc(talks, "resume in Geneva", 0),
			want: at("Breaking: "+talks, "resume in Geneva", 0, MethodQuote, 1)},
		{name: "duplicate_disambiguated_by_prefix", text: twice, sel: annotations.Selector{Exact: "Russia", Prefix: "plan. Later "},
			// The first occurrence starts the text: its whole prefix is missing.
			want: at(twice, "Russia", 1, MethodQuote, 1)},
		{name: "duplicate_by_suffix", text: twice, sel: annotations.Selector{Exact: "Russia said", Suffix: " no to"},
			want: at(twice, "Russia said", 1, MethodQuote, 1)},
		{name: "duplicate_by_hint_distance", text: twice, sel: hint(annotations.Selector{Exact: "Russia"}, twice, "Russia", 1, 3),
			reason: "the hint is stale by 3 code points but nearer the second occurrence",
			want:   at(twice, "Russia", 1, MethodQuote, 1)},
		{name: "ambiguous_no_context", text: twice, sel: annotations.Selector{Exact: "the plan"},
			wantErr: `anchor "the plan": ambiguous: 2 equally good places`},
		{name: "ambiguous_same_context", text: "a plan, a plan", sel: annotations.Selector{Exact: "plan", Prefix: "a "},
			wantErr: `anchor "plan": ambiguous: 2 equally good places`},
		{name: "fuzzy_one_typo", text: strings.Replace(talks, "Geneva", "Genewa", 1), sel: desc(talks, "Geneva", 0),
			want: at(talks, "Geneva", 0, MethodFuzzy, anchorScore(1, 6+32+32))},
		{name: "fuzzy_paragraph_moved", text: moved, sel: lavrov,
			want: at(moved, "Sergei Lavorv, Russia’s long-serving", 0, MethodFuzzy,
				anchorScore(2, selectorLen(lavrov)))},
		{name: "quote_gone", text: strings.Replace(talks, "resume in Geneva", "never resume", 1), sel: desc(talks, "resume in Geneva", 0),
			wantErr: `anchor "resume in Geneva": not found`},
		{name: "short_quote_unrelated_context", text: "Geneva is far. " + strings.Replace(talks, "Geneva", "Paris", 1),
			sel:     desc(talks, "Geneva", 0),
			wantErr: `anchor "Geneva": not found (the best place, 0-6, scores 0.20, below 0.66)`},
		{name: "empty_exact", text: talks, sel: annotations.Selector{Exact: "", Start: 4, End: 12},
			wantErr: `anchor "": empty quote`},
		{name: "hint_out_of_range", text: talks, sel: annotations.Selector{Exact: "Geneva", Start: 500, End: 506},
			want: at(talks, "Geneva", 0, MethodQuote, 1)},
		{name: "emoji_zwj_and_flags", text: emoji, sel: desc(emoji, "🇺🇦🇵🇱", 1),
			want: at(emoji, "🇺🇦🇵🇱", 1, MethodPosition, 1)},
		{name: "emoji_moved", text: "New: " + emoji, sel: desc(emoji, "👩‍👩‍👧‍👦 and", 0),
			want: at("New: "+emoji, "👩‍👩‍👧‍👦 and", 0, MethodQuote, 1)},
		{name: "emoji_fuzzy", text: strings.Replace(emoji, "👍🏽", "👍🏿", 1), sel: desc(emoji, "then 👍🏽 ok", 0),
			want: at(emoji, "then 👍🏽 ok", 0, MethodFuzzy, anchorScore(1, selectorLen(desc(emoji, "then 👍🏽 ok", 0))))},
		{name: "cjk", text: cjk, sel: annotations.Selector{Exact: "拉夫罗夫", Prefix: "美国国务卿说，"},
			want: at(cjk, "拉夫罗夫", 1, MethodQuote, 1)},
		{name: "cjk_fuzzy", text: strings.Replace(cjk, "谈判将继续", "谈判将要继续", 1), sel: desc(cjk, "谈判将继续", 0),
			want: at(strings.Replace(cjk, "谈判将继续", "谈判将要继续", 1), "谈判将要继续", 0, MethodFuzzy,
				anchorScore(1, selectorLen(desc(cjk, "谈判将继续", 0))))},
		{name: "combining_marks", text: marks, sel: annotations.Selector{Exact: "cafe\u0301"},
			want: at(marks, "cafe\u0301", 0, MethodQuote, 1)},
		{name: "rtl", text: rtl, sel: desc(rtl, "لافروف", 0),
			want: at(rtl, "لافروف", 0, MethodPosition, 1)},
		{name: "rtl_moved", text: "עדכון: " + rtl, sel: desc(rtl, "שהשיחות יימשכו", 0),
			want: at("עדכון: "+rtl, "שהשיחות יימשכו", 0, MethodQuote, 1)},
		{name: "hint_with_edited_context", text: strings.Replace(talks, "minister said", "minister sang", 1),
			sel:    desc(talks, "talks would resume", 0),
			reason: "the quote is still at the hint; only its prefix changed",
			want: at(talks, "talks would resume", 0, MethodPosition,
				anchorScore(2, selectorLen(desc(talks, "talks would resume", 0))))},
		{name: "context_beats_hint", text: twice, sel: hint(annotations.Selector{Exact: "Russia", Prefix: "Later "}, twice, "Russia", 0, 0),
			reason: "the hint holds the quote, but the other occurrence has the context",
			want:   at(twice, "Russia", 1, MethodQuote, 1)},
		{name: "one_side_of_context", text: "Lavrov said talks must go on.\n\nLavrov agreed.",
			sel:    annotations.Selector{Exact: "Lavrov", Prefix: "Rubio proposed a ceasefire, and ", Suffix: " agreed."},
			reason: "the prefix was deleted with its sentence; the intact suffix is enough",
			want:   Match{Start: 31, End: 37, Method: MethodQuote, Score: anchorScore(26, 6+32+8)}},
		{name: "fuzzy_no_hint_common_pieces", text: strings.Repeat("the peace plan is good. ", 100) + "the peace plan is good; said Lavrof.",
			sel:    annotations.Selector{Exact: "the peace plan is good, said Lavrov"},
			reason: "the first 12-code-point piece is everywhere and the second nowhere, so the whole text is searched",
			want:   Match{Start: 2400, End: 2435, Method: MethodFuzzy, Score: anchorScore(2, 35)}},
		{name: "invalid_utf8_quote", text: talks, sel: annotations.Selector{Exact: "Gen\xffva"},
			reason: "an exact match is impossible, a fuzzy one is not",
			want:   at(talks, "Geneva", 0, MethodFuzzy, anchorScore(1, 6))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Anchor([]rune(tt.text), tt.sel)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || !errors.Is(err, annotations.ErrNotFound) {
					t.Fatalf("Anchor(%+v): want error %q wrapping ErrNotFound, got %v, %v", tt.sel, tt.wantErr, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Anchor(%+v): %v", tt.sel, err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("Anchor(%+v) mismatch (-want +got):\n%s\ntext at got: %q", tt.sel, diff, string([]rune(tt.text)[got.Start:got.End]))
			}
		})
	}
}

// corpusPath is the public-domain text the correctness test and the
// benchmarks edit and anchor in (see testdata/corpus/README.md).
const corpusPath = "../../testdata/corpus/war_and_peace_books_1-5.txt"

// loadCorpus returns the first n code points of the corpus (all when n <= 0).
func loadCorpus(tb testing.TB, n int) []rune {
	tb.Helper()
	b, err := os.ReadFile(corpusPath)
	if err != nil {
		tb.Fatalf("load corpus: %v", err)
	}
	rs := []rune(string(b))
	if n > 0 && n < len(rs) {
		rs = rs[:n]
	}
	return rs
}

// editedText is a text after random edits, with where each old offset went.
type editedText struct {
	text []rune
	// left[o] and right[o] bound where old offset o went: they differ only
	// where an edit touched o (text inserted at o, or o inside a replaced
	// run), and a span boundary at o may fairly land anywhere between.
	left, right []int
}

// editCorpus applies about one edit per wordsPerEdit words of old: insert,
// delete or substitute 1 to 5 code points at a random place, with a fixed
// seed so that runs are comparable.
func editCorpus(old []rune, wordsPerEdit int, seed uint64) editedText {
	r := rand.New(rand.NewPCG(seed, 7))
	words := len(strings.Fields(string(old)))
	pos := make([]int, words/wordsPerEdit)
	for i := range pos {
		pos[i] = r.IntN(len(old))
	}
	slices.Sort(pos)
	letters := []rune("abcdefghijklmnopqrstuvwxyz ,.")
	rnd := func(n int) []rune { return myersRandom(r, n, letters) }
	e := editedText{left: make([]int, len(old)+1), right: make([]int, len(old)+1)}
	o := 0
	copyTo := func(p int) {
		for ; o < p; o++ {
			e.left[o], e.right[o] = len(e.text), len(e.text)
			e.text = append(e.text, old[o])
		}
	}
	for _, p := range pos {
		if p < o {
			continue
		}
		copyTo(p)
		n := 1 + r.IntN(5)
		switch r.IntN(3) {
		case 0: // insert before old[p]
			e.left[p] = len(e.text)
			e.text = append(e.text, rnd(n)...)
			e.right[p] = len(e.text)
			e.text = append(e.text, old[p])
			o = p + 1
		case 1: // delete old[p:p+n]
			for ; o < min(p+n, len(old)); o++ {
				e.left[o], e.right[o] = len(e.text), len(e.text)
			}
		default: // substitute old[p:p+n]
			before := len(e.text)
			e.text = append(e.text, rnd(n)...)
			e.left[p], e.right[p] = before, before
			for o = p + 1; o < min(p+n, len(old)); o++ {
				e.left[o], e.right[o] = before, len(e.text)
			}
		}
	}
	copyTo(len(old))
	e.left[len(old)], e.right[len(old)] = len(e.text), len(e.text)
	return e
}

// quoteSpans returns n random spans of text that start and end at word
// boundaries and are 20 to 150 code points long, some longer than one
// 64-code-point block.
func quoteSpans(text []rune, n int, seed uint64) [][2]int {
	r := rand.New(rand.NewPCG(seed, 11))
	isSpace := func(c rune) bool { return c == ' ' || c == '\n' }
	var spans [][2]int
	for len(spans) < n {
		s := r.IntN(len(text) - 200)
		for s < len(text) && !isSpace(text[s]) {
			s++
		}
		s++
		e := s + 20 + r.IntN(130)
		for e < len(text) && !isSpace(text[e]) {
			e++
		}
		if e > len(text) || strings.TrimSpace(string(text[s:e])) != string(text[s:e]) {
			continue
		}
		spans = append(spans, [2]int{s, e})
	}
	return spans
}

// anchorEdited anchors the spans, described in old, in the edited text and
// counts the answers that are right, wrong and missing.
func anchorEdited(a *Anchorer, old []rune, e editedText, spans [][2]int, hints bool) (right, wrong, missing int, firstWrong string) {
	for _, sp := range spans {
		sel := annotations.Describe(old, sp[0], sp[1], annotations.ContextLen)
		if !hints {
			sel.Start, sel.End = 0, 0
		}
		m, err := a.Anchor(sel)
		switch {
		case err != nil:
			missing++
		case m.Start >= e.left[sp[0]] && m.Start <= e.right[sp[0]] && m.End >= e.left[sp[1]] && m.End <= e.right[sp[1]]:
			right++
		default:
			wrong++
			if firstWrong == "" {
				firstWrong = fmt.Sprintf("%q: want %d-%d, got %+v %q", sel.Exact, e.left[sp[0]], e.left[sp[1]], m, string(e.text[m.Start:m.End]))
			}
		}
	}
	return right, wrong, missing, firstWrong
}

// TestAnchorEditedCorpus is the correctness half of the fuzzy benchmark: on
// 200,000 code points of War and Peace with one edit per 50 words, at least
// 99% of 1,000 quotes must be found where they went, and a wrong place is
// worse than none, so at most 0.2% may be wrong.
func TestAnchorEditedCorpus(t *testing.T) {
	old := loadCorpus(t, 200_000)
	e := editCorpus(old, 50, 1)
	spans := quoteSpans(old, 1000, 2)
	// Unchanged text: every span is found at its position.
	same := NewAnchorer(old)
	for _, sp := range spans {
		want := Match{Start: sp[0], End: sp[1], Method: MethodPosition, Score: 1}
		if got, err := same.Anchor(annotations.Describe(old, sp[0], sp[1], annotations.ContextLen)); err != nil || got != want {
			t.Fatalf("unchanged text: Anchor(Describe(%d, %d)) = %+v, %v; want %+v", sp[0], sp[1], got, err, want)
		}
	}
	a := NewAnchorer(e.text)
	for _, hints := range []bool{true, false} {
		right, wrong, missing, first := anchorEdited(a, old, e, spans, hints)
		t.Logf("hints=%v: %d right, %d wrong, %d not found of %d", hints, right, wrong, missing, len(spans))
		if right*100 < 99*len(spans) || wrong*1000 > 2*len(spans) {
			t.Errorf("hints=%v: %d right, %d wrong, %d not found of %d quotes; want >= 99%% right, <= 0.2%% wrong; first wrong: %s",
				hints, right, wrong, missing, len(spans), first)
		}
	}
}

func init() {
	// -update rewrites golden files; the flag is shared with the package's
	// other golden tests, whichever file defines it first.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// matchCase is a golden file of testdata/match; README.md there explains
// the format.
type matchCase struct {
	comment   string
	original  string
	spans     []string // JSON: a quote (its first occurrence) or [start, end]
	text      string
	selectors []string // JSON selectors
	want      []string
}

var matchSections = []string{"original", "spans", "text", "selectors", "want"}

func parseMatchCase(data string) (matchCase, error) {
	var c matchCase
	sec := ""
	body := map[string][]string{}
	for i, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		if name, ok := strings.CutPrefix(line, "-- "); ok && strings.HasSuffix(name, " --") {
			sec = strings.TrimSuffix(name, " --")
			if !slices.Contains(matchSections, sec) {
				return c, fmt.Errorf("line %d: unknown section %q", i+1, sec)
			}
			body[sec] = []string{}
			continue
		}
		if sec == "" {
			c.comment += line + "\n"
			continue
		}
		body[sec] = append(body[sec], line)
	}
	nonEmpty := func(ls []string) []string {
		return slices.DeleteFunc(slices.Clone(ls), func(l string) bool { return strings.TrimSpace(l) == "" })
	}
	c.original = strings.Join(body["original"], "\n")
	c.spans = nonEmpty(body["spans"])
	c.text = strings.Join(body["text"], "\n")
	c.selectors = nonEmpty(body["selectors"])
	c.want = nonEmpty(body["want"])
	if _, ok := body["text"]; !ok {
		return c, errors.New("no -- text -- section")
	}
	return c, nil
}

func (c matchCase) format() string {
	var b strings.Builder
	b.WriteString(c.comment)
	write := func(name string, lines ...string) {
		fmt.Fprintf(&b, "-- %s --\n", name)
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
	}
	if len(c.spans) > 0 {
		write("original", c.original)
		write("spans", c.spans...)
	}
	write("text", c.text)
	if len(c.selectors) > 0 {
		write("selectors", c.selectors...)
	}
	write("want", c.want...)
	return b.String()
}

// goldenResult is one line of a golden file's want section.
type goldenResult struct {
	Exact  string  `json:"exact"`
	Span   []int   `json:"span,omitempty"` // [start, end)
	Method Method  `json:"method,omitempty"`
	Score  float64 `json:"score,omitzero"`
	Found  string  `json:"found,omitempty"`
	Error  string  `json:"error,omitempty"`
}

// selectorsFor returns the case's selectors: its spans described in the
// original text, then the hand-written ones.
func (c matchCase) selectorsFor() ([]annotations.Selector, error) {
	var sels []annotations.Selector
	orig := []rune(c.original)
	for _, s := range c.spans {
		var quote string
		var se [2]int
		if err := json.Unmarshal([]byte(s), &quote); err == nil {
			i := strings.Index(c.original, quote)
			if i < 0 || quote == "" {
				return nil, fmt.Errorf("span %s: not in the original", s)
			}
			se[0] = utf8.RuneCountInString(c.original[:i])
			se[1] = se[0] + utf8.RuneCountInString(quote)
		} else if err := json.Unmarshal([]byte(s), &se); err != nil {
			return nil, fmt.Errorf("span %s: want a JSON string or [start, end]", s)
		}
		sels = append(sels, annotations.Describe(orig, se[0], se[1], annotations.ContextLen))
	}
	for _, s := range c.selectors {
		var sel annotations.Selector
		dec := json.NewDecoder(strings.NewReader(s))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&sel); err != nil {
			return nil, fmt.Errorf("selector %s: %v", s, err)
		}
		sels = append(sels, sel)
	}
	return sels, nil
}

func TestAnchorGolden(t *testing.T) {
	files, err := filepath.Glob("../../testdata/match/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files in testdata/match: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			c, err := parseMatchCase(string(data))
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			sels, err := c.selectorsFor()
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			text := []rune(c.text)
			a := NewAnchorer(text)
			var got []string
			for _, sel := range sels {
				r := goldenResult{Exact: sel.Exact}
				if m, err := a.Anchor(sel); err != nil {
					r.Error = err.Error()
				} else {
					r.Span, r.Method, r.Found = []int{m.Start, m.End}, m.Method, string(text[m.Start:m.End])
					r.Score = math.Round(m.Score*1e4) / 1e4
				}
				b, err := json.Marshal(r)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, string(b))
			}
			if updateGolden() {
				c.want = got
				if err := os.WriteFile(file, []byte(c.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("%s: anchors differ (-want +got; go test -run TestAnchorGolden -update rewrites the file):\n%s", file, diff)
			}
		})
	}
}

func TestCandidatesRepetitiveText(t *testing.T) {
	t.Run("overlapping_runs_merge", func(t *testing.T) {
		// Two runs of ends within the budget give overlapping places: one
		// candidate is kept.
		got := NewAnchorer([]rune("baabaabbabab")).Candidates(annotations.Selector{Exact: "abaaaaab"})
		want := []Match{{Start: 0, End: 7, Method: MethodFuzzy, Score: anchorScore(2, 8)}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Candidates mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("runs_capped", func(t *testing.T) {
		// 400 places one edit away: only the closest maxRuns runs are
		// examined, and the exact one is among them and first.
		text := []rune(strings.Repeat("peace plan ", 400) + "peace plam")
		sel := annotations.Selector{Exact: "peace plam"}
		got := NewAnchorer(text).Candidates(sel)
		if len(got) != maxRuns || got[0] != (Match{Start: 4400, End: 4410, Method: MethodQuote, Score: 1}) {
			t.Errorf("Candidates: got %d, first %+v; want %d, first the exact quote at 4400", len(got), got[0], maxRuns)
		}
		for _, m := range got {
			checkMatch(t, text, sel, m)
		}
	})
}

// TestAnchorParagraphMovedFar moves an edited paragraph 100,000 code points
// away from its hint, beyond the windows searched around the hint: the
// searches of the whole text (seeded by intact pieces of the quote, then
// exhaustive) must still find it.
func TestAnchorParagraphMovedFar(t *testing.T) {
	old := loadCorpus(t, 0)
	const quote = "The little princess had grown stouter during this time"
	qs, qe := anchorSpan(string(old), quote, 0)
	// The quote's paragraph is old[ps:pe], between blank lines.
	before, after := string(old[:qs]), string(old[qe:])
	ps := utf8.RuneCountInString(before[:strings.LastIndex(before, "\n\n")]) + 2
	pe := qe + utf8.RuneCountInString(after[:strings.Index(after, "\n\n")])
	para := slices.Clone(old[ps:pe])
	para[qs-ps+4] = 'L' // "The Little princess"
	var text []rune
	text = append(text, old[:ps]...)
	text = append(text, old[pe:ps+100_000]...)
	at := len(text) + (qs - ps)
	text = append(text, para...)
	text = append(text, old[ps+100_000:]...)

	sel := annotations.Describe(old, qs, qe, annotations.ContextLen)
	got, err := Anchor(text, sel)
	if err != nil {
		t.Fatalf("Anchor(%q): %v", quote, err)
	}
	if got.Start != at || got.End != at+len([]rune(quote)) || got.Method != MethodFuzzy {
		t.Errorf("Anchor(%q) = %+v %q; want fuzzy at %d-%d", quote, got, string(text[got.Start:got.End]), at, at+len([]rune(quote)))
	}
}

// naiveOccurrences is what gramIndex.lookup must return: every start of
// quote in text, ascending.
func naiveOccurrences(text, quote []rune) []int {
	var out []int
	for s := 0; len(quote) > 0 && s+len(quote) <= len(text); s++ {
		if slices.Equal(text[s:s+len(quote)], quote) {
			out = append(out, s)
		}
	}
	return out
}

func TestGramIndexLookup(t *testing.T) {
	article := []rune(sampleDoc(t).Text)
	texts := map[string][]rune{
		"article":    article,
		"repetitive": []rune(strings.Repeat("ab", 500) + strings.Repeat("a", 300)),
		"short":      []rune("abc"),
		"empty":      nil,
		"invalid":    {'a', 0xD800, 'b', 0xFFFD, 'a', 0xD800, 'b', 0x110000, 'c'},
	}
	quotes := [][]rune{nil, []rune("a"), []rune("ab"), []rune("aba"), []rune("abab"), []rune("aaaa"), []rune("abc"),
		[]rune("Lavrov"), []rune("the "), []rune(" the"), []rune("zzzzzz"), {0xD800, 'b'}, {'a', 0xFFFD, 'b'},
		{'a', 0xD800, 'b', 0xFFFD}, {'b', 0x110000, 'c'}}
	for i := 0; i+40 <= len(article); i += 997 {
		quotes = append(quotes, article[i:i+40], article[i:i+5])
	}
	quotes = append(quotes, article[len(article)-12:], article[:12], article)
	for name, text := range texts {
		x := newGramIndex(text)
		for _, q := range quotes {
			want := naiveOccurrences(text, q)
			got := x.lookup(text, q)
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s: lookup(%q) (-want +got):\n%s", name, string(q), diff)
			}
		}
	}
}

// sampleDoc is the sample article of testdata/articles.
func sampleDoc(t testing.TB) *annotations.Document {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("..", "..", "testdata", "articles", "us-russia-dialogue.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return annotations.NewDocument(string(text), "", "sample")
}
