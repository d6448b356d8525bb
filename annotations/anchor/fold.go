package anchor

import (
	"slices"
	"sync"
	"unicode"
)

// Equivalences. Before matching, a text and a selector are folded, so that
// what a reader sees as the same text matches exactly:
//
//   - a run of white space (spaces, tabs, line breaks, NBSP, indentation)
//     becomes one space;
//   - a precomposed letter (NFC, "é") becomes its canonical decomposition
//     (NFD, "e" and U+0301), so precomposed and decomposed text match;
//   - curly and straight quotes become the straight ones, and hyphens and
//     dashes the ASCII hyphen-minus: a typographic change costs nothing,
//     less than any other substitution.
//
// Offsets found in the folded text are mapped back to the text's own code
// points (see [folded.start] and [folded.end]).
//
// The decomposition table covers the Latin letters of U+00C0-U+017F
// (Latin-1 and Latin Extended-A: the Western and Central European
// languages), generated from golang.org/x/text/unicode/norm and checked
// against it by TestDecompositions. The full normalisation tables, or even
// the rest of the Latin ranges (Extended-B, Vietnamese), would cost the
// browser more than its size budget allows (the Latin ranges alone 2 KB
// gzipped); other precomposed forms match their decomposed spelling only
// approximately, at the cost of a substitution and an insertion, and
// combining marks are not reordered.

// folded is a text after folding, with a map back to the original.
type folded struct {
	rs []rune
	// src[i] is the offset in the original of the code point rs[i] came
	// from; src[len(rs)] is the original's length. A run of white space
	// maps to its first code point, and the code points of a decomposed
	// letter all map to the letter.
	src []int32
}

// fold returns the folded form of text.
func fold(text []rune) folded {
	f := newFolded(text)
	f.add(text, 0, len(text))
	return f
}

// newFolded returns an empty folded text with room for text's.
func newFolded(text []rune) folded {
	return folded{rs: make([]rune, 0, len(text)), src: make([]int32, 0, len(text)+1)}
}

// add folds text[from:to] onto f, which holds the folding of text[:from],
// so that a long text is folded in steps; at the end of the text it adds
// the final entry of src.
func (f *folded) add(text []rune, from, to int) {
	for i := from; i < to; i++ {
		c := text[i]
		if c < 0x80 && c != ' ' && (c < '\t' || c > '\r') {
			// Most of a text: ASCII, not a space, folds to itself.
			f.rs = append(f.rs, c)
			f.src = append(f.src, int32(i))
			continue
		}
		if isFoldSpace(c) {
			if i == 0 || !isFoldSpace(text[i-1]) {
				f.rs = append(f.rs, ' ')
				f.src = append(f.src, int32(i))
			}
			continue
		}
		n := len(f.rs)
		f.rs = appendFolded(f.rs, c)
		for range len(f.rs) - n {
			f.src = append(f.src, int32(i))
		}
	}
	if to == len(text) {
		f.src = append(f.src, int32(len(text)))
	}
}

// foldString returns the folded code points of s.
func foldString(s string) []rune { return fold([]rune(s)).rs }

// start returns the original offset of the span starting at folded
// offset i, and end that of the span ending at folded offset j.
func (f *folded) start(i int) int { return int(f.src[i]) }

func (f *folded) end(j int) int {
	if j == 0 {
		return 0
	}
	// The span ends after the code point rs[j-1] came from: a folded space
	// stands for its whole run, which ends where the next code point starts.
	if f.rs[j-1] == ' ' || j == len(f.rs) || f.src[j] != f.src[j-1] {
		return int(f.src[j])
	}
	return int(f.src[j-1]) + 1 // inside a decomposed letter
}

// to returns the folded offset of original offset o: the first folded code
// point that came from o or later.
func (f *folded) to(o int) int {
	i, _ := slices.BinarySearch(f.src, int32(o))
	return i
}

func isFoldSpace(c rune) bool { return c == 0xA0 || unicode.IsSpace(c) }

// typographic lists the quote and dash variants, each followed by the
// ASCII character it folds to.
const typographic = "‘'’'‚'‛'′'“\"”\"„\"‟\"″\"«\"»\"‐-‑-‒-–-—-―-−-"

// appendFolded appends the folded form of the code point c, not a space.
func appendFolded(out []rune, c rune) []rune {
	if c < 0xAB {
		return append(out, c)
	}
	if c >= 0xC0 && c <= 0x17F {
		latinOnce.Do(func() {
			for c := rune(0xC0); c <= 0x17F; c++ {
				latinFolded[c-0xC0] = decompose(nil, c)
			}
		})
		return append(out, latinFolded[c-0xC0]...)
	}
	k := 0
	var from rune
	for _, r := range typographic {
		if k%2 == 0 {
			from = r
		} else if from == c {
			return append(out, r)
		}
		k++
	}
	return append(out, c)
}

// latinFolded holds the folded form of each code point of U+00C0-U+017F,
// made from decompositions once, on first use: a text in a Western or
// Central European language has many of them.
var (
	latinOnce   sync.Once
	latinFolded [0x17F - 0xC0 + 1][]rune
)

// decompose appends the folded form of the code point c of U+00C0-U+017F:
// its decomposition, if it has one.
func decompose(out []rune, c rune) []rune {
	mark, prev := rune(0), rune(0)
	for _, r := range decompositions {
		switch {
		case r >= 0x300 && r <= 0x36F:
			mark, prev = r, 0
		case prev == 0:
			prev = r
		default:
			if prev == c {
				if r >= 0xC0 && r <= 0x17F {
					out = decompose(out, r) // not appendFolded: the table is being made
				} else {
					out = appendFolded(out, r)
				}
				return append(out, mark)
			}
			prev = 0
		}
	}
	return append(out, c)
}
