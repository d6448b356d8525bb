// Package codec reads and writes Spanmark's own file format, the native
// "spanmark" v1 JSON format ([Encode], [Decode], [DecodeDetached], and
// [EncodeInSteps], which lets a browser save a large file without a long
// task), and tells it from a W3C file ([Sniff]). The formats for other
// tools are in packages of their own below this one, so that the browser
// program, which links this package, need not link them (its worker does):
// W3C Web Annotation in codec/w3c and JSONL in codec/jsonl. Other
// annotation tools' formats are in package exchange.
//
// The native format and the W3C one share a small JSON parser that keeps
// positions, path-aware readers and a writer (codec/internal/jsonio), so
// that every error names the line and JSON path of the problem, and so
// that the browser program links neither encoding/json nor reflect.
//
// decode.go and encode.go hold the native format: [Encode] writes a
// [annotations.File] deterministically and [Decode] reads one strictly. The format is
// described for users in docs/format.md, with a JSON Schema beside it in
// docs/spanmark.schema.json; a change here must be made there too (the
// tests check the golden files against that schema).
package codec

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

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
// Decode returns the file as written, and [File.Place] anchors such
// annotations again and reports what moved.
func Decode(data []byte) (*annotations.File, error) {
	return decode(data, jsonio.DefaultLimits)
}

// DecodeDetached reads a file in the native format as [Decode] does, but
// accepts one whose document holds no text: what [Encode] writes for the
// result of w3c.Decode, whose input names its document without holding
// it. The offsets of such a file are hints, not checked against a length,
// and an annotation may have none (start and end 0): anchor.Place finds
// each one by its quote in the text it is placed on. The browser program
// reads W3C files this way, through its worker, so that it need not link
// the W3C decoder. A file with text is checked as Decode checks it.
func DecodeDetached(data []byte) (*annotations.File, error) {
	return decodeFile(data, jsonio.DefaultLimits, true, 0, nil)
}

// DecodeInSteps reads a file exactly as [Decode] does (or as
// [DecodeDetached] does when detached is set), calling pause after every n
// annotations it reads and again after every n it checks, so that a
// program on a single thread (the browser) can let other work run while
// it reads thousands of them. pause may be nil.
func DecodeInSteps(data []byte, detached bool, n int, pause func()) (*annotations.File, error) {
	if n < 1 {
		return nil, lite.Errorf("decode: %d annotations per step; want 1 or more", n)
	}
	return decodeFile(data, jsonio.DefaultLimits, detached, n, pause)
}

func decode(data []byte, lim jsonio.Limits) (*annotations.File, error) {
	return decodeFile(data, lim, false, 0, nil)
}

// decodeFile reads a file; with pause non-nil, it calls pause after every
// step annotations read and checked.
func decodeFile(data []byte, lim jsonio.Limits, detached bool, step int, pause func()) (*annotations.File, error) {
	if err := jsonio.CheckInput(data, lim.Size, ""); err != nil {
		return nil, err
	}
	d := decoder{Decoder: jsonio.Decoder{Data: data, Lim: lim}, detached: detached, step: step, pause: pause}
	p := jsonio.Parser{Data: data, Hook: d.take}
	root, err := p.Parse()
	if err != nil {
		return nil, err
	}
	f := d.file(root)
	if d.Err != nil {
		return nil, d.Err
	}
	return f, nil
}

// Limits of [Decode], and of w3c.Decode too: they are defined with the
// JSON both share (codec/internal/jsonio), where the reasons for them are
// given.
const (
	// MaxFileSize is the largest input Decode reads, in bytes.
	MaxFileSize = jsonio.MaxFileSize
	// MaxAnnotations bounds the annotations and orphans of a file together.
	MaxAnnotations = jsonio.MaxAnnotations
	// MaxRelations bounds the relations of a file.
	MaxRelations = jsonio.MaxRelations
)

// decoder reads a native file: the helpers of [jsonio.Decoder], and the
// annotations that take reads while the file is parsed.
type decoder struct {
	jsonio.Decoder
	// detached is set for a file without text ([DecodeDetached]), whose
	// spans are not checked against it.
	detached bool
	// pause, when not nil, is called after every step annotations read
	// and checked ([DecodeInSteps]).
	pause func()
	step  int

	// The annotations, read by take while parsing: their count, the
	// values with where their fields are, and the first error in them,
	// reported when file comes to the annotations.
	nAnns      int
	anns       [][]annotations.Annotation // chunks of annChunk, so that growing copies nothing
	annOffs    []jsonio.AnnotationOffsets
	pendingErr error
}

const annChunk = 1024

// take is the parser's hook: it reads each element of the top-level
// "annotations" array into a pendingAnnotation, checking its shape; the
// checks that need the document and schema wait for file. An error is
// kept for later, so that a file of another version is refused for that.
func (d *decoder) take(key string, i int, v *jsonio.Value) bool {
	if key != "annotations" {
		return false
	}
	d.nAnns = i + 1
	if d.pause != nil && d.nAnns%d.step == 0 {
		d.pause()
	}
	if d.pendingErr != nil || d.nAnns > d.Lim.Annotations {
		return true
	}
	a, offs := d.AnnotationShape(v, "annotations", i)
	if d.Err != nil {
		d.pendingErr, d.Err = d.Err, nil
		return true
	}
	if len(d.anns) == 0 || len(d.anns[len(d.anns)-1]) == annChunk {
		d.anns = append(d.anns, make([]annotations.Annotation, 0, annChunk))
	}
	last := &d.anns[len(d.anns)-1]
	*last = append(*last, a)
	d.annOffs = append(d.annOffs, offs)
	return true
}

var (
	fileFields     = []string{"spanmark", "document", "schema", "annotations", "relations", "orphans", "annotator", "exported"}
	documentFields = []string{"id", "length", "text", "title", "source"}
	relationFields = []string{"id", "type", "from", "to"}
)

func (d *decoder) file(root *jsonio.Value) *annotations.File {
	if root.Kind != jsonio.KindObject {
		d.WrongType(root, "", "an object with a \"spanmark\" field")
		return nil
	}
	// The version comes first, so that a file of another kind or version is
	// refused for that reason rather than for a field it does not know.
	ver := root.Field("spanmark")
	if ver == nil {
		d.Fail(root, "spanmark", "missing; this is not a spanmark file")
		return nil
	}
	if ver.Kind != jsonio.KindNumber {
		d.WrongType(ver, "spanmark", "the version number 1")
		return nil
	}
	if ver.Lit != strconv.Itoa(annotations.Version) {
		d.Fail(ver, "spanmark", "version %s is not supported (this program reads version %d)", ver.Lit, annotations.Version)
		return nil
	}
	if !d.Object(root, "", fileFields, 4) {
		return nil
	}
	f := &annotations.File{Spanmark: annotations.Version}
	f.Document = d.document(root.Field("document"))
	f.Schema = d.Schema(root.Field("schema"))
	f.Annotator = d.FieldStr(root, "", "annotator")
	f.Exported = d.FieldTime(root, "", "exported")
	if d.Err != nil {
		return nil
	}
	sch := &f.Schema
	labels := map[string]string{} // annotation id -> label, of annotations and orphans
	// The elements of "annotations" were read by take while parsing, and
	// are not in the tree.
	d.FieldArray(root, "", "annotations")
	orphans := d.FieldArray(root, "", "orphans")
	if n := d.nAnns + len(orphans); n > d.Lim.Annotations && d.Err == nil {
		d.Fail(root.Field("annotations"), "annotations", "%d annotations and orphans are more than the limit of %d", n, d.Lim.Annotations)
	}
	if d.Err == nil && d.pendingErr != nil {
		d.Err = d.pendingErr
	}
	if d.Err != nil {
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
		if d.pause != nil && i > 0 && i%d.step == 0 {
			d.pause()
		}
		a, offs := &f.Annotations[i], &d.annOffs[i]
		if d.AnnotationCheck(a, offs, "annotations", i, sch, labels); d.Err != nil {
			return nil
		}
		n := f.Document.Length
		switch {
		case d.detached && a.End <= a.Start:
			continue // placed by quote
		case d.detached:
		case a.Start < 0:
			d.FailAt(offs.Start, jsonio.Index("annotations", i)+".start", "%d is negative", a.Start)
		case a.End > n:
			d.FailAt(offs.End, jsonio.Index("annotations", i)+".end", "%d is past the end of the text (%d)", a.End, n)
		case a.End <= a.Start:
			d.FailAt(offs.End, jsonio.Index("annotations", i)+".end", "%d is not after start %d", a.End, a.Start)
		}
		sp := span{a.Label, a.Start, a.End}
		if j, ok := spans[sp]; ok {
			d.FailAt(offs.Off, jsonio.Index("annotations", i), "same label and span as annotations[%d] (%q)", j, f.Annotations[j].ID)
		}
		if d.Err != nil {
			return nil
		}
		spans[sp] = i
	}
	d.anns, d.annOffs = nil, nil
	if orphans != nil {
		f.Orphans = make([]annotations.Orphan, len(orphans))
	}
	for i, v := range orphans {
		p := jsonio.Index("orphans", i)
		if !d.Object(v, p, jsonio.OrphanFields, 2) {
			return nil
		}
		a, _ := d.Annotation(v.Field("annotation"), p+".annotation", sch, labels)
		f.Orphans[i] = annotations.Orphan{Annotation: a, Reason: d.FieldStr(v, p, "reason")}
	}
	rels := d.FieldArray(root, "", "relations")
	if len(rels) > d.Lim.Relations {
		d.Fail(root.Field("relations"), "relations", "%d relations are more than the limit of %d", len(rels), d.Lim.Relations)
	}
	if d.Err != nil {
		return nil
	}
	f.Relations = make([]annotations.Relation, len(rels))
	relIDs := make(map[string]int, len(rels))
	type link struct{ typ, from, to string }
	links := make(map[link]int, len(rels))
	for i, v := range rels {
		p := jsonio.Index("relations", i)
		if !d.Object(v, p, relationFields, 4) {
			return nil
		}
		r := annotations.Relation{ID: d.FieldStr(v, p, "id"), Type: d.FieldStr(v, p, "type"), From: d.FieldStr(v, p, "from"), To: d.FieldStr(v, p, "to")}
		if d.Err != nil {
			return nil
		}
		rt, typeOK := sch.Relation(r.Type)
		fromLabel, fromOK := labels[r.From]
		toLabel, toOK := labels[r.To]
		j, used := relIDs[r.ID]
		k, repeated := links[link{r.Type, r.From, r.To}]
		switch {
		case r.ID == "":
			d.Fail(v.Field("id"), p+".id", "empty")
		case used:
			d.Fail(v.Field("id"), p+".id", "%q is used twice (also relations[%d])", r.ID, j)
		case !typeOK:
			d.Fail(v.Field("type"), p+".type", "unknown relation type %q", r.Type)
		case !fromOK:
			d.Fail(v.Field("from"), p+".from", "no annotation has id %q", r.From)
		case !toOK:
			d.Fail(v.Field("to"), p+".to", "no annotation has id %q", r.To)
		case r.From == r.To:
			d.Fail(v.Field("to"), p+".to", "links annotation %q to itself", r.To)
		case !rt.Allows(fromLabel, toLabel):
			d.Fail(v, p, "a %q relation cannot go from %s to %s", r.Type, fromLabel, toLabel)
		case repeated:
			d.Fail(v, p, "repeats relations[%d] (%q): same type, from and to", k, f.Relations[k].ID)
		}
		if d.Err != nil {
			return nil
		}
		relIDs[r.ID] = i
		links[link{r.Type, r.From, r.To}] = i
		f.Relations[i] = r
	}
	return f
}

func (d *decoder) document(v *jsonio.Value) annotations.FileDocument {
	const p = "document"
	if !d.Object(v, p, documentFields, 3) {
		return annotations.FileDocument{}
	}
	doc := annotations.FileDocument{
		ID:     d.FieldStr(v, p, "id"),
		Length: d.FieldInt(v, p, "length"),
		Text:   d.FieldStr(v, p, "text"),
		Title:  d.FieldStr(v, p, "title"),
		Source: d.FieldStr(v, p, "source"),
	}
	if d.Err != nil {
		return doc
	}
	d.detached = d.detached && doc.Text == ""
	if d.detached {
		return doc // its id and length name a text that is elsewhere
	}
	if norm := annotations.Normalize(doc.Text); norm != doc.Text {
		what := "carriage returns; lines must end with LF alone"
		if strings.HasPrefix(doc.Text, "\uFEFF") {
			what = "a byte order mark at the start"
		}
		d.Fail(v.Field("text"), "document.text", "is not normalised: it has %s", what)
		return doc
	}
	if n := utf8.RuneCountInString(doc.Text); doc.Length != n {
		d.Fail(v.Field("length"), "document.length", "%d is not the length of the text (%d code points)", doc.Length, n)
		return doc
	}
	if id := annotations.DocumentID(doc.Text); doc.ID != id {
		d.Fail(v.Field("id"), "document.id", "%q is not the identity of the text, which is %q", doc.ID, id)
	}
	return doc
}
