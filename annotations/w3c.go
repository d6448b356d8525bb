package annotations

// This file holds the W3C Web Annotation interchange format: [EncodeW3C]
// writes a [File] as a JSON-LD AnnotationCollection and [DecodeW3C] reads
// that and the text annotations of other tools. The mapping is described for
// users in docs/format.md, section "W3C Web Annotation"; a change here must
// be made there too. conformance_test.go checks the output against the
// Working Group's test schemas in testdata/conformance.

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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
func documentIRI(d FileDocument) (string, error) {
	if strings.HasPrefix(d.ID, "sha256:") && isAbsoluteIRI(urnPrefix+d.ID) {
		return urnPrefix + d.ID, nil
	}
	if d.ID == "" && isAbsoluteIRI(d.Source) {
		return d.Source, nil
	}
	if d.ID != "" {
		return "", errorf("document id %q is not of the form sha256:<hex>", d.ID)
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
func localIRI(doc, id string) string { return doc + "#" + pathEscape(id) }

// pathEscape escapes s as net/url's PathEscape does: every byte but
// letters, digits and "-_.~$&+:=@" as %XX with upper-case hex digits.
func pathEscape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if shouldEscapeInPath(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const upperHex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		if c := s[i]; shouldEscapeInPath(c) {
			b = append(b, '%', upperHex[c>>4], upperHex[c&0xF])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

func shouldEscapeInPath(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return false
	}
	return !strings.ContainsRune("-_.~$&+:=@", rune(c))
}

// pathUnescape undoes [pathEscape] as net/url's PathUnescape does: each %XX
// becomes the byte 0xXX, and a "%" not followed by two hex digits is an
// error.
func pathUnescape(s string) (string, error) {
	if strings.IndexByte(s, '%') < 0 {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) || unhex(s[i+1]) < 0 || unhex(s[i+2]) < 0 {
			return "", errorf("invalid URL escape %q", s[i:min(i+3, len(s))])
		}
		b = append(b, byte(unhex(s[i+1])<<4|unhex(s[i+2])))
		i += 2
	}
	return string(b), nil
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}

// EncodeW3C writes f as a W3C Web Annotation AnnotationCollection in
// JSON-LD ("@context": "http://www.w3.org/ns/anno.jsonld"), with one
// embedded AnnotationPage holding every annotation and relation. Each
// annotation targets the document, named "urn:sha256:<hex>" after its
// [Document] id, with a TextQuoteSelector and a TextPositionSelector; its
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
// deterministic like [Encode]'s: annotations ordered by [Less], relations
// by id, two-space indent, a trailing newline.
func EncodeW3C(f *File) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode w3c: no file")
	}
	doc, err := documentIRI(f.Document)
	if err != nil {
		return nil, errorf("encode w3c: %w", err)
	}
	anns := make([]*Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
	}
	slices.SortStableFunc(anns, compareAnnotations)
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
			return nil, errorf("encode w3c: annotation %q at [%d,%d): empty id or quote", a.ID, a.Start, a.End)
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
		w.textualBody(purposeLabel, a.Label)
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
			return nil, errorf("encode w3c: relation %s from %q to %q: empty id", r.Type, r.From, r.To)
		}
		w.elem()
		w.open('{')
		w.str("id", localIRI(doc, r.ID))
		w.str("type", typeAnnotation)
		w.str("motivation", motivationLink)
		w.key("body")
		w.open('[')
		w.textualBody(purposeLabel, r.Type)
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

// DecodeW3C reads W3C Web Annotations in JSON-LD: what [EncodeW3C] writes,
// and the text annotations of other tools as a single Annotation, an
// AnnotationPage, an AnnotationCollection with its first page embedded, or a
// JSON array of Annotations. Every annotation must target one text with a
// TextQuoteSelector (a TextPositionSelector is used as a hint), given as the
// target's selector, in a list of selectors or in a Choice of them; and it
// must carry its label as a TextualBody with purpose "tagging" or
// "classifying" whose value is the id or the name of a label of the schema.
// A body with purpose "identifying" gives the entity, and one with purpose
// "commenting" or "describing", or none, gives the note. Annotations with
// motivation "linking" whose targets have no selector are relations (see
// [EncodeW3C]; two targets, [from, to] in that order, with the type as a
// tagging body, are read too). Unfamiliar properties and bodies are
// ignored, as the model asks.
//
// The schema is the one in "spanmark:schema", or [DefaultSchema] when the
// input has none. The file's annotator is the name of the collection's
// creator, or of the creator that all annotations share. Every error is a [*PathError] with the JSON path and line,
// such as
//
//	line 12: first.items[3].body[0].value: unknown label "love" (the schema has actor, claim, proposal)
//
// A W3C export does not hold the text, so the returned file has none: it
// applies to the article that is loaded. Call [File.Place] with that
// document; it checks each quote against the text and anchors again, by
// quote and context, annotations whose text moved or that had no position.
func DecodeW3C(data []byte) (*File, error) {
	return decodeW3C(data, defaultLimits)
}

func decodeW3C(data []byte, lim limits) (*File, error) {
	if len(data) > lim.size {
		return nil, &PathError{Err: errorf("decode w3c: the file is %d bytes, more than the limit of %d", len(data), lim.size)}
	}
	if !utf8.Valid(data) {
		off := invalidUTF8At(data)
		return nil, &PathError{Line: lineAt(data, off), Err: errorf("invalid UTF-8 at byte %d", off)}
	}
	p := parser{data: data}
	root, err := p.parse()
	if err != nil {
		return nil, err
	}
	w := w3cDecoder{decoder: decoder{data: data, lim: lim}}
	f := w.file(root)
	if w.err != nil {
		return nil, w.err
	}
	return f, nil
}

// w3cDecoder turns a parsed W3C document into a File. Like [decoder], whose
// helpers it uses, it keeps only the first error.
type w3cDecoder struct {
	decoder
	schema Schema
	// doc is the IRI of the document: set by spanmark:document, or by the
	// first target source read.
	doc     string
	docPath string
	// byIRI maps the IRI of each span annotation read to its local id.
	byIRI map[string]string
	ids   map[string]string // local id -> label, of annotations and orphans
	// iris maps the IRI of every item read to its path, to refuse repeats.
	iris map[string]string
	// creators are the names of the creators of the span annotations, and
	// uncredited counts those without one: when all share one name and the
	// collection names none, it is the file's annotator.
	creators   map[string]bool
	uncredited int
}

// w3cItem is an annotation of the input with where it is.
type w3cItem struct {
	v    *jvalue
	path string
	iri  string
}

func (w *w3cDecoder) file(root *jvalue) *File {
	f := &File{Spanmark: Version}
	w.schema = DefaultSchema()
	w.byIRI = map[string]string{}
	w.ids = map[string]string{}
	w.iris = map[string]string{}
	w.creators = map[string]bool{}
	var items []*jvalue
	itemsPath := ""
	single := false
	switch {
	case root.kind == kindArray:
		items = root.elems
	case root.kind != kindObject:
		w.wrongType(root, "", "an Annotation, AnnotationPage or AnnotationCollection object")
		return nil
	case w.hasType(root, "", typeCollection):
		items, itemsPath = w.collection(root, f)
	case w.hasType(root, "", typePage):
		items, itemsPath = w.page(root, "")
	case w.hasType(root, "", typeAnnotation):
		items, single = []*jvalue{root}, true
	default:
		if w.err == nil {
			w.fail(root, "type", "got %s, want Annotation, AnnotationPage or AnnotationCollection", describeJSON(root.field("type")))
		}
	}
	if w.err != nil {
		return nil
	}
	if len(items) > w.lim.annotations {
		w.fail(root, itemsPath, "%d annotations are more than the limit of %d", len(items), w.lim.annotations)
		return nil
	}
	// Spans first, so that relations can refer to any of them.
	var links, spanItems []w3cItem
	for i, v := range items {
		path := itemsPath
		if !single {
			path = index(itemsPath, i)
		}
		it, isLink := w.item(v, path)
		if w.err != nil {
			return nil
		}
		if isLink {
			links = append(links, it)
			continue
		}
		a := w.span(it)
		if w.err != nil {
			return nil
		}
		f.Annotations = append(f.Annotations, a)
		spanItems = append(spanItems, it)
	}
	if w.doc == "" {
		w.fail(root, itemsPath, "no annotations, and nothing names the document they belong to")
		return nil
	}
	type span struct {
		label      string
		start, end int
	}
	spans := map[span]int{}
	for i, a := range f.Annotations {
		if a.End <= a.Start {
			continue // placed by quote later
		}
		if j, ok := spans[span{a.Label, a.Start, a.End}]; ok {
			w.fail(spanItems[i].v, spanItems[i].path, "same label and span [%d,%d) as %s", a.Start, a.End, spanItems[j].path)
			return nil
		}
		spans[span{a.Label, a.Start, a.End}] = i
	}
	type link struct{ typ, from, to string }
	seen := map[link]string{}
	relIDs := map[string]bool{}
	for _, it := range links {
		r := w.relation(it, relIDs, len(f.Relations))
		if w.err != nil {
			return nil
		}
		l := link{r.Type, r.From, r.To}
		if p, ok := seen[l]; ok {
			w.fail(it.v, it.path, "repeats %s: same type, from and to", p)
			return nil
		}
		seen[l] = it.path
		relIDs[r.ID] = true
		f.Relations = append(f.Relations, r)
	}
	// Files list annotations by [Less] and relations by id, as Encode
	// writes them, whatever order the input had.
	sortStableFunc(f.Annotations, compareAnnotations)
	sortStableFunc(f.Relations, compareRelations)
	f.Annotations = nonNil(f.Annotations)
	f.Relations = nonNil(f.Relations)
	f.Schema = w.schema
	if f.Annotator == "" && len(w.creators) == 1 && w.uncredited == 0 {
		for name := range w.creators {
			f.Annotator = name
		}
	}
	if f.Document.ID == "" && f.Document.Source == "" && w.doc != "" {
		if hex, ok := strings.CutPrefix(w.doc, urnPrefix+"sha256:"); ok {
			f.Document.ID = "sha256:" + hex
		} else {
			f.Document.Source = w.doc
		}
	}
	return f
}

// collection reads an AnnotationCollection's own properties into f and
// returns the items of its embedded first page.
func (w *w3cDecoder) collection(v *jvalue, f *File) ([]*jvalue, string) {
	if s := v.field("spanmark:schema"); s != nil {
		sd := decoder{data: w.data, lim: w.lim}
		sch := sd.schema(s)
		if sd.err != nil {
			// decoder.schema names paths from "schema"; ours is an extension.
			if pe, ok := asError[*PathError](sd.err); ok && strings.HasPrefix(pe.Path, "schema") {
				pe.Path = "spanmark:" + pe.Path
			}
			w.err = sd.err
			return nil, ""
		}
		w.schema = sch
	}
	if dv := v.field("spanmark:document"); dv != nil {
		m := w.fields(dv, "spanmark:document", []string{"id", "title", "source", "length"}, 0)
		if m == nil {
			return nil, ""
		}
		f.Document = FileDocument{
			ID:     w.str(m["id"], "spanmark:document.id"),
			Title:  w.str(m["title"], "spanmark:document.title"),
			Source: w.str(m["source"], "spanmark:document.source"),
			Length: w.int(m["length"], "spanmark:document.length"),
		}
		if w.err != nil {
			return nil, ""
		}
		if f.Document.Length < 0 {
			w.fail(m["length"], "spanmark:document.length", "%d is negative", f.Document.Length)
			return nil, ""
		}
		doc, err := documentIRI(f.Document)
		if err != nil {
			w.fail(dv, "spanmark:document", "%v", err)
			return nil, ""
		}
		w.doc, w.docPath = doc, "spanmark:document"
	} else if l := v.field("label"); l != nil && l.kind == kindString {
		f.Document.Title = l.s
	}
	if c := v.field("creator"); c != nil {
		f.Annotator = w.agentName(c, "creator")
	}
	f.Exported = w.time(v.field("generated"), "generated")
	if ov := v.field("spanmark:orphans"); ov != nil {
		orphans := w.array(ov, "spanmark:orphans")
		if len(orphans) > w.lim.annotations {
			w.fail(ov, "spanmark:orphans", "%d orphans are more than the limit of %d", len(orphans), w.lim.annotations)
		}
		for i, o := range orphans {
			p := index("spanmark:orphans", i)
			om := w.fields(o, p, orphanFields, 2)
			if om == nil {
				return nil, ""
			}
			a, _ := w.annotation(om["annotation"], p+".annotation", &w.schema, w.ids)
			f.Orphans = append(f.Orphans, Orphan{Annotation: a, Reason: w.str(om["reason"], p+".reason")})
			// A relation of the file may point at an orphan, by the IRI
			// that EncodeW3C gives it.
			if w.err == nil && w.doc != "" {
				iri := localIRI(w.doc, a.ID)
				w.byIRI[iri] = a.ID
				w.iris[iri] = p
			}
		}
	}
	if w.err != nil {
		return nil, ""
	}
	first := v.field("first")
	switch {
	case first == nil:
		if t := v.field("total"); t != nil && t.kind == kindNumber && t.s != "0" {
			w.fail(v, "first", "missing, but total is %s", t.s)
		}
		return nil, "first.items"
	case first.kind == kindString:
		w.fail(first, "first", "the page %q is not embedded; Spanmark reads a collection with its first page inside", first.s)
		return nil, ""
	case first.kind != kindObject:
		w.wrongType(first, "first", "an AnnotationPage object")
		return nil, ""
	}
	if !w.hasType(first, "first", typePage) {
		if w.err == nil {
			w.fail(first, "first.type", "got %s, want AnnotationPage", describeJSON(first.field("type")))
		}
		return nil, ""
	}
	items, path := w.page(first, "first")
	if t := v.field("total"); t != nil && w.err == nil {
		if n := w.int(t, "total"); w.err == nil && n != len(items) {
			w.fail(t, "total", "%d, but the first page holds %d annotations; Spanmark reads only an embedded first page", n, len(items))
		}
	}
	return items, path
}

// page returns the items of an AnnotationPage at path.
func (w *w3cDecoder) page(v *jvalue, path string) ([]*jvalue, string) {
	if next := v.field("next"); next != nil {
		w.fail(next, join(path, "next"), "the annotations go on in another page; Spanmark reads one page, so export them all in one")
		return nil, ""
	}
	ip := join(path, "items")
	items := v.field("items")
	if items == nil {
		w.fail(v, ip, "missing")
		return nil, ""
	}
	return w.array(items, ip), ip
}

// item checks that v is an annotation, works out its IRI, and says whether
// it is a relation: motivated by linking, with no selector on its targets.
func (w *w3cDecoder) item(v *jvalue, path string) (w3cItem, bool) {
	it := w3cItem{v: v, path: path}
	if v.kind == kindString {
		w.fail(v, path, "%q is a reference to an annotation elsewhere; Spanmark reads only annotations written out in full", v.s)
		return it, false
	}
	if v.kind != kindObject {
		w.wrongType(v, path, "an Annotation object")
		return it, false
	}
	if !w.hasType(v, path, typeAnnotation) {
		if w.err == nil {
			w.fail(v, join(path, "type"), "got %s, want Annotation", describeJSON(v.field("type")))
		}
		return it, false
	}
	if id := v.field("id"); id != nil {
		it.iri = w.iri(id, join(path, "id"))
		if p, dup := w.iris[it.iri]; dup && w.err == nil {
			w.fail(id, join(path, "id"), "%q is used twice (also %s)", it.iri, p)
			return it, false
		}
		w.iris[it.iri] = path
	}
	isLink := false
	for _, m := range w.strs(v.field("motivation"), join(path, "motivation")) {
		isLink = isLink || m == motivationLink || m == "oa:linking"
	}
	if !isLink {
		return it, false
	}
	t := v.field("target")
	for _, e := range listOf(t) {
		if e.kind == kindObject && e.field("selector") != nil {
			return it, false
		}
	}
	return it, t != nil
}

// span decodes a span annotation.
func (w *w3cDecoder) span(it w3cItem) Annotation {
	v, path := it.v, it.path
	a := Annotation{
		Created:  w.time(v.field("created"), join(path, "created")),
		Modified: w.time(v.field("modified"), join(path, "modified")),
	}
	if c := v.field("creator"); c != nil && w.agentName(c, join(path, "creator")) != "" {
		w.creators[w.agentName(c, join(path, "creator"))] = true
	} else {
		w.uncredited++
	}
	if c := v.field("spanmark:conflict"); c != nil && w.err == nil {
		a.Conflict = w.conflict(c, join(path, "spanmark:conflict"))
	}
	w.target(v, path, &a)
	w.bodies(v, path, &a)
	if w.err != nil {
		return a
	}
	a.ID = w.localID(it.iri, "a", len(w.ids)+1, w.taken)
	if it.iri != "" {
		w.byIRI[it.iri] = a.ID
	}
	w.ids[a.ID] = a.Label
	return a
}

// localID returns the id in the file of the annotation or relation named
// iri: what follows "<document IRI>#" for our own exports, else the last
// segment of the IRI when it is a usable id not yet taken, else prefix and
// the first free number from n on.
func (w *w3cDecoder) localID(iri, prefix string, n int, taken func(string) bool) string {
	if w.doc != "" {
		if rest, ok := strings.CutPrefix(iri, w.doc+"#"); ok {
			if id, err := pathUnescape(rest); err == nil && id != "" && !taken(id) {
				return id
			}
		}
	}
	if i := strings.LastIndexAny(iri, "/#:"); i >= 0 && isIdent(iri[i+1:]) && !taken(iri[i+1:]) {
		return iri[i+1:]
	}
	for ; ; n++ {
		if id := prefix + strconv.Itoa(n); !taken(id) {
			return id
		}
	}
}

func (w *w3cDecoder) taken(id string) bool {
	_, ok := w.ids[id]
	return ok
}

// target reads the one target of a span annotation: its source, which must
// be the document of every other annotation, and its selectors.
func (w *w3cDecoder) target(v *jvalue, path string, a *Annotation) {
	tp := join(path, "target")
	t := v.field("target")
	if t == nil {
		w.fail(v, tp, "missing")
		return
	}
	if t.kind == kindArray {
		if len(t.elems) != 1 {
			w.fail(t, tp, "has %d targets; a Spanmark annotation marks one span of one text", len(t.elems))
			return
		}
		t, tp = t.elems[0], index(tp, 0)
	}
	if t.kind == kindString {
		w.fail(t, tp, "%q names a whole resource; Spanmark needs a target with a source and a TextQuoteSelector", t.s)
		return
	}
	if t.kind != kindObject {
		w.wrongType(t, tp, "an object with a source and a selector")
		return
	}
	sv := t.field("source")
	if sv == nil {
		w.fail(t, join(tp, "source"), "missing; Spanmark needs the text the selectors apply to")
		return
	}
	src := w.iri(sv, join(tp, "source"))
	if w.err != nil {
		return
	}
	switch {
	case w.doc == "" && !isAbsoluteIRI(src):
		w.fail(sv, join(tp, "source"), "%q is not an absolute IRI without a fragment", src)
		return
	case w.doc == "":
		w.doc, w.docPath = src, join(tp, "source")
	case src != w.doc:
		w.fail(sv, join(tp, "source"), "%q is not the document %q of %s; a file holds the annotations of one text", src, w.doc, w.docPath)
		return
	}
	sel := t.field("selector")
	sp := join(tp, "selector")
	if sel == nil {
		w.fail(t, sp, "missing; Spanmark needs a TextQuoteSelector")
		return
	}
	// A selector is an object, a list of objects, or a Choice of them.
	var sels []*jvalue
	var paths []string
	add := func(s *jvalue, p string) {
		if s.kind == kindObject && w.hasType(s, p, typeChoice) {
			items := s.field("items")
			for i, e := range w.array(items, join(p, "items")) {
				sels, paths = append(sels, e), append(paths, index(join(p, "items"), i))
			}
			if items == nil {
				w.fail(s, join(p, "items"), "missing")
			}
			return
		}
		sels, paths = append(sels, s), append(paths, p)
	}
	if sel.kind == kindArray {
		for i, e := range sel.elems {
			add(e, index(sp, i))
		}
	} else {
		add(sel, sp)
	}
	var quote, pos string // the paths of the selectors used
	for i, s := range sels {
		p := paths[i]
		if w.err != nil {
			return
		}
		if s.kind != kindObject {
			continue // a selector by IRI, which Spanmark cannot follow
		}
		switch {
		case w.hasType(s, p, typeQuote):
			exact := w.str(s.field("exact"), join(p, "exact"))
			prefix := w.str(s.field("prefix"), join(p, "prefix"))
			suffix := w.str(s.field("suffix"), join(p, "suffix"))
			switch {
			case w.err != nil:
			case s.field("exact") == nil || exact == "":
				w.fail(s, join(p, "exact"), "missing or empty")
			case quote == "":
				quote = p
				a.Quote, a.Prefix, a.Suffix = exact, prefix, suffix
			case exact != a.Quote:
				w.fail(s.field("exact"), join(p, "exact"), "%q differs from the quote %q of %s", shortQuote(exact, 40), shortQuote(a.Quote, 40), quote)
			}
		case w.hasType(s, p, typePosition):
			if s.field("start") == nil || s.field("end") == nil {
				w.fail(s, p, "a TextPositionSelector needs start and end")
				return
			}
			start := w.int(s.field("start"), join(p, "start"))
			end := w.int(s.field("end"), join(p, "end"))
			switch {
			case w.err != nil:
			case start < 0:
				w.fail(s.field("start"), join(p, "start"), "%d is negative", start)
			case end <= start:
				w.fail(s.field("end"), join(p, "end"), "%d is not after start %d", end, start)
			case pos == "":
				pos = p
				a.Start, a.End = start, end
			case start != a.Start || end != a.End:
				w.fail(s, p, "[%d,%d) differs from the position [%d,%d) of %s", start, end, a.Start, a.End, pos)
			}
		}
	}
	if w.err == nil && quote == "" {
		w.fail(sel, sp, "no TextQuoteSelector; Spanmark needs the quoted text to find the span in the article")
	}
}

// bodies reads the label, entity and note of a span annotation.
func (w *w3cDecoder) bodies(v *jvalue, path string, a *Annotation) {
	labelPath := ""
	entityPath := ""
	var notes []string
	if bv := v.field("bodyValue"); bv != nil {
		if s := w.str(bv, join(path, "bodyValue")); s != "" {
			notes = append(notes, s)
		}
	}
	bp := join(path, "body")
	for _, b := range w.bodyList(v, path) {
		if w.err != nil {
			return
		}
		purpose, value, ok := w.textual(b.v, b.path)
		if !ok {
			continue
		}
		switch purpose {
		case "tagging", "classifying":
			l, ok := w.findLabel(value)
			switch {
			case !ok:
				w.fail(b.v.field("value"), join(b.path, "value"), "unknown label %q (the schema has %s)", value, labelList(w.schema))
			case labelPath == "":
				a.Label, labelPath = l.ID, b.path
			case l.ID != a.Label:
				w.fail(b.v.field("value"), join(b.path, "value"), "a second label %q; a Spanmark annotation has one (%s is %q)", value, labelPath, a.Label)
			}
		case "identifying":
			switch {
			case entityPath == "":
				a.Entity, entityPath = value, b.path
			case value != a.Entity:
				w.fail(b.v.field("value"), join(b.path, "value"), "a second entity %q; %s already gives %q", value, entityPath, a.Entity)
			}
		case "", "commenting", "describing":
			if value != "" {
				notes = append(notes, value)
			}
		}
	}
	if w.err == nil && labelPath == "" {
		w.fail(v, bp, "no TextualBody with purpose \"tagging\" names a label (the schema has %s)", labelList(w.schema))
	}
	a.Note = strings.Join(notes, "\n\n")
}

type w3cBody struct {
	v    *jvalue
	path string
}

// bodyList returns the bodies of v: one, a list, or none.
func (w *w3cDecoder) bodyList(v *jvalue, path string) []w3cBody {
	b := v.field("body")
	bp := join(path, "body")
	if b == nil {
		return nil
	}
	if b.kind != kindArray {
		return []w3cBody{{b, bp}}
	}
	out := make([]w3cBody, len(b.elems))
	for i, e := range b.elems {
		out[i] = w3cBody{e, index(bp, i)}
	}
	return out
}

// textual returns the purpose and value of an embedded TextualBody, and
// false for any other kind of body. Of several purposes, the first one
// Spanmark knows is returned.
func (w *w3cDecoder) textual(b *jvalue, path string) (purpose, value string, ok bool) {
	if b.kind != kindObject || b.field("value") == nil {
		return "", "", false
	}
	if b.field("type") != nil && !w.hasType(b, path, typeTextual) {
		return "", "", false
	}
	value = w.str(b.field("value"), join(path, "value"))
	ps := w.strs(b.field("purpose"), join(path, "purpose"))
	if len(ps) == 0 {
		return "", value, w.err == nil
	}
	for _, p := range ps {
		p = strings.TrimPrefix(p, "oa:")
		switch p {
		case "tagging", "classifying", "identifying", "commenting", "describing":
			return p, value, w.err == nil
		}
	}
	return ps[0], value, w.err == nil
}

// findLabel looks a label up by id, then by name ignoring case.
func (w *w3cDecoder) findLabel(s string) (Label, bool) {
	if l, ok := w.schema.Label(s); ok {
		return l, true
	}
	for _, l := range w.schema.Labels {
		if l.Name != "" && strings.EqualFold(l.Name, s) {
			return l, true
		}
	}
	return Label{}, false
}

func (w *w3cDecoder) findRelation(s string) (RelationType, bool) {
	if r, ok := w.schema.Relation(s); ok {
		return r, true
	}
	for _, r := range w.schema.Relations {
		if r.Name != "" && strings.EqualFold(r.Name, s) {
			return r, true
		}
	}
	return RelationType{}, false
}

func labelList(s Schema) string {
	ids := make([]string, len(s.Labels))
	for i, l := range s.Labels {
		ids[i] = l.ID
	}
	return strings.Join(ids, ", ")
}

// relation decodes a linking annotation into a relation: the type from its
// tagging body; from its target and to its linked body, or from and to the
// two targets in order.
func (w *w3cDecoder) relation(it w3cItem, relIDs map[string]bool, n int) Relation {
	v, path := it.v, it.path
	var r Relation
	typePath := ""
	var to *jvalue
	toPath := ""
	for _, b := range w.bodyList(v, path) {
		if w.err != nil {
			return r
		}
		if purpose, value, ok := w.textual(b.v, b.path); ok {
			if purpose != "tagging" && purpose != "classifying" {
				continue
			}
			rt, ok := w.findRelation(value)
			switch {
			case !ok:
				w.fail(b.v.field("value"), join(b.path, "value"), "unknown relation type %q (the schema has %s)", value, relationList(w.schema))
			case typePath == "":
				r.Type, typePath = rt.ID, b.path
			case rt.ID != r.Type:
				w.fail(b.v.field("value"), join(b.path, "value"), "a second relation type %q (%s is %q)", value, typePath, r.Type)
			}
			continue
		}
		if to == nil {
			to, toPath = b.v, b.path
		} else {
			w.fail(b.v, b.path, "a second linked resource; a relation links one annotation to one other (%s)", toPath)
		}
	}
	if w.err != nil {
		return r
	}
	if typePath == "" {
		w.fail(v, join(path, "body"), "no TextualBody with purpose \"tagging\" names the relation type (the schema has %s)", relationList(w.schema))
		return r
	}
	tp := join(path, "target")
	targets := listOf(v.field("target"))
	var from *jvalue
	fromPath := tp
	switch {
	case len(targets) == 1 && to != nil:
		from = targets[0]
		if v.field("target").kind == kindArray {
			fromPath = index(tp, 0)
		}
	case len(targets) == 2 && to == nil && v.field("target").kind == kindArray:
		from, fromPath = targets[0], index(tp, 0)
		to, toPath = targets[1], index(tp, 1)
	default:
		w.fail(v, tp, "a relation needs one target (from) and a body with purpose \"linking\" (to), or two targets in order")
		return r
	}
	rt, _ := w.schema.Relation(r.Type)
	var labels [2]string
	for i, e := range []struct {
		v    *jvalue
		path string
		id   *string
	}{{from, fromPath, &r.From}, {to, toPath, &r.To}} {
		iri, p := w.resourceIRI(e.v, e.path)
		if w.err != nil {
			return r
		}
		id, ok := w.byIRI[iri]
		if !ok {
			w.fail(e.v, p, "no annotation in this file has id %q", iri)
			return r
		}
		*e.id = id
		labels[i] = w.ids[id]
	}
	switch {
	case r.From == r.To:
		w.fail(to, toPath, "links annotation %q to itself", r.To)
	case !rt.Allows(labels[0], labels[1]):
		w.fail(v, path, "a %q relation cannot go from %s to %s", r.Type, labels[0], labels[1])
	}
	// Relation ids and annotation ids are apart in a file, but one IRI
	// names one thing in an export, so a relation takes neither.
	r.ID = w.localID(it.iri, "r", n+1, func(id string) bool { return relIDs[id] || w.taken(id) })
	return r
}

func relationList(s Schema) string {
	ids := make([]string, len(s.Relations))
	for i, r := range s.Relations {
		ids[i] = r.ID
	}
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

// resourceIRI returns the IRI of a linked resource: an IRI string, or an
// object with an id, or a SpecificResource with a source and no selector.
func (w *w3cDecoder) resourceIRI(v *jvalue, path string) (string, string) {
	switch {
	case v.kind == kindString:
		return w.iri(v, path), path
	case v.kind != kindObject:
		w.wrongType(v, path, "an IRI or an object with an id or source")
	case v.field("source") != nil:
		return w.iri(v.field("source"), join(path, "source")), join(path, "source")
	case v.field("id") != nil:
		return w.iri(v.field("id"), join(path, "id")), join(path, "id")
	default:
		w.fail(v, path, "names no annotation: want an IRI, an id or a source")
	}
	return "", path
}

// iri reads an IRI: a string, an object with an id, or a list of one.
func (w *w3cDecoder) iri(v *jvalue, path string) string {
	if w.err != nil {
		return ""
	}
	if v.kind == kindArray && len(v.elems) == 1 {
		v, path = v.elems[0], index(path, 0)
	}
	if v.kind == kindObject && v.field("id") != nil {
		v, path = v.field("id"), join(path, "id")
	}
	s := w.str(v, path)
	if w.err == nil && s == "" {
		w.fail(v, path, "empty IRI")
	}
	return s
}

// agentName returns the name of a creator, an Agent object or list of one.
func (w *w3cDecoder) agentName(v *jvalue, path string) string {
	if v.kind == kindArray && len(v.elems) == 1 {
		v, path = v.elems[0], index(path, 0)
	}
	if v.kind != kindObject {
		return ""
	}
	for _, k := range []string{"name", "nickname"} {
		if n := v.field(k); n != nil && n.kind == kindString {
			return n.s
		}
	}
	return ""
}

// hasType reports whether the "type" of object v is t, or a list holding t.
func (w *w3cDecoder) hasType(v *jvalue, path, t string) bool {
	return slices.Contains(w.strs(v.field("type"), join(path, "type")), t)
}

// strs reads a string or a list of strings; nil reads as none.
func (w *w3cDecoder) strs(v *jvalue, path string) []string {
	if w.err != nil || v == nil {
		return nil
	}
	if v.kind == kindString {
		return []string{v.s}
	}
	if v.kind != kindArray {
		w.wrongType(v, path, "a string or a list of strings")
		return nil
	}
	out := make([]string, len(v.elems))
	for i, e := range v.elems {
		out[i] = w.str(e, index(path, i))
	}
	return out
}

// listOf returns the elements of an array, or v alone; nil for nil.
func listOf(v *jvalue) []*jvalue {
	switch {
	case v == nil:
		return nil
	case v.kind == kindArray:
		return v.elems
	}
	return []*jvalue{v}
}

// describeJSON names a value for an error: a string quoted, else its kind.
func describeJSON(v *jvalue) string {
	switch {
	case v == nil:
		return "no type"
	case v.kind == kindString:
		return strconv.Quote(v.s)
	}
	return v.kind.String()
}
