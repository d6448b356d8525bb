package annotations

import (
	"errors"
	"strconv"
	"time"

	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Version is the version of the native file format that this package
// writes, the value of its "spanmark" field.
const Version = 1

// File is a document with its work, as kept in the native "spanmark" v1
// JSON format (see codec.go and docs/format.md). The text travels with the
// annotations, so one file is the whole work.
type File struct {
	Spanmark    int          `json:"spanmark"`
	Document    FileDocument `json:"document"`
	Schema      Schema       `json:"schema"`
	Annotations []Annotation `json:"annotations"`
	Relations   []Relation   `json:"relations"`
	// Orphans are annotations that could not be placed in the text; they
	// are kept so that nothing a person made is lost.
	Orphans   []Orphan `json:"orphans,omitempty"`
	Annotator string   `json:"annotator,omitempty"`
	Exported  Time     `json:"exported"`
}

// FileDocument is the document part of a [File].
type FileDocument struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source,omitempty"`
	// Length is the length of Text in code points.
	Length int    `json:"length"`
	Text   string `json:"text"`
}

// NewFile returns the file of s, for annotator, stamped with exported.
func NewFile(s *Set, annotator string, exported time.Time) *File {
	d := s.Document()
	return &File{
		Spanmark:    Version,
		Document:    FileDocument{ID: d.ID, Title: d.Title, Source: d.Source, Length: d.Len(), Text: d.Text},
		Schema:      s.Schema(),
		Annotations: lite.NonNil(s.Annotations()),
		Relations:   lite.NonNil(s.relationsWithOrphans()),
		Orphans:     s.Orphans(),
		Annotator:   annotator,
		Exported:    TimeOf(exported),
	}
}

// SetAt builds the set of f's work on doc when f needs no placing: its
// text is doc's and every annotation's quote is at its offsets, as in a
// file that this program saved. Then ok is true, and err is a
// [*PathError] for a file that the codec's Decode would refuse. A
// relation with an orphan at an end is kept with the orphans
// ([Set.AddOrphanRelation]). Otherwise ok is false and SetAt does
// nothing: placing the annotations on another text (finding each quote
// again) is the work of package anchor, whose Place calls SetAt first.
func (f *File) SetAt(doc *Document) (s *Set, ok bool, err error) {
	return f.SetAtInSteps(doc, 0, nil)
}

// SetAtInSteps is [File.SetAt] calling pause after every n annotations it
// checks or adds, so that a program on a single thread (the browser) can
// let other work run while it builds a set of thousands. pause may be nil
// (then n is not used).
func (f *File) SetAtInSteps(doc *Document, n int, pause func()) (s *Set, ok bool, err error) {
	if pause != nil && n < 1 {
		n = 1
	}
	if f.Document.Text != doc.Text || !f.isAtOffsets(doc.Runes(), n, pause) {
		return nil, false, nil
	}
	s = NewSet(doc, f.Schema)
	orphaned := make(map[string]bool, len(f.Orphans))
	for _, o := range f.Orphans {
		s.AddOrphan(o)
		orphaned[o.Annotation.ID] = true
	}
	for i, a := range f.Annotations {
		if pause != nil && i > 0 && i%n == 0 {
			pause()
		}
		if err := s.Insert(a); err != nil {
			return nil, true, &PathError{Path: "annotations[" + strconv.Itoa(i) + "]", Err: err}
		}
	}
	if err := insertRelations(s, f.Relations, orphaned); err != nil {
		return nil, true, err
	}
	return s, true, nil
}

// insertRelations adds rels to s, keeping those with an orphan at an end
// with the orphans.
func insertRelations(s *Set, rels []Relation, orphaned map[string]bool) error {
	for i, r := range rels {
		if orphaned[r.From] || orphaned[r.To] {
			s.AddOrphanRelation(r)
			continue
		}
		if err := s.InsertRelation(r); err != nil {
			return &PathError{Path: "relations[" + strconv.Itoa(i) + "]", Err: err}
		}
	}
	return nil
}

// isAtOffsets reports whether every annotation's quote is at its offsets
// in text, calling pause (if not nil) after every n.
func (f *File) isAtOffsets(text []rune, n int, pause func()) bool {
	for i, a := range f.Annotations {
		if pause != nil && i > 0 && i%n == 0 {
			pause()
		}
		if a.Start < 0 || a.End > len(text) || a.Start >= a.End || string(text[a.Start:a.End]) != a.Quote {
			return false
		}
	}
	return true
}

// Spot is where an annotation of a file goes on another text, as a placer
// (package anchor) found it: its new span, or, when Reason is set, why it
// could not be placed.
type Spot struct {
	Start, End int
	Reason     string
}

// SetPlaced builds the set of f's work on doc with each annotation i at
// spots[i] (len(spots) must be len(f.Annotations)), calling pause after
// every n annotations it adds (pause may be nil). An annotation whose spot
// has a reason, or that would repeat another one there, is kept aside as
// an orphan, and so is a relation with an orphan at an end. orphaned lists
// the indexes in f.Annotations of the annotations kept aside, in order;
// their orphans, with the reasons, are the set's last ones
// ([Set.Orphans]), after f's own. err is a [*PathError] for an annotation
// or relation that the set refuses otherwise.
//
// This is the one rule for building a placed set, shared by package
// anchor's FilePlacer and by the browser page, which receives the spots
// from its worker.
func (f *File) SetPlaced(doc *Document, spots []Spot, n int, pause func()) (s *Set, orphaned []int, err error) {
	if len(spots) != len(f.Annotations) {
		return nil, nil, lite.Errorf("place: %d spots for %d annotations", len(spots), len(f.Annotations))
	}
	if pause != nil && n < 1 {
		n = 1
	}
	s = NewSet(doc, f.Schema)
	isOrphan := make(map[string]bool, len(f.Orphans))
	for _, o := range f.Orphans {
		s.AddOrphan(o)
		isOrphan[o.Annotation.ID] = true
	}
	for i, a := range f.Annotations {
		if pause != nil && i > 0 && i%n == 0 {
			pause()
		}
		reason := spots[i].Reason
		if reason == "" {
			b := a
			b.Start, b.End = spots[i].Start, spots[i].End // Insert describes the new span
			err := s.Insert(b)
			if err == nil {
				continue
			}
			if !errors.Is(err, ErrDuplicate) {
				return nil, nil, &PathError{Path: "annotations[" + strconv.Itoa(i) + "]", Err: err}
			}
			reason = "it would repeat another annotation"
		}
		s.AddOrphan(Orphan{Annotation: a, Reason: reason})
		isOrphan[a.ID] = true
		orphaned = append(orphaned, i)
	}
	if err := insertRelations(s, f.Relations, isOrphan); err != nil {
		return nil, nil, err
	}
	return s, orphaned, nil
}
