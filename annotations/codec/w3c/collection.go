package w3c

import (
	"bytes"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Collection describes the AnnotationCollection that [EncodeAll] writes.
type Collection struct {
	// ID is the collection's IRI: absolute, without a fragment. Its
	// page is named ID + "#annotations-page-1".
	ID string
	// Label is the collection's name; "" writes none.
	Label string
	// Annotator is the creator of the collection; "" writes none. Each
	// annotation's creator is its file's Annotator.
	Annotator string
	// Exported is when the collection was made; 0 writes none.
	Exported annotations.Time
	// Schema is the schema every file has, written once.
	Schema annotations.Schema
}

// w3cAllContext is [w3cExtensionContext] with the property that lists
// the documents of a collection of several.
var w3cAllContext = []string{"spanmark:conflict", "spanmark:document", "spanmark:documents", "spanmark:orphans", "spanmark:schema"}

// EncodeAll writes the work on several documents, such as a project's
// corpus, as one AnnotationCollection with one embedded AnnotationPage:
// the annotations and relations of each file as [Encode] writes them,
// file after file, each targeting its own document, named
// "urn:sha256:<hex>" after the document's id. Every file must have
// c.Schema, and no two files the same document (their annotations' IRIs
// would be the same).
//
// The extension property "spanmark:documents" lists the files'
// documents in order, each with its id, title, source, length and
// orphans, as "spanmark:document" and "spanmark:orphans" do for one.
// The output is deterministic and formatted like [Encode]'s.
func EncodeAll(c Collection, files []*annotations.File) ([]byte, error) {
	if !isAbsoluteIRI(c.ID) {
		return nil, lite.Errorf("encode w3c: the collection's id %q is not an absolute IRI without a fragment", c.ID)
	}
	docs := make([]string, len(files))
	seen := make(map[string]int, len(files))
	sch := schemaBytes(c.Schema)
	total := 0
	for i, f := range files {
		if f == nil {
			return nil, lite.Errorf("encode w3c: file %d: no file", i+1)
		}
		doc, err := documentIRI(f.Document)
		if err != nil {
			return nil, lite.Errorf("encode w3c: file %d: %w", i+1, err)
		}
		if j, ok := seen[doc]; ok {
			return nil, lite.Errorf("encode w3c: files %d and %d are of the same document %s", j+1, i+1, doc)
		}
		if !bytes.Equal(schemaBytes(f.Schema), sch) {
			return nil, lite.Errorf("encode w3c: file %d: its schema is not the collection's", i+1)
		}
		seen[doc], docs[i] = i, doc
		total += len(f.Annotations) + len(f.Relations)
	}

	w := &jsonio.Writer{Buf: make([]byte, 0, 4096+1500*total)}
	w.Open('{')
	writeContext(w, w3cAllContext)
	w.Str("id", c.ID)
	w.Str("type", typeCollection)
	w.StrOmit("label", c.Label)
	w.IntField("total", total)
	writeCreator(w, c.Annotator)
	writeGenerator(w, c.Exported)
	w.Key("spanmark:documents")
	w.Open('[')
	for _, f := range files {
		w.Elem()
		w.Open('{')
		writeDocumentFields(w, f.Document)
		if len(f.Orphans) > 0 {
			w.Key("orphans")
			w.Orphans(f.Orphans)
		}
		w.Close('}')
	}
	w.Close(']')
	w.Key("spanmark:schema")
	w.Schema(c.Schema)
	w.Key("first")
	w.Open('{')
	w.Str("id", c.ID+"#"+w3cPageID)
	w.Str("type", typePage)
	w.IntField("startIndex", 0)
	w.Key("items")
	w.Open('[')
	for i, f := range files {
		if err := writeItems(w, f, docs[i]); err != nil {
			return nil, err
		}
	}
	w.Close(']')
	w.Close('}')
	w.Close('}')
	return append(w.Buf, '\n'), nil
}

// schemaBytes is s as written, for comparing schemas.
func schemaBytes(s annotations.Schema) []byte {
	w := &jsonio.Writer{}
	w.Schema(s)
	return w.Buf
}
