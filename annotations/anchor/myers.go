package anchor

// editDistance returns the Levenshtein distance between a and b.
func editDistance(a, b []rune) int {
	if len(a) == 0 {
		return len(b)
	}
	return newBitPattern(a).distance(b)
}

// bitPattern is a pattern prepared for Myers' bit-parallel edit distance
// (G. Myers, "A fast bit-vector algorithm for approximate string matching
// based on dynamic programming", JACM 1999), in the block form that handles
// patterns of any length (H. Hyyrö, 2003; as in edlib): the dynamic
// programming column is kept as vertical deltas, 64 pattern code points per
// machine word, and one text code point advances every block in O(1).
//
// Rows past the pattern's end in the last block never influence the rows
// above them, so the score is read at the pattern's last row.
type bitPattern struct {
	m, nb int
	ascii []uint64          // ascii[c*nb+b]: pattern rows in block b holding c < 128
	other map[rune][]uint64 // the same for other code points
	zero  []uint64
	last  uint64 // the bit of the pattern's last row in the last block
	pv    []uint64
	mv    []uint64
}

func newBitPattern(p []rune) *bitPattern {
	m := len(p)
	nb := (m + 63) / 64
	bp := &bitPattern{m: m, nb: nb, ascii: make([]uint64, 128*nb), zero: make([]uint64, nb),
		last: 1 << uint((m-1)%64), pv: make([]uint64, nb), mv: make([]uint64, nb)}
	for i, c := range p {
		b, bit := i/64, uint64(1)<<uint(i%64)
		if c >= 0 && c < 128 {
			bp.ascii[int(c)*nb+b] |= bit
			continue
		}
		if bp.other == nil {
			bp.other = make(map[rune][]uint64)
		}
		v := bp.other[c]
		if v == nil {
			v = make([]uint64, nb)
			bp.other[c] = v
		}
		v[b] |= bit
	}
	return bp
}

// eq returns the match vectors of code point c, one word per block.
func (bp *bitPattern) eq(c rune) []uint64 {
	if c >= 0 && c < 128 {
		i := int(c) * bp.nb
		return bp.ascii[i : i+bp.nb]
	}
	if v, ok := bp.other[c]; ok {
		return v
	}
	return bp.zero
}

// reset sets the column to D[i][0] = i: every vertical delta +1.
func (bp *bitPattern) reset() int {
	for b := range bp.pv {
		bp.pv[b], bp.mv[b] = ^uint64(0), 0
	}
	return bp.m
}

// step advances the column by text code point c and returns the change of
// the score at the last row. hin is the horizontal delta entering the top
// row: 0 to search (a match may start anywhere, D[0][j] = 0), +1 to align
// (the match starts at the first code point, D[0][j] = j).
func (bp *bitPattern) step(c rune, hin int) int {
	if bp.nb == 1 {
		return bp.step1(c, hin)
	}
	eqs := bp.eq(c)
	for b := 0; b < bp.nb; b++ {
		pv, mv, eq := bp.pv[b], bp.mv[b], eqs[b]
		xv := eq | mv
		if hin < 0 {
			eq |= 1
		}
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		top := uint64(1) << 63
		if b == bp.nb-1 {
			top = bp.last
		}
		hout := 0
		if ph&top != 0 {
			hout = 1
		} else if mh&top != 0 {
			hout = -1
		}
		ph <<= 1
		mh <<= 1
		if hin < 0 {
			mh |= 1
		} else if hin > 0 {
			ph |= 1
		}
		bp.pv[b] = mh | ^(xv | ph)
		bp.mv[b] = ph & xv
		hin = hout
	}
	return hin
}

// step1 is step for a pattern of one block: contexts and most quotes.
func (bp *bitPattern) step1(c rune, hin int) int {
	var eq uint64
	if c >= 0 && c < 128 {
		eq = bp.ascii[c]
	} else if v, ok := bp.other[c]; ok {
		eq = v[0]
	}
	pv, mv := bp.pv[0], bp.mv[0]
	xv := eq | mv
	if hin < 0 {
		eq |= 1
	}
	xh := (((eq & pv) + pv) ^ pv) | eq
	ph := mv | ^(xh | pv)
	mh := pv & xh
	hout := 0
	if ph&bp.last != 0 {
		hout = 1
	} else if mh&bp.last != 0 {
		hout = -1
	}
	ph <<= 1
	mh <<= 1
	if hin < 0 {
		mh |= 1
	} else if hin > 0 {
		ph |= 1
	}
	bp.pv[0] = mh | ^(xv | ph)
	bp.mv[0] = ph & xv
	return hout
}

// run is a stretch of consecutive end offsets where the quote matches
// within the budget, with the distance at each and the least of them.
type run struct {
	ends, ds []int
	min      int
}

// search scans text[lo:hi] and returns the runs of end offsets j (the match
// is text[?:j]) at which the pattern matches with at most k edits.
func (bp *bitPattern) search(text []rune, lo, hi, k int) []run {
	var runs []run
	open := false
	add := func(j, d int) {
		if !open {
			runs = append(runs, run{min: d})
			open = true
		}
		r := &runs[len(runs)-1]
		r.ends = append(r.ends, j)
		r.ds = append(r.ds, d)
		r.min = min(r.min, d)
	}
	score := bp.reset()
	if bp.nb == 1 {
		// The common case, a quote of at most 64 code points, inlined.
		pv, mv, last := bp.pv[0], bp.mv[0], bp.last
		for j := lo; j < hi; j++ {
			c := text[j]
			var eq uint64
			if c >= 0 && c < 128 {
				eq = bp.ascii[c]
			} else if v, ok := bp.other[c]; ok {
				eq = v[0]
			}
			xv := eq | mv
			xh := (((eq & pv) + pv) ^ pv) | eq
			ph := mv | ^(xh | pv)
			mh := pv & xh
			if ph&last != 0 {
				score++
			} else if mh&last != 0 {
				score--
			}
			ph <<= 1
			mh <<= 1
			pv = mh | ^(xv | ph)
			mv = ph & xv
			if score <= k {
				add(j+1, score)
			} else {
				open = false
			}
		}
		return runs
	}
	for j := lo; j < hi; j++ {
		score += bp.step(text[j], 0)
		if score <= k {
			add(j+1, score)
		} else {
			open = false
		}
	}
	return runs
}

// alignBackward aligns the pattern, which must be reversed, against the
// text read backwards from offset from, over at most maxLen code points:
// the alignment starts at from-1 and may end anywhere. It returns the least
// distance and the number n of text code points it spans, the n closest to
// want among equals.
func (bp *bitPattern) alignBackward(text []rune, from, maxLen, want int) (d, n int) {
	score := bp.reset()
	d, n = score, 0
	for i := 1; i <= maxLen && from-i >= 0; i++ {
		score += bp.step(text[from-i], 1)
		if score < d || score == d && abs(i-want) < abs(n-want) {
			d, n = score, i
		}
	}
	return d, n
}

// alignBackwardAll is alignBackward returning the distance for every
// number of code points spanned, 0 to maxLen, appended to out.
func (bp *bitPattern) alignBackwardAll(text []rune, from, maxLen int, out []int) []int {
	score := bp.reset()
	out = append(out, score)
	for i := 1; i <= maxLen && from-i >= 0; i++ {
		score += bp.step(text[from-i], 1)
		out = append(out, score)
	}
	return out
}

// alignForward is alignBackward reading forwards from offset from, and
// returns only the least distance.
func (bp *bitPattern) alignForward(text []rune, from, maxLen int) int {
	score := bp.reset()
	d := score
	for i := from; i < from+maxLen && i < len(text); i++ {
		score += bp.step(text[i], 1)
		d = min(d, score)
	}
	return d
}

// distance returns the edit distance between the pattern and all of t.
func (bp *bitPattern) distance(t []rune) int {
	score := bp.reset()
	for _, c := range t {
		score += bp.step(c, 1)
	}
	return score
}
