package annotations

// Resolve accepts a merged annotation that carries a [Conflict]: it keeps
// the span and its label and clears the conflict, as one undoable step.
// Rejecting one is a [Delete]. The browser's detail panel offers both for
// the annotations that a merge (see merge.go) could not settle.
type Resolve struct {
	ID string
}

func (e Resolve) plan(s *Set, now Time) ([]step, error) {
	a, err := s.lookup("resolve", e.ID)
	if err != nil || a.Conflict == nil {
		return nil, err
	}
	b := *a
	b.Conflict, b.Modified = nil, now
	return []step{{ann: true, beforeA: a, afterA: &b}}, nil
}
