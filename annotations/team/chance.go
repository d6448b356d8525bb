package team

import (
	"slices"
	"strconv"
)

// coverage returns, per annotator and code point, the bit mask of the
// labels (by schema index) whose spans cover it. Schemas have at most 64
// labels in practice; labels past the 64th share the last bit.
func coverage(p *Panel, labels []string) [][]uint64 {
	bit := map[string]uint64{}
	for i, l := range labels {
		bit[l] = 1 << min(i, 63)
	}
	out := make([][]uint64, len(p.Annotators))
	for i, a := range p.Annotators {
		c := make([]uint64, p.Document.Len())
		for _, x := range a.Annotations {
			for k := max(0, x.Start); k < min(x.End, len(c)); k++ {
				c[k] |= bit[x.Label]
			}
		}
		out[i] = c
	}
	return out
}

// chance computes kappa and alpha over code points. category maps a code
// point's label mask to a category; nil uses the mask itself (the label
// set). Units with the same categories from every annotator are counted
// together, so a long text costs little more than a short one.
func chance(covers [][]uint64, category func(uint64) int) (kind string, kappa, alpha Measure) {
	if len(covers) < 2 {
		return "", Undefined, Undefined
	}
	cat := map[uint64]int{}
	idx := func(m uint64) int {
		if category != nil {
			return category(m)
		}
		c, ok := cat[m]
		if !ok {
			c = len(cat)
			cat[m] = c
		}
		return c
	}
	// seen maps each distinct rating vector (one category per annotator)
	// to its row in ratings and weights. The key packs the categories 8
	// bits each when they fit in a uint64, which is the common case, and
	// is their decimal list otherwise.
	packed := len(covers) <= 8
	seenPacked := map[uint64]int{}
	seen := map[string]int{}
	var ratings [][]int
	var weights []int
	key := make([]byte, 0, 4*len(covers))
	r := make([]int, len(covers))
	k := 2
	for u := range covers[0] {
		var pk uint64
		for c := range covers {
			r[c] = idx(covers[c][u])
			k = max(k, r[c]+1)
			if r[c] > 255 {
				packed = false
			}
			pk = pk<<8 | uint64(r[c]&0xff)
		}
		var i int
		var ok bool
		if packed {
			i, ok = seenPacked[pk]
		} else {
			key = key[:0]
			for c := range covers {
				key = strconv.AppendInt(key, int64(r[c]), 10)
				key = append(key, ',')
			}
			i, ok = seen[string(key)]
		}
		if !ok {
			i = len(ratings)
			if packed {
				seenPacked[pk] = i
			} else {
				seen[string(key)] = i
			}
			ratings = append(ratings, slices.Clone(r))
			weights = append(weights, 0)
		}
		weights[i]++
	}
	counts := countsOf(ratings, k)
	if len(covers) == 2 {
		kind, kappa = "cohen", cohenKappaWeighted(ratings, weights, k)
	} else {
		kind, kappa = "fleiss", fleissKappaWeighted(counts, weights)
	}
	return kind, kappa, krippendorffAlphaWeighted(counts, weights)
}

// countsOf turns ratings (unit × coder → category in [0,k), or -1 for no
// rating) into counts (unit × category → coders).
func countsOf(ratings [][]int, k int) [][]int {
	out := make([][]int, len(ratings))
	for u, r := range ratings {
		c := make([]int, k)
		for _, x := range r {
			if x >= 0 {
				c[x]++
			}
		}
		out[u] = c
	}
	return out
}

// ones returns n weights of 1.
func ones(n int) []int {
	w := make([]int, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

// cohenKappa returns Cohen's kappa of two coders' categories of the same
// units: (po − pe) / (1 − pe), where po is the share of units they put in
// the same category and pe the agreement expected from each coder's own
// category shares.
func cohenKappa(a, b []int, k int) Measure {
	if len(a) != len(b) {
		return Undefined
	}
	ratings := make([][]int, len(a))
	for u := range a {
		ratings[u] = []int{a[u], b[u]}
	}
	return cohenKappaWeighted(ratings, ones(len(a)), k)
}

// cohenKappaWeighted is [cohenKappa] of rating pairs, each standing for
// weight units.
func cohenKappaWeighted(ratings [][]int, weight []int, k int) Measure {
	pa, pb := make([]float64, k), make([]float64, k)
	n, same := 0, 0
	for u, r := range ratings {
		w := weight[u]
		pa[r[0]] += float64(w)
		pb[r[1]] += float64(w)
		n += w
		if r[0] == r[1] {
			same += w
		}
	}
	if n == 0 {
		return Undefined
	}
	po := float64(same) / float64(n)
	pe := 0.0
	for c := range k {
		pe += pa[c] / float64(n) * pb[c] / float64(n)
	}
	if pe >= 1 {
		return Undefined
	}
	return Measure((po - pe) / (1 - pe))
}

// fleissKappa returns Fleiss' kappa of counts (unit × category → raters),
// where every unit has the same number of raters, at least two:
// (P̄ − P̄e) / (1 − P̄e), with P̄ the mean share of agreeing rater pairs per
// unit and P̄e the sum of the squared overall category shares.
func fleissKappa(counts [][]int) Measure {
	return fleissKappaWeighted(counts, ones(len(counts)))
}

// fleissKappaWeighted is [fleissKappa] with each row standing for weight
// units.
func fleissKappaWeighted(counts [][]int, weight []int) Measure {
	if len(counts) == 0 {
		return Undefined
	}
	n := 0
	for _, x := range counts[0] {
		n += x
	}
	if n < 2 {
		return Undefined
	}
	k := len(counts[0])
	pj := make([]float64, k)
	pbar, N := 0.0, 0.0
	for u, row := range counts {
		w := float64(weight[u])
		sq := 0
		for j, x := range row {
			pj[j] += w * float64(x)
			sq += x * x
		}
		pbar += w * float64(sq-n) / float64(n*(n-1))
		N += w
	}
	pbar /= N
	pe := 0.0
	for _, x := range pj {
		s := x / (N * float64(n))
		pe += s * s
	}
	if pe >= 1 {
		return Undefined
	}
	return Measure((pbar - pe) / (1 - pe))
}

// krippendorffAlpha returns Krippendorff's alpha for nominal data from
// counts (unit × category → coders); units may have different numbers of
// coders, and units with fewer than two are not pairable and left out.
// With the coincidence matrix o (o[c][k] sums, over units, the pairs of
// values c and k divided by the unit's coders minus one), n_c its margins
// and n their total:
//
//	α = 1 − (n − 1) · Σ_{c≠k} o[c][k] / Σ_{c≠k} n_c·n_k
//
// and for nominal data the off-diagonal sums are n − Σ o[c][c] and
// n² − Σ n_c².
func krippendorffAlpha(counts [][]int) Measure {
	return krippendorffAlphaWeighted(counts, ones(len(counts)))
}

// krippendorffAlphaWeighted is [krippendorffAlpha] with each row standing
// for weight units.
func krippendorffAlphaWeighted(counts [][]int, weight []int) Measure {
	if len(counts) == 0 {
		return Undefined
	}
	k := len(counts[0])
	diag := make([]float64, k)
	nc := make([]float64, k)
	for u, row := range counts {
		m := 0
		for _, x := range row {
			m += x
		}
		if m < 2 {
			continue
		}
		w := float64(weight[u])
		for c, x := range row {
			diag[c] += w * float64(x*(x-1)) / float64(m-1)
			nc[c] += w * float64(x)
		}
	}
	n, od, sq := 0.0, 0.0, 0.0
	for c := range k {
		n += nc[c]
		od += diag[c]
		sq += nc[c] * nc[c]
	}
	de := n*n - sq
	if n < 2 || de <= 0 {
		return Undefined
	}
	return Measure(1 - (n-1)*(n-od)/de)
}
