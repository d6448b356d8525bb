package team

// This file merges several annotators' work on one document into one file
// that a person can adjudicate in the app. The panel is built as for
// agreement (agree.go, [NewPanel]).
//
// The rules:
//
//   - Every distinct annotation (label, start, end) that any annotator made
//     is in the merge once. Its support is the number of annotators who
//     made exactly it.
//   - An annotation with support of at least minAgree is kept as it is.
//     One with less is kept with a [Conflict] that lists, for every
//     annotator in panel order, the label they gave exactly this span, or
//     nothing. Accepting it in the app removes the marker; rejecting it
//     deletes it. Votes are about the exact span, so an annotator who marked
//     a slightly different span votes nothing here and has their own
//     conflict-marked annotation beside it.
//   - The entity is the one most supporters gave (ties: the first
//     annotator's); notes are kept, each prefixed by its author when they
//     differ; Created is the earliest and Modified the latest.
//   - A relation (type, from, to) is kept when at least minAgree
//     annotators made it, or when an endpoint is conflict-marked, so that it
//     stands or falls with that annotation. Other relations are dropped and
//     listed in [MergeReport.DroppedRelations].
//   - Ids are renumbered a1, a2, … in the order of [Compare], and r1, r2, …
//     in the order of their endpoints, then type; so the output depends only
//     on the inputs.
//   - Orphans of every annotator are kept, with the annotator's name before
//     the reason, and ids o1, o2, ….

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spanmark/spanmark/annotations"
)

// MergeReport says what [Merge] decided.
type MergeReport struct {
	// MinAgree is the support an annotation needed to be kept without a
	// conflict marker.
	MinAgree int
	// Agreed and Conflicts count the merged annotations without and with a
	// conflict marker.
	Agreed, Conflicts int
	// DroppedRelations are relations fewer than MinAgree annotators made
	// between two annotations kept without conflict.
	DroppedRelations []DroppedRelation
}

// DroppedRelation is a relation left out of a merge, with who made it.
type DroppedRelation struct {
	Type       string
	From, To   annotations.Annotation
	Annotators []string
}

// Majority returns the smallest number of n annotators that is more than
// half of them, the default of [Merge].
func Majority(n int) int { return n/2 + 1 }

// Merge merges the panel's annotators into one file, as the rules at the
// top of merge.go say. minAgree is the support an annotation needs to be
// kept without a conflict marker; 0 means [Majority]. The file is stamped
// with exported and names its annotators in its annotator field.
func Merge(p *Panel, minAgree int, exported time.Time) (*annotations.File, MergeReport, error) {
	n := len(p.Annotators)
	if n == 0 {
		return nil, MergeReport{}, errors.New("merge: no annotators")
	}
	if minAgree == 0 {
		minAgree = Majority(n)
	}
	if minAgree < 1 || minAgree > n {
		return nil, MergeReport{}, errors.New("merge: min-agree " + strconv.Itoa(minAgree) +
			" is not between 1 and the number of annotators, " + strconv.Itoa(n))
	}
	rep := MergeReport{MinAgree: minAgree}

	type key struct {
		label      string
		start, end int
	}
	type cand struct {
		ann   annotations.Annotation
		votes []*annotations.Annotation // per annotator: their annotation with this key, or nil
		id    string
	}
	cands := map[key]*cand{}
	// labelsAt[w][span] lists annotator w's labels on the span, in order.
	labelsAt := make([]map[[2]int][]string, n)
	for w, a := range p.Annotators {
		labelsAt[w] = map[[2]int][]string{}
		for i := range a.Annotations {
			x := &a.Annotations[i]
			k := key{x.Label, x.Start, x.End}
			c, ok := cands[k]
			if !ok {
				c = &cand{ann: annotations.Annotation{Label: x.Label, Start: x.Start, End: x.End}, votes: make([]*annotations.Annotation, n)}
				cands[k] = c
			}
			c.votes[w] = x
			sp := [2]int{x.Start, x.End}
			labelsAt[w][sp] = append(labelsAt[w][sp], x.Label)
		}
	}
	order := make([]*cand, 0, len(cands))
	for _, c := range cands {
		order = append(order, c)
	}
	slices.SortFunc(order, func(x, y *cand) int {
		return cmp.Or(cmp.Compare(x.ann.Start, y.ann.Start), cmp.Compare(x.ann.End, y.ann.End),
			strings.Compare(x.ann.Label, y.ann.Label))
	})

	s := annotations.NewSet(p.Document, p.Schema)
	conflicted := map[string]bool{}
	for i, c := range order {
		c.id = "a" + strconv.Itoa(i+1)
		a := c.ann
		a.ID = c.id
		support := 0
		entities := map[string]int{}
		bestEntity, bestCount := "", 0
		var notes []string
		noteBy := map[string][]string{}
		for w, v := range c.votes {
			if v == nil {
				continue
			}
			support++
			if e := strings.TrimSpace(v.Entity); e != "" {
				entities[e]++
				if entities[e] > bestCount {
					bestEntity, bestCount = e, entities[e]
				}
			}
			if nt := strings.TrimSpace(v.Note); nt != "" {
				if _, ok := noteBy[nt]; !ok {
					notes = append(notes, nt)
				}
				noteBy[nt] = append(noteBy[nt], p.Annotators[w].Name)
			}
			if a.Created.IsZero() || !v.Created.IsZero() && v.Created < a.Created {
				a.Created = v.Created
			}
			if v.Modified > a.Modified {
				a.Modified = v.Modified
			}
		}
		a.Entity = bestEntity
		switch {
		case len(notes) == 1 && len(noteBy[notes[0]]) == support:
			a.Note = notes[0]
		case len(notes) > 0:
			lines := make([]string, len(notes))
			for j, nt := range notes {
				lines[j] = strings.Join(noteBy[nt], ", ") + ": " + nt
			}
			a.Note = strings.Join(lines, "\n")
		}
		if support < minAgree {
			votes := make([]annotations.Vote, n)
			for w, an := range p.Annotators {
				votes[w] = annotations.Vote{Annotator: an.Name}
				if c.votes[w] != nil {
					votes[w].Label = a.Label
				} else if ls := labelsAt[w][[2]int{a.Start, a.End}]; len(ls) > 0 {
					votes[w].Label = ls[0]
				}
			}
			a.Conflict = &annotations.Conflict{Votes: votes}
			conflicted[a.ID] = true
			rep.Conflicts++
		} else {
			rep.Agreed++
		}
		if err := s.Insert(a); err != nil {
			return nil, MergeReport{}, errors.New("merge: " + err.Error())
		}
	}

	// Relations, keyed by type and merged endpoint ids.
	type link struct{ typ, from, to string }
	type relCand struct {
		link
		fromIdx, toIdx int
		by             []string
	}
	idOf := make([]map[string]*cand, n)
	for w, a := range p.Annotators {
		idOf[w] = map[string]*cand{}
		for i := range a.Annotations {
			x := &a.Annotations[i]
			idOf[w][x.ID] = cands[key{x.Label, x.Start, x.End}]
		}
	}
	pos := map[string]int{}
	for i, c := range order {
		pos[c.id] = i
	}
	rels := map[link]*relCand{}
	for w, a := range p.Annotators {
		for _, r := range a.Relations {
			f, t := idOf[w][r.From], idOf[w][r.To]
			if f == nil || t == nil {
				continue
			}
			l := link{r.Type, f.id, t.id}
			rc, ok := rels[l]
			if !ok {
				rc = &relCand{link: l, fromIdx: pos[f.id], toIdx: pos[t.id]}
				rels[l] = rc
			}
			if !slices.Contains(rc.by, a.Name) {
				rc.by = append(rc.by, a.Name)
			}
		}
	}
	rlist := make([]*relCand, 0, len(rels))
	for _, rc := range rels {
		rlist = append(rlist, rc)
	}
	slices.SortFunc(rlist, func(x, y *relCand) int {
		return cmp.Or(cmp.Compare(x.fromIdx, y.fromIdx), cmp.Compare(x.toIdx, y.toIdx), strings.Compare(x.typ, y.typ))
	})
	next := 1
	for _, rc := range rlist {
		if len(rc.by) < minAgree && !conflicted[rc.from] && !conflicted[rc.to] {
			from, _ := s.Annotation(rc.from)
			to, _ := s.Annotation(rc.to)
			rep.DroppedRelations = append(rep.DroppedRelations, DroppedRelation{Type: rc.typ, From: from, To: to, Annotators: rc.by})
			continue
		}
		r := annotations.Relation{ID: "r" + strconv.Itoa(next), Type: rc.typ, From: rc.from, To: rc.to}
		next++
		if err := s.InsertRelation(r); err != nil {
			return nil, MergeReport{}, errors.New("merge: " + err.Error())
		}
	}

	k := 1
	for _, a := range p.Annotators {
		for _, o := range a.Orphans {
			o.Annotation.ID = "o" + strconv.Itoa(k)
			k++
			o.Annotation.Conflict = nil
			o.Reason = a.Name + ": " + o.Reason
			s.AddOrphan(o)
		}
	}
	names := make([]string, n)
	for w, a := range p.Annotators {
		names[w] = a.Name
	}
	return annotations.NewFile(s, "merge of "+strings.Join(names, ", "), exported), rep, nil
}
