// Package w3c reads and writes the W3C Web Annotation model as JSON-LD,
// the interchange format for other annotation tools: [Encode] writes an
// [annotations.File] as an AnnotationCollection and [Decode] reads that and
// the text annotations of other tools. The mapping is described for users
// in docs/format.md, section "W3C Web Annotation"; a change here must be
// made there too. conformance_test.go checks the output against the
// Working Group's test schemas in testdata/conformance.
//
// The browser program does not link this package (tools/internal/deps
// says so): its worker (wasm/worker) exports and imports W3C files for it.
package w3c

import (
	"errors"
	"slices"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

const (
	// w3cContext is the JSON-LD context of the Web Annotation model.
	w3cContext = "http://www.w3.org/ns/anno.jsonld"
	// w3cNamespace is what the "spanmark:" prefix of our extension
	// properties stands for: the page that documents them.
	w3cNamespace = "https://github.com/spanmark/spanmark/blob/main/docs/format.md#"
	// w3cGenerator is the IRI of the software that writes the export.
	w3cGenerator = "https://github.com/spanmark/spanmark"
	// urnPrefix turns a document id "sha256:<hex>" into the IRI of the
	// document, "urn:sha256:<hex>", the target source of every annotation.
	// The content hash names the text wherever it came from, so exports of
	// the same text by different people target the same IRI.
	urnPrefix = "urn:"
)

// w3cExtensionContext lists the terms of the JSON-LD context of our
// extension properties, in the order they are written: the "spanmark:"
// prefix, and each property typed as a JSON literal, so that a JSON-LD
// processor keeps their values whole instead of reading their "id" fields
// as IRIs and dropping the fields it has no terms for. ("@json" is JSON-LD
// 1.1; a 1.0 processor ignores the type and keeps the prefix.)
var w3cExtensionContext = [...]string{"spanmark:conflict", "spanmark:document", "spanmark:orphans", "spanmark:schema"}

// The W3C purposes and motivations Spanmark writes. See docs/format.md.
const (
	purposeLabel    = "tagging"     // the label, and a relation's type
	purposeEntity   = "identifying" // the entity, a canonical name
	purposeNote     = "commenting"  // the note
	purposeLink     = "linking"     // a relation's "to" annotation
	motivationLink  = "linking"     // a relation annotation
	typeAnnotation  = "Annotation"
	typeCollection  = "AnnotationCollection"
	typePage        = "AnnotationPage"
	typeTextual     = "TextualBody"
	typeSpecific    = "SpecificResource"
	typeQuote       = "TextQuoteSelector"
	typePosition    = "TextPositionSelector"
	typeChoice      = "Choice"
	w3cCollectionID = "annotations"        // fragment of the collection's IRI
	w3cPageID       = "annotations-page-1" // fragment of its one page's IRI
)

// documentIRI returns the IRI that names the document of f in an export:
// "urn:sha256:<hex>" for a document with an id, else its source when that
// is an absolute IRI (a file read from another tool's export names its
// document that way), else an error.
func documentIRI(d annotations.FileDocument) (string, error) {
	if strings.HasPrefix(d.ID, "sha256:") && isAbsoluteIRI(urnPrefix+d.ID) {
		return urnPrefix + d.ID, nil
	}
	if d.ID == "" && isAbsoluteIRI(d.Source) {
		return d.Source, nil
	}
	if d.ID != "" {
		return "", lite.Errorf("document id %q is not of the form sha256:<hex>", d.ID)
	}
	return "", errors.New("the document has neither a sha256 id nor a source IRI to name it by")
}

// isAbsoluteIRI reports whether s is an IRI with a scheme and no fragment,
// so that "#" and an annotation id can be appended to it: a scheme (a
// letter, then letters, digits, "+", "-" or "."; RFC 3987 section 2.2)
// and a colon, and then no "#", space or control character.
func isAbsoluteIRI(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon < 1 || !isSchemeStart(s[0]) {
		return false
	}
	for i := 1; i < colon; i++ {
		if c := s[i]; !isSchemeStart(c) && !('0' <= c && c <= '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	for i := colon + 1; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f || c == '#' {
			return false
		}
	}
	return strings.TrimSpace(s) == s
}

func isSchemeStart(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// localIRI returns the IRI of the annotation or relation id in the export of
// the document named doc: doc, "#", and the id escaped as a fragment.
func localIRI(doc, id string) string { return doc + "#" + lite.PathEscape(id) }

// Encode writes f as a W3C Web Annotation AnnotationCollection in
// JSON-LD ("@context": "http://www.w3.org/ns/anno.jsonld"), with one
// embedded AnnotationPage holding every annotation and relation. Each
// annotation targets the document, named "urn:sha256:<hex>" after its
// [annotations.Document] id, with a TextQuoteSelector and a TextPositionSelector; its
// label is a TextualBody with purpose "tagging", its entity one with purpose
// "identifying" and its note one with purpose "commenting". A relation is an
// annotation with motivation "linking" whose target is the "from"
// annotation and whose bodies are the relation type (purpose "tagging") and
// the "to" annotation (a SpecificResource with purpose "linking").
//
// The text is not written: a W3C export names its document and is read back
// onto the article that is loaded (see [Decode]). The schema, the
// document's title, source and length and the orphans travel in extension
// properties prefixed "spanmark:", which other tools ignore. The output is
// deterministic like [Encode]'s: annotations ordered by [Compare], relations
// by id, two-space indent, a trailing newline.
func Encode(f *annotations.File) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode w3c: no file")
	}
	doc, err := documentIRI(f.Document)
	if err != nil {
		return nil, lite.Errorf("encode w3c: %w", err)
	}
	// The writer produces what encoding/json's Encoder with SetIndent("",
	// "  ") and SetEscapeHTML(false) would (the tests check this). About
	// 1.4 KB per annotation and 0.6 KB per relation, indented.
	w := &jsonio.Writer{Buf: make([]byte, 0, 2048+1500*len(f.Annotations)+600*len(f.Relations))}
	w.Open('{')
	writeContext(w, w3cExtensionContext[:])
	w.Str("id", localIRI(doc, w3cCollectionID))
	w.Str("type", typeCollection)
	w.StrOmit("label", f.Document.Title)
	w.IntField("total", len(f.Annotations)+len(f.Relations))
	writeCreator(w, f.Annotator)
	writeGenerator(w, f.Exported)
	w.Key("spanmark:document")
	w.Open('{')
	writeDocumentFields(w, f.Document)
	w.Close('}')
	w.Key("spanmark:schema")
	w.Schema(f.Schema)
	if len(f.Orphans) > 0 {
		w.Key("spanmark:orphans")
		w.Orphans(f.Orphans)
	}
	w.Key("first")
	w.Open('{')
	w.Str("id", localIRI(doc, w3cPageID))
	w.Str("type", typePage)
	w.IntField("startIndex", 0)
	w.Key("items")
	w.Open('[')
	if err := writeItems(w, f, doc); err != nil {
		return nil, err
	}
	w.Close(']')
	w.Close('}')
	w.Close('}')
	return append(w.Buf, '\n'), nil
}

// writeContext writes the "@context" of an export: the Web Annotation
// context and the terms of the extension properties it uses.
func writeContext(w *jsonio.Writer, terms []string) {
	w.Key("@context")
	w.Open('[')
	w.StrElem(w3cContext)
	w.Elem()
	w.Open('{')
	w.Str("spanmark", w3cNamespace)
	for _, term := range terms {
		w.Key(term)
		w.Open('{')
		w.Str("@type", "@json")
		w.Close('}')
	}
	w.Close('}')
	w.Close(']')
}

// writeItems writes the annotations of f, ordered by [annotations.Compare],
// then its relations by id, as the elements of a page's items, each
// targeting the document named doc.
func writeItems(w *jsonio.Writer, f *annotations.File, doc string) error {
	anns := make([]*annotations.Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
	}
	slices.SortStableFunc(anns, annotations.Compare)
	rels := jsonio.SortedRelations(f.Relations)

	for _, a := range anns {
		if a.ID == "" || a.Quote == "" {
			return lite.Errorf("encode w3c: annotation %q at [%d,%d): empty id or quote", a.ID, a.Start, a.End)
		}
		w.Elem()
		w.Open('{')
		w.Str("id", localIRI(doc, a.ID))
		w.Str("type", typeAnnotation)
		writeCreator(w, f.Annotator)
		w.StrOmit("created", jsonio.FormatTime(a.Created))
		w.StrOmit("modified", jsonio.FormatTime(a.Modified))
		w.Key("body")
		w.Open('[')
		writeTextualBody(w, purposeLabel, labelTag(f.Schema, a.Label))
		if a.Entity != "" {
			writeTextualBody(w, purposeEntity, a.Entity)
		}
		if a.Note != "" {
			writeTextualBody(w, purposeNote, a.Note)
		}
		w.Close(']')
		w.Key("target")
		w.Open('{')
		w.Str("type", typeSpecific)
		w.Str("source", doc)
		w.Key("selector")
		w.Open('[')
		w.Elem()
		w.Open('{')
		w.Str("type", typeQuote)
		w.Str("exact", a.Quote)
		w.StrOmit("prefix", a.Prefix)
		w.StrOmit("suffix", a.Suffix)
		w.Close('}')
		// A span of a file read from another tool may have no position
		// yet (End <= Start) until it is placed; it is written by quote.
		if a.End > a.Start && a.Start >= 0 {
			w.Elem()
			w.Open('{')
			w.Str("type", typePosition)
			w.IntField("start", a.Start)
			w.IntField("end", a.End)
			w.Close('}')
		}
		w.Close(']')
		w.Close('}')
		if a.Conflict != nil {
			w.Key("spanmark:conflict")
			w.Conflict(a.Conflict)
		}
		w.Close('}')
	}
	for _, r := range rels {
		if r.ID == "" {
			return lite.Errorf("encode w3c: relation %s from %q to %q: empty id", r.Type, r.From, r.To)
		}
		w.Elem()
		w.Open('{')
		w.Str("id", localIRI(doc, r.ID))
		w.Str("type", typeAnnotation)
		w.Str("motivation", motivationLink)
		w.Key("body")
		w.Open('[')
		writeTextualBody(w, purposeLabel, relationTag(f.Schema, r.Type))
		w.Elem()
		w.Open('{')
		w.Str("type", typeSpecific)
		w.Str("purpose", purposeLink)
		w.Str("source", localIRI(doc, r.To))
		w.Close('}')
		w.Close(']')
		w.Str("target", localIRI(doc, r.From))
		w.Close('}')
	}
	return nil
}

// writeCreator writes the creator of an export, a Person named name, unless
// name is empty.
// writeGenerator writes the generator (Spanmark) and when it generated
// the file, if known.
func writeGenerator(w *jsonio.Writer, exported annotations.Time) {
	w.Key("generator")
	w.Open('{')
	w.Str("id", w3cGenerator)
	w.Str("type", "Software")
	w.Str("name", "Spanmark")
	w.Close('}')
	w.StrOmit("generated", jsonio.FormatTime(exported))
}

// writeDocumentFields writes what a file says of its document, in an open
// object: its id, title, source and length.
func writeDocumentFields(w *jsonio.Writer, d annotations.FileDocument) {
	w.StrOmit("id", d.ID)
	w.StrOmit("title", d.Title)
	w.StrOmit("source", d.Source)
	w.IntField("length", d.Length)
}

func writeCreator(w *jsonio.Writer, name string) {
	if name == "" {
		return
	}
	w.Key("creator")
	w.Open('{')
	w.Str("type", "Person")
	w.Str("name", name)
	w.Close('}')
}

// writeTextualBody writes a TextualBody element with a purpose and a value.
func writeTextualBody(w *jsonio.Writer, purpose, value string) {
	w.Elem()
	w.Open('{')
	w.Str("type", typeTextual)
	w.Str("purpose", purpose)
	w.Str("value", value)
	w.Close('}')
}

// labelTag is the tag [Encode] writes for the label id of sch: the
// label's name, so that another tool shows the word people chose, such as
// "外交" rather than the id "label-5" made up for it. The id is written
// instead for the labels of [annotations.DefaultSchema] (Spanmark's files
// have always tagged "actor"), for a label without a name, and where the
// name could be read back as another label (it is another label's id, or
// another label's name but for case), since [Decode] finds a tag by id
// first and then by name.
func labelTag(sch annotations.Schema, id string) string {
	l, ok := sch.Label(id)
	if d, isDef := annotations.DefaultSchema().Label(id); !ok || l.Name == "" || isDef && d.Name == l.Name {
		return id
	}
	for _, o := range sch.Labels {
		if o.ID != id && (o.ID == l.Name || strings.EqualFold(o.Name, l.Name)) {
			return id
		}
	}
	return l.Name
}

// relationTag is [labelTag] for relation types.
func relationTag(sch annotations.Schema, id string) string {
	r, ok := sch.Relation(id)
	if d, isDef := annotations.DefaultSchema().Relation(id); !ok || r.Name == "" || isDef && d.Name == r.Name {
		return id
	}
	for _, o := range sch.Relations {
		if o.ID != id && (o.ID == r.Name || strings.EqualFold(o.Name, r.Name)) {
			return id
		}
	}
	return r.Name
}
