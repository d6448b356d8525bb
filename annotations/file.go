package annotations

import (
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
