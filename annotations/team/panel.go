package team

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
)

// Panel is several annotators' work on one document: their files placed on
// one text under one schema, ready for [Agree] or [Merge]. Make it with
// [NewPanel].
type Panel struct {
	// Document is the first file's text; the others are placed on it.
	Document *annotations.Document
	// Schema is the first file's schema; the others have the same labels
	// and relation types.
	Schema annotations.Schema
	// Annotators are in the order of the files.
	Annotators []Annotator
}

// Annotator is one annotator's work on a [Panel]'s document.
type Annotator struct {
	// Name is the file's annotator field, or else its file name.
	Name string
	// File is the name of the file the work came from.
	File        string
	Annotations []annotations.Annotation
	Relations   []annotations.Relation
	// Report says what placing the file on the panel's text did: the
	// annotations that moved and those that could not be placed. Orphans are
	// left out of every measure.
	Report anchor.Report
	// Orphans are the annotations of the file that could not be placed,
	// including those the file already held as orphans.
	Orphans []annotations.Orphan
}

// ErrDifferentDocuments is wrapped by [NewPanel]'s error when the files are
// about different documents.
var ErrDifferentDocuments = errors.New("different documents")

// ErrDifferentSchemas is wrapped by [NewPanel]'s error when the files'
// schemas do not have the same label and relation type ids.
var ErrDifferentSchemas = errors.New("different schemas")

// NewPanel places files, named by names (their file names, used in errors
// and when a file has no annotator), on the first file's text.
//
// Files are of one document when their document ids are equal. When the ids
// differ the texts differ; the files are still taken as one document when
// their titles, or their non-empty sources, are equal, and each later file's
// annotations are anchored again in the first file's text with
// [anchor.Place]; what could not be placed is in [Annotator.Report]. Otherwise
// the error wraps [ErrDifferentDocuments].
//
// Every file must have the same label ids and relation type ids (names,
// colours and keys may differ); otherwise the error wraps
// [ErrDifferentSchemas] and names the label and the files. Two annotators
// with the same name are told apart by their file names.
func NewPanel(files []*annotations.File, names []string) (*Panel, error) {
	if len(files) == 0 {
		return nil, errors.New("compare: no files")
	}
	if len(names) != len(files) {
		return nil, errors.New("compare: " + strconv.Itoa(len(files)) + " files but " + strconv.Itoa(len(names)) + " names")
	}
	f0 := files[0]
	doc := annotations.NewDocument(f0.Document.Text, f0.Document.Title, f0.Document.Source)
	p := &Panel{Document: doc, Schema: f0.Schema}
	seen := map[string]bool{}
	for i, f := range files {
		if f == nil {
			return nil, errors.New(names[i] + ": no file")
		}
		if err := sameDocument(f0, f, names[0], names[i]); err != nil {
			return nil, err
		}
		if err := sameSchema(f0.Schema, f.Schema, names[0], names[i]); err != nil {
			return nil, err
		}
		var (
			s   *annotations.Set
			rep anchor.Report
			err error
		)
		s, rep, err = anchor.Place(f, doc)
		if err != nil {
			return nil, errors.New(names[i] + ": " + err.Error())
		}
		name := strings.TrimSpace(f.Annotator)
		if name == "" {
			name = names[i]
		}
		if seen[name] {
			name += " (" + names[i] + ")"
		}
		for n := 2; seen[name]; n++ {
			name = names[i] + " #" + strconv.Itoa(n)
		}
		seen[name] = true
		p.Annotators = append(p.Annotators, Annotator{
			Name: name, File: names[i],
			Annotations: s.Annotations(), Relations: s.Relations(),
			Report: rep, Orphans: s.Orphans(),
		})
	}
	return p, nil
}

func sameDocument(a, b *annotations.File, na, nb string) error {
	if a.Document.ID == b.Document.ID && a.Document.Text == b.Document.Text {
		return nil
	}
	ta, tb := strings.TrimSpace(a.Document.Title), strings.TrimSpace(b.Document.Title)
	if ta != "" && ta == tb || a.Document.Source != "" && a.Document.Source == b.Document.Source {
		return nil
	}
	return &annotations.PathError{Path: "document", Err: fmt.Errorf("%w: %s is %q (%s) but %s is %q (%s)",
		ErrDifferentDocuments, nb, tb, shortID(b.Document.ID), na, ta, shortID(a.Document.ID))}
}

func shortID(id string) string {
	if len(id) > 19 {
		return id[:19] + "…"
	}
	return id
}

func sameSchema(a, b annotations.Schema, na, nb string) error {
	diff := func(kind string, x, y []string, nx, ny string) error {
		for _, id := range x {
			if !slices.Contains(y, id) {
				return fmt.Errorf("compare: %w: %s has %s %q that %s lacks", ErrDifferentSchemas, nx, kind, id, ny)
			}
		}
		return nil
	}
	la, lb := a.LabelIDs(), b.LabelIDs()
	ra, rb := a.RelationIDs(), b.RelationIDs()
	for _, err := range []error{
		diff("label", lb, la, nb, na), diff("label", la, lb, na, nb),
		diff("relation type", rb, ra, nb, na), diff("relation type", ra, rb, na, nb),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}
