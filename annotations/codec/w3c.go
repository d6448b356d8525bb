package codec

// This file holds the W3C Web Annotation interchange format: [EncodeW3C]
// writes an [annotations.File] as a JSON-LD AnnotationCollection and [DecodeW3C] reads
// that and the text annotations of other tools. The mapping is described for
// users in docs/format.md, section "W3C Web Annotation"; a change here must
// be made there too. conformance_test.go checks the output against the
// Working Group's test schemas in testdata/conformance.

import (
	"errors"
	"slices"
	"strings"

	"github.com/spanmark/spanmark/annotations"
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

// EncodeW3C writes f as a W3C Web Annotation AnnotationCollection in
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
// onto the article that is loaded (see [DecodeW3C]). The schema, the
// document's title, source and length and the orphans travel in extension
// properties prefixed "spanmark:", which other tools ignore. The output is
// deterministic like [Encode]'s: annotations ordered by [Compare], relations
// by id, two-space indent, a trailing newline.
func EncodeW3C(f *annotations.File) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode w3c: no file")
	}
	doc, err := documentIRI(f.Document)
	if err != nil {
		return nil, lite.Errorf("encode w3c: %w", err)
	}
	anns := make([]*annotations.Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
	}
	slices.SortStableFunc(anns, annotations.Compare)
	rels := sortedRelations(f.Relations)

	// The writer produces what encoding/json's Encoder with SetIndent("",
	// "  ") and SetEscapeHTML(false) would (the tests check this). About
	// 1.4 KB per annotation and 0.6 KB per relation, indented.
	w := jsonWriter{b: make([]byte, 0, 2048+1500*len(f.Annotations)+600*len(f.Relations))}
	w.open('{')
	w.key("@context")
	w.open('[')
	w.strElem(w3cContext)
	w.elem()
	w.open('{')
	w.str("spanmark", w3cNamespace)
	for _, term := range w3cExtensionContext {
		w.key(term)
		w.open('{')
		w.str("@type", "@json")
		w.close('}')
	}
	w.close('}')
	w.close(']')
	w.str("id", localIRI(doc, w3cCollectionID))
	w.str("type", typeCollection)
	w.strOmit("label", f.Document.Title)
	w.intField("total", len(f.Annotations)+len(f.Relations))
	w.w3cCreator(f.Annotator)
	w.key("generator")
	w.open('{')
	w.str("id", w3cGenerator)
	w.str("type", "Software")
	w.str("name", "Spanmark")
	w.close('}')
	w.strOmit("generated", formatTime(f.Exported))
	w.key("spanmark:document")
	w.open('{')
	w.strOmit("id", f.Document.ID)
	w.strOmit("title", f.Document.Title)
	w.strOmit("source", f.Document.Source)
	w.intField("length", f.Document.Length)
	w.close('}')
	w.key("spanmark:schema")
	w.schema(f.Schema)
	if len(f.Orphans) > 0 {
		w.key("spanmark:orphans")
		w.orphans(f.Orphans)
	}
	w.key("first")
	w.open('{')
	w.str("id", localIRI(doc, w3cPageID))
	w.str("type", typePage)
	w.intField("startIndex", 0)
	w.key("items")
	w.open('[')
	for _, a := range anns {
		if a.ID == "" || a.Quote == "" {
			return nil, lite.Errorf("encode w3c: annotation %q at [%d,%d): empty id or quote", a.ID, a.Start, a.End)
		}
		w.elem()
		w.open('{')
		w.str("id", localIRI(doc, a.ID))
		w.str("type", typeAnnotation)
		w.w3cCreator(f.Annotator)
		w.strOmit("created", formatTime(a.Created))
		w.strOmit("modified", formatTime(a.Modified))
		w.key("body")
		w.open('[')
		w.textualBody(purposeLabel, labelTag(f.Schema, a.Label))
		if a.Entity != "" {
			w.textualBody(purposeEntity, a.Entity)
		}
		if a.Note != "" {
			w.textualBody(purposeNote, a.Note)
		}
		w.close(']')
		w.key("target")
		w.open('{')
		w.str("type", typeSpecific)
		w.str("source", doc)
		w.key("selector")
		w.open('[')
		w.elem()
		w.open('{')
		w.str("type", typeQuote)
		w.str("exact", a.Quote)
		w.strOmit("prefix", a.Prefix)
		w.strOmit("suffix", a.Suffix)
		w.close('}')
		// A span of a file read from another tool may have no position
		// yet (End <= Start) until it is placed; it is written by quote.
		if a.End > a.Start && a.Start >= 0 {
			w.elem()
			w.open('{')
			w.str("type", typePosition)
			w.intField("start", a.Start)
			w.intField("end", a.End)
			w.close('}')
		}
		w.close(']')
		w.close('}')
		if a.Conflict != nil {
			w.key("spanmark:conflict")
			w.conflict(a.Conflict)
		}
		w.close('}')
	}
	for _, r := range rels {
		if r.ID == "" {
			return nil, lite.Errorf("encode w3c: relation %s from %q to %q: empty id", r.Type, r.From, r.To)
		}
		w.elem()
		w.open('{')
		w.str("id", localIRI(doc, r.ID))
		w.str("type", typeAnnotation)
		w.str("motivation", motivationLink)
		w.key("body")
		w.open('[')
		w.textualBody(purposeLabel, relationTag(f.Schema, r.Type))
		w.elem()
		w.open('{')
		w.str("type", typeSpecific)
		w.str("purpose", purposeLink)
		w.str("source", localIRI(doc, r.To))
		w.close('}')
		w.close(']')
		w.str("target", localIRI(doc, r.From))
		w.close('}')
	}
	w.close(']')
	w.close('}')
	w.close('}')
	return append(w.b, '\n'), nil
}

// w3cCreator writes the creator of an export, a Person named name, unless
// name is empty.
func (w *jsonWriter) w3cCreator(name string) {
	if name == "" {
		return
	}
	w.key("creator")
	w.open('{')
	w.str("type", "Person")
	w.str("name", name)
	w.close('}')
}

// textualBody writes a TextualBody element with a purpose and a value.
func (w *jsonWriter) textualBody(purpose, value string) {
	w.elem()
	w.open('{')
	w.str("type", typeTextual)
	w.str("purpose", purpose)
	w.str("value", value)
	w.close('}')
}

// labelTag is the tag [EncodeW3C] writes for the label id of sch: the
// label's name, so that another tool shows the word people chose, such as
// "外交" rather than the id "label-5" made up for it. The id is written
// instead for the labels of [annotations.DefaultSchema] (Spanmark's files
// have always tagged "actor"), for a label without a name, and where the
// name could be read back as another label (it is another label's id, or
// another label's name but for case), since [DecodeW3C] finds a tag by id
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
