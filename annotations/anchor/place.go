package anchor

import (
	"errors"
	"strconv"

	"github.com/spanmark/spanmark/annotations"
)

// Placement says how an annotation of a file was placed in a text.
type Placement struct {
	// ID is the annotation's id.
	ID string
	// From and To are the span in the file and in the text.
	From, To [2]int
	// Method is how the span was found; Score how well it matched.
	Method Method
	Score  float64
}

// Report says what loading a file into a text did beyond copying: the
// annotations that moved because the quote was not at its stored offsets
// (the text was edited, or the offsets were wrong), and those that could
// not be placed at all and were kept aside as orphans.
type Report struct {
	Moved    []Placement
	Orphaned []annotations.Orphan
	// OrphanedRelations lists the relations with an orphan at an end.
	// They cannot be shown on the text, but the set keeps them with the
	// orphans and writes them back to files (see [annotations.Set.OrphanRelations]).
	OrphanedRelations []annotations.Relation
}

// IsEmpty reports whether every annotation was placed where the file said.
func (r Report) IsEmpty() bool {
	return len(r.Moved) == 0 && len(r.Orphaned) == 0 && len(r.OrphanedRelations) == 0
}

// Place builds a set on doc from the file's annotations and relations. Each
// annotation whose quote is not at its offsets in doc's text is anchored
// again by quote and context with an [Anchorer]; one that cannot be found
// is kept as an orphan. The schema is the file's. The file must have been
// checked by [codec.Decode] (or built by [annotations.NewFile]); Place returns an error, and no
// set, for what Decode would refuse.
func Place(f *annotations.File, doc *annotations.Document) (*annotations.Set, Report, error) {
	var rep Report
	s := annotations.NewSet(doc, f.Schema)
	rs := doc.Runes()
	var anch *Anchorer
	for _, o := range f.Orphans {
		s.AddOrphan(o)
	}
	for i, a := range f.Annotations {
		path := "annotations[" + strconv.Itoa(i) + "]"
		if a.Start >= 0 && a.End <= len(rs) && a.Start < a.End && string(rs[a.Start:a.End]) == a.Quote {
			if err := s.Insert(a); err != nil {
				return nil, Report{}, &annotations.PathError{Path: path, Err: err}
			}
			continue
		}
		if anch == nil {
			anch = NewAnchorer(rs)
		}
		m, err := anch.Anchor(a.Selector())
		if err == nil {
			b := a
			b.Start, b.End = m.Start, m.End
			if err := s.Insert(b); err == nil {
				rep.Moved = append(rep.Moved, Placement{ID: a.ID, From: [2]int{a.Start, a.End},
					To: [2]int{m.Start, m.End}, Method: m.Method, Score: m.Score})
				continue
			} else if !errors.Is(err, annotations.ErrDuplicate) {
				return nil, Report{}, &annotations.PathError{Path: path, Err: err}
			}
			err = errors.New("it would repeat another annotation")
		}
		o := annotations.Orphan{Annotation: a, Reason: err.Error()}
		s.AddOrphan(o)
		rep.Orphaned = append(rep.Orphaned, o)
	}
	orphaned := make(map[string]bool)
	for _, o := range s.Orphans() {
		orphaned[o.Annotation.ID] = true
	}
	for i, r := range f.Relations {
		if orphaned[r.From] || orphaned[r.To] {
			s.AddOrphanRelation(r)
			rep.OrphanedRelations = append(rep.OrphanedRelations, r)
			continue
		}
		if err := s.InsertRelation(r); err != nil {
			return nil, Report{}, &annotations.PathError{Path: "relations[" + strconv.Itoa(i) + "]", Err: err}
		}
	}
	return s, rep, nil
}
