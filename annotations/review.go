package annotations

import (
	"errors"
	"strconv"
)

// The edits of a review of where a file's annotations were placed on a
// text (anchor.Report lists the placements to review): [Move] fixes a
// span placed on the wrong words, [SetAside] turns an annotation that
// has no right place into an orphan. Both are undoable like any edit.

// Move puts annotation ID on the span [Start, End) instead, trimmed of
// surrounding white space, with its quote and context taken from the new
// span. Its label, note, entity and relations stay.
type Move struct {
	ID         string
	Start, End int
}

// SetAside turns annotation ID into an orphan: it leaves the text and is
// kept, with Reason, among the set's orphans ([Set.Orphans]), so files
// still carry it. Its relations are kept with it ([Set.OrphanRelations]).
//
// Was, when its Exact is not empty, is what the orphan keeps as its quote,
// context and offsets: the annotation as its file described it, since its
// span on this text was judged wrong. Otherwise the orphan keeps the span
// it had on this text.
type SetAside struct {
	ID     string
	Reason string
	Was    Selector
}

func (e Move) plan(s *Set, now Time) ([]step, error) {
	a, err := s.lookup("move", e.ID)
	if err != nil {
		return nil, err
	}
	if err := s.checkSpan(a.Label, e.Start, e.End); err != nil {
		return nil, errors.New("move " + strconv.Quote(e.ID) + ": " + err.Error())
	}
	start, end := TrimSpace(s.doc.Runes(), e.Start, e.End)
	if end <= start {
		return nil, errors.New("move " + strconv.Quote(e.ID) + ": the selection holds only white space")
	}
	if start == a.Start && end == a.End {
		return nil, nil
	}
	if d := s.duplicateOf(a.Label, start, end, a.ID); d != "" {
		return nil, &dupError{op: "move " + strconv.Quote(e.ID), what: "the same label and span", other: d}
	}
	b := *a
	b.Start, b.End, b.Modified = start, end, now
	s.describe(&b)
	return []step{{ann: true, beforeA: a, afterA: &b}}, nil
}

func (e SetAside) plan(s *Set, _ Time) ([]step, error) {
	a, err := s.lookup("set aside", e.ID)
	if err != nil {
		return nil, err
	}
	if e.Reason == "" {
		return nil, errors.New("set aside " + strconv.Quote(e.ID) + ": no reason given")
	}
	o := Orphan{Annotation: *a, Reason: e.Reason}
	if w := e.Was; w.Exact != "" {
		o.Annotation.Start, o.Annotation.End = w.Start, w.End
		o.Annotation.Quote, o.Annotation.Prefix, o.Annotation.Suffix = w.Exact, w.Prefix, w.Suffix
	}
	// Relations first, so that undo restores their endpoints before them.
	var steps []step
	for _, r := range s.RelationsOf(a.ID) {
		steps = append(steps, step{beforeR: s.rels[r.ID], asideR: true})
	}
	return append(steps, step{ann: true, beforeA: a, orphan: &o}), nil
}
