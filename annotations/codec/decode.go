// Package codec reads and writes Spanmark's file formats: the native
// "spanmark" v1 JSON format ([Encode], [Decode], and [EncodeInSteps], which
// lets a browser save a large file without a long task), the W3C Web
// Annotation model as JSON-LD ([EncodeW3C], [DecodeW3C]) and flat JSONL
// ([EncodeJSONL]). It parses JSON with its own small parser (jsontree.go)
// and reads the tree with path-aware helpers (reader.go) shared by both
// decoders, so that every error names the line and JSON path of the
// problem, and so that the browser program links neither encoding/json
// nor reflect. Other annotation tools' formats are in package exchange.
//
// decode.go and encode.go hold the native format: [Encode] writes a
// [annotations.File] deterministically and [Decode] reads one strictly. The format is
// described for users in docs/format.md, with a JSON Schema beside it in
// docs/spanmark.schema.json; a change here must be made there too (the
// tests check the golden files against that schema).
package codec

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
)

// Limits of [Decode]. They keep a hostile or broken file from taking all the
// memory of a browser tab: 64 MiB is about ten novels of text, and a
// million annotations is far more than anyone marks by hand.
const (
	// MaxFileSize is the largest input Decode reads, in bytes.
	MaxFileSize = 64 << 20
	// MaxAnnotations bounds the annotations and orphans of a file together.
	MaxAnnotations = 1_000_000
	// MaxRelations bounds the relations of a file.
	MaxRelations = 1_000_000
	// maxDepth bounds the nesting of JSON arrays and objects. The format
	// itself nests six levels deep (orphans[i].annotation.conflict.votes[j]).
	maxDepth = 16
)

// timeLayout is how times are written: RFC 3339, UTC, to the second.
const timeLayout = "2006-01-02T15:04:05Z"

// limits are the bounds Decode enforces; tests lower them.
type limits struct {
	size, annotations, relations int
}

var defaultLimits = limits{size: MaxFileSize, annotations: MaxAnnotations, relations: MaxRelations}

// Decode reads a file in the native "spanmark" v1 format and checks it:
// the version, the shape (no unknown, repeated or missing fields, the right
// types), the document (normalised text whose length and sha256 identity
// match), the schema, and every annotation and relation (unique ids, known
// labels and types, spans inside the text, no duplicate spans, relation
// endpoints that exist and fit the type). Every error is a [*PathError]
// naming the JSON path of the problem and its line, such as
//
//	line 40: annotations[3].end: 7100 is past the end of the text (7079)
//
// A quote that disagrees with the text at its offsets is not an error here:
// Decode returns the file as written, and [anchor.Place] anchors such
// annotations again and reports what moved.
func Decode(data []byte) (*annotations.File, error) {
	return decode(data, defaultLimits)
}

func decode(data []byte, lim limits) (*annotations.File, error) {
	if err := checkInput(data, lim, ""); err != nil {
		return nil, err
	}
	d := decoder{data: data, lim: lim}
	p := parser{data: data, hook: d.take}
	root, err := p.parse()
	if err != nil {
		return nil, err
	}
	f := d.file(root)
	if d.err != nil {
		return nil, d.err
	}
	return f, nil
}

const annChunk = 1024

// annotationOffsets are the byte offsets of an annotation object and of
// the fields that the checks after parsing may complain about.
type annotationOffsets struct {
	off, id, label, start, end int
}

// The helpers below read a value at a path: str, int, time and array take
// the value and its full path, and are also used by the W3C decoder. The
// field helpers (fieldStr, fieldInt, ...) take an object, its path and a
// key, and build the path only for an error, so that decoding a large valid
// file concatenates no strings.

var (
	fileFields         = []string{"spanmark", "document", "schema", "annotations", "relations", "orphans", "annotator", "exported"}
	documentFields     = []string{"id", "length", "text", "title", "source"}
	schemaFields       = []string{"labels", "relations"}
	labelFields        = []string{"id", "name", "key", "color", "description", "entities"}
	relationTypeFields = []string{"id", "name", "from", "to", "description"}
	annotationFields   = []string{"id", "label", "start", "end", "quote", "prefix", "suffix", "entity", "note", "conflict", "created", "modified"}
	conflictFields     = []string{"votes"}
	voteFields         = []string{"annotator", "label"}
	relationFields     = []string{"id", "type", "from", "to"}
	orphanFields       = []string{"annotation", "reason"}
)

func (d *decoder) file(root *jvalue) *annotations.File {
	if root.kind != kindObject {
		d.wrongType(root, "", "an object with a \"spanmark\" field")
		return nil
	}
	// The version comes first, so that a file of another kind or version is
	// refused for that reason rather than for a field it does not know.
	ver := root.field("spanmark")
	if ver == nil {
		d.fail(root, "spanmark", "missing; this is not a spanmark file")
		return nil
	}
	if ver.kind != kindNumber {
		d.wrongType(ver, "spanmark", "the version number 1")
		return nil
	}
	if ver.s != strconv.Itoa(annotations.Version) {
		d.fail(ver, "spanmark", "version %s is not supported (this program reads version %d)", ver.s, annotations.Version)
		return nil
	}
	if !d.object(root, "", fileFields, 4) {
		return nil
	}
	f := &annotations.File{Spanmark: annotations.Version}
	f.Document = d.document(root.field("document"))
	f.Schema = d.schema(root.field("schema"))
	f.Annotator = d.fieldStr(root, "", "annotator")
	f.Exported = d.fieldTime(root, "", "exported")
	if d.err != nil {
		return nil
	}
	sch := &f.Schema
	labels := map[string]string{} // annotation id -> label, of annotations and orphans
	// The elements of "annotations" were read by take while parsing, and
	// are not in the tree.
	d.fieldArray(root, "", "annotations")
	orphans := d.fieldArray(root, "", "orphans")
	if n := d.nAnns + len(orphans); n > d.lim.annotations && d.err == nil {
		d.fail(root.field("annotations"), "annotations", "%d annotations and orphans are more than the limit of %d", n, d.lim.annotations)
	}
	if d.err == nil && d.pendingErr != nil {
		d.err = d.pendingErr
	}
	if d.err != nil {
		return nil
	}
	f.Annotations = make([]annotations.Annotation, 0, len(d.annOffs))
	for _, c := range d.anns {
		f.Annotations = append(f.Annotations, c...)
	}
	type span struct {
		label      string
		start, end int
	}
	spans := make(map[span]int, len(f.Annotations))
	for i := range f.Annotations {
		a, offs := &f.Annotations[i], &d.annOffs[i]
		if d.annotationCheck(a, offs, "annotations", i, sch, labels); d.err != nil {
			return nil
		}
		n := f.Document.Length
		switch {
		case a.Start < 0:
			d.failAt(offs.start, index("annotations", i)+".start", "%d is negative", a.Start)
		case a.End > n:
			d.failAt(offs.end, index("annotations", i)+".end", "%d is past the end of the text (%d)", a.End, n)
		case a.End <= a.Start:
			d.failAt(offs.end, index("annotations", i)+".end", "%d is not after start %d", a.End, a.Start)
		}
		sp := span{a.Label, a.Start, a.End}
		if j, ok := spans[sp]; ok {
			d.failAt(offs.off, index("annotations", i), "same label and span as annotations[%d] (%q)", j, f.Annotations[j].ID)
		}
		if d.err != nil {
			return nil
		}
		spans[sp] = i
	}
	d.anns, d.annOffs = nil, nil
	if orphans != nil {
		f.Orphans = make([]annotations.Orphan, len(orphans))
	}
	for i, v := range orphans {
		p := index("orphans", i)
		if !d.object(v, p, orphanFields, 2) {
			return nil
		}
		a, _ := d.annotation(v.field("annotation"), p+".annotation", sch, labels)
		f.Orphans[i] = annotations.Orphan{Annotation: a, Reason: d.fieldStr(v, p, "reason")}
	}
	rels := d.fieldArray(root, "", "relations")
	if len(rels) > d.lim.relations {
		d.fail(root.field("relations"), "relations", "%d relations are more than the limit of %d", len(rels), d.lim.relations)
	}
	if d.err != nil {
		return nil
	}
	f.Relations = make([]annotations.Relation, len(rels))
	relIDs := make(map[string]int, len(rels))
	type link struct{ typ, from, to string }
	links := make(map[link]int, len(rels))
	for i, v := range rels {
		p := index("relations", i)
		if !d.object(v, p, relationFields, 4) {
			return nil
		}
		r := annotations.Relation{ID: d.fieldStr(v, p, "id"), Type: d.fieldStr(v, p, "type"), From: d.fieldStr(v, p, "from"), To: d.fieldStr(v, p, "to")}
		if d.err != nil {
			return nil
		}
		rt, typeOK := sch.Relation(r.Type)
		fromLabel, fromOK := labels[r.From]
		toLabel, toOK := labels[r.To]
		j, used := relIDs[r.ID]
		k, repeated := links[link{r.Type, r.From, r.To}]
		switch {
		case r.ID == "":
			d.fail(v.field("id"), p+".id", "empty")
		case used:
			d.fail(v.field("id"), p+".id", "%q is used twice (also relations[%d])", r.ID, j)
		case !typeOK:
			d.fail(v.field("type"), p+".type", "unknown relation type %q", r.Type)
		case !fromOK:
			d.fail(v.field("from"), p+".from", "no annotation has id %q", r.From)
		case !toOK:
			d.fail(v.field("to"), p+".to", "no annotation has id %q", r.To)
		case r.From == r.To:
			d.fail(v.field("to"), p+".to", "links annotation %q to itself", r.To)
		case !rt.Allows(fromLabel, toLabel):
			d.fail(v, p, "a %q relation cannot go from %s to %s", r.Type, fromLabel, toLabel)
		case repeated:
			d.fail(v, p, "repeats relations[%d] (%q): same type, from and to", k, f.Relations[k].ID)
		}
		if d.err != nil {
			return nil
		}
		relIDs[r.ID] = i
		links[link{r.Type, r.From, r.To}] = i
		f.Relations[i] = r
	}
	return f
}

func (d *decoder) document(v *jvalue) annotations.FileDocument {
	const p = "document"
	if !d.object(v, p, documentFields, 3) {
		return annotations.FileDocument{}
	}
	doc := annotations.FileDocument{
		ID:     d.fieldStr(v, p, "id"),
		Length: d.fieldInt(v, p, "length"),
		Text:   d.fieldStr(v, p, "text"),
		Title:  d.fieldStr(v, p, "title"),
		Source: d.fieldStr(v, p, "source"),
	}
	if d.err != nil {
		return doc
	}
	if norm := annotations.Normalize(doc.Text); norm != doc.Text {
		what := "carriage returns; lines must end with LF alone"
		if strings.HasPrefix(doc.Text, "\uFEFF") {
			what = "a byte order mark at the start"
		}
		d.fail(v.field("text"), "document.text", "is not normalised: it has %s", what)
		return doc
	}
	if n := utf8.RuneCountInString(doc.Text); doc.Length != n {
		d.fail(v.field("length"), "document.length", "%d is not the length of the text (%d code points)", doc.Length, n)
		return doc
	}
	if id := annotations.DocumentID(doc.Text); doc.ID != id {
		d.fail(v.field("id"), "document.id", "%q is not the identity of the text, which is %q", doc.ID, id)
	}
	return doc
}

func (d *decoder) schema(v *jvalue) annotations.Schema {
	if !d.object(v, "schema", schemaFields, 1) {
		return annotations.Schema{}
	}
	var s annotations.Schema
	labels := d.fieldArray(v, "schema", "labels")
	s.Labels = make([]annotations.Label, len(labels))
	for i, lv := range labels {
		p := index("schema.labels", i)
		if !d.object(lv, p, labelFields, 2) {
			return annotations.Schema{}
		}
		s.Labels[i] = annotations.Label{
			ID:          d.fieldStr(lv, p, "id"),
			Name:        d.fieldStr(lv, p, "name"),
			Key:         d.fieldStr(lv, p, "key"),
			Color:       d.fieldStr(lv, p, "color"),
			Description: d.fieldStr(lv, p, "description"),
			// Absent is true: files from before the field had entities on
			// every label.
			NoEntities: !d.fieldBool(lv, p, "entities", true),
		}
	}
	if rels := d.fieldArray(v, "schema", "relations"); rels != nil {
		s.Relations = make([]annotations.RelationType, len(rels))
		for i, rv := range rels {
			p := index("schema.relations", i)
			if !d.object(rv, p, relationTypeFields, 4) {
				return annotations.Schema{}
			}
			s.Relations[i] = annotations.RelationType{
				ID:          d.fieldStr(rv, p, "id"),
				Name:        d.fieldStr(rv, p, "name"),
				From:        d.fieldStrings(rv, p, "from"),
				To:          d.fieldStrings(rv, p, "to"),
				Description: d.fieldStr(rv, p, "description"),
			}
		}
	}
	if d.err != nil {
		return annotations.Schema{}
	}
	if err := s.Validate(); err != nil {
		if pe, ok := errors.AsType[*annotations.PathError](err); ok {
			d.fail(d.at(v, pe.Path), join("schema", pe.Path), "%v", pe.Err)
		} else {
			d.fail(v, "schema", "%v", err)
		}
		return annotations.Schema{}
	}
	return s
}

// at returns the value at a relative path such as "labels[2].id" under v,
// or the deepest value on the way that exists, for its line.
func (d *decoder) at(v *jvalue, path string) *jvalue {
	for path != "" {
		switch i := strings.IndexAny(path, ".["); {
		case i < 0:
			if next := v.field(path); next != nil {
				return next
			}
			return v
		case i > 0:
			next := v.field(path[:i])
			if next == nil {
				return v
			}
			v, path = next, path[i:]
		case path[0] == '.':
			path = path[1:]
		default: // "[n]..."
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return v
			}
			n, err := strconv.Atoi(path[1:end])
			if err != nil || v.kind != kindArray || n < 0 || n >= len(v.elems) {
				return v
			}
			v, path = v.elems[n], path[end+1:]
		}
	}
	return v
}

// annotation decodes an annotation or an orphan's annotation at path and
// records its id and label in labels. It checks what both share (a unique,
// non-empty id, a known label); the span checks are the caller's, since an
// orphan's offsets refer to a text that is gone. The second result is
// always nil; it is kept for the W3C decoder, written against an earlier
// version that returned the fields.
func (d *decoder) annotation(v *jvalue, p string, sch *annotations.Schema, labels map[string]string) (annotations.Annotation, map[string]*jvalue) {
	a, offs := d.annotationShape(v, p, -1)
	if d.err != nil {
		return annotations.Annotation{}, nil
	}
	if d.annotationCheck(&a, &offs, p, -1, sch, labels); d.err != nil {
		return annotations.Annotation{}, nil
	}
	return a, nil
}

// annotationPath is path, or path[i] when i >= 0. The callers that read
// many annotations pass the index, so that the path is made only for an
// error.
func annotationPath(path string, i int) string {
	if i < 0 {
		return path
	}
	return index(path, i)
}

// annotationShape reads the fields of the annotation v at
// annotationPath(path, i), checking their names and types.
func (d *decoder) annotationShape(v *jvalue, path string, i int) (annotations.Annotation, annotationOffsets) {
	p := annotationPath(path, i)
	if !d.object(v, p, annotationFields, 5) {
		return annotations.Annotation{}, annotationOffsets{}
	}
	a := annotations.Annotation{
		ID:       d.fieldStr(v, p, "id"),
		Label:    d.fieldStr(v, p, "label"),
		Start:    d.fieldInt(v, p, "start"),
		End:      d.fieldInt(v, p, "end"),
		Quote:    d.fieldStr(v, p, "quote"),
		Prefix:   d.fieldStr(v, p, "prefix"),
		Suffix:   d.fieldStr(v, p, "suffix"),
		Entity:   d.fieldStr(v, p, "entity"),
		Note:     d.fieldStr(v, p, "note"),
		Created:  d.fieldTime(v, p, "created"),
		Modified: d.fieldTime(v, p, "modified"),
	}
	if cv := v.field("conflict"); cv != nil && d.err == nil {
		a.Conflict = d.conflict(cv, p+".conflict")
	}
	return a, annotationOffsets{off: v.off, id: v.field("id").off, label: v.field("label").off,
		start: v.field("start").off, end: v.field("end").off}
}

// annotationCheck checks that the id of the annotation a at
// annotationPath(path, i) is non-empty and unused, and its label known, and
// records them in labels.
func (d *decoder) annotationCheck(a *annotations.Annotation, offs *annotationOffsets, path string, i int, sch *annotations.Schema, labels map[string]string) {
	switch _, used := labels[a.ID]; {
	case a.ID == "":
		d.failAt(offs.id, annotationPath(path, i)+".id", "empty")
	case used:
		d.failAt(offs.id, annotationPath(path, i)+".id", "%q is used twice", a.ID)
	default:
		if _, ok := sch.Label(a.Label); !ok {
			d.failAt(offs.label, annotationPath(path, i)+".label", "unknown label %q", a.Label)
		}
	}
	if d.err == nil {
		labels[a.ID] = a.Label
	}
}

func (d *decoder) conflict(v *jvalue, p string) *annotations.Conflict {
	if !d.object(v, p, conflictFields, 1) {
		return nil
	}
	votes := d.fieldArray(v, p, "votes")
	c := &annotations.Conflict{Votes: make([]annotations.Vote, len(votes))}
	for i, vv := range votes {
		vp := index(p+".votes", i)
		if !d.object(vv, vp, voteFields, 1) {
			return nil
		}
		c.Votes[i] = annotations.Vote{Annotator: d.fieldStr(vv, vp, "annotator"), Label: d.fieldStr(vv, vp, "label")}
	}
	return c
}
