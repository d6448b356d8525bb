package annotations

import (
	"errors"
	"strconv"
	"time"
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
	Orphans   []Orphan  `json:"orphans,omitempty"`
	Annotator string    `json:"annotator,omitempty"`
	Exported  time.Time `json:"exported"`
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
		Annotations: nonNil(s.Annotations()),
		Relations:   nonNil(s.relationsWithOrphans()),
		Orphans:     s.Orphans(),
		Annotator:   annotator,
		Exported:    exported.UTC().Truncate(time.Second),
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

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
	Orphaned []Orphan
	// OrphanedRelations lists the relations with an orphan at an end.
	// They cannot be shown on the text, but the set keeps them with the
	// orphans and writes them back to files (see [Set.OrphanRelations]).
	OrphanedRelations []Relation
}

// IsEmpty reports whether every annotation was placed where the file said.
func (r Report) IsEmpty() bool {
	return len(r.Moved) == 0 && len(r.Orphaned) == 0 && len(r.OrphanedRelations) == 0
}

// Place builds a set on doc from the file's annotations and relations. Each
// annotation whose quote is not at its offsets in doc's text is anchored
// again by quote and context with an [Anchorer]; one that cannot be found
// is kept as an orphan. The schema is the file's. The file must have been
// checked by [Decode] (or built by [NewFile]); Place returns an error, and no
// set, for what Decode would refuse.
func (f *File) Place(doc *Document) (*Set, Report, error) {
	var rep Report
	s := NewSet(doc, f.Schema)
	rs := doc.Runes()
	var anch *Anchorer
	for _, o := range f.Orphans {
		s.AddOrphan(o)
	}
	for i, a := range f.Annotations {
		path := "annotations[" + strconv.Itoa(i) + "]"
		if a.Start >= 0 && a.End <= len(rs) && a.Start < a.End && string(rs[a.Start:a.End]) == a.Quote {
			if err := s.Insert(a); err != nil {
				return nil, Report{}, &PathError{Path: path, Err: err}
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
			} else if !errors.Is(err, ErrDuplicate) {
				return nil, Report{}, &PathError{Path: path, Err: err}
			}
			err = errors.New("it would repeat another annotation")
		}
		o := Orphan{Annotation: a, Reason: err.Error()}
		s.AddOrphan(o)
		rep.Orphaned = append(rep.Orphaned, o)
	}
	orphaned := make(map[string]bool, len(s.orphans))
	for _, o := range s.orphans {
		orphaned[o.Annotation.ID] = true
	}
	for i, r := range f.Relations {
		if orphaned[r.From] || orphaned[r.To] {
			s.orphanRels = append(s.orphanRels, r)
			s.bumpNext(r.ID, &s.nextRel)
			rep.OrphanedRelations = append(rep.OrphanedRelations, r)
			continue
		}
		if err := s.InsertRelation(r); err != nil {
			return nil, Report{}, &PathError{Path: "relations[" + strconv.Itoa(i) + "]", Err: err}
		}
	}
	return s, rep, nil
}
