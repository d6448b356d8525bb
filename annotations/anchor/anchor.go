// Package anchor finds a [annotations.Selector] again in a text that may
// have been edited since the selector was made, and places a whole file's
// annotations on a text ([Place]).
//
// A file's selectors are placed together by a [Placer] (placer.go): through
// the diff of the old and the new text when the file carries its text
// (diff.go), by landmarks and their order when it does not, with ends
// taken from an alignment of the context (align.go), on texts folded so
// that white space, canonical equivalence and typographic variants match
// (fold.go). One selector alone is anchored by [Anchorer.Anchor], the rest
// of this comment; the CLI's locate uses it.
//
// The matchers (atHint, quoteCandidates, fuzzyCandidates) each return places
// with a score and never choose; the one strategy function,
// [Anchorer.Anchor], chooses: exact position, then quote with context, then
// fuzzy quote, then the check of the quote, and otherwise not found (the
// caller marks the annotation orphaned). [Anchorer.Candidates] runs every
// matcher and returns all the places, best first.
//
// # Score
//
// A candidate's score is the fraction of the selector's code points that
// match there:
//
//	score = 1 - (dq + dp + ds) / (len(exact) + len(prefix) + len(suffix))
//
// where dq is the edit distance between the quote and the candidate's text,
// and dp and ds are the edit distances of the prefix and suffix against the
// text before and after the candidate. Each context is compared on at most
// [maxContext] code points, those nearest the quote, and its far end may
// fall anywhere, so text inserted into the context costs its length and
// does not shift the rest. Lengths are in code points. Weighting by length
// makes a long quote its own evidence, while a short quote ("Lavrov") needs
// its context to agree.
//
// # Choosing, and ambiguity
//
// Candidates are ranked by score, then by distance from the position hint
// (|start - hint start|), then by position: context decides first and the
// hint second. The best candidate is returned only if
//
//   - it is good enough: its score is at least [minScore] (0.66), or one
//     side of its context matches at least [sideAccept] (90%, nearly
//     intact), because an exact short quote with unrelated context on both
//     sides is more likely another occurrence than the annotated one, and
//     one that only half matches on one side is often a look-alike phrase
//     nearby; and
//   - it is clearly the best: no other candidate has the same score (within
//     [scoreTie]) and the same distance from the hint. Otherwise the answer
//     is ambiguous, and Anchor returns an [*AnchorError] listing the tied
//     places instead of guessing.
//
// Two shortcuts keep anchoring fast and are part of the rule: an exact
// quote scoring at least [quoteAccept] ends the search before any fuzzy
// matching, and a fuzzy candidate scoring at least [nearAccept] within
// [nearWindow] of the hint, or around an intact piece of the quote, is
// taken without searching the whole text.
//
// # The threshold, and review
//
// Never a wrong span silently: every placement records its [Method] and
// score, and one below the threshold above (a score under [minScore] with
// neither side of the context at [sideAccept], a quote outside its error
// budget, or a tie) becomes an orphan. [Place] lists in [Report.Moved]
// every placement a person should review: those not at the file's
// offsets, and every fuzzy one even at them, each with the file's
// description ([Placement.Before]) and the placed span's
// ([Placement.After]). The app offers that review; its fixes are the
// edits [annotations.Move] and [annotations.SetAside]. docs/format.md
// states the same threshold for readers of the files.
package anchor

import (
	"cmp"
	"math"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Method says how a [Match] was found.
type Method string

// The methods, in the order the strategy tries them.
const (
	// MethodPosition: the quote is at the selector's position hint.
	MethodPosition Method = "position"
	// MethodQuote: the exact quote was found elsewhere, chosen by its context
	// and then by its distance from the hint.
	MethodQuote Method = "quote"
	// MethodFuzzy: the text was edited and an approximate copy of the quote
	// was found, within an error budget proportional to the quote's length.
	MethodFuzzy Method = "fuzzy"
)

// Match is a place where a selector was found.
type Match struct {
	// Start and End are code point offsets into the text, half-open.
	Start, End int
	// Method says how the place was found.
	Method Method
	// Score is in [0, 1]: 1 is a perfect match of quote and context, and
	// lower is worse. See the comment at the top of match.go for the formula.
	Score float64
}

// Tuning constants. Each is a trade-off between finding edited quotes and
// never returning a wrong place; the tests in match_test.go and the
// correctness test on War and Peace pin the current values.
const (
	// maxErrorRate is the fuzzy error budget: a quote of m code points may
	// differ in up to m/4 edits. Two unrelated English phrases of the same
	// length are typically 50-70% apart, so a quarter keeps a wide margin
	// while allowing a changed word in a five-word quote.
	maxErrorRate = 0.25
	// maxContext caps how much of the prefix and suffix is compared (the
	// code points nearest the quote): 64 fits one machine word in Myers'
	// algorithm and is twice [ContextLen].
	maxContext = 64
	// quoteAccept: an exact quote elsewhere is taken without a fuzzy search
	// when it scores at least this, i.e. its context mostly agrees. Below it
	// an edited copy with matching context may be the better place.
	quoteAccept = 0.8
	// nearAccept: a candidate found in the window around the hint is taken
	// without searching the whole text when it scores at least this.
	nearAccept = 0.8
	// minScore is the least score Anchor returns, unless one side of the
	// context agrees (sideAccept). An exact short quote whose context is
	// unrelated on both sides scores about 0.2-0.4 and is refused; a
	// look-alike phrase a few lines on, its context half alike on both
	// sides ("Pierre looked solemnly at his" for "Pierre looked at her"),
	// about 0.60-0.65, and is refused too. The places found right in the
	// evaluations that score as little have one side of their context
	// intact.
	minScore = 0.66
	// sideAccept: a candidate whose prefix or suffix matches at least this
	// well is taken even below minScore. The quote was cut from the text
	// on one side, or rewritten around on the other, and one intact side is
	// evidence enough that this is the place. A side three-quarters alike
	// is not: in a long edited text, a line with the annotated word
	// deleted leaves look-alike phrases nearby ("whose name day we are
	// keeping") that match that well.
	sideAccept = 0.9
	// nearWindow is how far either side of the hint the fuzzy search looks
	// before the whole text, in code points: a few paragraphs of drift.
	// It looks within an eighth of that first.
	nearWindow = 4096
	// boundarySlack is how many edits worse than the best a fuzzy match's
	// start or end may be when the context agrees better there: an edit
	// at a quote's edge is up to a few code points in practice.
	boundarySlack = 8
	// maxRuns caps the approximate places one search examines, keeping the
	// closest. Each costs an alignment per candidate boundary, and a
	// periodic text ("abab…") can offer one every few code points.
	maxRuns = 256
	// seedLen is the length of the quote's pieces that seededCandidates
	// looks up exactly: 12 code points of prose rarely repeat by chance,
	// and a quote of 36 with one edit still has two intact pieces.
	seedLen = 12
	// maxSeeds: a piece with more occurrences than this is not used.
	maxSeeds = 64
	// scoreTie is how close two scores must be to count as equally good.
	// Scores are ratios of small integers, so equal evidence gives equal
	// floats and any real difference is far larger.
	scoreTie = 1e-9
)

// AnchorError says why a selector could not be anchored. It wraps
// [ErrNotFound], so callers test errors.Is(err, ErrNotFound) and mark the
// annotation orphaned.
type AnchorError struct {
	// Exact is the selector's quote.
	Exact string
	// Reason says what went wrong: "empty quote", "not found", a low best
	// score, or "ambiguous: N equally good places".
	Reason string
	// Tied holds the equally good places when the answer is ambiguous.
	Tied []Match
}

func (e *AnchorError) Error() string {
	const maxQuote = 40 // code points of the quote shown in messages
	return lite.Sprintf("anchor %q: %s", annotations.Abbreviate(e.Exact, maxQuote), e.Reason)
}

// Unwrap returns [ErrNotFound].
func (e *AnchorError) Unwrap() error { return annotations.ErrNotFound }

// Anchorer finds selectors in one text. Build it once with [NewAnchorer]
// and anchor many selectors: it builds an index of the text ([gramIndex]) the first
// time a quote is not at its hint, and keeps it. An Anchorer is safe for
// concurrent use.
type Anchorer struct {
	text []rune

	once  sync.Once
	index gramIndex
}

// NewAnchorer returns an anchorer for text, in code points. The caller must
// not modify text afterwards.
func NewAnchorer(text []rune) *Anchorer { return &Anchorer{text: text} }

// Anchor is NewAnchorer(text).Anchor(sel), for one-off use.
func Anchor(text []rune, sel annotations.Selector) (Match, error) {
	return NewAnchorer(text).Anchor(sel)
}

// query is a selector prepared for matching. Its bit patterns are built on
// first use; a query belongs to one call.
type query struct {
	sel    annotations.Selector
	exact  []rune
	valid  bool // Exact is valid UTF-8, so an exact match is possible
	prefix []rune
	suffix []rune
	hint   bool
	k      int // error budget of the quote, in edits

	pat, rpat  *bitPattern // the quote, forwards and reversed
	rpre, suff *bitPattern // the prefix reversed, the suffix
}

func newQuery(sel annotations.Selector) *query {
	q := &query{sel: sel, exact: []rune(sel.Exact), valid: utf8.ValidString(sel.Exact), hint: sel.HasHint()}
	q.prefix = []rune(sel.Prefix)
	q.prefix = q.prefix[max(0, len(q.prefix)-maxContext):]
	q.suffix = []rune(sel.Suffix)
	q.suffix = q.suffix[:min(len(q.suffix), maxContext)]
	q.k = int(float64(len(q.exact)) * maxErrorRate)
	return q
}

// candidate is a Match with its distance from the hint, for ranking.
type candidate struct {
	Match
	dist int
	// side is the better similarity of prefix and suffix (1 - edits/length),
	// over the sides the selector has; 0 when it has no context.
	side float64
}

// newCandidate returns the candidate [start, end) whose quote is dq edits
// from the selector's, its prefix dp and its suffix ds. A candidate with
// dq = 0 is an exact occurrence: [MethodPosition] at the hint, else
// [MethodQuote]; otherwise it is [MethodFuzzy].
func (a *Anchorer) newCandidate(q *query, start, end, dq, dp, ds int) candidate {
	c := candidate{Match: Match{Start: start, End: end, Method: MethodFuzzy}}
	total := len(q.exact) + len(q.prefix) + len(q.suffix)
	c.Score = 1 - float64(dq+dp+ds)/float64(total)
	if n := len(q.prefix); n > 0 {
		c.side = 1 - float64(dp)/float64(n)
	}
	if n := len(q.suffix); n > 0 {
		c.side = max(c.side, 1-float64(ds)/float64(n))
	}
	if q.hint {
		c.dist = abs(start - q.sel.Start)
	}
	if dq == 0 && q.valid {
		c.Method = MethodQuote
		if q.hint && start == q.sel.Start && end == q.sel.End {
			c.Method = MethodPosition
		}
	}
	return c
}

// Anchor finds sel in the text. It tries, in order:
//
//  1. the position hint, when the exact quote and its whole context are there;
//  2. every exact occurrence of the quote, scored by context; the best is
//     taken if it scores at least 0.8 and no other ties with it (a tie may
//     yet be broken by an edited copy with better context);
//  3. approximate occurrences, first within 512 and then 4096 code points
//     of the hint, then around exact occurrences of 12-code-point pieces of
//     the quote (each taken if one scores at least 0.8 without a tie), then
//     in the whole text, competing with the exact ones;
//
// and checks the chosen place against the quote. The result scores at least
// 0.66, or one side of its context matches at least 90%, and no other place
// is as good (the rule is spelt out at the top of match.go). Otherwise
// Anchor returns an [*AnchorError] wrapping [ErrNotFound] that says why: the
// quote is empty or gone, the best place scores too low, or several places
// are equally good.
func (a *Anchorer) Anchor(sel annotations.Selector) (Match, error) {
	q := newQuery(sel)
	if len(q.exact) == 0 {
		return Match{}, &AnchorError{Exact: sel.Exact, Reason: "empty quote"}
	}
	// 1. Exact position.
	if m, ok := a.atHint(q); ok {
		return m, nil
	}
	// 2. Quote with context.
	cs := a.quoteCandidates(q)
	if len(cs) > 0 && cs[0].Score >= quoteAccept && tied(cs) == 1 {
		return a.choose(q, cs)
	}
	// 3. Fuzzy quote, near the hint and then everywhere.
	if q.k > 0 {
		for w := nearWindow / 8; q.hint && w <= nearWindow; w *= 8 {
			lo := max(0, min(q.sel.Start, len(a.text))-w)
			hi := min(len(a.text), max(0, q.sel.End)+w)
			if lo == 0 && hi == len(a.text) {
				break
			}
			near := merge(cs, a.fuzzyCandidates(q, lo, hi))
			if len(near) > 0 && near[0].Score >= nearAccept && tied(near) == 1 {
				return a.choose(q, near)
			}
		}
		if seeded, ok := a.seededCandidates(q); ok {
			seeded = merge(cs, seeded)
			if len(seeded) > 0 && seeded[0].Score >= nearAccept && tied(seeded) == 1 {
				return a.choose(q, seeded)
			}
		}
		cs = merge(cs, a.fuzzyCandidates(q, 0, len(a.text)))
	}
	return a.choose(q, cs)
}

// choose returns the best of the ranked candidates cs if it is clearly the
// best and good enough, after checking its text against the quote.
func (a *Anchorer) choose(q *query, cs []candidate) (Match, error) {
	if len(cs) == 0 {
		return Match{}, &AnchorError{Exact: q.sel.Exact, Reason: "not found"}
	}
	best := cs[0]
	if best.Score < minScore && best.side < sideAccept {
		return Match{}, &AnchorError{Exact: q.sel.Exact,
			Reason: lite.Sprintf("not found (the best place, %d-%d, scores %.2f, below %.2f)", best.Start, best.End, best.Score, minScore)}
	}
	if n := tied(cs); n > 1 {
		e := &AnchorError{Exact: q.sel.Exact, Reason: lite.Sprintf("ambiguous: %d equally good places", n)}
		for _, c := range cs[:n] {
			e.Tied = append(e.Tied, c.Match)
		}
		return Match{}, e
	}
	if !a.check(q, best.Match) {
		// Unreachable unless a matcher is wrong; refuse rather than return
		// a wrong place.
		return Match{}, &AnchorError{Exact: q.sel.Exact,
			Reason: lite.Sprintf("not found (the place %d-%d fails the quote check)", best.Start, best.End)}
	}
	return best.Match, nil
}

// check reports whether m's text is the quote (position and quote methods)
// or within the error budget of it (fuzzy).
func (a *Anchorer) check(q *query, m Match) bool {
	if m.Start < 0 || m.End > len(a.text) || m.Start >= m.End {
		return false
	}
	got := a.text[m.Start:m.End]
	if m.Method != MethodFuzzy {
		return q.valid && slices.Equal(got, q.exact)
	}
	return editDistance(q.exact, got) <= q.k
}

// tied returns how many of the ranked candidates cs are as good as the
// first: the same score and the same distance from the hint.
func tied(cs []candidate) int {
	n := 0
	for n < len(cs) && cs[0].Score-cs[n].Score <= scoreTie && cs[n].dist == cs[0].dist {
		n++
	}
	return n
}

// Candidates returns every plausible place for sel, best first, each with
// its method and score: the exact occurrences of the quote and, when the
// quote is long enough to have an error budget, its approximate occurrences
// that do not overlap an exact one (one per stretch of overlapping matches,
// and at most the 256 closest). Unlike [Anchorer.Anchor] it searches the
// whole text and applies no threshold.
func (a *Anchorer) Candidates(sel annotations.Selector) []Match {
	q := newQuery(sel)
	if len(q.exact) == 0 {
		return nil
	}
	cs := a.quoteCandidates(q)
	if q.k > 0 {
		cs = merge(cs, a.fuzzyCandidates(q, 0, len(a.text)))
	}
	ms := make([]Match, len(cs))
	for i, c := range cs {
		ms[i] = c.Match
	}
	return ms
}

// rank sorts candidates best first: by score, then distance from the hint,
// then position.
func rank(cs []candidate) { lite.SortStableFunc(cs, compareCandidates) }

// compareCandidates orders x before y (-1) when x is the better place.
func compareCandidates(x, y *candidate) int {
	if d := x.Score - y.Score; d > scoreTie || d < -scoreTie {
		if d > 0 {
			return -1
		}
		return 1
	}
	return cmp.Or(cmp.Compare(x.dist, y.dist), cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End))
}

// merge returns the exact candidates and the fuzzy ones that overlap no
// exact one, ranked.
func merge(exact, fuzzy []candidate) []candidate {
	out := slices.Clone(exact)
	if len(fuzzy) == 0 {
		return out
	}
	spans := make([]candidate, len(exact))
	copy(spans, exact)
	lite.SortStableFunc(spans, func(x, y *candidate) int { return cmp.Compare(x.Start, y.Start) })
	for _, f := range fuzzy {
		// The exact spans all have the quote's length, so only the last one
		// starting before f.End can overlap f.
		i, _ := slices.BinarySearchFunc(spans, f.End, func(c candidate, t int) int { return cmp.Compare(c.Start, t) })
		if i > 0 && spans[i-1].End > f.Start {
			continue
		}
		out = append(out, f)
	}
	rank(out)
	return out
}

// atHint returns the hinted place if it holds the exact quote and its
// context agrees entirely (or the selector has none). No other place can
// score higher, and a tie with another place is settled by the hint, so the
// strategy may stop here without looking further.
func (a *Anchorer) atHint(q *query) (Match, bool) {
	s, e := q.sel.Start, q.sel.End
	if !q.hint || !q.valid || e > len(a.text) || !slices.Equal(a.text[s:e], q.exact) {
		return Match{}, false
	}
	if !hasSuffix(a.text[:s], q.prefix) || !hasPrefix(a.text[e:], q.suffix) {
		return Match{}, false
	}
	return Match{Start: s, End: e, Method: MethodPosition, Score: 1}, true
}

// quoteCandidates returns every exact occurrence of the quote, scored and
// ranked. The occurrence at the hint, if any, has [MethodPosition].
func (a *Anchorer) quoteCandidates(q *query) []candidate {
	if !q.valid {
		return nil
	}
	var cs []candidate
	for _, s := range a.occurrences(q.exact) {
		e := s + len(q.exact)
		cs = append(cs, a.newCandidate(q, s, e, 0, a.prefixDistance(q, s), a.suffixDistance(q, e)))
	}
	rank(cs)
	return cs
}

// fuzzyCandidates returns the approximate occurrences of the quote that end
// in text[lo:hi], within the error budget, scored and ranked. Of overlapping
// occurrences only the best is kept.
//
// Edit distance alone places the ends of an edited quote poorly: with "zx"
// inserted into "old chap", "xld chap" is one edit from the quote and
// "ozxld chap" two. So each boundary is chosen among the offsets within
// [boundarySlack] edits of the best, by the distance of quote and context
// together, which puts it next to the context the quote had.
func (a *Anchorer) fuzzyCandidates(q *query, lo, hi int) []candidate {
	if q.k == 0 || lo >= hi {
		return nil
	}
	if q.pat == nil {
		q.pat = newBitPattern(q.exact)
		q.rpat = newBitPattern(reversed(q.exact))
	}
	m := len(q.exact)
	var cs []candidate
	var dj []int
	dps := map[int]int{} // prefix distance by start: the ends of a run share starts
	runs := q.pat.search(a.text, lo, hi, q.k)
	if len(runs) > maxRuns {
		// Keep the closest runs, and of equals those nearest the hint.
		mid := func(r *run) int { return abs(r.ends[0] - q.sel.End) }
		lite.SortStableFunc(runs, func(x, y *run) int { return cmp.Or(cmp.Compare(x.min, y.min), cmp.Compare(mid(x), mid(y))) })
		runs = runs[:maxRuns]
		lite.SortStableFunc(runs, func(x, y *run) int { return cmp.Compare(x.ends[0], y.ends[0]) })
	}
	// An end's quote distance run.ds[i] plus its suffix distance bounds the
	// total of any start with it, so ends are tried best bound first and
	// those that cannot win are skipped: the result is the same as trying
	// them all.
	type bound struct{ i, ds, lb int }
	var bounds []bound
	for _, run := range runs {
		clear(dps)
		best, bestD := candidate{Match: Match{Score: -1}}, math.MaxInt
		bounds = bounds[:0]
		for _, i := range nearBest(run.ds, boundarySlack) {
			ds := a.suffixDistance(q, run.ends[i])
			bounds = append(bounds, bound{i, ds, run.ds[i] + ds})
		}
		lite.SortStableFunc(bounds, func(x, y *bound) int { return cmp.Compare(x.lb, y.lb) })
		for _, b := range bounds {
			if b.lb > bestD {
				break
			}
			end := run.ends[b.i]
			dj = q.rpat.alignBackwardAll(a.text, end, m+q.k, dj[:0])
			for _, n := range nearBest(dj[1:], boundarySlack) {
				n++ // dj[0] is the empty span
				d := dj[n]
				if d > q.k || d+b.ds > bestD {
					continue
				}
				dp, ok := dps[end-n]
				if !ok {
					dp = a.prefixDistance(q, end-n)
					dps[end-n] = dp
				}
				c := a.newCandidate(q, end-n, end, d, dp, b.ds)
				if sameRun(c, best, m) < 0 {
					best, bestD = c, d+dp+b.ds
				}
			}
		}
		if best.Score < 0 {
			continue
		}
		if k := len(cs) - 1; k >= 0 && cs[k].End > best.Start {
			if better(best, cs[k]) {
				cs[k] = best
			}
			continue
		}
		cs = append(cs, best)
	}
	rank(cs)
	return cs
}

// seededCandidates returns the approximate occurrences of the quote around
// the exact occurrences of its pieces: [seedLen] code points at a time, a
// lightly edited quote keeps at least one piece intact, and the index
// finds it at once, where a search of the whole text reads every code
// point. ok is false when the quote is too short or its pieces too common
// to narrow the search.
func (a *Anchorer) seededCandidates(q *query) (cs []candidate, ok bool) {
	m := len(q.exact)
	if m < seedLen {
		return nil, false
	}
	var ws []window
	for off := 0; off+seedLen <= m; off += seedLen {
		piece := q.exact[off : off+seedLen]
		starts := a.occurrences(piece)
		if len(starts) > maxSeeds {
			continue // a common phrase says little about where the quote is
		}
		for _, p := range starts {
			// The quote starts within k of p-off and ends within k of
			// p-off+m.
			ws = append(ws, window{max(0, p-off-q.k), min(len(a.text), p-off+m+q.k+1)})
		}
	}
	if len(ws) == 0 {
		return nil, false
	}
	for _, w := range mergeWindows(ws) {
		cs = append(cs, a.fuzzyCandidates(q, w.lo, w.hi)...)
	}
	rank(cs)
	return cs, true
}

// nearBest returns the indexes of ds within slack of its least value, at
// most 2*slack+1 of them, the least values first. Normal text has about
// that many anyway (the distance grows by one per code point away from the
// best boundary); the cap keeps repetitive text ("aaaa…") linear.
func nearBest(ds []int, slack int) []int {
	if len(ds) == 0 {
		return nil
	}
	least := slices.Min(ds)
	var idx []int
	for i, d := range ds {
		if d <= least+slack {
			idx = append(idx, i)
		}
	}
	if limit := 2*slack + 1; len(idx) > limit {
		slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(ds[x], ds[y]) })
		idx = idx[:limit]
	}
	return idx
}

// sameRun orders two boundary choices of one approximate match: by score,
// then by how close the length is to the quote's m, and only then by the
// distance from the hint, which should not move a boundary by itself.
func sameRun(x, y candidate, m int) int {
	if d := x.Score - y.Score; d > scoreTie || d < -scoreTie {
		if d > 0 {
			return -1
		}
		return 1
	}
	return cmp.Or(cmp.Compare(abs(x.End-x.Start-m), abs(y.End-y.Start-m)), compareCandidates(&x, &y))
}

// better reports whether x ranks before y.
func better(x, y candidate) bool { return compareCandidates(&x, &y) < 0 }

// prefixDistance returns the edit distance of the query's prefix against
// the text before start, and suffixDistance that of its suffix against the
// text after end. Each context is aligned against the text next to the
// quote and may end anywhere, so text inserted into the context costs its
// length and no more.
func (a *Anchorer) prefixDistance(q *query, start int) int {
	n := len(q.prefix)
	if n == 0 || hasSuffix(a.text[:start], q.prefix) {
		return 0
	}
	if q.rpre == nil {
		q.rpre = newBitPattern(reversed(q.prefix))
	}
	d, _ := q.rpre.alignBackward(a.text, start, n+n/4+1, n)
	return d
}

func (a *Anchorer) suffixDistance(q *query, end int) int {
	n := len(q.suffix)
	if n == 0 || hasPrefix(a.text[end:], q.suffix) {
		return 0
	}
	if q.suff == nil {
		q.suff = newBitPattern(q.suffix)
	}
	return q.suff.alignForward(a.text, end, n+n/4+1)
}

func hasPrefix(s, p []rune) bool { return len(s) >= len(p) && slices.Equal(s[:len(p)], p) }
func hasSuffix(s, p []rune) bool { return len(s) >= len(p) && slices.Equal(s[len(s)-len(p):], p) }

func reversed(s []rune) []rune {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
