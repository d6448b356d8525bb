package anchor

import (
	"cmp"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Placing a batch. A file's selectors are placed together, because they
// tell each other apart: on a text that repeats itself every quote has many
// exact copies, and only the order of the selectors says which is meant.
//
// A [Placer] works on the folded texts (see fold.go) in phases:
//
//  1. With the old text (a Spanmark file carries it), it diffs old and new
//     text (diff.go) and maps every selector's offsets through the diff.
//     Without it (a W3C file), the position hints are the prediction.
//  2. Landmarks: selectors whose quote is exactly at the predicted place
//     (with the old text), or whose quote and context are exactly there
//     or near it, following the drift of the positions (without it).
//  3. The chain: of the landmarks, the longest run whose new positions
//     increase with their old ones. The others are searched like the rest.
//  4. Every other selector is aligned, prefix, quote and suffix together,
//     at its predicted place (from the diff, or between its neighbouring
//     landmarks), and otherwise searched between its neighbouring
//     landmarks, exactly and then approximately, and only then in the
//     whole text. An approximate match takes its ends from the alignment
//     with its context (align.go).
//
// Every result records its method and score. A placement is kept only if
// its quote is within the error budget (a quarter of its code points) and
// it scores at least [minScore] (or one side of its context agrees at
// least [sideAccept]); an approximate match found by a search must also be
// clearly the best (see [Anchorer.Anchor]). Anything else is an orphan: an
// orphan is better than a wrong span.
//
// Placing is done in steps ([Placer.Step]) so that a browser can yield to
// the page between them.

// MethodDiff: the file carried its old text, and the quote is exactly where
// the diff of the old and the new text maps it.
const MethodDiff Method = "diff"

// stepTokens and stepSelectors bound the work of one unit between two
// calls of the stop function: about a millisecond natively.
const (
	// alignErrorRate is the error budget of a quote placed by aligning it
	// with its context: twice [maxErrorRate], since the context and the
	// predicted place are evidence too. A short quote whose one word was
	// replaced by a longer one ("Russia" by "Mohammed") is still placed.
	alignErrorRate = 0.5

	stepTokens    = 4096
	stepSelectors = 16
	// stepFold is how many code points one unit folds.
	stepFold = 1 << 16
)

// Result is where one selector of a batch was placed, or why it was not.
type Result struct {
	// Match is the place, in code points of the text, with its method and
	// score, when Err is nil.
	Match
	// Err is non-nil when the selector could not be placed: an
	// [*AnchorError] wrapping [annotations.ErrNotFound]. The annotation is
	// then an orphan.
	Err error
}

// Placer places a batch of selectors on a text in steps. Build it with
// [NewPlacer], call [Placer.Step] until it reports done, then read
// [Placer.Results].
type Placer struct {
	sels  []annotations.Selector
	res   []Result
	text  []rune
	ft    folded
	a     *Anchorer // on the folded text
	old   []rune
	fo    folded
	diff  *differ
	items []item
	order []int // the selectors with a prediction, by old position
	chain []int // the landmarks kept, in order
	phase int
	next  int
	al    aligner
}

// item is a selector prepared for placing.
type item struct {
	q *query // folded, its hint the predicted place in the folded text
	// start and end are the predicted place in the folded new text, and
	// ostart the old position in the folded old text (or the hint), for
	// ordering.
	start, end, ostart int
	predicted          bool
	fromDiff           bool // the prediction comes from a diff
	land               bool // the quote is exactly at start
}

// The phases of a Placer.
const (
	phaseFold = iota
	phaseIndex
	phaseFoldOld
	phaseDiff
	phasePrepare
	phaseLandmarks
	phaseChain
	phaseSearch
	phaseDone
)

// NewPlacer returns a placer of sels on text. old is the text the
// selectors were made on, or nil when it is not known (then their
// position hints, if any, are the only clue to where they were). The
// caller must not modify the slices afterwards.
func NewPlacer(old, text []rune, sels []annotations.Selector) *Placer {
	return &Placer{sels: sels, res: make([]Result, len(sels)), text: text, old: old}
}

// Step does a bounded amount of work at a time until stop returns true or
// the placing is done, and reports whether it is done. stop is called
// between units of about a millisecond each (natively), so a browser that
// passes a check of its frame budget yields often enough; nil means never
// stop. A unit is rarely longer: a search of the whole text, for a
// selector that could not be found near its place, reads the whole text
// once.
func (p *Placer) Step(stop func() bool) bool {
	for p.phase != phaseDone {
		p.work()
		if stop != nil && stop() {
			break
		}
	}
	return p.phase == phaseDone
}

// Results returns where each selector was placed, in the order of the
// selectors. It is complete once [Placer.Step] has reported done.
func (p *Placer) Results() []Result { return p.res }

// PlaceSelectors places sels, described in old, on text, in one go: see
// [Placer]. old may be nil when the selectors' text is not known.
func PlaceSelectors(old, text []rune, sels []annotations.Selector) []Result {
	p := NewPlacer(old, text, sels)
	p.Step(nil)
	return p.Results()
}

// work does one unit of work.
func (p *Placer) work() {
	switch p.phase {
	case phaseFold:
		// Folding is done in pieces of stepFold code points; indexing and
		// tokenising read a whole text in one unit each.
		if p.next == 0 {
			p.ft = newFolded(p.text)
		}
		from := p.next
		p.next = min(len(p.text), p.next+stepFold)
		p.ft.add(p.text, from, p.next)
		if p.next == len(p.text) {
			p.a = NewAnchorer(p.ft.rs)
			p.items = make([]item, len(p.sels))
			p.phase, p.next = phaseIndex, 0
		}
	case phaseIndex:
		p.a.buildIndex()
		p.phase = phasePrepare
		if p.old != nil {
			p.phase = phaseFoldOld
		}
	case phaseFoldOld:
		if p.next == 0 {
			p.fo = newFolded(p.old)
		}
		from := p.next
		p.next = min(len(p.old), p.next+stepFold)
		p.fo.add(p.old, from, p.next)
		if p.next == len(p.old) {
			p.diff = newDiffer(p.fo.rs, p.ft.rs, p.a.occurrences,
				func(o int) bool { return p.fo.lineBreak(p.old, o) },
				func(o int) bool { return p.ft.lineBreak(p.text, o) })
			p.phase, p.next = phaseDiff, 0
		}
	case phaseDiff:
		if p.diff.step(stepTokens) {
			p.phase = phasePrepare
		}
	case phasePrepare:
		end := min(len(p.sels), p.next+stepSelectors*4)
		for ; p.next < end; p.next++ {
			p.prepare(p.next)
		}
		if p.next == len(p.sels) {
			slices.SortStableFunc(p.order, func(x, y int) int { return cmp.Compare(p.items[x].ostart, p.items[y].ostart) })
			p.phase, p.next = phaseLandmarks, 0
		}
	case phaseLandmarks:
		end := min(len(p.order), p.next+stepSelectors)
		for ; p.next < end; p.next++ {
			p.landmark(p.order[p.next])
		}
		if p.next == len(p.order) {
			p.phase, p.next = phaseChain, 0
		}
	case phaseChain:
		p.keepChain()
		p.phase, p.next = phaseSearch, 0
	case phaseSearch:
		end := min(len(p.sels), p.next+stepSelectors/4)
		for ; p.next < end; p.next++ {
			p.search(p.next)
		}
		if p.next == len(p.sels) {
			p.phase = phaseDone
		}
	}
}

// prepare folds selector i and predicts its place.
func (p *Placer) prepare(i int) {
	sel := p.sels[i]
	it := &p.items[i]
	q := &query{exact: foldString(sel.Exact), valid: utf8.ValidString(sel.Exact),
		prefix: foldString(sel.Prefix), suffix: foldString(sel.Suffix)}
	q.sel.Exact = sel.Exact
	q.prefix = q.prefix[max(0, len(q.prefix)-maxContext):]
	q.suffix = q.suffix[:min(len(q.suffix), maxContext)]
	q.k = int(float64(len(q.exact)) * maxErrorRate)
	it.q = q
	if len(q.exact) == 0 {
		p.res[i] = Result{Err: &AnchorError{Exact: sel.Exact, Reason: "empty quote"}}
		return
	}
	if !sel.HasHint() {
		return
	}
	it.predicted = true
	if p.diff != nil && sel.End <= len(p.old) {
		s, e := p.fo.to(sel.Start), p.fo.to(sel.End)
		it.ostart = s
		it.start, it.end = p.diff.d.mapStart(s), p.diff.d.mapEnd(e)
		it.fromDiff = true
	} else {
		n := len(p.text)
		it.start, it.end = p.ft.to(min(sel.Start, n)), p.ft.to(min(sel.End, n))
		it.ostart = sel.Start
	}
	it.end = max(it.start, it.end)
	it.q.hint = true
	it.q.sel.Start, it.q.sel.End = it.start, it.end
	p.order = append(p.order, i)
}

// landmark checks whether selector i is exactly at or near its predicted
// place. Without the old text it follows the drift of the landmarks found
// so far: after an insertion, every later quote is that much further on.
func (p *Placer) landmark(i int) {
	it := &p.items[i]
	q := it.q
	t := p.ft.rs
	m := len(q.exact)
	if it.fromDiff {
		if it.end-it.start == m && slices.Equal(t[it.start:it.end], q.exact) {
			it.land = true
		}
		return
	}
	drift := 0
	if n := len(p.chain); n > 0 {
		last := &p.items[p.chain[n-1]]
		drift = last.start - last.q.sel.Start
	}
	found := -1
	for _, s := range [2]int{it.start + drift, it.start} {
		if p.exactAt(q, s) {
			found = s
			break
		}
	}
	if found < 0 {
		// The exact copy nearest the predicted place, within nearWindow.
		want := it.start + drift
		best := nearWindow + 1
		for _, s := range p.a.occurrencesIn(q.exact, want-nearWindow, want+nearWindow+m) {
			if d := abs(s - want); d < best && p.exactAt(q, s) {
				found, best = s, d
			}
		}
	}
	if found < 0 {
		return
	}
	it.land = true
	it.start, it.end = found, found+m
	// The chain so far only steers the drift; keepChain decides.
	p.chain = append(p.chain, i)
}

// exactAt reports whether q's quote and context are exactly at s.
func (p *Placer) exactAt(q *query, s int) bool {
	t, m := p.ft.rs, len(q.exact)
	return s >= 0 && s+m <= len(t) && slices.Equal(t[s:s+m], q.exact) &&
		hasSuffix(t[:s], q.prefix) && hasPrefix(t[s+m:], q.suffix)
}

// keepChain keeps the longest chain of landmarks whose new places increase
// with their old ones (a longest non-decreasing subsequence, in O(n log n))
// and clears the others.
func (p *Placer) keepChain() {
	// tails[k] is the position in p.order of the landmark that ends the
	// chain of length k+1 with the least start; prev links the chains.
	var tails []int
	prev := make([]int, len(p.order))
	for x, i := range p.order {
		if !p.items[i].land {
			continue
		}
		s := p.items[i].start
		k, hi := 0, len(tails) // the first tail that starts after s
		for k < hi {
			if h := (k + hi) / 2; p.items[p.order[tails[h]]].start <= s {
				k = h + 1
			} else {
				hi = h
			}
		}
		prev[x] = -1
		if k > 0 {
			prev[x] = tails[k-1]
		}
		if k == len(tails) {
			tails = append(tails, x)
		} else {
			tails[k] = x
		}
	}
	keep := make([]bool, len(p.order))
	if n := len(tails); n > 0 {
		for x := tails[n-1]; x >= 0; x = prev[x] {
			keep[x] = true
		}
	}
	p.chain = p.chain[:0]
	for x, i := range p.order {
		it := &p.items[i]
		switch {
		case !it.land:
		case !keep[x]:
			it.land = false
			if !it.fromDiff {
				it.start, it.end = it.q.sel.Start, it.q.sel.End // back to the prediction
			}
		default:
			p.chain = append(p.chain, i)
			p.res[i] = p.result(i, it.start, it.end, 0)
		}
	}
}

// result returns the result of selector i placed on the folded span
// [s, e), whose quote is dq edits from the selector's.
func (p *Placer) result(i, s, e, dq int) Result {
	it := &p.items[i]
	q := it.q
	if ns, ne := snapWords(p.ft.rs, q, s, e, alignSlack); ns != s || ne != e {
		s, e = ns, ne
		dq = editDistance(q.exact, p.ft.rs[s:e])
		// Whole words must still be the quote, within the budget of an
		// aligned quote: a deleted "a" is not the "as" it was found in.
		if float64(dq) > alignErrorRate*float64(len(q.exact)) {
			return Result{Err: &AnchorError{Exact: p.sels[i].Exact, Reason: "not found (the words around the best place differ too much from the quote)"}}
		}
	}
	dp, ds := p.a.prefixDistance(q, s), p.a.suffixDistance(q, e)
	c := p.a.newCandidate(q, s, e, dq, dp, ds)
	m := c.Match
	m.Start, m.End = p.ft.start(s), p.ft.end(e)
	sel := p.sels[i]
	switch {
	case m.Method == MethodFuzzy:
	case m.Start == sel.Start && m.End == sel.End && sel.HasHint() && string(p.text[m.Start:m.End]) == sel.Exact:
		m.Method = MethodPosition
	case it.fromDiff && s == it.start && e == it.end:
		m.Method = MethodDiff
	default:
		m.Method = MethodQuote
	}
	return Result{Match: m}
}

// search places selector i if it is not a landmark of the chain: at its
// predicted place, else between its neighbouring landmarks, else in the
// whole text.
func (p *Placer) search(i int) {
	it := &p.items[i]
	if it.land || p.res[i].Err != nil {
		return
	}
	q := it.q
	lo, hi := 0, len(p.ft.rs)
	if it.predicted {
		var pred int
		lo, hi, pred = p.between(i)
		q.sel.Start, q.sel.End = pred, pred+(it.end-it.start)
		// At the predicted place: the quote itself, or else an alignment
		// of prefix, quote and suffix there.
		if e := pred + len(q.exact); e <= len(p.ft.rs) && slices.Equal(p.ft.rs[pred:e], q.exact) {
			if r := p.result(i, pred, e, 0); r.Score >= nearAccept {
				p.res[i] = r
				return
			}
		}
		if r, ok := p.alignAt(i, pred, pred+(it.end-it.start), nearAccept); ok {
			p.res[i] = r
			return
		}
		// Near the predicted place, within a few paragraphs of drift: a
		// good match there, edited or not, beats a copy of the quote
		// further off, which on a text that repeats itself (and with few
		// landmarks to narrow the stretch) is exact where the annotated
		// copy was edited.
		for _, w := range []int{nearWindow / 8, nearWindow} {
			near := window{max(lo, pred-w), min(hi, pred+(it.end-it.start)+w)}
			if mt, err := p.searchIn(q, []window{near}); err == nil && mt.Score >= nearAccept {
				p.res[i] = p.finish(i, mt)
				return
			}
			if near.lo == lo && near.hi == hi {
				break
			}
		}
	}
	mt, err := p.searchIn(q, []window{{lo, hi}})
	if err != nil && (lo > 0 || hi < len(p.ft.rs)) {
		mt, err = p.searchFar(q)
	}
	if err == nil && it.fromDiff && mt.Score < quoteAccept {
		// The diff of the texts says these words were deleted or rewritten:
		// a place that contradicts it needs the evidence of text that moved
		// with its context, not a look-alike phrase nearby.
		err = &AnchorError{Reason: "not found (the diff of the texts shows its words deleted, and no other place matches its context well)"}
	}
	if err != nil {
		if e, ok := err.(*AnchorError); ok {
			e.Exact = p.sels[i].Exact
		}
		p.res[i] = Result{Err: err}
		return
	}
	p.res[i] = p.finish(i, mt)
}

// window is a stretch [lo, hi) of the folded text.
type window struct{ lo, hi int }

// mergeWindows sorts ws, which is not empty, by start and joins the
// windows that overlap or touch.
func mergeWindows(ws []window) []window {
	lite.SortStableFunc(ws, func(x, y *window) int { return cmp.Compare(x.lo, y.lo) })
	merged := ws[:1]
	for _, w := range ws[1:] {
		if last := &merged[len(merged)-1]; w.lo <= last.hi {
			last.hi = max(last.hi, w.hi)
		} else {
			merged = append(merged, w)
		}
	}
	return merged
}

// searchIn finds q in the folded text within the windows, which are
// ascending and do not overlap: the exact quote chosen by its context,
// and unless that is clear, approximate copies too (the rule of
// [Anchorer.Anchor]'s last step).
func (p *Placer) searchIn(q *query, ws []window) (Match, error) {
	m := len(q.exact)
	var cs []candidate
	if q.valid {
		for _, w := range ws {
			for _, s := range p.a.occurrencesIn(q.exact, w.lo, w.hi) {
				cs = append(cs, p.a.newCandidate(q, s, s+m, 0, p.a.prefixDistance(q, s), p.a.suffixDistance(q, s+m)))
			}
		}
		rank(cs)
	}
	if !(len(cs) > 0 && cs[0].Score >= quoteAccept && tied(cs) == 1) && q.k > 0 {
		// The approximate copies that overlap no exact one.
		exact := len(cs)
		for _, w := range ws {
		next:
			for _, f := range p.approximate(q, w.lo, w.hi) {
				for _, c := range cs[:exact] {
					if c.Start < f.End && f.Start < c.End {
						continue next
					}
				}
				cs = append(cs, f)
			}
		}
		rank(cs)
	}
	return pick(q, cs)
}

// searchFar finds q in the whole folded text, for a selector that is not
// near its predicted place: its text was moved, or removed. A place far
// from the prediction needs evidence that this is the selector's text,
// not another copy of a common quote: it must be near an exact copy of a
// piece of [seedLen] code points of the selector's context and quote,
// which text moved with only light edits keeps. So only the stretches
// around such pieces are searched, at the cost of a few lookups in the
// index instead of a reading of the whole text for each selector; a
// selector with no such piece left is an orphan. When every piece is too
// common to narrow the search (a text that repeats itself), the whole
// text is searched.
func (p *Placer) searchFar(q *query) (Match, error) {
	ws, ok := p.seedWindows(q)
	if !ok {
		return p.searchIn(q, []window{{0, len(p.ft.rs)}})
	}
	if len(ws) == 0 {
		return Match{}, &AnchorError{Exact: q.sel.Exact, Reason: "not found (no piece of the quote and its context is left in the text)"}
	}
	return p.searchIn(q, ws)
}

// seedWindows returns the stretches of the folded text around the exact
// copies of the pieces of q's context and quote, merged and ascending. ok
// is false when the selector is too short to cut into pieces, or every
// piece has more than [maxSeeds] copies.
func (p *Placer) seedWindows(q *query) (ws []window, ok bool) {
	pat := slices.Concat(q.prefix, q.exact, q.suffix)
	n := len(pat)
	if n < seedLen {
		return nil, false
	}
	t := p.ft.rs
	for off := 0; off < n; off += seedLen {
		off := min(off, n-seedLen) // the last piece ends with the pattern
		starts := p.a.occurrences(pat[off : off+seedLen])
		if len(starts) > maxSeeds {
			continue
		}
		ok = true
		for _, s := range starts {
			// The pattern would start at s-off; edits in it move its ends
			// by less than its length.
			ws = append(ws, window{max(0, s-off-n), min(len(t), s-off+2*n)})
		}
	}
	if len(ws) == 0 {
		return nil, ok
	}
	return mergeWindows(ws), true
}

// pick returns the best of the ranked candidates cs if it is good enough
// and clearly the best, by the rule of [Anchorer.Anchor]; the Placer has
// checked each candidate's quote already.
func pick(q *query, cs []candidate) (Match, error) {
	e := &AnchorError{Exact: q.sel.Exact, Reason: "not found"}
	switch {
	case len(cs) == 0:
	case cs[0].Score < minScore && cs[0].side < sideAccept:
		e.Reason = "not found (the best place scores below 0.66)"
	case tied(cs) > 1:
		e.Reason = "ambiguous: " + strconv.Itoa(tied(cs)) + " equally good places"
	default:
		return cs[0].Match, nil
	}
	return Match{}, e
}

// approximate returns the approximate copies of q in the folded text
// between lo and hi, one per run of ends within the error budget, each
// with its ends from the alignment of its context (align.go); at most
// [maxRuns] runs, the rest being too repetitive to tell apart.
func (p *Placer) approximate(q *query, lo, hi int) []candidate {
	if q.pat == nil {
		q.pat = newBitPattern(q.exact)
	}
	var cs []candidate
	runs := q.pat.search(p.a.text, lo, hi, q.k)
	if len(runs) > maxRuns {
		return nil
	}
	total := len(q.exact) + len(q.prefix) + len(q.suffix)
	for _, r := range runs {
		e := r.ends[slices.Index(r.ds, r.min)]
		s, e, d, ok := p.al.alignEnds(p.a.text, q, max(lo, e-len(q.exact)), e)
		if !ok || s < lo || float64(editDistance(q.exact, p.a.text[s:e])) > alignErrorRate*float64(len(q.exact)) {
			continue
		}
		c := candidate{Match: Match{Start: s, End: e, Method: MethodFuzzy, Score: 1 - float64(d)/float64(total)}, dist: abs(s - q.sel.Start)}
		if k := len(cs) - 1; k >= 0 && cs[k].End > c.Start {
			if better(c, cs[k]) {
				cs[k] = c
			}
			continue
		}
		cs = append(cs, c)
	}
	rank(cs)
	return cs
}

// between returns the stretch of the folded text between the landmarks of
// the chain around selector i, and its predicted start there.
func (p *Placer) between(i int) (lo, hi, pred int) {
	it := &p.items[i]
	lo, hi, pred = 0, len(p.ft.rs), it.start
	// The chain is in old order; find the neighbours by old position.
	k, h := 0, len(p.chain) // the first landmark at or after it
	for k < h {
		if mid := (k + h) / 2; p.items[p.chain[mid]].ostart < it.ostart {
			k = mid + 1
		} else {
			h = mid
		}
	}
	if k > 0 {
		l := &p.items[p.chain[k-1]]
		lo = l.start
		if !it.fromDiff {
			pred = l.start + (it.start - l.q.sel.Start)
		}
	}
	for ; k < len(p.chain); k++ {
		if r := &p.items[p.chain[k]]; r.ostart > it.ostart {
			hi = min(len(p.ft.rs), r.start+len(it.q.exact)+it.q.k)
			break
		}
	}
	pred = max(lo, min(pred, hi))
	return lo, hi, pred
}

// alignAt aligns selector i at [s, e) of the folded text and returns the
// result if it scores at least least and passes the checks.
func (p *Placer) alignAt(i, s, e int, least float64) (Result, bool) {
	q := p.items[i].q
	ns, ne, d, ok := p.al.alignEnds(p.ft.rs, q, s, e)
	if !ok {
		return Result{}, false
	}
	total := len(q.exact) + len(q.prefix) + len(q.suffix)
	if 1-float64(d)/float64(total) < least {
		return Result{}, false
	}
	dq := editDistance(q.exact, p.ft.rs[ns:ne])
	if float64(dq) > alignErrorRate*float64(len(q.exact)) {
		return Result{}, false
	}
	r := p.result(i, ns, ne, dq)
	if r.Score < minScore {
		return Result{}, false
	}
	return r, true
}

// finish turns a match found by a search of the folded text into a
// result; an approximate one has its ends from the alignment already.
func (p *Placer) finish(i int, m Match) Result {
	dq := 0
	if m.Method == MethodFuzzy {
		dq = editDistance(p.items[i].q.exact, p.ft.rs[m.Start:m.End])
	}
	return p.result(i, m.Start, m.End, dq)
}
