package w3c

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Decode reads W3C Web Annotations in JSON-LD: what [Encode] writes,
// and the text annotations of other tools as a single Annotation, an
// AnnotationPage, an AnnotationCollection with its first page embedded, or a
// JSON array of Annotations. Every annotation must target one text with a
// TextQuoteSelector (a TextPositionSelector is used as a hint), given as the
// target's selector, in a list of selectors or in a Choice of them; a
// target without a source (as RecogitoJS writes) applies to the text the
// file is placed on. Its label is a TextualBody with purpose "tagging" or
// "classifying" whose value is the id or the name of a label of the schema;
// in a file without a schema of its own, a tag the default schema lacks
// adds a label, an annotation with several tags is one annotation per tag,
// and one with no tag (a highlight or a comment) gets the label
// "highlight". Annotations with the same label on the same span (two
// people's comments on one quote) are one annotation with both notes.
// A body with purpose "identifying" gives the entity, and one with purpose
// "commenting" or "describing", or none, gives the note. Annotations with
// motivation "linking" whose targets have no selector are relations (see
// [Encode]; two targets, [from, to] in that order, with the type as a
// tagging body, are read too); in a file without a schema of its own, a
// type the default schema lacks, or none ("relation"), adds a relation
// type that allows what it links. Unfamiliar properties and bodies are
// ignored, as the model asks.
//
// The schema is the one in "spanmark:schema", or [DefaultSchema] and the
// labels added when the input has none. The file's annotator is the name
// (or the IRI) of the collection's creator, or of the creator that all
// annotations share. Every error is a [*PathError] with the JSON path and line,
// such as
//
//	line 12: first.items[3].body[0].value: unknown label "love" (the schema has actor, claim, proposal)
//
// A W3C export does not hold the text, so the returned file has none: it
// applies to the article that is loaded. Call [anchor.Place] with that
// document: it places the annotations together, by quote, context and the
// order of their positions (see [anchor.Placer]).
func Decode(data []byte) (*annotations.File, error) {
	return decode(data, jsonio.DefaultLimits)
}

func decode(data []byte, lim jsonio.Limits) (*annotations.File, error) {
	if err := jsonio.CheckInput(data, lim.Size, "decode w3c: "); err != nil {
		return nil, err
	}
	p := jsonio.Parser{Data: data}
	root, err := p.Parse()
	if err != nil {
		return nil, err
	}
	w := w3cDecoder{Decoder: jsonio.Decoder{Data: data, Lim: lim}}
	f := w.file(root)
	if w.Err != nil {
		return nil, w.Err
	}
	return f, nil
}

// w3cDecoder turns a parsed W3C document into a File. Like the native decoder, whose
// helpers it uses, it keeps only the first error.
type w3cDecoder struct {
	jsonio.Decoder
	schema annotations.Schema
	// ownSchema is set when the input carries its schema
	// ("spanmark:schema"); otherwise a tag that names no label of the
	// default schema adds a label, as the other tools' importers do.
	ownSchema bool
	// addedRelations are the relation types made from the file's tags.
	addedRelations map[string]bool
	// extra are the labels of a span annotation after its first tag; it
	// becomes one annotation per label.
	extra []string
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
	v    *jsonio.Value
	path string
	iri  string
}

func (w *w3cDecoder) file(root *jsonio.Value) *annotations.File {
	f := &annotations.File{Spanmark: annotations.Version}
	w.schema = annotations.DefaultSchema()
	w.byIRI = map[string]string{}
	w.ids = map[string]string{}
	w.iris = map[string]string{}
	w.creators = map[string]bool{}
	var items []*jsonio.Value
	itemsPath := ""
	single := false
	switch {
	case root.Kind == jsonio.KindArray:
		items = root.Elems
	case root.Kind != jsonio.KindObject:
		w.WrongType(root, "", "an Annotation, AnnotationPage or AnnotationCollection object")
		return nil
	case w.hasType(root, "", typeCollection):
		items, itemsPath = w.collection(root, f)
	case w.hasType(root, "", typePage):
		items, itemsPath = w.page(root, "")
	case w.hasType(root, "", typeAnnotation):
		items, single = []*jsonio.Value{root}, true
	default:
		if w.Err == nil {
			w.Fail(root, "type", "got %s, want Annotation, AnnotationPage or AnnotationCollection", describeJSON(root.Field("type")))
		}
	}
	if w.Err != nil {
		return nil
	}
	if len(items) > w.Lim.Annotations {
		w.Fail(root, itemsPath, "%d annotations are more than the limit of %d", len(items), w.Lim.Annotations)
		return nil
	}
	// Spans first, so that relations can refer to any of them.
	var links []w3cItem
	for i, v := range items {
		path := itemsPath
		if !single {
			path = jsonio.Index(itemsPath, i)
		}
		it, isLink := w.item(v, path)
		if w.Err != nil {
			return nil
		}
		if isLink {
			links = append(links, it)
			continue
		}
		a := w.span(it)
		if w.Err != nil {
			return nil
		}
		f.Annotations = append(f.Annotations, a)
		// An annotation with several tags is one annotation per label.
		for _, l := range w.extra {
			b := a
			b.Label = l
			b.ID = w.localID("", "a", len(w.ids)+1, w.taken)
			w.ids[b.ID] = l
			f.Annotations = append(f.Annotations, b)
		}
	}
	if w.doc == "" && len(f.Annotations) == 0 {
		w.Fail(root, itemsPath, "no annotations, and nothing names the document they belong to")
		return nil
	}
	type span struct {
		label      string
		start, end int
	}
	// Two annotations with the same label on the same span (two people's
	// comments on one quote, common in Hypothesis exports) are one
	// annotation with both notes; relations to either go to it.
	spans := map[span]int{}
	kept := f.Annotations[:0]
	for _, a := range f.Annotations {
		if a.End <= a.Start {
			kept = append(kept, a) // placed by quote later
			continue
		}
		j, ok := spans[span{a.Label, a.Start, a.End}]
		if !ok {
			spans[span{a.Label, a.Start, a.End}] = len(kept)
			kept = append(kept, a)
			continue
		}
		first := &kept[j]
		if a.Note != "" && !strings.Contains(first.Note, a.Note) {
			first.Note = strings.TrimPrefix(first.Note+"\n\n"+a.Note, "\n\n")
		}
		if first.Entity == "" {
			first.Entity = a.Entity
		}
		for iri, id := range w.byIRI {
			if id == a.ID {
				w.byIRI[iri] = first.ID
			}
		}
	}
	f.Annotations = kept
	type link struct{ typ, from, to string }
	seen := map[link]string{}
	relIDs := map[string]bool{}
	for _, it := range links {
		r := w.relation(it, relIDs, len(f.Relations))
		if w.Err != nil {
			return nil
		}
		l := link{r.Type, r.From, r.To}
		if p, ok := seen[l]; ok {
			w.Fail(it.v, it.path, "repeats %s: same type, from and to", p)
			return nil
		}
		seen[l] = it.path
		relIDs[r.ID] = true
		f.Relations = append(f.Relations, r)
	}
	// Files list annotations by [Compare] and relations by id, as codec.Encode
	// writes them, whatever order the input had.
	lite.SortStableFunc(f.Annotations, annotations.Compare)
	lite.SortStableFunc(f.Relations, annotations.CompareRelations)
	f.Annotations = lite.NonNil(f.Annotations)
	f.Relations = lite.NonNil(f.Relations)
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
func (w *w3cDecoder) collection(v *jsonio.Value, f *annotations.File) ([]*jsonio.Value, string) {
	if s := v.Field("spanmark:schema"); s != nil {
		sd := jsonio.Decoder{Data: w.Data, Lim: w.Lim}
		sch := sd.Schema(s)
		if sd.Err != nil {
			// decoder.schema names paths from "schema"; ours is an extension.
			if pe, ok := errors.AsType[*annotations.PathError](sd.Err); ok && strings.HasPrefix(pe.Path, "schema") {
				pe.Path = "spanmark:" + pe.Path
			}
			w.Err = sd.Err
			return nil, ""
		}
		w.schema, w.ownSchema = sch, true
	}
	if dv := v.Field("spanmark:document"); dv != nil {
		m := w.Fields(dv, "spanmark:document", []string{"id", "title", "source", "length"}, 0)
		if m == nil {
			return nil, ""
		}
		f.Document = annotations.FileDocument{
			ID:     w.Str(m["id"], "spanmark:document.id"),
			Title:  w.Str(m["title"], "spanmark:document.title"),
			Source: w.Str(m["source"], "spanmark:document.source"),
			Length: w.Int(m["length"], "spanmark:document.length"),
		}
		if w.Err != nil {
			return nil, ""
		}
		if f.Document.Length < 0 {
			w.Fail(m["length"], "spanmark:document.length", "%d is negative", f.Document.Length)
			return nil, ""
		}
		doc, err := documentIRI(f.Document)
		if err != nil {
			w.Fail(dv, "spanmark:document", "%v", err)
			return nil, ""
		}
		w.doc, w.docPath = doc, "spanmark:document"
	} else if l := v.Field("label"); l != nil && l.Kind == jsonio.KindString {
		f.Document.Title = l.Lit
	}
	if c := v.Field("creator"); c != nil {
		f.Annotator = w.agentName(c, "creator")
	}
	f.Exported = w.Time(v.Field("generated"), "generated")
	if ov := v.Field("spanmark:orphans"); ov != nil {
		orphans := w.Array(ov, "spanmark:orphans")
		if len(orphans) > w.Lim.Annotations {
			w.Fail(ov, "spanmark:orphans", "%d orphans are more than the limit of %d", len(orphans), w.Lim.Annotations)
		}
		for i, o := range orphans {
			p := jsonio.Index("spanmark:orphans", i)
			om := w.Fields(o, p, jsonio.OrphanFields, 2)
			if om == nil {
				return nil, ""
			}
			a, _ := w.Annotation(om["annotation"], p+".annotation", &w.schema, w.ids)
			f.Orphans = append(f.Orphans, annotations.Orphan{Annotation: a, Reason: w.Str(om["reason"], p+".reason")})
			// A relation of the file may point at an orphan, by the IRI
			// that Encode gives it.
			if w.Err == nil && w.doc != "" {
				iri := localIRI(w.doc, a.ID)
				w.byIRI[iri] = a.ID
				w.iris[iri] = p
			}
		}
	}
	if w.Err != nil {
		return nil, ""
	}
	first := v.Field("first")
	switch {
	case first == nil:
		if t := v.Field("total"); t != nil && t.Kind == jsonio.KindNumber && t.Lit != "0" {
			w.Fail(v, "first", "missing, but total is %s", t.Lit)
		}
		return nil, "first.items"
	case first.Kind == jsonio.KindString:
		w.Fail(first, "first", "the page %q is not embedded; Spanmark reads a collection with its first page inside", first.Lit)
		return nil, ""
	case first.Kind != jsonio.KindObject:
		w.WrongType(first, "first", "an AnnotationPage object")
		return nil, ""
	}
	if !w.hasType(first, "first", typePage) {
		if w.Err == nil {
			w.Fail(first, "first.type", "got %s, want AnnotationPage", describeJSON(first.Field("type")))
		}
		return nil, ""
	}
	items, path := w.page(first, "first")
	if t := v.Field("total"); t != nil && w.Err == nil {
		if n := w.Int(t, "total"); w.Err == nil && n != len(items) {
			w.Fail(t, "total", "%d, but the first page holds %d annotations; Spanmark reads only an embedded first page", n, len(items))
		}
	}
	return items, path
}

// page returns the items of an AnnotationPage at path.
func (w *w3cDecoder) page(v *jsonio.Value, path string) ([]*jsonio.Value, string) {
	if next := v.Field("next"); next != nil {
		w.Fail(next, jsonio.Join(path, "next"), "the annotations go on in another page; Spanmark reads one page, so export them all in one")
		return nil, ""
	}
	ip := jsonio.Join(path, "items")
	items := v.Field("items")
	if items == nil {
		w.Fail(v, ip, "missing")
		return nil, ""
	}
	return w.Array(items, ip), ip
}

// item checks that v is an annotation, works out its IRI, and says whether
// it is a relation: motivated by linking, with no selector on its targets.
func (w *w3cDecoder) item(v *jsonio.Value, path string) (w3cItem, bool) {
	it := w3cItem{v: v, path: path}
	if v.Kind == jsonio.KindString {
		w.Fail(v, path, "%q is a reference to an annotation elsewhere; Spanmark reads only annotations written out in full", v.Lit)
		return it, false
	}
	if v.Kind != jsonio.KindObject {
		w.WrongType(v, path, "an Annotation object")
		return it, false
	}
	if !w.hasType(v, path, typeAnnotation) {
		if w.Err == nil {
			w.Fail(v, jsonio.Join(path, "type"), "got %s, want Annotation", describeJSON(v.Field("type")))
		}
		return it, false
	}
	if id := v.Field("id"); id != nil {
		it.iri = w.iri(id, jsonio.Join(path, "id"))
		if p, dup := w.iris[it.iri]; dup && w.Err == nil {
			w.Fail(id, jsonio.Join(path, "id"), "%q is used twice (also %s)", it.iri, p)
			return it, false
		}
		w.iris[it.iri] = path
	}
	isLink := false
	for _, m := range w.strList(v.Field("motivation"), jsonio.Join(path, "motivation")) {
		isLink = isLink || m == motivationLink || m == "oa:linking"
	}
	if !isLink {
		return it, false
	}
	t := v.Field("target")
	for _, e := range listOf(t) {
		if e.Kind == jsonio.KindObject && e.Field("selector") != nil {
			return it, false
		}
	}
	return it, t != nil
}

// span decodes a span annotation.
func (w *w3cDecoder) span(it w3cItem) annotations.Annotation {
	v, path := it.v, it.path
	a := annotations.Annotation{
		Created:  w.Time(v.Field("created"), jsonio.Join(path, "created")),
		Modified: w.Time(v.Field("modified"), jsonio.Join(path, "modified")),
	}
	if c := v.Field("creator"); c != nil && w.agentName(c, jsonio.Join(path, "creator")) != "" {
		w.creators[w.agentName(c, jsonio.Join(path, "creator"))] = true
	} else {
		w.uncredited++
	}
	if c := v.Field("spanmark:conflict"); c != nil && w.Err == nil {
		a.Conflict = w.Conflict(c, jsonio.Join(path, "spanmark:conflict"))
	}
	w.target(v, path, &a)
	w.bodies(v, path, &a)
	if w.Err != nil {
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
			if id, err := lite.PathUnescape(rest); err == nil && id != "" && !taken(id) {
				return id
			}
		}
	}
	if i := strings.LastIndexAny(iri, "/#:"); i >= 0 && annotations.IsID(iri[i+1:]) && !taken(iri[i+1:]) {
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
func (w *w3cDecoder) target(v *jsonio.Value, path string, a *annotations.Annotation) {
	tp := jsonio.Join(path, "target")
	t := v.Field("target")
	if t == nil {
		w.Fail(v, tp, "missing")
		return
	}
	if t.Kind == jsonio.KindArray {
		if len(t.Elems) != 1 {
			w.Fail(t, tp, "has %d targets; a Spanmark annotation marks one span of one text", len(t.Elems))
			return
		}
		t, tp = t.Elems[0], jsonio.Index(tp, 0)
	}
	if t.Kind == jsonio.KindString {
		w.Fail(t, tp, "%q names a whole resource; Spanmark needs a target with a source and a TextQuoteSelector", t.Lit)
		return
	}
	if t.Kind != jsonio.KindObject {
		w.WrongType(t, tp, "an object with a source and a selector")
		return
	}
	// A target without a source (as RecogitoJS writes) applies to the
	// text the file is placed on.
	sv := t.Field("source")
	src := ""
	if sv != nil {
		src = w.iri(sv, jsonio.Join(tp, "source"))
	}
	if w.Err != nil {
		return
	}
	switch {
	case sv == nil:
	case w.doc == "" && !isAbsoluteIRI(src):
		w.Fail(sv, jsonio.Join(tp, "source"), "%q is not an absolute IRI without a fragment", src)
		return
	case w.doc == "":
		w.doc, w.docPath = src, jsonio.Join(tp, "source")
	case src != w.doc:
		w.Fail(sv, jsonio.Join(tp, "source"), "%q is not the document %q of %s; a file holds the annotations of one text", src, w.doc, w.docPath)
		return
	}
	sel := t.Field("selector")
	sp := jsonio.Join(tp, "selector")
	if sel == nil {
		w.Fail(t, sp, "missing; Spanmark needs a TextQuoteSelector")
		return
	}
	// A selector is an object, a list of objects, or a Choice of them.
	var sels []*jsonio.Value
	var paths []string
	add := func(s *jsonio.Value, p string) {
		if s.Kind == jsonio.KindObject && w.hasType(s, p, typeChoice) {
			items := s.Field("items")
			for i, e := range w.Array(items, jsonio.Join(p, "items")) {
				sels, paths = append(sels, e), append(paths, jsonio.Index(jsonio.Join(p, "items"), i))
			}
			if items == nil {
				w.Fail(s, jsonio.Join(p, "items"), "missing")
			}
			return
		}
		sels, paths = append(sels, s), append(paths, p)
	}
	if sel.Kind == jsonio.KindArray {
		for i, e := range sel.Elems {
			add(e, jsonio.Index(sp, i))
		}
	} else {
		add(sel, sp)
	}
	var quote, pos string // the paths of the selectors used
	for i, s := range sels {
		p := paths[i]
		if w.Err != nil {
			return
		}
		if s.Kind != jsonio.KindObject {
			continue // a selector by IRI, which Spanmark cannot follow
		}
		switch {
		case w.hasType(s, p, typeQuote):
			exact := w.Str(s.Field("exact"), jsonio.Join(p, "exact"))
			prefix := w.Str(s.Field("prefix"), jsonio.Join(p, "prefix"))
			suffix := w.Str(s.Field("suffix"), jsonio.Join(p, "suffix"))
			switch {
			case w.Err != nil:
			case s.Field("exact") == nil || exact == "":
				w.Fail(s, jsonio.Join(p, "exact"), "missing or empty")
			case quote == "":
				quote = p
				a.Quote, a.Prefix, a.Suffix = exact, prefix, suffix
			case exact != a.Quote:
				w.Fail(s.Field("exact"), jsonio.Join(p, "exact"), "%q differs from the quote %q of %s", annotations.Abbreviate(exact, 40), annotations.Abbreviate(a.Quote, 40), quote)
			}
		case w.hasType(s, p, typePosition):
			if s.Field("start") == nil || s.Field("end") == nil {
				w.Fail(s, p, "a TextPositionSelector needs start and end")
				return
			}
			start := w.Int(s.Field("start"), jsonio.Join(p, "start"))
			end := w.Int(s.Field("end"), jsonio.Join(p, "end"))
			switch {
			case w.Err != nil:
			case start < 0:
				w.Fail(s.Field("start"), jsonio.Join(p, "start"), "%d is negative", start)
			case end <= start:
				w.Fail(s.Field("end"), jsonio.Join(p, "end"), "%d is not after start %d", end, start)
			case pos == "":
				pos = p
				a.Start, a.End = start, end
			case start != a.Start || end != a.End:
				w.Fail(s, p, "[%d,%d) differs from the position [%d,%d) of %s", start, end, a.Start, a.End, pos)
			}
		}
	}
	if w.Err == nil && quote == "" {
		w.Fail(sel, sp, "no TextQuoteSelector; Spanmark needs the quoted text to find the span in the article")
	}
}

// bodies reads the label, entity and note of a span annotation.
func (w *w3cDecoder) bodies(v *jsonio.Value, path string, a *annotations.Annotation) {
	labelPath := ""
	entityPath := ""
	w.extra = w.extra[:0]
	var notes []string
	if bv := v.Field("bodyValue"); bv != nil {
		if s := w.Str(bv, jsonio.Join(path, "bodyValue")); s != "" {
			notes = append(notes, s)
		}
	}
	bp := jsonio.Join(path, "body")
	for _, b := range w.bodyList(v, path) {
		if w.Err != nil {
			return
		}
		purpose, value, ok := w.textual(b.v, b.path)
		if !ok {
			continue
		}
		switch purpose {
		case "tagging", "classifying":
			l, ok := w.findLabel(value)
			if !ok && !w.ownSchema && value != "" {
				l, ok = w.addLabel(value), true
			}
			switch {
			case !ok:
				w.Fail(b.v.Field("value"), jsonio.Join(b.path, "value"), "unknown label %q (the schema has %s)", value, strings.Join(w.schema.LabelIDs(), ", "))
			case labelPath == "":
				a.Label, labelPath = l.ID, b.path
			case l.ID != a.Label && !w.ownSchema:
				if !slices.Contains(w.extra, l.ID) {
					w.extra = append(w.extra, l.ID)
				}
			case l.ID != a.Label:
				w.Fail(b.v.Field("value"), jsonio.Join(b.path, "value"), "a second label %q; a Spanmark annotation has one (%s is %q)", value, labelPath, a.Label)
			}
		case "identifying":
			switch {
			case entityPath == "":
				a.Entity, entityPath = value, b.path
			case value != a.Entity:
				w.Fail(b.v.Field("value"), jsonio.Join(b.path, "value"), "a second entity %q; %s already gives %q", value, entityPath, a.Entity)
			}
		case "", "commenting", "describing":
			if value != "" {
				notes = append(notes, value)
			}
		}
	}
	if w.Err == nil && labelPath == "" && !w.ownSchema {
		// A highlight or a comment without a tag, as Hypothesis and
		// RecogitoJS write them.
		l, ok := w.findLabel(untaggedLabel)
		if !ok {
			l = w.addLabel(untaggedLabel)
		}
		a.Label, labelPath = l.ID, bp
	}
	if w.Err == nil && labelPath == "" {
		w.Fail(v, bp, "no TextualBody with purpose \"tagging\" names a label (the schema has %s)", strings.Join(w.schema.LabelIDs(), ", "))
	}
	a.Note = strings.Join(notes, "\n\n")
}

// untaggedLabel is the label of an annotation with no tag in a file
// without a schema of its own, and untaggedRelation the type of a link
// with none.
const (
	untaggedLabel    = "highlight"
	untaggedRelation = "relation"
)

// addLabel adds a label named name to the schema, with an id made by
// [newID].
func (w *w3cDecoder) addLabel(name string) annotations.Label {
	id := newID(name, "label-", len(w.schema.Labels)+1, func(id string) bool { _, ok := w.schema.Label(id); return ok })
	l := annotations.Label{ID: id, Name: name}
	w.schema.Labels = append(w.schema.Labels, l)
	return l
}

// addRelation adds a relation type named name to the schema, allowing no
// labels yet: [w3cDecoder.relation] adds those it links.
func (w *w3cDecoder) addRelation(name string) annotations.RelationType {
	id := newID(name, "relation-", len(w.schema.Relations)+1, func(id string) bool { _, ok := w.schema.Relation(id); return ok })
	rt := annotations.RelationType{ID: id, Name: name, From: []string{}, To: []string{}}
	w.schema.Relations = append(w.schema.Relations, rt)
	if w.addedRelations == nil {
		w.addedRelations = map[string]bool{}
	}
	w.addedRelations[id] = true
	return rt
}

// newID makes an id for name: its ASCII letters, digits and "-_.:", others
// as "_", when that is a free id with a letter or digit; else prefix and
// the first number from n that is free.
func newID(name, prefix string, n int, taken func(string) bool) string {
	var b strings.Builder
	for _, c := range name {
		if c < 0x80 && annotations.IsID(string(c)) {
			b.WriteRune(c)
		} else {
			b.WriteByte('_')
		}
	}
	id := b.String()
	if annotations.IsID(id) && strings.Trim(id, "_-.:") != "" && !taken(id) {
		return id
	}
	for ; ; n++ {
		if id = prefix + strconv.Itoa(n); !taken(id) {
			return id
		}
	}
}

type w3cBody struct {
	v    *jsonio.Value
	path string
}

// bodyList returns the bodies of v: one, a list, or none.
func (w *w3cDecoder) bodyList(v *jsonio.Value, path string) []w3cBody {
	b := v.Field("body")
	bp := jsonio.Join(path, "body")
	if b == nil {
		return nil
	}
	if b.Kind != jsonio.KindArray {
		return []w3cBody{{b, bp}}
	}
	out := make([]w3cBody, len(b.Elems))
	for i, e := range b.Elems {
		out[i] = w3cBody{e, jsonio.Index(bp, i)}
	}
	return out
}

// textual returns the purpose and value of an embedded TextualBody, and
// false for any other kind of body. Of several purposes, the first one
// Spanmark knows is returned.
func (w *w3cDecoder) textual(b *jsonio.Value, path string) (purpose, value string, ok bool) {
	if b.Kind != jsonio.KindObject || b.Field("value") == nil {
		return "", "", false
	}
	if b.Field("type") != nil && !w.hasType(b, path, typeTextual) {
		return "", "", false
	}
	value = w.Str(b.Field("value"), jsonio.Join(path, "value"))
	ps := w.strList(b.Field("purpose"), jsonio.Join(path, "purpose"))
	if len(ps) == 0 {
		return "", value, w.Err == nil
	}
	for _, p := range ps {
		p = strings.TrimPrefix(p, "oa:")
		switch p {
		case "tagging", "classifying", "identifying", "commenting", "describing":
			return p, value, w.Err == nil
		}
	}
	return ps[0], value, w.Err == nil
}
