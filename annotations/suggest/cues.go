package suggest

import "strings"

// This file makes claims and proposals from the cues of the lexicon and
// links them to their speakers: the subject of the cue (the nearest actor
// mention before it in its sentence that is not the object of a
// preposition), or after "according to" the actor named, or for a pronoun
// or a sentence that names no actor, the subject of the latest sentence
// that had one.

// sentenceRange returns the token range [from, to) of the sentence of
// ts[k].
func sentenceRange(ts []token, k int) (from, to int) {
	s := ts[k].sentence
	from, to = k, k+1
	for from > 0 && ts[from-1].sentence == s {
		from--
	}
	for to < len(ts) && ts[to].sentence == s {
		to++
	}
	return from, to
}

// matchCue reports whether cue c starts at ts[k], in one sentence, and
// returns the index after it.
func matchCue(ts []token, k int, c cue) (int, bool) {
	s := ts[k].sentence
	j := k
	for wi, w := range c.words {
		if w == "*" {
			if wi+1 == len(c.words) {
				break
			}
			next := c.words[wi+1]
			q := j
			for q < len(ts) && q <= j+maxGap && ts[q].sentence == s && ts[q].low != next {
				q++
			}
			if q >= len(ts) || q > j+maxGap || ts[q].sentence != s {
				return 0, false
			}
			j = q
			continue
		}
		if j >= len(ts) || ts[j].sentence != s || ts[j].low != w {
			return 0, false
		}
		j++
	}
	return j, true
}

// para is what the cue rules know of one paragraph.
type para struct {
	i  int
	ts []token
	ms []mention
	// at maps a token's start offset to its index.
	at map[int]int
}

// mentionAt returns the mention that starts at token k (or at k+1 after
// an article) and the index of the token after it.
func (p *para) mentionAt(k int) (mention, int, bool) {
	if k < len(p.ts) && (p.ts[k].low == "the") {
		k++
	}
	if k >= len(p.ts) {
		return mention{}, 0, false
	}
	for _, m := range p.ms {
		if m.start == p.ts[k].start {
			j := k
			for j < len(p.ts) && p.ts[j].end <= m.end {
				j++
			}
			return m, j, true
		}
	}
	return mention{}, 0, false
}

// isObject reports whether mention m follows a preposition.
func (r *Run) isObject(p *para, m mention) bool {
	k, ok := p.at[m.start]
	if !ok {
		return false
	}
	w := r.prevWord(p.ts, k)
	return w >= 0 && r.lx.prepositions[p.ts[w].low]
}

// subject returns the speaker of the cue ts[k:j]: a mention inside the
// cue after "from" or "by"; a pronoun just before the cue stands for the
// latest subject; otherwise the nearest mention before the cue in its
// sentence that is not an object; otherwise the latest subject.
func (r *Run) subject(p *para, k, j int) *mention {
	from, _ := sentenceRange(p.ts, k)
	// An agent inside the cue: "the call from Russia for elections".
	for _, m := range p.ms {
		if q, ok := p.at[m.start]; ok && q > k && q < j {
			if w := r.prevWord(p.ts, q); w >= 0 && (p.ts[w].low == "from" || p.ts[w].low == "by") {
				return &m
			}
		}
	}
	for q, n := k-1, 0; q >= from && n < 3; q-- {
		t := p.ts[q]
		if !t.word {
			break
		}
		if r.lx.pronouns[t.low] {
			return r.last
		}
		if !r.lx.function[t.low] && !strings.HasSuffix(t.low, "ly") {
			break
		}
		n++
	}
	for q := len(p.ms) - 1; q >= 0; q-- {
		m := p.ms[q]
		if m.end > p.ts[k].start || m.start < p.ts[from].start {
			continue
		}
		// A mention just before the cue is its subject even after a
		// preposition: "with Dimitriev estimating ...".
		if k > 0 && m.end == p.ts[k-1].end || !r.isObject(p, m) {
			return &m
		}
	}
	return r.last
}

// clauseEnd returns the index after the last word of the clause that
// starts at ts[k]: it ends with its sentence, at a semicolon, dash,
// bracket or quotation mark, at a comma before a word of the lexicon's
// breaks, a participle ("..., suggesting"), "and" or "but" and a
// capitalised word, or another cue within three words, and before "and"
// or "but" and another cue.
func (r *Run) clauseEnd(ts []token, k, to int) int {
	last := -1
	for q := k; q < to; q++ {
		t := ts[q]
		if !t.word {
			switch t.text {
			case ",":
				if q+1 < to && !ts[q+1].word {
					return last + 1
				}
				if q+1 < to && (r.lx.breaks[ts[q+1].low] || strings.HasSuffix(ts[q+1].low, "ing") ||
					(ts[q+1].low == "and" || ts[q+1].low == "but") && q+2 < to && ts[q+2].upper) {
					return last + 1
				}
				// A comma before a new speaker: "..., others contend that".
				for c := q + 1; c < to && c <= q+3 && ts[c].word; c++ {
					if r.startsCue(ts, c) {
						return last + 1
					}
				}
				continue
			case "'", "-", "$", "%", "/", "&":
				continue
			}
			return last + 1
		}
		if (t.low == "and" || t.low == "but") && q > k && q+1 < to && r.startsCue(ts, q+1) {
			return last + 1
		}
		last = q
	}
	return last + 1
}

// startsCue reports whether a cue of the lexicon starts at ts[k].
func (r *Run) startsCue(ts []token, k int) bool {
	for _, m := range [2]map[string][]cue{r.lx.claims, r.lx.props} {
		for _, c := range m[ts[k].low] {
			if _, ok := matchCue(ts, k, c); ok {
				return true
			}
		}
	}
	return false
}

// span returns the suggestion of label over the tokens ts[k:j].
func span(ts []token, label string, k, j int, reason string) Suggestion {
	start, end := ts[k].start, ts[j-1].end
	return Suggestion{ID: SuggestionID(label, start, end), Label: label, Start: start, End: end, Reason: reason}
}

// wordCount returns the number of words in ts[k:j].
func wordCount(ts []token, k, j int) int {
	n := 0
	for ; k < j; k++ {
		if ts[k].word {
			n++
		}
	}
	return n
}

// skipOpening returns the index of the first word at or after k.
func skipOpening(ts []token, k, to int) int {
	for k < to && !ts[k].word {
		k++
	}
	return k
}

// cues makes the claims and proposals of paragraph i from its tokens and
// actor mentions (of the work and suggested), ordered by start.
func (r *Run) cues(i int, ts []token, ms []mention) {
	p := &para{i: i, ts: ts, ms: ms, at: make(map[int]int, len(ts))}
	for k, t := range ts {
		p.at[t.start] = k
	}
	// subjects[s] is the subject of sentence s: its first actor mention
	// that is not an object.
	subjects := map[int]*mention{}
	for _, m := range ms {
		k, ok := p.at[m.start]
		if !ok {
			continue
		}
		if s := ts[k].sentence; subjects[s] == nil && !r.isObject(p, m) {
			m := m
			subjects[s] = &m
		}
	}
	var target *mention
	targetSentence := -1
	sentence := 0
	for k := 0; k < len(ts); k++ {
		t := ts[k]
		if t.sentence != sentence {
			if m := subjects[sentence]; m != nil {
				r.last = m
			}
			sentence = t.sentence
		}
		if !t.word {
			continue
		}
		made := false
		for _, c := range r.lx.claims[t.low] {
			if j, ok := matchCue(ts, k, c); ok && r.claim(p, k, j, c) {
				made = true
				break
			}
		}
		if made {
			continue
		}
		if r.inClaim(i, t.start) {
			// A proposal reported inside a claim is part of the claim:
			// "argued that the African Union should lead any talks".
			continue
		}
		for _, c := range r.lx.props[t.low] {
			j, ok := matchCue(ts, k, c)
			if !ok {
				continue
			}
			if targetSentence != t.sentence {
				target = nil
			}
			if m, ok := r.proposal(p, k, j, target); ok {
				target, targetSentence = m, t.sentence
				break
			}
		}
	}
	if m := subjects[sentence]; m != nil {
		r.last = m
	}
}

// claim makes the claim of the cue ts[k:j]; it reports whether the cue
// gave a claim (kept, or left out as one the work has).
func (r *Run) claim(p *para, k, j int, c cue) bool {
	ts := p.ts
	from, to := sentenceRange(ts, k)
	var speaker *mention
	ck, cj := -1, -1 // the claim's tokens
	switch {
	case c.speakerAfter:
		m, after, ok := p.mentionAt(j)
		if !ok {
			return false
		}
		speaker = &m
		if skipOpening(ts, from, to) == k || wordCount(ts, from, k) == 1 && ts[from].low == "but" {
			// "According to X, the claim."
			q := after
			for q < to && ts[q].text != "," {
				q++
			}
			ck = skipOpening(ts, q, to)
			cj = r.clauseEnd(ts, ck, to)
		} else if k > from && ts[k-1].text == "," {
			// "The claim, according to X."
			ck = skipOpening(ts, from, to)
			cj = k - 1
		}
	default:
		// "said on Monday that": the claim starts after "that", unless
		// "that" belongs to a noun phrase ("the mere fact that").
		start := j
		for q := j; q < to && q < j+5 && ts[q].word && ts[j-1].word; q++ {
			if l := ts[q].low; l == "the" || l == "a" || l == "an" {
				break
			}
			if ts[q].low == "that" {
				start = q + 1
				break
			}
		}
		start = skipOpening(ts, start, to)
		if m, after, ok := p.mentionAt(start); ok && start < to && (after >= to || !ts[after].word && ts[after].text != "'") {
			// "“The claim,” said X."
			speaker = &m
			start = to
		}
		end := r.clauseEnd(ts, start, to)
		if start < to && wordCount(ts, start, end) >= 2 {
			ck, cj = start, end
			if speaker == nil {
				speaker = r.subject(p, k, j)
			}
			break
		}
		// The cue ends its sentence: "“The claim,” X said." The claim is
		// before the comma or closing quotation mark before the speaker.
		q := k - 1
		for q > from && q > k-9 && ts[q].word {
			q--
		}
		if q <= from || ts[q].word {
			return false
		}
		if speaker == nil {
			for _, m := range p.ms {
				if m.start >= ts[q].end && m.end <= ts[k].start {
					m := m
					speaker = &m
				}
			}
		}
		ck = skipOpening(ts, from, to)
		cj = q
		for cj > ck && !ts[cj-1].word {
			cj--
		}
	}
	if ck < 0 || cj <= ck || wordCount(ts, ck, cj) < 2 {
		return false
	}
	s := span(ts, labelClaim, ck, cj, ReasonClaimCue)
	if speaker != nil {
		s.Links = []Link{{Type: linkSource, To: speaker.id}}
	}
	// The cue is used even when the claim is already annotated, so that
	// the same words are not read again as a proposal cue.
	r.keepOne(p.i, s)
	return true
}

// proposal makes the proposal of the cue ts[k:j], with target as the
// target when the cue names none; it returns the target a cue named
// without a proposal ("an invitation to Donald Trump"), for the next cue
// of the sentence, and whether the cue was used.
func (r *Run) proposal(p *para, k, j int, target *mention) (*mention, bool) {
	ts := p.ts
	if ts[k].initial {
		// "Should this happen, ..." is a condition, not advice.
		return nil, false
	}
	_, to := sentenceRange(ts, k)
	start := j
	if m, after, ok := p.mentionAt(start); ok {
		switch {
		case after < to && ts[after].low == "to":
			// "urged Kyiv to ...": Kyiv is the target.
			target, start = &m, after+1
		case r.clauseEnd(ts, start, to) <= after:
			// The cue names only an addressee.
			return &m, true
		}
	}
	start = skipOpening(ts, start, to)
	end := r.clauseEnd(ts, start, to)
	if start >= to || end <= start {
		return nil, false
	}
	s := span(ts, labelProposal, start, end, ReasonProposalCue)
	if src := r.subject(p, k, j); src != nil {
		s.Links = append(s.Links, Link{Type: linkSource, To: src.id})
		if target != nil && target.id == src.id {
			target = nil
		}
	}
	if target != nil {
		s.Links = append(s.Links, Link{Type: linkTarget, To: target.id})
	}
	r.keepOne(p.i, s)
	return nil, true
}

// inClaim reports whether offset off of paragraph i is inside a claim of
// the work or suggested.
func (r *Run) inClaim(i, off int) bool {
	for _, k := range r.workIn[i] {
		if a := r.work[k]; a.Label == labelClaim && a.Start <= off && off < a.End {
			return true
		}
	}
	p := r.paras[i]
	for k := len(r.out) - 1; k >= 0 && r.out[k].End > p.Start; k-- {
		if o := r.out[k]; o.Label == labelClaim && o.Start <= off && off < o.End {
			return true
		}
	}
	return false
}
