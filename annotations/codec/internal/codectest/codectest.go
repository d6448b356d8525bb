// Package codectest holds what the tests of the codecs share: files to
// encode (a small one with every field set, a large one for benchmarks),
// the golden cases, and the encoding/json mirrors of the native types that
// the hand-written encoders are compared with. Only tests import it.
package codectest

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Time is the time stamped on every annotation of the golden files.
var Time = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// Testdata returns the path of elem under the repository's testdata
// folder, wherever the test that asks runs.
func Testdata(elem ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "..", "..", "..", "testdata"}, elem...)...)
}

// A Case is a file whose exports are golden files in testdata.
type Case struct {
	Name string
	File func(testing.TB) *annotations.File
}

// Cases are the golden cases: the sample and multiscript files of
// testdata/files, read with read (the caller's decoder: this package may
// not import the codec, whose own tests use it), and [SmallFile].
func Cases(read func(t testing.TB, name string) *annotations.File) []Case {
	return []Case{
		{"sample", func(t testing.TB) *annotations.File { return read(t, "sample.spanmark.json") }},
		{"multiscript", func(t testing.TB) *annotations.File { return read(t, "multiscript.spanmark.json") }},
		{"small", SmallFile},
	}
}

// SmallFile is a file with every field set, including an orphan and a
// relation to it, conflicts and characters HTML would escape.
func SmallFile(t testing.TB) *annotations.File {
	t.Helper()
	doc := annotations.NewDocument("Lavrov met Rubio in Riyadh.\nLavrov said <talks> & \"more\" must go on.", "", "test")
	s := annotations.NewSet(doc, annotations.DefaultSchema())
	for _, e := range []annotations.Edit{
		annotations.Add{Label: "actor", Start: 0, End: 6, Entity: "Sergei Lavrov"},
		annotations.Add{Label: "actor", Start: 11, End: 16, Entity: "Marco Rubio", Note: "US <secretary> of state & more"},
		annotations.Add{Label: "claim", Start: 35, End: 67},
		annotations.Link{Type: "source", From: "a3", To: "a1"},
		annotations.Link{Type: "target", From: "a3", To: "a2"},
	} {
		if _, err := s.Apply(e, Time); err != nil {
			t.Fatalf("%+v: %v", e, err)
		}
	}
	f := annotations.NewFile(s, "tester", Time)
	f.Annotations[1].Conflict = &annotations.Conflict{Votes: []annotations.Vote{{Annotator: "ann", Label: "actor"}, {Annotator: "bob"}}}
	f.Orphans = []annotations.Orphan{{
		Annotation: annotations.Annotation{ID: "a9", Label: "proposal", Start: 80, End: 90, Quote: "a ceasefire", Created: annotations.TimeOf(Time), Modified: annotations.TimeOf(Time)},
		Reason:     "quote not found",
	}}
	f.Relations = append(f.Relations, annotations.Relation{ID: "r10", Type: "source", From: "a9", To: "a2"})
	return f
}

// Corpus returns a text of about 1 MB: the sample article repeated.
func Corpus(b testing.TB) string {
	data, err := os.ReadFile(Testdata("articles", "us-russia-dialogue.txt"))
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.Write(data)
		sb.WriteString("\n")
	}
	return sb.String()
}

// BenchFile is a ~1 MB text with n annotations on its words and n/2
// relations between them.
func BenchFile(b testing.TB, n int) *annotations.File {
	doc := annotations.NewDocument(Corpus(b), "", "bench")
	rs := doc.Runes()
	f := &annotations.File{Spanmark: annotations.Version, Schema: annotations.DefaultSchema(), Exported: annotations.TimeOf(Time),
		Document: annotations.FileDocument{ID: doc.ID, Title: doc.Title, Source: doc.Source, Length: doc.Len(), Text: doc.Text}}
	step := len(rs) / n
	labels := []string{"actor", "claim"}
	for i := 0; i < n; i++ {
		start := i * step
		end := start + 1 + i%20
		sel := annotations.Describe(rs, start, end, annotations.ContextLen)
		f.Annotations = append(f.Annotations, annotations.Annotation{ID: "a" + strconv.Itoa(i+1), Label: labels[i%2], Start: start, End: end,
			Quote: sel.Exact, Prefix: sel.Prefix, Suffix: sel.Suffix, Entity: "Entity " + strconv.Itoa(i%50), Created: annotations.TimeOf(Time), Modified: annotations.TimeOf(Time)})
	}
	for i := 0; i+1 < n; i += 2 {
		f.Relations = append(f.Relations, annotations.Relation{ID: "r" + strconv.Itoa(i/2+1), Type: "source", From: "a" + strconv.Itoa(i+2), To: "a" + strconv.Itoa(i+1)})
	}
	return f
}

// LabelsOut mirrors ls for encoding/json.
func LabelsOut(ls []annotations.Label) []LabelOut {
	out := make([]LabelOut, len(ls))
	for i, l := range ls {
		out[i].Label = l
		if l.NoEntities {
			out[i].Entities = new(bool)
		}
	}
	return out
}

// AnnotationToOut mirrors a for encoding/json.
func AnnotationToOut(a *annotations.Annotation) AnnotationOut {
	o := AnnotationOut{
		ID: a.ID, Label: a.Label, Start: a.Start, End: a.End,
		Quote: a.Quote, Prefix: a.Prefix, Suffix: a.Suffix,
		Entity: a.Entity, Note: a.Note,
		Created: jsonio.FormatTime(a.Created), Modified: jsonio.FormatTime(a.Modified),
	}
	if a.Conflict != nil {
		o.Conflict = &ConflictOut{Votes: lite.NonNil(a.Conflict.Votes)}
	}
	return o
}

// The types below mirror File for encoding/json. The encoders no longer use
// them (they write by hand, and their tests compare them with these). They fix
// the field order, write empty lists as [] rather than null, leave out zero
// times and write times in UTC to the second.
type (
	FileOut struct {
		Spanmark    int                      `json:"spanmark"`
		Document    annotations.FileDocument `json:"document"`
		Schema      SchemaOut                `json:"schema"`
		Annotations []AnnotationOut          `json:"annotations"`
		Relations   []annotations.Relation   `json:"relations"`
		Orphans     []OrphanOut              `json:"orphans,omitempty"`
		Annotator   string                   `json:"annotator,omitempty"`
		Exported    string                   `json:"exported,omitempty"`
	}
	SchemaOut struct {
		Labels    []LabelOut        `json:"labels"`
		Relations []RelationTypeOut `json:"relations"`
	}
	// LabelOut is an annotations.Label as files write it: "entities" only
	// when false.
	LabelOut struct {
		annotations.Label
		Entities *bool `json:"entities,omitempty"`
	}
	RelationTypeOut struct {
		ID          string   `json:"id"`
		Name        string   `json:"name"`
		From        []string `json:"from"`
		To          []string `json:"to"`
		Description string   `json:"description,omitempty"`
	}
	AnnotationOut struct {
		ID       string       `json:"id"`
		Label    string       `json:"label"`
		Start    int          `json:"start"`
		End      int          `json:"end"`
		Quote    string       `json:"quote"`
		Prefix   string       `json:"prefix"`
		Suffix   string       `json:"suffix"`
		Entity   string       `json:"entity,omitempty"`
		Note     string       `json:"note,omitempty"`
		Conflict *ConflictOut `json:"conflict,omitempty"`
		Created  string       `json:"created,omitempty"`
		Modified string       `json:"modified,omitempty"`
	}
	ConflictOut struct {
		Votes []annotations.Vote `json:"votes"`
	}
	OrphanOut struct {
		Annotation AnnotationOut `json:"annotation"`
		Reason     string        `json:"reason"`
	}
)

// ReferenceFiles are the files the hand-written encoders are compared on
// with their encoding/json references: the golden cases, a large file, and
// one with every string encoding/json escapes, a conflict, orphans, a
// creator, a source and ids that need escaping.
func ReferenceFiles(t testing.TB, cases []Case) map[string]*annotations.File {
	files := map[string]*annotations.File{"bench": BenchFile(t, 300)}
	for _, c := range cases {
		files[c.Name] = c.File(t)
	}
	odd := SmallFile(t)
	odd.Annotations[0].Note = "tab\there, nul\x00, bell\x07, \b\f\r\n, del\x7f, \u2028\u2029, bad \xff\xfe utf-8, </script> & \\ \"q\""
	odd.Annotations[0].Entity = "\U0001F980 \u00e9\u0301"
	odd.Annotations[0].ID = "a b#c/d%e?f;g,h$i&j+k:l=m@n~o\u00e9"
	odd.Relations[0].To = odd.Annotations[0].ID
	odd.Annotations[1].Conflict = &annotations.Conflict{Votes: []annotations.Vote{{Annotator: "ann", Label: "actor"}, {Annotator: "bob"}}}
	odd.Annotations[2].Conflict = &annotations.Conflict{}
	odd.Annotations[2].Start, odd.Annotations[2].End = 0, 0
	odd.Annotator = "<&>"
	odd.Document.Source = "https://example.org/talks?x=1&y=<2>"
	odd.Document.Title = "T\u2028itle"
	odd.Schema.Relations = append(odd.Schema.Relations, annotations.RelationType{ID: "none", Name: "None", Description: "d"})
	odd.Schema.Labels[0].Key, odd.Schema.Labels[0].Color, odd.Schema.Labels[0].Description = "k", "#fff", "a & b"
	odd.Orphans = []annotations.Orphan{
		{Annotation: annotations.Annotation{ID: "o2", Label: "claim", Quote: "gone", Note: "n", Created: annotations.TimeOf(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))}, Reason: "quote not found"},
		{Annotation: annotations.Annotation{ID: "o1", Label: "actor", Start: 3, End: 9, Quote: "lost", Conflict: &annotations.Conflict{}}, Reason: "moved"},
	}
	odd.Exported = 0
	files["odd"] = odd
	bare := SmallFile(t)
	bare.Document.ID, bare.Document.Source, bare.Document.Title = "", "urn:x-test:doc", ""
	bare.Annotator = ""
	bare.Relations = nil
	bare.Schema = annotations.Schema{}
	files["bare"] = bare
	return files
}
