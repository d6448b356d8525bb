package anchor

import "math"

// Ends from context. When a quote was edited, the ends of its approximate
// match are taken from an alignment of prefix + quote + suffix with the
// text around it, not from the quote alone: the context fixes where the
// quote starts and ends, so an edited first or last word is covered whole
// ("the dynamics" edited to "Kiril dynamics" is placed on "Kiril dynamics",
// not on "ril dynamics", which is closer to the quote alone).
//
// The alignment is the unit-cost edit distance of the whole pattern
// against a stretch of the text with free ends, computed forwards and
// backwards so that every optimal alignment is known: the start is the
// least text offset that an optimal alignment puts at the prefix's end, and
// the end the greatest that one puts at the suffix's start. When the
// selector was cut at word boundaries, the ends are moved to word
// boundaries too, outwards. The dynamic programme is restricted to a band
// of ±(min(k, [maxBandBudget]) + [alignSlack]) around the diagonal the first
// match suggests, k being the quote's error budget, so it costs O(pattern × band).

// alignSlack is how far beyond the quote's error budget the alignment may
// stray from the first match's diagonal, in code points: an edit at the
// quote's edge that the first match placed wrongly is up to a word long.
const alignSlack = 12

// maxBandBudget caps the part of the band that grows with the quote: the
// band must cover how far the lengths of quote and text drift apart inside
// the alignment, which is the length of the edits, not of the quote; 16
// code points are two or three replaced words. The cap halves the cost for
// long quotes.
const maxBandBudget = 16

// aligner holds the rows of the dynamic programme, reused between calls.
type aligner struct {
	row0, row1 []int32
	fwd, bwd   [2][]int32 // rows at the prefix's and the quote's end
	pat, win   []rune
}

// alignEnds aligns the query around the approximate match [s, e) of text
// and returns the span it puts between the context, and the distance of
// the whole pattern. ok is false when the quote is empty after alignment.
func (al *aligner) alignEnds(text []rune, q *query, s, e int) (ns, ne, d int, ok bool) {
	band := min(q.k, maxBandBudget) + alignSlack
	lp, lq, ls := len(q.prefix), len(q.exact), len(q.suffix)
	lo := max(0, s-lp-band)
	hi := min(len(text), e+ls+band)
	win := text[lo:hi]
	al.pat = append(append(append(al.pat[:0], q.prefix...), q.exact...), q.suffix...)
	// Forwards: rows at lp and lp+lq; the diagonal starts where the prefix
	// would start.
	al.fwd[0], al.fwd[1] = al.run(al.pat, win, s-lp-lo, band, lp, lp+lq, al.fwd[0], al.fwd[1])
	// Backwards, on the reversed pattern and window: rows at ls+lq and ls.
	rp := reversed(al.pat)
	al.win = append(al.win[:0], win...)
	for i, j := 0, len(al.win)-1; i < j; i, j = i+1, j-1 {
		al.win[i], al.win[j] = al.win[j], al.win[i]
	}
	var b0, b1 []int32
	b0, b1 = al.run(rp, al.win, hi-e-ls, band, ls+lq, ls, al.bwd[0], al.bwd[1])
	al.bwd[0], al.bwd[1] = b0, b1
	n := len(win)
	best := int32(math.MaxInt32)
	for j := 0; j <= n; j++ {
		best = min(best, al.fwd[0][j]+b0[n-j])
	}
	if best >= math.MaxInt32/4 {
		return 0, 0, 0, false
	}
	ns, ne = -1, -1
	for j := 0; j <= n; j++ {
		if al.fwd[0][j]+b0[n-j] == best && ns < 0 {
			ns = j
		}
		if al.fwd[1][j]+b1[n-j] == best {
			ne = j
		}
	}
	if ns < 0 || ne <= ns {
		return 0, 0, 0, false
	}
	ns, ne = ns+lo, ne+lo
	ns, ne = snapWords(text, q, ns, ne, band)
	return ns, ne, int(best), true
}

// run computes the banded edit distance of pattern p against w with free
// ends in w, the diagonal starting at column j0, and returns rows r1 and
// r2 (the distance of p[:r] against w[x:j], least over x, for every j;
// at least math.MaxInt32/2 outside the band).
func (al *aligner) run(p, w []rune, j0, band, r1, r2 int, out1, out2 []int32) ([]int32, []int32) {
	const inf = math.MaxInt32 / 2
	n := len(w)
	grow := func(s []int32) []int32 {
		if cap(s) < n+1 {
			return make([]int32, n+1)
		}
		return s[:n+1]
	}
	// bounds returns row i's band, clipped to the window but never empty,
	// so that a pattern running off either end of the text is still
	// aligned, at the cost of its code points.
	bounds := func(i int) (int, int) {
		lo := min(n, max(0, j0+i-band))
		return lo, max(lo, min(n, j0+i+band))
	}
	prev, cur := grow(al.row0), grow(al.row1)
	out1, out2 = grow(out1), grow(out2)
	save := func(i int, row []int32, out []int32) {
		lo, hi := bounds(i)
		for j := range out {
			out[j] = inf
		}
		copy(out[lo:hi+1], row[lo:hi+1])
	}
	lo, hi := bounds(0)
	for j := range prev {
		prev[j] = inf
		if j >= lo && j <= hi {
			prev[j] = 0
		}
	}
	for j := range cur {
		cur[j] = inf
	}
	for i := 0; i <= len(p); i++ {
		if i > 0 {
			plo, phi := bounds(i - 1)
			lo, hi = bounds(i)
			// Cells of the previous row outside its band read as infinite.
			if phi+1 <= n {
				prev[phi+1] = inf
			}
			if lo > 0 {
				cur[lo-1] = inf
			}
			for j := max(0, plo-1); j < lo-1; j++ {
				cur[j] = inf
			}
			c := p[i-1]
			for j := lo; j <= hi; j++ {
				v := prev[j] + 1 // the pattern's code point deleted
				if j > 0 {
					sub := prev[j-1]
					if w[j-1] != c {
						sub++
					}
					v = min(v, sub, cur[j-1]+1)
				}
				cur[j] = min(v, inf)
			}
			prev, cur = cur, prev
		}
		if i == r1 {
			save(i, prev, out1)
		}
		if i == r2 {
			save(i, prev, out2)
		}
	}
	al.row0, al.row1 = prev, cur
	return out1, out2
}

// snapWords keeps word alignment: a selector cut at word boundaries gets a
// span cut at word boundaries, widened to whole words by at most limit
// code points at each end.
func snapWords(text []rune, q *query, s, e, limit int) (int, int) {
	if isWordStart(q.prefix, q.exact) && !isWordStartAt(text, s) {
		for k := 0; s > 0 && text[s-1] != ' ' && k < limit; k++ {
			s--
		}
	}
	if isWordEnd(q.exact, q.suffix) && !isWordEndAt(text, e) {
		for k := 0; e < len(text) && text[e] != ' ' && k < limit; k++ {
			e++
		}
	}
	return s, e
}

// isWordStart reports whether a quote after before starts a word: a space
// before it and none at its start. Without a prefix, nothing says.
func isWordStart(before, quote []rune) bool {
	return len(quote) > 0 && quote[0] != ' ' && len(before) > 0 && before[len(before)-1] == ' '
}

// isWordStartAt reports whether a span starting at offset i of t starts a
// word.
func isWordStartAt(t []rune, i int) bool {
	return i < len(t) && t[i] != ' ' && (i == 0 || t[i-1] == ' ')
}

// isWordEnd reports whether a quote followed by after ends a word.
// Without a suffix, nothing says.
func isWordEnd(quote, after []rune) bool {
	return len(quote) > 0 && quote[len(quote)-1] != ' ' && len(after) > 0 && after[0] == ' '
}

// isWordEndAt reports whether a span ending at offset j of t ends a word.
func isWordEndAt(t []rune, j int) bool {
	return j > 0 && t[j-1] != ' ' && (j == len(t) || t[j] == ' ')
}
