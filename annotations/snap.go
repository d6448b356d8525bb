package annotations

import "unicode"

// isWordRune reports whether r belongs to a word: a letter, digit or mark
// (so combining accents stay with their letter), or an apostrophe or hyphen
// between word characters, checked by the callers.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

// isJoiner reports whether r joins two word characters into one word, as
// in "don't", "long-serving" or "U.S".
func isJoiner(r rune) bool {
	return r == '\'' || r == '’' || r == '-' || r == '‐'
}

// inWord reports whether position i (between rs[i-1] and rs[i]) is inside
// a word.
func inWord(rs []rune, i int) bool {
	if i <= 0 || i >= len(rs) {
		return false
	}
	a, b := rs[i-1], rs[i]
	switch {
	case isWordRune(a) && isWordRune(b):
		return true
	case isJoiner(a) && isWordRune(b):
		return i >= 2 && isWordRune(rs[i-2])
	case isWordRune(a) && isJoiner(b):
		return i+1 < len(rs) && isWordRune(rs[i+1])
	}
	return false
}

// SnapToWords widens [start, end) so that it does not cut a word: a start
// inside a word moves back to the word's start, an end inside a word moves
// on to its end. The range is clamped to rs first.
func SnapToWords(rs []rune, start, end int) (int, int) {
	start = max(0, min(start, len(rs)))
	end = max(start, min(end, len(rs)))
	// Snap only edges that touch a word; white space at an edge is for
	// TrimSpace.
	for start > 0 && inWord(rs, start) {
		start--
	}
	for end < len(rs) && inWord(rs, end) {
		end++
	}
	return start, end
}

// TrimSpace narrows [start, end) to exclude white space at either end.
func TrimSpace(rs []rune, start, end int) (int, int) {
	start = max(0, min(start, len(rs)))
	end = max(start, min(end, len(rs)))
	for start < end && unicode.IsSpace(rs[start]) {
		start++
	}
	for end > start && unicode.IsSpace(rs[end-1]) {
		end--
	}
	return start, end
}

// Occurrences returns the start offsets of q in rs, in order, without
// overlaps. When q starts or ends with a word character, occurrences that
// begin or end inside a longer word are left out, so "US" does not match
// inside "USA".
func Occurrences(rs, q []rune) []int {
	if len(q) == 0 || len(q) > len(rs) {
		return nil
	}
	wordStart, wordEnd := isWordRune(q[0]), isWordRune(q[len(q)-1])
	var out []int
	for i := 0; i+len(q) <= len(rs); {
		if rs[i] != q[0] || !equalRunes(rs[i:i+len(q)], q) {
			i++
			continue
		}
		if (wordStart && i > 0 && isWordRune(rs[i-1])) ||
			(wordEnd && i+len(q) < len(rs) && isWordRune(rs[i+len(q)])) {
			i++
			continue
		}
		out = append(out, i)
		i += len(q)
	}
	return out
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
