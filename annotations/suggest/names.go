package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file finds actor mentions: names of the lexicon, demonyms,
// capitalised word sequences with their titles, and other mentions of the
// entities they name (the surname alone, the name after a title, a
// possessive).

// cand is a possible actor mention found in the first pass; the second
// pass decides, knowing every name of the document, whether it is one.
type cand struct {
	// i and j are token indexes of the mention, half-open.
	i, j int
	// core is the name without titles, articles or possessive.
	core []string
	// entity is set when the lexicon names it.
	entity string
	reason string
	// place is set for cities and regions, and country is set for the
	// lexicon's countries and organisations: both are places, not
	// actors, after a locative preposition.
	place, country bool
	// needsKnown is set for a single capitalised word at the start of a
	// sentence, which is a name only if the document uses it as one
	// elsewhere; headline for a name in a headline, where every word is
	// capitalised: it is one only if the document names it elsewhere.
	needsKnown, headline bool
}

// mention is an actor mention of the work or of the suggestions, as the
// cue rules see it.
type mention struct {
	start, end int
	// id is the annotation's or the suggestion's id.
	id, entity string
}

// nameTable maps the names of the document's entities to the entities.
type nameTable struct {
	byName map[string]string
	// surnames maps the last word of a person's full name to the entities
	// with that surname.
	surnames map[string][]string
}

// add records core as a name of entity; the first entity to claim a name
// keeps it.
func (nt *nameTable) add(core []string, entity string, person bool) {
	if len(core) == 0 {
		return
	}
	key := strings.Join(core, " ")
	if _, ok := nt.byName[key]; !ok {
		nt.byName[key] = entity
	}
	if person && len(core) >= 2 {
		last := core[len(core)-1]
		for _, e := range nt.surnames[last] {
			if e == entity {
				return
			}
		}
		nt.surnames[last] = append(nt.surnames[last], entity)
	}
}

// isPersonName reports whether core looks like a person's full name:
// two or more capitalised words, none an acronym.
func isPersonName(core []string) bool {
	if len(core) < 2 {
		return false
	}
	first, last := core[0], core[len(core)-1]
	return isCapitalised(first) && isCapitalised(last) && strings.ToUpper(last) != last
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// core returns the name in the words ws of a mention: without leading
// articles, titles or demonyms, and without a possessive ending.
func (r *Run) core(ws []string) []string {
	i := 0
	for i < len(ws)-1 && (r.lx.function[fold(ws[i])] || r.lx.titles[fold(ws[i])] || r.lx.demonyms[fold(ws[i])] != "" && !r.lx.plurals[fold(ws[i])]) {
		i++
	}
	out := append([]string(nil), ws[i:]...)
	if n := len(out); n > 0 {
		if last := out[n-1]; len(last) > 2 && strings.HasSuffix(last, "'s") {
			out[n-1] = last[:len(last)-2]
		}
	}
	return out
}

// candidates finds the possible actor mentions in a paragraph's tokens.
func (r *Run) candidates(ts []token) []cand {
	lx := r.lx
	headline := isHeadline(ts)
	var out []cand
	for i := 0; i < len(ts); {
		t := ts[i]
		if !t.word {
			i++
			continue
		}
		// A name of the lexicon, unless it begins a title ("EU Trade
		// Commissioner Maroš Šefčovič" is one person).
		if n, j, ok := r.lexiconName(ts, i); ok && !r.titleFollows(ts, j) {
			c := cand{i: i, j: j, core: n.words, entity: n.entity, reason: ReasonLexicon, place: n.place, country: !n.place}
			if ts[j-1].poss {
				c.reason = ReasonPossessive
			}
			out = append(out, c)
			i = j
			continue
		}
		if e := lx.demonyms[t.low]; e != "" && !r.titleFollows(ts, i+1) {
			if lx.plurals[t.low] && t.upper {
				out = append(out, cand{i: i, j: i + 1, core: []string{t.base}, entity: e, reason: ReasonDemonym})
				i++
				continue
			}
			// An adjective and, within two words, a group: "Sudanese
			// army", "Russian negotiating team".
			for k := i + 1; k < len(ts) && k <= i+3 && ts[k].word && !ts[k].upper; k++ {
				if lx.groups[ts[k].low] {
					core := []string{t.base}
					for _, u := range ts[i+1 : k+1] {
						core = append(core, u.low)
					}
					out = append(out, cand{i: i, j: k + 1, core: core, entity: strings.Join(core, " "), reason: ReasonDemonym})
					i = k
					break
				}
			}
			i++
			continue
		}
		if !t.upper || lx.function[t.low] {
			i++
			continue
		}
		// A run of capitalised words, with connectors inside ("Mohammed bin
		// Salman", "Secretary of State"), ended by a possessive.
		j := i + 1
		for !ts[j-1].poss && j < len(ts) && ts[j].word && ts[j].start > ts[j-1].end {
			u := ts[j]
			if u.upper && !lx.function[u.low] || isNamePrefix(u.text) {
				j++
				continue
			}
			if lx.connectors[u.low] && j+1 < len(ts) && ts[j+1].word && (ts[j+1].upper || isNamePrefix(ts[j+1].text)) {
				j++
				continue
			}
			break
		}
		out = append(out, r.runCandidate(ts, i, j, headline)...)
		i = j
	}
	return out
}

// runCandidate makes the candidate of the capitalised run ts[i:j]: titles
// (and a demonym or lexicon name before them) are part of the span, the
// name after them is the core.
func (r *Run) runCandidate(ts []token, i, j int, headline bool) []cand {
	lx := r.lx
	k := i
	for k < j && (lx.titles[ts[k].low] || lx.demonyms[ts[k].low] != "" || k == i && len(lx.names[ts[k].base]) > 0 && r.titleFollows(ts, k+1)) {
		k++
	}
	for k < j && lx.connectors[ts[k].low] {
		k++
	}
	for j > k && lx.connectors[ts[j-1].low] {
		j--
	}
	if k >= j {
		return nil
	}
	core := make([]string, 0, j-k)
	for _, t := range ts[k:j] {
		core = append(core, t.base)
	}
	if len(core) == 1 && utf8.RuneCountInString(core[0]) < 2 {
		return nil
	}
	c := cand{i: i, j: j, core: core, reason: ReasonName}
	switch {
	case ts[j-1].poss:
		c.reason = ReasonPossessive
	case k > i:
		c.reason = ReasonTitle
	}
	c.needsKnown = len(core) == 1 && ts[k].initial
	c.headline = headline
	return []cand{c}
}

// isNamePrefix reports whether w is a lower-case particle joined to a
// name, as in "al-Saud".
func isNamePrefix(w string) bool {
	for _, p := range []string{"al-", "el-", "bin-", "ibn-", "d'", "O'"} {
		if len(w) > len(p) && strings.HasPrefix(w, p) {
			r, _ := utf8.DecodeRuneInString(w[len(p):])
			return strings.ToUpper(string(r)) == string(r)
		}
	}
	return false
}

// titleFollows reports whether ts[j] is a title word followed, in the same
// capitalised run, by a name: then a lexicon name or demonym before it is
// part of the title ("Turkish Foreign Minister Hakan Fidan").
func (r *Run) titleFollows(ts []token, j int) bool {
	if j >= len(ts) || !ts[j].upper || !r.lx.titles[ts[j].low] || ts[j-1].poss {
		return false
	}
	for ; j < len(ts) && ts[j].word && ts[j].upper; j++ {
		if !r.lx.titles[ts[j].low] {
			return true
		}
	}
	return false
}

// lexiconName returns the longest name of the lexicon that starts at
// ts[i], and where it ends. Its last word may be possessive.
func (r *Run) lexiconName(ts []token, i int) (name, int, bool) {
	var best name
	end := 0
	for _, key := range [2]string{ts[i].text, ts[i].base} {
		for _, n := range r.lx.names[key] {
			if j, ok := matchWords(ts, i, n.words); ok && j > end {
				best, end = n, j
			}
		}
	}
	return best, end, end > 0
}

// isHeadline reports whether a paragraph is a headline: no sentence
// punctuation at its end and most of its words capitalised, so that
// capitals say nothing about names.
func isHeadline(ts []token) bool {
	if len(ts) == 0 || !ts[len(ts)-1].word {
		return false
	}
	words, upper := 0, 0
	for _, t := range ts {
		if t.word {
			words++
			if t.upper {
				upper++
			}
		}
	}
	return words >= 3 && 2*upper > words
}

// resolve decides whether candidate c of a paragraph is an actor mention,
// and which entity it names.
func (r *Run) resolve(ts []token, c cand) (Suggestion, bool) {
	prev := ""
	if p := r.prevWord(ts, c.i); p >= 0 {
		prev = ts[p].low
	}
	entity, reason := c.entity, c.reason
	key := strings.Join(c.core, " ")
	switch {
	case c.place && r.lx.locatives[prev] || c.country && r.lx.locatives[prev] && prev != "to":
		// A country or city as a place: "talks in Ankara".
		return Suggestion{}, false
	case entity != "":
		if e, ok := r.names.byName[key]; ok && e != key {
			entity = e // the work names the entity otherwise
		}
	case r.names.byName[key] != "":
		entity = r.names.byName[key]
	case len(c.core) == 1 && len(r.names.surnames[key]) == 1:
		entity = r.names.surnames[key][0]
		if reason == ReasonName {
			reason = ReasonSurname
		}
	case c.headline:
		return Suggestion{}, false
	case c.needsKnown && !(r.upperMid[c.core[0]] && !r.lower[strings.ToLower(c.core[0])]):
		return Suggestion{}, false
	case len(c.core) == 1 && r.lx.locatives[prev] && !isAcronym(c.core[0]):
		// An unknown single name after a preposition of place is a place;
		// an acronym is an organisation ("according to ACEA").
		return Suggestion{}, false
	default:
		entity = key
	}
	start, end := ts[c.i].start, ts[c.j-1].end
	return Suggestion{ID: SuggestionID(labelActor, start, end), Label: labelActor, Start: start, End: end,
		Entity: entity, Reason: reason}, true
}

// prevWord returns the index of the word before ts[i] in its sentence,
// skipping an article, or -1.
func (r *Run) prevWord(ts []token, i int) int {
	for k := i - 1; k >= 0 && ts[k].sentence == ts[i].sentence; k-- {
		if !ts[k].word {
			return -1
		}
		if l := ts[k].low; l == "the" || l == "a" || l == "an" {
			continue
		}
		return k
	}
	return -1
}

// isAcronym reports whether w is two or more capital letters.
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}
