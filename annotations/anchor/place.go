package anchor

import (
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
	// Before is the annotation as the file describes it: its quote with
	// its context and offsets. With [Placement.After], it is what a person
	// reviewing a moved or edited placement needs to see.
	Before annotations.Selector
}

// After describes the span the annotation was placed on in text (the
// document's code points), with [annotations.ContextLen] code points of
// context: the other half of the review, beside [Placement.Before].
func (p Placement) After(text []rune) annotations.Selector {
	return annotations.Describe(text, p.To[0], p.To[1], annotations.ContextLen)
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
	// Methods counts the annotations placed by each method. Annotations
	// of a file on its own text are counted as [MethodPosition].
	Methods map[Method]int
}

// IsEmpty reports whether every annotation was placed where the file said.
func (r Report) IsEmpty() bool {
	return len(r.Moved) == 0 && len(r.Orphaned) == 0 && len(r.OrphanedRelations) == 0
}

// Place builds a set on doc from the file's annotations and relations. On
// the file's own text every annotation is where the file says. Otherwise
// the annotations are placed together by a [Placer]: through the diff of
// the file's text and doc's when the file carries its text (a Spanmark
// file), by their quotes, contexts and the order of their positions when
// it does not (a W3C file). One that cannot be placed is kept as an
// orphan. The schema is the file's. The file must have been checked by
// [codec.Decode] (or built by [annotations.NewFile]); Place returns an error, and no set,
// for what Decode would refuse.
//
// Place runs to the end; [FilePlacer] does the same work in steps.
func Place(f *annotations.File, doc *annotations.Document) (*annotations.Set, Report, error) {
	fp := NewFilePlacer(f, doc)
	fp.Step(nil)
	return fp.Finish()
}

// FilePlacer is [Place] in steps, for a browser that must not block the
// page: call Step with a check of the frame's time budget until it reports
// done, yielding to the page in between, then Finish.
type FilePlacer struct {
	f   *annotations.File
	doc *annotations.Document
	rs  []rune
	p   *Placer // nil when the file is on its own text
}

// NewFilePlacer prepares the placing of f's annotations on doc. It does
// no work until [FilePlacer.Step].
func NewFilePlacer(f *annotations.File, doc *annotations.Document) *FilePlacer {
	fp := &FilePlacer{f: f, doc: doc, rs: doc.Runes()}
	if !fp.atOffsets() {
		sels := make([]annotations.Selector, len(f.Annotations))
		for i, a := range f.Annotations {
			sels[i] = a.Selector()
		}
		var old []rune
		if f.Document.Text != "" {
			old = []rune(f.Document.Text)
		}
		fp.p = NewPlacer(old, fp.rs, sels)
	}
	return fp
}

// atOffsets reports whether the file needs no placing: its text is the
// document's, with every annotation's quote at its offsets (see
// [annotations.File.SetAt], which builds the set then).
func (fp *FilePlacer) atOffsets() bool {
	if fp.f.Document.Text != fp.doc.Text {
		return false
	}
	for _, a := range fp.f.Annotations {
		if a.Start < 0 || a.End > len(fp.rs) || a.Start >= a.End || string(fp.rs[a.Start:a.End]) != a.Quote {
			return false
		}
	}
	return true
}

// Step does the work of placing in units, calling stop between them (see
// [Placer.Step]), and reports whether it is done.
func (fp *FilePlacer) Step(stop func() bool) bool {
	return fp.p == nil || fp.p.Step(stop)
}

// Finish builds the set once [FilePlacer.Step] has reported done (it
// completes the work first if not), with the report of what moved.
func (fp *FilePlacer) Finish() (*annotations.Set, Report, error) {
	fp.Step(nil)
	f := fp.f
	rep := Report{Methods: map[Method]int{}}
	if fp.p == nil {
		s, _, err := f.SetAt(fp.doc)
		if err != nil {
			return nil, Report{}, err
		}
		if n := len(f.Annotations); n > 0 {
			rep.Methods[MethodPosition] = n
		}
		rep.OrphanedRelations = orphanRelations(f, s)
		return s, rep, nil
	}
	spots, matches := fp.Spots()
	s, orphaned, err := f.SetPlaced(fp.doc, spots, 0, nil)
	if err != nil {
		return nil, Report{}, err
	}
	rep.Orphaned = s.Orphans()[len(f.Orphans):]
	for i, a := range f.Annotations {
		if len(orphaned) > 0 && orphaned[0] == i {
			orphaned = orphaned[1:]
			continue
		}
		m := matches[i]
		rep.Methods[m.Method]++
		if Moved(a, m) {
			rep.Moved = append(rep.Moved, Placement{ID: a.ID, From: [2]int{a.Start, a.End},
				To: [2]int{m.Start, m.End}, Method: m.Method, Score: m.Score,
				Before: a.Selector()})
		}
	}
	rep.OrphanedRelations = orphanRelations(f, s)
	return s, rep, nil
}

// Spots returns where each annotation of the file goes on the document,
// once [FilePlacer.Step] has reported done (it completes the work first if
// not): the spots to build the set with ([annotations.File.SetPlaced]),
// and the matches found, with their methods and scores (the zero Match
// for an annotation not placed). A program that builds the set elsewhere
// (the browser page, from its worker's answer) needs only these.
func (fp *FilePlacer) Spots() ([]annotations.Spot, []Match) {
	fp.Step(nil)
	spots := make([]annotations.Spot, len(fp.f.Annotations))
	matches := make([]Match, len(fp.f.Annotations))
	for i, a := range fp.f.Annotations {
		if fp.p == nil {
			spots[i] = annotations.Spot{Start: a.Start, End: a.End}
			matches[i] = Match{Start: a.Start, End: a.End, Method: MethodPosition, Score: 1}
			continue
		}
		r := fp.p.Results()[i]
		if r.Err != nil {
			spots[i].Reason = r.Err.Error()
			continue
		}
		spots[i] = annotations.Spot{Start: r.Match.Start, End: r.Match.End}
		matches[i] = r.Match
	}
	return spots, matches
}

// Moved reports whether a placed at m is a move for a person to review:
// somewhere else than the file said, or found only approximately.
func Moved(a annotations.Annotation, m Match) bool {
	return m.Start != a.Start || m.End != a.End || m.Method == MethodFuzzy
}

// orphanRelations returns the relations of f that s keeps with its orphans,
// in the file's order.
func orphanRelations(f *annotations.File, s *annotations.Set) []annotations.Relation {
	orphaned := make(map[string]bool)
	for _, o := range s.Orphans() {
		orphaned[o.Annotation.ID] = true
	}
	var out []annotations.Relation
	for _, r := range f.Relations {
		if orphaned[r.From] || orphaned[r.To] {
			out = append(out, r)
		}
	}
	return out
}
