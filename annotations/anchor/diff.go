package anchor

import (
	"slices"
)

// The diff of an old and a new text, for a file that carries its old text:
// every offset of the old text is mapped through it ([textDiff.mapStart],
// [textDiff.mapEnd]), and only where it touched a span does the span need a
// search.
//
// A textbook diff (Myers, O(ND)) is far too slow for a 3 MB text with
// 10,000 edits, and its choice among equal alignments of a repetitive text
// is arbitrary. This one works on words (runs of non-space code points)
// and single spaces of the folded texts, and walks both texts together:
// equal tokens are matched; at the first difference it looks for the
// nearest place where [resyncLen] tokens agree again, first within
// [resyncWindow] tokens on both sides (an edited, inserted or deleted
// word), then further ahead through the new text's index (a paragraph
// inserted, deleted or moved). Everything between two matched runs is a
// gap: offsets at a gap's edges map to the edges of the new gap, so an
// edited first or last word stays inside the span, and offsets inside a
// gap map proportionally and are checked like any other.
//
// The walk is resumable: [differ.step] does a bounded amount of work, so
// the [Placer] can yield between steps.

const (
	// resyncLen is how many tokens must agree to resume matching after a
	// difference: three words and the spaces between them, which rarely
	// agree by chance within the window.
	resyncLen = 6
	// resyncWindow is how many tokens on each side the near resync tries:
	// an edit of up to a dozen words.
	resyncWindow = 24
	// farTries is how many old tokens after a difference the far resync
	// looks up in the new text, and farPiece how many code points of each
	// it looks up (they must start a word): a rewritten passage of about 30
	// words is skipped at once.
	farTries = 64
	farPiece = 24
)

// segment is a run of n code points equal in both texts, at old and nu.
type segment struct{ old, nu, n int }

// textDiff maps offsets of the old folded text to the new one.
type textDiff struct {
	segs         []segment // ascending in both texts, not touching
	oldLen, nLen int
}

// mapStart maps the old offset o where a span starts: a code point in a
// matched run maps to its copy; an offset at the start of a gap to the
// start of the new gap, so the gap's new text is in the span; inside a
// gap, proportionally.
func (d *textDiff) mapStart(o int) int { return d.mapOffset(o, true) }

// mapEnd maps the old offset o where a span ends, like mapStart, but an
// offset at the end of a gap maps to the end of the new gap.
func (d *textDiff) mapEnd(o int) int { return d.mapOffset(o, false) }

func (d *textDiff) mapOffset(o int, start bool) int {
	// The segment that starts last at or before o (for an end, before o).
	i, hi := 0, len(d.segs)
	for i < hi {
		if h := (i + hi) / 2; d.segs[h].old < o || start && d.segs[h].old == o {
			i = h + 1
		} else {
			hi = h
		}
	}
	i--
	// The gap after segment i (or before the first): old [go0, go1), new [gn0, gn1).
	go0, gn0 := 0, 0
	if i >= 0 {
		s := d.segs[i]
		if start && o < s.old+s.n || !start && o <= s.old+s.n {
			return s.nu + o - s.old
		}
		go0, gn0 = s.old+s.n, s.nu+s.n
	}
	go1, gn1 := d.oldLen, d.nLen
	if i+1 < len(d.segs) {
		go1, gn1 = d.segs[i+1].old, d.segs[i+1].nu
	}
	switch {
	case o <= go0:
		return gn0
	case o >= go1:
		return gn1
	}
	return gn0 + (o-go0)*(gn1-gn0)/(go1-go0)
}

// tokens splits a folded text into words and single spaces: the start of
// each token, and a hash of each.
func tokens(t []rune) (starts []int32, hashes []uint64) {
	for i := 0; i < len(t); {
		j := i + 1
		if t[i] != ' ' {
			for j < len(t) && t[j] != ' ' {
				j++
			}
		}
		h := uint64(14695981039346656037) // FNV-1a
		for _, c := range t[i:j] {
			h = (h ^ uint64(c)) * 1099511628211
		}
		starts = append(starts, int32(i))
		hashes = append(hashes, h)
		i = j
	}
	return starts, hashes
}

// differ computes a [textDiff] in steps.
type differ struct {
	a, b   []rune // old and new, folded
	sa, sb []int32
	ha, hb []uint64
	i, j   int // the next tokens to compare
	// lookup returns the starts of a run of code points in b, ascending.
	lookup func([]rune) []int
	// breakA and breakB report whether the space at an offset of a or b
	// stands for white space with a line break in the original text.
	breakA, breakB func(int) bool
	d              textDiff
}

func newDiffer(a, b []rune, lookup func([]rune) []int, breakA, breakB func(int) bool) *differ {
	x := &differ{a: a, b: b, lookup: lookup, breakA: breakA, breakB: breakB, d: textDiff{oldLen: len(a), nLen: len(b)}}
	x.sa, x.ha = tokens(a)
	x.sb, x.hb = tokens(b)
	return x
}

// offA and offB return the code point offset of token i of a or b.
func (x *differ) offA(i int) int {
	if i >= len(x.sa) {
		return len(x.a)
	}
	return int(x.sa[i])
}

func (x *differ) offB(j int) int {
	if j >= len(x.sb) {
		return len(x.b)
	}
	return int(x.sb[j])
}

// step matches up to about n tokens and reports whether the diff is done.
func (x *differ) step(n int) bool {
	for ; n > 0; n-- {
		if x.i >= len(x.ha) || x.j >= len(x.hb) {
			return true
		}
		if x.ha[x.i] == x.hb[x.j] {
			x.match(x.i, x.j, 1)
			x.i++
			x.j++
			continue
		}
		if di, dj, ok := x.resyncNear(); ok {
			x.i, x.j = x.slide(x.i+di, x.j+dj)
			continue
		}
		if i, j, ok := x.resyncFar(); ok {
			x.i, x.j = x.slide(i, j)
			continue
		}
		x.matchTail()
		return true
	}
	return x.i >= len(x.ha) || x.j >= len(x.hb)
}

// match records that k tokens at i and j are equal.
func (x *differ) match(i, j, k int) {
	o, nu := x.offA(i), x.offB(j)
	n := x.offA(i+k) - o
	if l := len(x.d.segs) - 1; l >= 0 {
		if s := &x.d.segs[l]; s.old+s.n == o && s.nu+s.n == nu {
			s.n += n
			return
		}
	}
	x.d.segs = append(x.d.segs, segment{o, nu, n})
}

// slide takes the gap from the next tokens to compare to i and j, where
// the texts agree again, when it only deletes old tokens or only inserts
// new ones, and returns where to resume comparing. Such a gap may sit as
// well a few tokens earlier, when the tokens matched just before it
// repeat its end: a line removed before another that begins with the
// same words ("the honor …\nthe climate" become "the climate"). Of those
// places, equally small diffs, it takes the one where the gap starts a
// line in its text, so that the words left keep their own line: the gap
// moves back, the matched tokens before it give way to their copies
// after it, and the walk matches those again. Where no place starts a
// line, the gap stays.
func (x *differ) slide(i, j int) (int, int) {
	if (i == x.i) == (j == x.j) || len(x.d.segs) == 0 {
		return i, j // a replacement, or no gap
	}
	last := &x.d.segs[len(x.d.segs)-1]
	if last.old+last.n != x.offA(x.i) || last.nu+last.n != x.offB(x.j) {
		return i, j // no match just before the gap
	}
	// The gap is tokens [lo, hi) of a, or of b, and the matched run
	// before it starts at runStart of the same text.
	inA := j == x.j
	h, lo, hi, runStart, starts := x.ha, x.i, i, last.old, x.lineStartA
	if !inA {
		h, lo, hi, runStart, starts = x.hb, x.j, j, last.nu, x.lineStartB
	}
	for s := 0; ; s++ {
		if starts(lo - s) {
			if s > 0 {
				// The s tokens before the gap give way to their copies
				// after it, which the walk matches next.
				if last.n -= x.tokenStart(inA, lo) - x.tokenStart(inA, lo-s); last.n == 0 {
					x.d.segs = x.d.segs[:len(x.d.segs)-1]
				}
			}
			return i - s, j - s
		}
		if lo-s-1 < 0 || x.tokenStart(inA, lo-s-1) < runStart || h[lo-s-1] != h[hi-s-1] {
			return i, j
		}
	}
}

// tokenStart returns the offset of token k of a (inA) or b.
func (x *differ) tokenStart(inA bool, k int) int {
	if inA {
		return x.offA(k)
	}
	return x.offB(k)
}

// lineStartA and lineStartB report whether token k of a or b starts a
// line: it is the first, or follows white space with a line break.
func (x *differ) lineStartA(k int) bool {
	return k == 0 || x.breakA != nil && x.a[x.offA(k-1)] == ' ' && x.breakA(x.offA(k-1))
}

func (x *differ) lineStartB(k int) bool {
	return k == 0 || x.breakB != nil && x.b[x.offB(k-1)] == ' ' && x.breakB(x.offB(k-1))
}

// agree reports whether resyncLen tokens agree at i and j, or all the rest
// of both texts does.
func (x *differ) agree(i, j int) bool {
	for t := range resyncLen {
		ia, jb := i+t, j+t
		if ia >= len(x.ha) || jb >= len(x.hb) {
			return ia >= len(x.ha) && jb >= len(x.hb)
		}
		if x.ha[ia] != x.hb[jb] {
			return false
		}
	}
	return true
}

// resyncNear returns the smallest skip (di old tokens, dj new ones) after
// which the texts agree again, of at most resyncWindow on each side; of
// equal total skips, the most even (a replaced word before an inserted
// one).
func (x *differ) resyncNear() (di, dj int, ok bool) {
	for d := 1; d <= 2*resyncWindow; d++ {
		for off := 0; off <= d; off++ {
			// off = 0, 1, 2, … away from the even split, on both sides.
			for _, di := range [2]int{(d + off) / 2, (d - off + 1) / 2} {
				dj := d - di
				if di > resyncWindow || dj > resyncWindow || di < 0 || dj < 0 {
					continue
				}
				if x.agree(x.i+di, x.j+dj) {
					return di, dj, true
				}
			}
		}
	}
	return 0, 0, false
}

// resyncFar looks up pieces of the old text after a difference in the new
// text after it, and returns the resumption that skips the least text.
func (x *differ) resyncFar() (i, j int, ok bool) {
	best := -1
	from := x.offB(x.j)
	for t := 1; t <= farTries && x.i+t < len(x.ha); t++ {
		ia := x.i + t
		s := x.offA(ia)
		if s+farPiece > len(x.a) || x.a[s] == ' ' {
			continue
		}
		for _, p := range x.lookup(x.a[s : s+farPiece]) {
			if p < from {
				continue
			}
			jb, found := slices.BinarySearch(x.sb, int32(p))
			if !found || !x.agree(ia, jb) {
				continue
			}
			if skip := (s - x.offA(x.i)) + (p - from); best < 0 || skip < best {
				best, i, j, ok = skip, ia, jb, true
			}
			break // later copies skip more
		}
	}
	return i, j, ok
}

// matchTail matches the common end of both texts after a difference that
// no resync could get past.
func (x *differ) matchTail() {
	ia, jb := len(x.ha), len(x.hb)
	for ia > x.i && jb > x.j && x.ha[ia-1] == x.hb[jb-1] {
		ia--
		jb--
	}
	if k := len(x.ha) - ia; k > 0 {
		x.match(ia, jb, k)
	}
	x.i, x.j = len(x.ha), len(x.hb)
}
