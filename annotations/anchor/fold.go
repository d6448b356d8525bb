package anchor

//go:generate go run gen_decompositions.go

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
//   - a precomposed character (NFC, "é") becomes its canonical
//     decomposition (NFD, "e" and U+0301), so precomposed and decomposed
//     text match;
//   - curly, straight and angle quotes become the straight ones, and hyphens and
//     dashes the ASCII hyphen-minus: a typographic change costs nothing,
//     less than any other substitution.
//
// Offsets found in the folded text are mapped back to the text's own code
// points (see [folded.start] and [folded.end]).
//
// The decompositions are Unicode's, for every code point (the table in
// decompositions.go, generated from golang.org/x/text/unicode/norm and
// checked against it by TestDecompositions, and the Hangul syllables by
// their formula). The normalisation package itself would add about 57 KB
// (gzipped) to the worker's wasm, which anchors; the table adds 11 KB,
// and is read into a map the first time a text needs it. Combining marks that follow a letter in the text are not put in
// canonical order: a text whose marks are out of that order matches its
// normalised spelling only approximately, at the cost of substitutions.

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

// lineBreak reports whether the space at folded offset o stands for white
// space with a line break in text, the original.
func (f *folded) lineBreak(text []rune, o int) bool {
	for _, c := range text[f.src[o]:f.src[o+1]] {
		switch c {
		case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
			return true
		}
	}
	return false
}

// to returns the folded offset of original offset o: the first folded code
// point that came from o or later.
func (f *folded) to(o int) int {
	i, _ := slices.BinarySearch(f.src, int32(o))
	return i
}

func isFoldSpace(c rune) bool { return c == 0xA0 || unicode.IsSpace(c) }

// appendFolded appends the folded form of the code point c, not a space:
// the ASCII quote or hyphen for a typographic variant, the canonical
// decomposition for a precomposed letter, c itself otherwise.
func appendFolded(out []rune, c rune) []rune {
	if c < 0xC0 {
		switch c {
		case 0xAB, 0xBB: // « »
			return append(out, '"')
		}
		return append(out, c)
	}
	switch c {
	case '‘', '’', '‚', '‛', '′':
		return append(out, '\'')
	case '“', '”', '„', '‟', '″':
		return append(out, '"')
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return append(out, '-')
	}
	if c >= hangulBase && c < hangulBase+hangulCount {
		s := c - hangulBase
		out = append(out, 0x1100+s/588, 0x1161+s%588/28)
		if t := s % 28; t != 0 {
			out = append(out, 0x11A7+t)
		}
		return out
	}
	if d, ok := decompositionTable()[c]; ok {
		return append(out, d...)
	}
	return append(out, c)
}

// The Hangul syllables decompose by a formula (The Unicode Standard,
// section 3.12) into a leading consonant, a vowel and, for 27 of every 28,
// a trailing consonant.
const hangulBase, hangulCount = 0xAC00, 11172

// decompositionTable reads decompositions, once, when a text first has a
// code point that may have a decomposition.
var decompositionTable = sync.OnceValue(func() map[rune][]rune {
	rs := []rune(decompositions)
	m := make(map[rune][]rune, len(rs)/4)
	for i := 0; i < len(rs); {
		n := int(rs[i+1])
		m[rs[i]] = rs[i+2 : i+2+n : i+2+n]
		i += 2 + n
	}
	return m
})
