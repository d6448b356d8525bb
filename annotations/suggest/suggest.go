package suggest

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
)

// Suggestion is a span the rules propose, which a person accepts (it
// becomes an [annotations.Annotation]) or rejects. Suggestions are values:
// the same text, work and lexicon always give the same suggestions.
type Suggestion struct {
	// ID is derived from the label and the span ("s-actor-3374-3387"), so
	// it is stable across runs: a rejected suggestion stays rejected when
	// the suggestions are computed again after an edit elsewhere.
	ID    string
	Label string
	// Start and End are code point offsets into the document text,
	// half-open, on word boundaries.
	Start, End int
	// Entity is the canonical name of the actor a mention refers to, or of
	// the annotation a repeated span copies.
	Entity string
	// Reason names the rule that made the suggestion; see the Reason
	// constants.
	Reason string
	// Links are the relations the suggestion would bring, to annotations of
	// the work or to other suggestions.
	Links []Link
}

// Link is a suggested relation from a suggestion to an annotation or to
// another suggestion.
type Link struct {
	// Type is a relation type id, "source" or "target".
	Type string
	// To is an annotation id of the work, or the ID of another
	// [Suggestion].
	To string
}

// The reasons of suggestions, one per rule.
const (
	// ReasonSameWords: the same words as an annotation of the work.
	ReasonSameWords = "same-words"
	// ReasonName: a capitalised name, or another mention of a named entity.
	ReasonName = "name"
	// ReasonSurname: the surname alone after a full name.
	ReasonSurname = "surname"
	// ReasonTitle: a title and a name, "Foreign Minister Lavrov".
	ReasonTitle = "title"
	// ReasonPossessive: a possessive name, "Russia's".
	ReasonPossessive = "possessive"
	// ReasonLexicon: a country, organisation or city of the lexicon.
	ReasonLexicon = "lexicon"
	// ReasonDemonym: a people ("the Russians") or a group of one ("the
	// Sudanese army").
	ReasonDemonym = "demonym"
	// ReasonClaimCue: the clause reported by a cue such as "said".
	ReasonClaimCue = "claim-cue"
	// ReasonProposalCue: the action after a cue such as "called for".
	ReasonProposalCue = "proposal-cue"
)

// The labels and relation types of [annotations.DefaultSchema] the rules
// make.
const (
	labelActor    = "actor"
	labelClaim    = "claim"
	labelProposal = "proposal"
	linkSource    = "source"
	linkTarget    = "target"
)

// SuggestionID returns the ID of a suggestion of label over [start, end).
func SuggestionID(label string, start, end int) string {
	return "s-" + label + "-" + strconv.Itoa(start) + "-" + strconv.Itoa(end)
}

// Run computes the suggestions for a document and the work on it in
// steps, so that a browser can spread the work of a long article over
// several frames: call [Run.Step] until it reports done, then
// [Run.Suggestions]. A run reads the whole text twice, paragraph by
// paragraph: the first pass learns the names used in the document (so that
// "Lavrov" can follow "Sergei Lavrov" from anywhere), the second makes
// the suggestions.
//
// A Run is not safe for concurrent use. The work it was given must not
// change during the run; after an edit, start a new one.
type Run struct {
	lx    *Lexicon
	doc   *annotations.Document
	rs    []rune
	paras []annotations.Paragraph
	work  []annotations.Annotation
	// workIn[i] lists indexes into work of the annotations that touch
	// paragraph i.
	workIn [][]int
	// same maps the first word of a work annotation's quote to the
	// phrases to look for again.
	same map[string][]phrase

	// Filled by the first pass.
	toks  [][]token
	cands [][]cand
	names nameTable
	// lower holds words seen in lower case; upperMid words seen
	// capitalised inside a sentence: a capitalised first word of a
	// sentence is a name only if it is known as one.
	lower, upperMid map[string]bool

	// Filled by the second pass.
	out []Suggestion
	// last is the latest actor mention that could be a subject, for "he
	// said" and for cues with no actor in their sentence.
	last *mention

	next int // the next of the 2*len(paras) paragraph passes
}

// minRepeatWords is the fewest words (and marks) a claim or proposal
// must have to be suggested again where its words recur: a repeated
// clause is a repeated claim, a repeated word ("elections") is not.
const minRepeatWords = 3

// phrase is a span of the work to be suggested again where its words
// recur.
type phrase struct {
	words         []string
	label, entity string
}

// New starts a run over doc with the work's annotations (for mention
// propagation and to leave out what is already annotated), using lx.
func New(doc *annotations.Document, work []annotations.Annotation, lx *Lexicon) *Run {
	r := &Run{
		lx: lx, doc: doc, rs: doc.Runes(), paras: doc.Paragraphs(),
		work:  slices.Clone(work),
		same:  map[string][]phrase{},
		names: nameTable{byName: map[string]string{}, surnames: map[string][]string{}},
		lower: map[string]bool{}, upperMid: map[string]bool{},
	}
	r.workIn = make([][]int, len(r.paras))
	r.toks = make([][]token, len(r.paras))
	r.cands = make([][]cand, len(r.paras))
	seen := map[string]bool{}
	for i, a := range r.work {
		if a.Start < 0 || a.End > len(r.rs) || a.Start >= a.End {
			continue
		}
		first, last := doc.ParagraphsIn(a.Start, a.End)
		for p := first; p < last; p++ {
			r.workIn[p] = append(r.workIn[p], i)
		}
		ws := words(string(r.rs[a.Start:a.End]), false)
		if len(ws) == 0 {
			continue
		}
		entity := a.Entity
		if a.Label == labelActor {
			core := r.core(ws)
			if entity == "" {
				entity = strings.Join(core, " ")
			}
			r.names.add(core, entity, isPersonName(core))
		}
		key := a.Label + "\x00" + strings.Join(ws, " ")
		if a.Label != labelActor && len(ws) < minRepeatWords {
			continue
		}
		if !seen[key] {
			seen[key] = true
			first := lowerFirst(ws[0])
			r.same[first] = append(r.same[first], phrase{words: ws, label: a.Label, entity: entity})
		}
	}
	return r
}

// Step does up to n paragraphs' worth of work (at least one) and reports
// whether the run is done. On the sample article (30 paragraphs) the whole
// run takes well under a frame; on a 1 MB text, steps of a few hundred
// paragraphs keep each under one (see BenchmarkSuggest).
func (r *Run) Step(n int) (done bool) {
	for n = max(n, 1); n > 0 && r.next < 2*len(r.paras); n-- {
		if r.next < len(r.paras) {
			r.learn(r.next)
		} else {
			r.suggest(r.next - len(r.paras))
		}
		r.next++
	}
	return r.next >= 2*len(r.paras)
}

// Suggestions returns the suggestions, ordered by start, end and label.
// Before the run is done it returns those of the paragraphs done so far.
func (r *Run) Suggestions() []Suggestion {
	out := slices.Clone(r.out)
	sortStable(out, func(a, b *Suggestion) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return strings.Compare(a.Label, b.Label)
	})
	return out
}

// Suggest returns the suggestions for doc and the work on it, in one go.
func Suggest(doc *annotations.Document, work []annotations.Annotation, lx *Lexicon) []Suggestion {
	r := New(doc, work, lx)
	for !r.Step(len(doc.Paragraphs()) + 1) {
	}
	return r.Suggestions()
}

// learn is the first pass over paragraph i: its tokens, its name
// candidates, and the names and words it teaches about the document.
func (r *Run) learn(i int) {
	p := r.paras[i]
	ts := tokenize(r.rs, p.Start, p.End)
	markSentences(ts, r.lx)
	for _, t := range ts {
		switch {
		case !t.word:
		case !t.upper:
			r.lower[t.low] = true
		case !t.initial:
			r.upperMid[t.base] = true
		}
	}
	r.toks[i] = ts
	r.cands[i] = r.candidates(ts)
	for _, c := range r.cands[i] {
		if c.entity == "" && len(c.core) >= 2 {
			r.names.add(c.core, strings.Join(c.core, " "), isPersonName(c.core))
		}
	}
}

// suggest is the second pass over paragraph i: its actor mentions, then
// the claims and proposals whose cues are in it.
func (r *Run) suggest(i int) {
	ts := r.toks[i]
	var workMentions []mention
	for _, k := range r.workIn[i] {
		a := r.work[k]
		if a.Label == labelActor {
			workMentions = append(workMentions, mention{start: a.Start, end: a.End, id: a.ID, entity: a.Entity})
		}
	}
	var sugs []Suggestion
	for _, c := range r.cands[i] {
		if s, ok := r.resolve(ts, c); ok {
			sugs = append(sugs, s)
		}
	}
	sugs = append(sugs, r.sameWords(ts)...)
	actors := r.keep(i, sugs, labelActor)
	for _, s := range sugs {
		if s.Label != labelActor {
			r.keepOne(i, s)
		}
	}
	ms := workMentions
	for _, s := range actors {
		ms = append(ms, mention{start: s.Start, end: s.End, id: s.ID, entity: s.Entity})
	}
	sortStable(ms, func(a, b *mention) int { return a.start - b.start })
	r.cues(i, ts, ms)
	r.toks[i], r.cands[i] = nil, nil
}

// keep adds the suggestions of label among sugs to the output, leaving out
// those that overlap an annotation of the work with the label, and of
// overlapping suggestions all but the longest (the first of equals). It
// returns those it added.
func (r *Run) keep(i int, sugs []Suggestion, label string) []Suggestion {
	var ls []Suggestion
	for _, s := range sugs {
		if s.Label == label {
			ls = append(ls, s)
		}
	}
	sortStable(ls, func(a, b *Suggestion) int {
		if la, lb := a.End-a.Start, b.End-b.Start; la != lb {
			return lb - la
		}
		return a.Start - b.Start
	})
	var kept []Suggestion
	for _, s := range ls {
		if r.overlapsWork(i, s) || overlapsAny(kept, s) {
			continue
		}
		kept = append(kept, s)
	}
	r.out = append(r.out, kept...)
	return kept
}

// keepOne adds s unless it overlaps a work annotation or an earlier
// suggestion of its label in paragraph i; it reports whether it did.
func (r *Run) keepOne(i int, s Suggestion) bool {
	if r.overlapsWork(i, s) {
		return false
	}
	p := r.paras[i]
	for k := len(r.out) - 1; k >= 0 && r.out[k].End > p.Start; k-- {
		if o := r.out[k]; o.Label == s.Label && o.Start < s.End && s.Start < o.End {
			return false
		}
	}
	r.out = append(r.out, s)
	return true
}

func (r *Run) overlapsWork(i int, s Suggestion) bool {
	for _, k := range r.workIn[i] {
		if a := r.work[k]; a.Label == s.Label && a.Start < s.End && s.Start < a.End {
			return true
		}
	}
	return false
}

func overlapsAny(ss []Suggestion, s Suggestion) bool {
	for _, o := range ss {
		if o.Start < s.End && s.Start < o.End {
			return true
		}
	}
	return false
}

// sameWords finds again, in a paragraph's tokens, the words of the work's
// annotations. A possessive counts as its name ("Russia's" for "Russia").
func (r *Run) sameWords(ts []token) []Suggestion {
	var out []Suggestion
	for i, t := range ts {
		for _, ph := range r.same[lowerFirst(t.text)] {
			if j, ok := matchWordsFold(ts, i, ph.words, true); ok && !(ph.label == labelActor && r.isPlaceHere(ts, i)) {
				out = append(out, Suggestion{ID: SuggestionID(ph.label, t.start, ts[j-1].end), Label: ph.label,
					Start: t.start, End: ts[j-1].end, Entity: ph.entity, Reason: ReasonSameWords})
			}
		}
		if t.poss {
			for _, ph := range r.same[lowerFirst(t.base)] {
				if len(ph.words) == 1 && !(ph.label == labelActor && r.isPlaceHere(ts, i)) {
					out = append(out, Suggestion{ID: SuggestionID(ph.label, t.start, t.end), Label: ph.label,
						Start: t.start, End: t.end, Entity: ph.entity, Reason: ReasonPossessive})
				}
			}
		}
	}
	return out
}

// lowerFirst returns w with its first letter in lower case, so that a
// phrase is found again at the start of a sentence and inside one ("Peace
// is near", "peace is near"), while "US" and "us" stay apart.
func lowerFirst(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToLower(r)) + w[n:]
}

// isPlaceHere reports whether the lexicon's country or city at ts[i] is
// a place there, after a preposition of place, as [Run.resolve] decides
// for names: "the talks in Ankara".
func (r *Run) isPlaceHere(ts []token, i int) bool {
	n, _, ok := r.lexiconName(ts, i)
	if !ok {
		return false
	}
	prev := ""
	if p := r.prevWord(ts, i); p >= 0 {
		prev = ts[p].low
	}
	return r.lx.locatives[prev] && (n.place || prev != "to")
}

// matchWords reports whether ws, as written, are the words of ts from i
// on, and where the match ends; the last word may be possessive.
func matchWords(ts []token, i int, ws []string) (int, bool) {
	return matchWordsFold(ts, i, ws, false)
}

// matchWordsFold is matchWords, with the first letters of the first words
// compared in lower case when foldFirst is set.
func matchWordsFold(ts []token, i int, ws []string, foldFirst bool) (int, bool) {
	if i+len(ws) > len(ts) {
		return 0, false
	}
	for k, w := range ws {
		t := ts[i+k]
		text, base := t.text, t.base
		if k == 0 && foldFirst {
			text, base, w = lowerFirst(text), lowerFirst(base), lowerFirst(w)
		}
		if text != w && !(k == len(ws)-1 && base == w) {
			return 0, false
		}
	}
	return i + len(ws), true
}
