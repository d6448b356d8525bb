package project

import (
	"bytes"
	"errors"
	"slices"
	"strconv"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// CorpusVersion is the version of the corpus format that this package
// writes, the value of its "spanmark-corpus" field.
const CorpusVersion = 1

// MaxCorpusSize is the largest corpus [DecodeCorpus] reads, in bytes:
// four times the largest single file, which holds hundreds of long
// articles with their annotations.
const MaxCorpusSize = 4 * codec.MaxFileSize

// Status is how far an annotator has come with a document.
type Status string

// The statuses of a document. Only a document with work has a file in a
// corpus: one whose status is not [StatusNew].
const (
	StatusNew      Status = "new"      // not opened yet
	StatusProgress Status = "progress" // opened, not finished
	StatusDone     Status = "done"     // marked finished by the annotator
)

// IsValid reports whether s is one of the three statuses.
func (s Status) IsValid() bool {
	return s == StatusNew || s == StatusProgress || s == StatusDone
}

// CorpusHeader is the first line of a corpus: the project it comes from,
// who annotated it, and each document's status.
type CorpusHeader struct {
	Title     string
	Schema    annotations.Schema
	Annotator string
	Documents []CorpusDocument
}

// CorpusDocument is a [Document] of a project with its [Status].
type CorpusDocument struct {
	Document
	Status Status
}

// Corpus is one annotator's work on a project.
type Corpus struct {
	Header CorpusHeader
	// Files run parallel to Header.Documents: Files[i] is the work on
	// Header.Documents[i], nil when that document's status is
	// [StatusNew].
	Files []*annotations.File
}

// File returns the file of the document with the given id, and whether
// the corpus has one.
func (c *Corpus) File(id string) (*annotations.File, bool) {
	for i, d := range c.Header.Documents {
		if d.ID == id && i < len(c.Files) && c.Files[i] != nil {
			return c.Files[i], true
		}
	}
	return nil, false
}

var (
	corpusFields         = []string{"spanmark-corpus", "title", "schema", "documents", "annotator"}
	corpusDocumentFields = []string{"id", "path", "status", "title"}
)

// EncodeCorpus writes a corpus as JSONL: the header on the first line,
// then on each following line, compact ([codec.EncodeCompact]), the file
// of each document whose status is not [StatusNew], in the order of
// h.Documents. files runs parallel to h.Documents and must hold a file
// exactly where the status is not new. Each file must have the header's
// schema. The output ends with a newline.
func EncodeCorpus(h CorpusHeader, files []*annotations.File) ([]byte, error) {
	if len(files) != len(h.Documents) {
		return nil, lite.Errorf("encode corpus: %d files for %d documents", len(files), len(h.Documents))
	}
	docs := make([]Document, len(h.Documents))
	for i, d := range h.Documents {
		docs[i] = d.Document
	}
	if err := checkCorpusHeader(h, docs); err != nil {
		return nil, err
	}
	for i, d := range h.Documents {
		p := "documents[" + strconv.Itoa(i) + "]"
		switch {
		case d.Status == StatusNew && files[i] != nil:
			return nil, &annotations.PathError{Path: p + ".status", Err: lite.Errorf("is %q but document %q has a file", string(d.Status), d.ID)}
		case d.Status != StatusNew && files[i] == nil:
			return nil, &annotations.PathError{Path: p + ".status", Err: lite.Errorf("is %q but document %q has no file", string(d.Status), d.ID)}
		case files[i] != nil && !equalSchema(files[i].Schema, h.Schema):
			return nil, &annotations.PathError{Path: p, Err: lite.Errorf("the file of document %q has another schema than the corpus", d.ID)}
		}
	}
	w := codec.NewWriter(true)
	w.Open('{')
	w.Int("spanmark-corpus", CorpusVersion)
	w.Str("title", h.Title)
	w.Key("schema")
	w.Schema(h.Schema)
	w.StrOmit("annotator", h.Annotator)
	w.Key("documents")
	w.Open('[')
	for _, d := range h.Documents {
		w.Elem()
		writeDocument(w, d.Document)
		w.Str("status", string(d.Status))
		w.Close('}')
	}
	w.Close(']')
	w.Close('}')
	out := append(w.Bytes(), '\n')
	for i, f := range files {
		if f == nil {
			continue
		}
		b, err := codec.EncodeCompact(f)
		if err != nil {
			return nil, lite.Errorf("encode corpus: document %q: %w", h.Documents[i].ID, err)
		}
		out = append(append(out, b...), '\n')
	}
	return out, nil
}

func checkCorpusHeader(h CorpusHeader, docs []Document) error {
	if err := h.Schema.Validate(); err != nil {
		if pe, ok := errors.AsType[*annotations.PathError](err); ok {
			return &annotations.PathError{Path: "schema." + pe.Path, Err: pe.Err}
		}
		return err
	}
	if len(docs) > MaxDocuments {
		return &annotations.PathError{Path: "documents", Err: lite.Errorf("%d documents are more than the limit of %d", len(docs), MaxDocuments)}
	}
	if i, field, err := checkDocuments(docs); err != nil {
		return &annotations.PathError{Path: "documents[" + strconv.Itoa(i) + "]." + field, Err: err}
	}
	for i, d := range h.Documents {
		if !d.Status.IsValid() {
			return &annotations.PathError{Path: "documents[" + strconv.Itoa(i) + "].status", Err: lite.Errorf("%q is not one of \"new\", \"progress\" and \"done\"", string(d.Status))}
		}
	}
	return nil
}

// DecodeCorpus reads a corpus written by [EncodeCorpus] and checks every
// line: the header strictly, like [Decode] reads a project, then each
// file as [codec.Decode] does, that there is one line per document whose
// status is not new, and that every file has the header's schema. Every
// error is a [*annotations.PathError] naming the line of the corpus and
// the JSON path within that line, such as
//
//	line 3: annotations[2].label: unknown label "claim"
//
// A blank last line is allowed; blank lines elsewhere are not.
func DecodeCorpus(data []byte) (*Corpus, error) {
	if len(data) > MaxCorpusSize {
		return nil, &annotations.PathError{Err: lite.Errorf("the corpus is %d bytes, more than the limit of %d", len(data), MaxCorpusSize)}
	}
	lines := bytes.Split(data, []byte{'\n'})
	if n := len(lines); n > 1 && len(bytes.TrimSpace(lines[n-1])) == 0 {
		lines = lines[:n-1]
	}
	h, err := decodeCorpusHeader(lines[0])
	if err != nil {
		return nil, err
	}
	c := &Corpus{Header: *h, Files: make([]*annotations.File, len(h.Documents))}
	line := 1
	for i, d := range h.Documents {
		if d.Status == StatusNew {
			continue
		}
		line++
		if line > len(lines) {
			return nil, &annotations.PathError{Line: line - 1, Err: lite.Errorf("the corpus ends before the file of document %q (documents[%d])", d.ID, i)}
		}
		b := bytes.TrimSuffix(lines[line-1], []byte{'\r'})
		if len(bytes.TrimSpace(b)) == 0 {
			return nil, &annotations.PathError{Line: line, Err: lite.Errorf("blank line; want the file of document %q (documents[%d])", d.ID, i)}
		}
		f, err := codec.Decode(b)
		if err != nil {
			if pe, ok := errors.AsType[*annotations.PathError](err); ok {
				return nil, &annotations.PathError{Line: line, Path: pe.Path, Err: pe.Err}
			}
			return nil, &annotations.PathError{Line: line, Err: err}
		}
		if !equalSchema(f.Schema, h.Schema) {
			return nil, &annotations.PathError{Line: line, Path: "schema", Err: lite.Errorf("differs from the corpus schema on line 1 (document %q)", d.ID)}
		}
		c.Files[i] = f
	}
	if line < len(lines) {
		return nil, &annotations.PathError{Line: line + 1, Err: lite.Errorf("one line more than the %d documents with work in the header", line-1)}
	}
	return c, nil
}

func decodeCorpusHeader(line []byte) (*CorpusHeader, error) {
	r, root, err := codec.NewReader(bytes.TrimSuffix(line, []byte{'\r'}), codec.MaxFileSize)
	if err != nil {
		if pe, ok := errors.AsType[*annotations.PathError](err); ok && pe.Line == 0 {
			pe.Line = 1
		}
		return nil, err
	}
	if !checkVersion(r, root, "spanmark-corpus", "corpus", CorpusVersion) || !r.Object(root, corpusFields, 4) {
		return nil, r.Err()
	}
	h := &CorpusHeader{
		Title:     r.Str(r.Field(root, "title")),
		Schema:    r.Schema(r.Field(root, "schema")),
		Annotator: r.Str(r.Field(root, "annotator")),
	}
	docsv := r.Field(root, "documents")
	els := r.Array(docsv)
	if len(els) > MaxDocuments {
		r.Fail(docsv, "%d documents are more than the limit of %d", len(els), MaxDocuments)
	}
	if r.Err() != nil {
		return nil, r.Err()
	}
	h.Documents = make([]CorpusDocument, len(els))
	docs := make([]Document, len(els))
	for i, v := range els {
		if !r.Object(v, corpusDocumentFields, 3) {
			return nil, r.Err()
		}
		st := r.Field(v, "status")
		h.Documents[i] = CorpusDocument{
			Document: Document{ID: r.Str(r.Field(v, "id")), Title: r.Str(r.Field(v, "title")), Path: r.Str(r.Field(v, "path"))},
			Status:   Status(r.Str(st)),
		}
		if r.Err() == nil && !h.Documents[i].Status.IsValid() {
			r.Fail(st, "%q is not one of \"new\", \"progress\" and \"done\"", r.Str(st))
		}
		docs[i] = h.Documents[i].Document
	}
	if r.Err() != nil {
		return nil, r.Err()
	}
	if i, field, err := checkDocuments(docs); err != nil {
		r.Fail(r.Field(els[i], field), "%v", err)
		return nil, r.Err()
	}
	return h, nil
}

// equalSchema reports whether a and b are the same labels and relation
// types in the same order.
func equalSchema(a, b annotations.Schema) bool {
	return slices.Equal(a.Labels, b.Labels) && slices.EqualFunc(a.Relations, b.Relations, func(x, y annotations.RelationType) bool {
		return x.ID == y.ID && x.Name == y.Name && x.Description == y.Description && slices.Equal(x.From, y.From) && slices.Equal(x.To, y.To)
	})
}
