package anchor

import "slices"

// buildIndex builds the index of the text, once.
func (a *Anchorer) buildIndex() {
	a.once.Do(func() { a.index = newGramIndex(a.text) })
}

// occurrences returns the start offsets, in code points and in order, of
// the exact occurrences of quote in the text.
func (a *Anchorer) occurrences(quote []rune) []int {
	a.buildIndex()
	return a.index.lookup(a.text, quote)
}

// occurrencesIn returns the starts of the exact occurrences of quote that
// lie within text[lo:hi], in order. A stretch shorter than scanBelow is
// read directly, which for a short, common quote ("a", "the") is far less
// work than listing its copies in the whole text.
func (a *Anchorer) occurrencesIn(quote []rune, lo, hi int) []int {
	lo, hi = max(0, lo), min(len(a.text), hi)
	m := len(quote)
	if m == 0 || hi-lo < m {
		return nil
	}
	if hi-lo < scanBelow || m < gramLen {
		var starts []int
		for s := lo; s+m <= hi; s++ {
			if a.text[s] == quote[0] && slices.Equal(a.text[s:s+m], quote) {
				starts = append(starts, s)
			}
		}
		return starts
	}
	all := a.occurrences(quote)
	i, _ := slices.BinarySearch(all, lo)
	j := i
	for j < len(all) && all[j]+m <= hi {
		j++
	}
	return all[i:j]
}

// scanBelow is the length of text under which [Anchorer.occurrencesIn]
// reads the text rather than the index.
const scanBelow = 1 << 14

// gramLen is the length in code points of the runs [gramIndex] lists.
const gramLen = 4

// gramIndex lists where each run of [gramLen] code points of a text
// starts, grouped by a hash of the run. A lookup reads the starts of the
// quote's least common run and checks the quote at each: with prose, a few
// places. It is built in linear time, with 4 bytes per code point and per
// hash bucket.
type gramIndex struct {
	shift uint32  // 32 - log2 of the number of buckets
	first []int32 // pos[first[h]:first[h+1]] start runs with hash h
	pos   []int32 // in ascending order within a bucket
}

func newGramIndex(text []rune) gramIndex {
	n := max(0, len(text)-gramLen+1)
	bits := uint32(8) // about two runs a bucket
	for bits < 22 && 2<<bits < n {
		bits++
	}
	x := gramIndex{shift: 32 - bits, first: make([]int32, 1<<bits+1), pos: make([]int32, n)}
	// Count the runs of each bucket, sum the counts to each bucket's end,
	// and fill the buckets from their ends, last run first: then first[h]
	// is the start of bucket h, and starts ascend within it.
	for i := range n {
		x.first[x.hash(text[i:])]++
	}
	for h := 1; h < len(x.first); h++ {
		x.first[h] += x.first[h-1]
	}
	for i := n - 1; i >= 0; i-- {
		h := x.hash(text[i:])
		x.first[h]--
		x.pos[x.first[h]] = int32(i)
	}
	return x
}

// hash returns the bucket of a run of gramLen code points: a
// multiplicative hash, whose top bits are the best mixed.
func (x *gramIndex) hash(g []rune) uint32 {
	h := uint32(0)
	for _, r := range g[:gramLen] {
		h = (h ^ uint32(r)) * 0x9E3779B1
	}
	return h >> x.shift
}

// lookup returns the starts of quote in text, the text the index was built
// on, in ascending order.
func (x *gramIndex) lookup(text, quote []rune) []int {
	var starts []int
	if len(quote) < gramLen {
		// Too short to have a run: read the text.
		for s := 0; s+len(quote) <= len(text) && len(quote) > 0; s++ {
			if text[s] == quote[0] && slices.Equal(text[s:s+len(quote)], quote) {
				starts = append(starts, s)
			}
		}
		return starts
	}
	best, bestLen := uint32(0), -1
	off := 0
	for i := 0; i+gramLen <= len(quote); i++ {
		h := x.hash(quote[i:])
		if n := int(x.first[h+1] - x.first[h]); bestLen < 0 || n < bestLen {
			best, bestLen, off = h, n, i
		}
	}
	for _, p := range x.pos[x.first[best]:x.first[best+1]] {
		s := int(p) - off
		if s >= 0 && s+len(quote) <= len(text) && slices.Equal(text[s:s+len(quote)], quote) {
			starts = append(starts, s)
		}
	}
	return starts
}
