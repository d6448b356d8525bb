package suggest

import (
	"strings"
	"unicode"
)

// token is a word or a punctuation mark of the text. Offsets are code
// points into the document text, half-open, like every offset of the
// package.
type token struct {
	start, end int
	// text is the token as written, with ’ read as '; base is text
	// without a possessive "'s"; low is base in lower case.
	text, base, low string
	word            bool // letters or digits, not punctuation
	upper           bool // a word starting with an upper-case letter
	poss            bool // base + "'s"
	initial         bool // the first word of a sentence
	sentence        int  // index of its sentence within the paragraph
}

// isWordRune and isJoiner follow annotations/snap.go, so every span made
// of whole tokens is one that [annotations.SnapToWords] leaves alone.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

func isJoiner(r rune) bool {
	return r == '\'' || r == '’' || r == '-' || r == '‐'
}

// tokenize cuts rs[start:end] into tokens: words (word runes, with
// joiners between them, as in "al-Saud" or "Russia’s"), acronyms with
// periods ("U.S."), and single punctuation marks. White space is skipped.
func tokenize(rs []rune, start, end int) []token {
	// English averages about six code points a word with its space and
	// punctuation; reserving that many tokens saves the slice's regrowth,
	// most of a run's allocation.
	out := make([]token, 0, (end-start)/5+1)
	for i := start; i < end; {
		r := rs[i]
		if unicode.IsSpace(r) {
			i++
			continue
		}
		if !isWordRune(r) {
			out = append(out, makeToken(rs, i, i+1, false))
			i++
			continue
		}
		j := i + 1
		for j < end && (isWordRune(rs[j]) || isJoiner(rs[j]) && j+1 < end && isWordRune(rs[j+1])) {
			j++
		}
		// An acronym with periods: single capitals each followed by a
		// period, "U.S." or "E.U.". The last period is part of it, so a
		// sentence ending in "the U.S." has no period of its own; the
		// sentence splitter knows that.
		if j == i+1 && unicode.IsUpper(r) {
			k := j
			for k+1 < end && rs[k] == '.' && unicode.IsUpper(rs[k+1]) && (k+2 == end || !isWordRune(rs[k+2])) {
				k += 2
			}
			if k > j && k < end && rs[k] == '.' {
				j = k + 1
			}
		}
		out = append(out, makeToken(rs, i, j, true))
		i = j
	}
	return out
}

func makeToken(rs []rune, start, end int, word bool) token {
	t := token{start: start, end: end, word: word}
	t.text = strings.ReplaceAll(string(rs[start:end]), "’", "'")
	t.base = t.text
	if word {
		if n := len(t.text); n > 2 && strings.HasSuffix(t.text, "'s") {
			t.base, t.poss = t.text[:n-2], true
		}
		t.upper = unicode.IsUpper(rs[start])
	}
	t.low = strings.ToLower(t.base)
	return t
}

// isSentenceEnd reports whether punctuation p ends a sentence.
func isSentenceEnd(p string) bool {
	return p == "." || p == "!" || p == "?" || p == "…"
}

// markSentences numbers the sentences of a paragraph's tokens and marks
// their first words. A period after an abbreviation of the lexicon ("Mr.")
// does not end a sentence.
func markSentences(ts []token, lx *Lexicon) {
	n, fresh := 0, true
	for i := range ts {
		t := &ts[i]
		t.sentence = n
		if t.word && fresh {
			t.initial = true
			fresh = false
		}
		// An acronym's own period ends the sentence when a function word
		// starts the next one: "... with the U.S. The talks ...".
		if t.word && strings.HasSuffix(t.text, ".") && i+1 < len(ts) && ts[i+1].upper && lx.function[ts[i+1].low] {
			n++
			fresh = true
			continue
		}
		if !t.word && isSentenceEnd(t.text) {
			if t.text == "." && i > 0 && ts[i-1].word && ts[i-1].end == t.start && lx.abbreviations[ts[i-1].low] {
				continue
			}
			n++
			fresh = true
		}
	}
}
