// Package project reads and writes Spanmark projects: a static folder of
// articles with their own labels, annotated one after another and exported
// together as one corpus.
//
// A project is a file, usually project.json, beside the articles it lists
// ([Decode], [Encode]); a dropped folder without one becomes a project
// with [FromFolder]. Document paths are relative to the project file, and
// [ResolvePath] turns them into site paths, refusing any that would leave
// the project's folder. The corpus ([EncodeCorpus], [DecodeCorpus]) is
// JSONL: a header line, then one native Spanmark file per line.
//
// Both formats are described for users in docs/project.md, with a JSON
// Schema of project.json in docs/spanmark-project.schema.json; a change
// here must be made there too (the tests check the golden files against
// that schema).
//
// The package is linked by the browser program, so it reads JSON with the
// native codec's strict reader ([codec.Reader]) rather than encoding/json,
// and formats errors with package lite rather than fmt.
package project

import (
	"errors"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Version is the version of the project file format that this package
// writes, the value of its "spanmark-project" field.
const Version = 1

// Limits of [Decode]. A project lists its articles rather than holding
// them, so 16 MiB is ample for the largest list allowed.
const (
	// MaxDocuments bounds the documents of a project.
	MaxDocuments = 100_000
	// MaxProjectSize is the largest project file Decode reads, in bytes.
	MaxProjectSize = 16 << 20
)

// Project is a set of articles to annotate with one schema.
type Project struct {
	// Title names the project for people.
	Title string
	// Schema is the labels and relation types of every document;
	// [annotations.DefaultSchema] when the file has none.
	Schema annotations.Schema
	// Guidelines are instructions for annotators: either the text itself,
	// or the path of a .md or .txt file relative to the project file (see
	// [Project.GuidelinesPath]). Empty when there are none.
	Guidelines string
	// Documents are the articles, in the order they are annotated.
	Documents []Document
}

// Document is one article of a [Project].
type Document struct {
	// ID names the document within the project, such as "d1": 1 to 64
	// ASCII letters, digits and "-_.:", as [annotations.IsID] checks.
	ID string
	// Title is shown to people; empty means the path's file name.
	Title string
	// Path is where the article is, relative to the project file, with
	// "/" between folders, such as "articles/d1.txt". It is a file path,
	// not an escaped URL: [ResolvePath] escapes it.
	Path string
}

// GuidelinesPath returns the path of the guidelines file and true when
// Guidelines names a file rather than holding the text: a single line
// without spaces that ends in ".md" or ".txt".
func (p *Project) GuidelinesPath() (string, bool) {
	g := p.Guidelines
	if g == "" || strings.ContainsAny(g, " \t\n") {
		return "", false
	}
	if lower := strings.ToLower(g); strings.HasSuffix(lower, ".md") || strings.HasSuffix(lower, ".txt") {
		return g, true
	}
	return "", false
}

var (
	projectFields  = []string{"spanmark-project", "title", "documents", "schema", "guidelines"}
	documentFields = []string{"id", "path", "title"}
)

// Decode reads a project file and checks it strictly: the version, the
// shape (no unknown or missing fields, the right types), the schema (as
// [annotations.Schema.Validate] checks it), unique document ids and
// paths, and every path (see [CheckPath]). Every error is a
// [*annotations.PathError] with the line and JSON path of the problem.
func Decode(data []byte) (*Project, error) {
	r, root, err := codec.NewReader(data, MaxProjectSize)
	if err != nil {
		return nil, err
	}
	if !checkVersion(r, root, "spanmark-project", "project", Version) || !r.Object(root, projectFields, 3) {
		return nil, r.Err()
	}
	p := &Project{
		Title:      r.Str(r.Field(root, "title")),
		Guidelines: r.Str(r.Field(root, "guidelines")),
		Schema:     annotations.DefaultSchema(),
	}
	if sv := r.Field(root, "schema"); sv.Exists() {
		p.Schema = r.Schema(sv)
	}
	if g, ok := p.GuidelinesPath(); ok && r.Err() == nil {
		if err := CheckPath(g); err != nil {
			r.Fail(r.Field(root, "guidelines"), "%v", err)
		}
	}
	docs := r.Field(root, "documents")
	els := r.Array(docs)
	switch {
	case r.Err() != nil:
	case len(els) == 0:
		r.Fail(docs, "no documents")
	case len(els) > MaxDocuments:
		r.Fail(docs, "%d documents are more than the limit of %d", len(els), MaxDocuments)
	}
	if r.Err() != nil {
		return nil, r.Err()
	}
	p.Documents = make([]Document, len(els))
	for i, v := range els {
		p.Documents[i] = readDocument(r, v)
	}
	if r.Err() != nil {
		return nil, r.Err()
	}
	if i, field, err := checkDocuments(p.Documents); err != nil {
		r.Fail(r.Field(els[i], field), "%v", err)
		return nil, r.Err()
	}
	return p, nil
}

// checkVersion checks that the field key of root is version, naming the
// kind of file in its errors.
func checkVersion(r *codec.Reader, root codec.Value, key, kind string, version int) bool {
	if !root.IsObject() {
		r.Fail(root, "got %s, want an object with a %q field", root.Kind(), key)
		return false
	}
	ver := r.Field(root, key)
	if !ver.Exists() {
		r.Fail(ver, "missing; this is not a spanmark %s", kind)
		return false
	}
	if n := r.Int(ver); r.Err() == nil && n != version {
		r.Fail(ver, "version %d is not supported (this program reads version %d)", n, version)
	}
	return r.Err() == nil
}

func readDocument(r *codec.Reader, v codec.Value) Document {
	if !r.Object(v, documentFields, 2) {
		return Document{}
	}
	return Document{
		ID:    r.Str(r.Field(v, "id")),
		Title: r.Str(r.Field(v, "title")),
		Path:  r.Str(r.Field(v, "path")),
	}
}

// checkDocuments checks ids and paths, and returns the index and field of
// the first document at fault.
func checkDocuments(docs []Document) (int, string, error) {
	ids := make(map[string]int, len(docs))
	paths := make(map[string]int, len(docs))
	for i, d := range docs {
		if !annotations.IsID(d.ID) {
			return i, "id", lite.Errorf("%q is not a valid id (letters, digits, '-', '_', '.' and ':', at most 64)", d.ID)
		}
		if j, ok := ids[d.ID]; ok {
			return i, "id", lite.Errorf("%q is used twice (also documents[%d])", d.ID, j)
		}
		if err := CheckPath(d.Path); err != nil {
			return i, "path", err
		}
		clean := cleanPath(d.Path)
		if j, ok := paths[clean]; ok {
			return i, "path", lite.Errorf("%q is the article of documents[%d] too", d.Path, j)
		}
		ids[d.ID], paths[clean] = i, i
	}
	return 0, "", nil
}

// Encode writes p as a project file: deterministic, indented by two
// spaces, with a trailing newline. The schema is always written, the
// guidelines and document titles when not empty. It refuses a project
// that [Decode] would refuse, with a [*annotations.PathError].
func Encode(p *Project) ([]byte, error) {
	if p == nil {
		return nil, errors.New("encode project: no project")
	}
	if err := p.Schema.Validate(); err != nil {
		if pe, ok := errors.AsType[*annotations.PathError](err); ok {
			return nil, &annotations.PathError{Path: "schema." + pe.Path, Err: pe.Err}
		}
		return nil, err
	}
	if len(p.Documents) == 0 {
		return nil, &annotations.PathError{Path: "documents", Err: errors.New("no documents")}
	}
	if len(p.Documents) > MaxDocuments {
		return nil, &annotations.PathError{Path: "documents", Err: lite.Errorf("%d documents are more than the limit of %d", len(p.Documents), MaxDocuments)}
	}
	if i, field, err := checkDocuments(p.Documents); err != nil {
		return nil, &annotations.PathError{Path: "documents[" + strconv.Itoa(i) + "]." + field, Err: err}
	}
	if g, ok := p.GuidelinesPath(); ok {
		if err := CheckPath(g); err != nil {
			return nil, &annotations.PathError{Path: "guidelines", Err: err}
		}
	}
	w := codec.NewWriter(false)
	w.Open('{')
	w.Int("spanmark-project", Version)
	w.Str("title", p.Title)
	w.Key("schema")
	w.Schema(p.Schema)
	w.StrOmit("guidelines", p.Guidelines)
	w.Key("documents")
	w.Open('[')
	for _, d := range p.Documents {
		w.Elem()
		writeDocument(w, d)
		w.Close('}')
	}
	w.Close(']')
	w.Close('}')
	return append(w.Bytes(), '\n'), nil
}

// writeDocument writes d's fields after opening its object; the caller
// may add more before closing it.
func writeDocument(w *codec.Writer, d Document) {
	w.Open('{')
	w.Str("id", d.ID)
	w.StrOmit("title", d.Title)
	w.Str("path", d.Path)
}
