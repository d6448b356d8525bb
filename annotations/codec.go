package annotations

// This file holds the native "spanmark" v1 JSON format: [Encode] writes a
// [File] deterministically and [Decode] reads one strictly. The format is
// described for users in docs/format.md, with a JSON Schema beside it in
// docs/spanmark.schema.json; a change here must be made there too (the
// tests check the golden files against that schema).

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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

// The types below mirror File for writing. They fix the field order, write
// empty lists as [] rather than null, leave out zero times and write times
// in UTC to the second.
type (
	fileOut struct {
		Spanmark    int             `json:"spanmark"`
		Document    FileDocument    `json:"document"`
		Schema      schemaOut       `json:"schema"`
		Annotations []annotationOut `json:"annotations"`
		Relations   []Relation      `json:"relations"`
		Orphans     []orphanOut     `json:"orphans,omitempty"`
		Annotator   string          `json:"annotator,omitempty"`
		Exported    string          `json:"exported,omitempty"`
	}
	schemaOut struct {
		Labels    []Label           `json:"labels"`
		Relations []relationTypeOut `json:"relations"`
	}
	relationTypeOut struct {
		ID          string   `json:"id"`
		Name        string   `json:"name"`
		From        []string `json:"from"`
		To          []string `json:"to"`
		Description string   `json:"description,omitempty"`
	}
	annotationOut struct {
		ID       string       `json:"id"`
		Label    string       `json:"label"`
		Start    int          `json:"start"`
		End      int          `json:"end"`
		Quote    string       `json:"quote"`
		Prefix   string       `json:"prefix"`
		Suffix   string       `json:"suffix"`
		Entity   string       `json:"entity,omitempty"`
		Note     string       `json:"note,omitempty"`
		Conflict *conflictOut `json:"conflict,omitempty"`
		Created  string       `json:"created,omitempty"`
		Modified string       `json:"modified,omitempty"`
	}
	conflictOut struct {
		Votes []Vote `json:"votes"`
	}
	orphanOut struct {
		Annotation annotationOut `json:"annotation"`
		Reason     string        `json:"reason"`
	}
)

// Encode writes f in the native "spanmark" v1 format. The output is
// deterministic: annotations are ordered by [Less], relations by id (with
// numeric tails compared as numbers, so "r9" comes before "r10"), orphans
// like annotations; two-space indent, a trailing newline, times in RFC 3339
// UTC to the second, and <, > and & written as they are, because the
// readers are programs (Python, pandas, jq), not HTML pages. A zero
// Spanmark field is written as [Version].
func Encode(f *File) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode: no file")
	}
	if f.Spanmark != 0 && f.Spanmark != Version {
		return nil, fmt.Errorf("encode: version %d is not supported (this program writes version %d)", f.Spanmark, Version)
	}
	out := fileOut{
		Spanmark:    Version,
		Document:    f.Document,
		Schema:      schemaOut{Labels: nonNil(f.Schema.Labels), Relations: make([]relationTypeOut, len(f.Schema.Relations))},
		Annotations: make([]annotationOut, len(f.Annotations)),
		Relations:   slices.Clone(nonNil(f.Relations)),
		Annotator:   f.Annotator,
		Exported:    formatTime(f.Exported),
	}
	for i, r := range f.Schema.Relations {
		out.Schema.Relations[i] = relationTypeOut{ID: r.ID, Name: r.Name, From: nonNil(r.From), To: nonNil(r.To), Description: r.Description}
	}
	anns := make([]*Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
	}
	slices.SortStableFunc(anns, compareAnnotations)
	for i, a := range anns {
		out.Annotations[i] = annotationToOut(a)
	}
	slices.SortStableFunc(out.Relations, func(a, b Relation) int { return compareIDs(a.ID, b.ID) })
	if len(f.Orphans) > 0 {
		os := make([]*Orphan, len(f.Orphans))
		for i := range f.Orphans {
			os[i] = &f.Orphans[i]
		}
		slices.SortStableFunc(os, func(a, b *Orphan) int { return compareAnnotations(&a.Annotation, &b.Annotation) })
		out.Orphans = make([]orphanOut, len(os))
		for i, o := range os {
			out.Orphans[i] = orphanOut{Annotation: annotationToOut(&o.Annotation), Reason: o.Reason}
		}
	}
	var buf bytes.Buffer
	buf.Grow(len(f.Document.Text) + 400*len(f.Annotations) + 1024)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return buf.Bytes(), nil
}

func compareAnnotations(a, b *Annotation) int {
	if Less(a, b) {
		return -1
	}
	if Less(b, a) {
		return 1
	}
	return 0
}

func annotationToOut(a *Annotation) annotationOut {
	o := annotationOut{
		ID: a.ID, Label: a.Label, Start: a.Start, End: a.End,
		Quote: a.Quote, Prefix: a.Prefix, Suffix: a.Suffix,
		Entity: a.Entity, Note: a.Note,
		Created: formatTime(a.Created), Modified: formatTime(a.Modified),
	}
	if a.Conflict != nil {
		o.Conflict = &conflictOut{Votes: nonNil(a.Conflict.Votes)}
	}
	return o
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

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
func Decode(data []byte) (*File, error) {
	return decode(data, defaultLimits)
}

func decode(data []byte, lim limits) (*File, error) {
	if len(data) > lim.size {
		return nil, &PathError{Err: fmt.Errorf("the file is %d bytes, more than the limit of %d", len(data), lim.size)}
	}
	if !utf8.Valid(data) {
		off := invalidUTF8At(data)
		return nil, &PathError{Line: lineAt(data, off), Err: fmt.Errorf("invalid UTF-8 at byte %d", off)}
	}
	p := parser{data: data}
	root, err := p.parse()
	if err != nil {
		return nil, err
	}
	d := decoder{data: data, lim: lim}
	f := d.file(root)
	if d.err != nil {
		return nil, d.err
	}
	return f, nil
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int) int {
	off = min(off, len(data))
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// columnAt returns the 1-based column, in code points, of byte offset off.
func columnAt(data []byte, off int) int {
	off = min(off, len(data))
	return utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off]) + 1
}

// decoder turns the parsed JSON tree into a File, checking as it goes. It
// records only the first error; later checks see zero values and are
// skipped by the callers testing d.err.
type decoder struct {
	data []byte
	lim  limits
	err  error
}

func (d *decoder) fail(v *jvalue, path string, format string, args ...any) {
	if d.err == nil {
		line := 0
		if v != nil {
			line = lineAt(d.data, v.off)
		}
		d.err = &PathError{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
	}
}

// fields checks that v is an object, that it has every required field and
// no field outside allowed, and returns it as a map. allowed lists the
// required fields first: the first nreq of them.
func (d *decoder) fields(v *jvalue, path string, allowed []string, nreq int) map[string]*jvalue {
	if d.err != nil {
		return nil
	}
	if v.kind != kindObject {
		d.wrongType(v, path, "an object")
		return nil
	}
	m := make(map[string]*jvalue, len(v.fields))
	for _, fl := range v.fields {
		if !slices.Contains(allowed, fl.key) {
			d.fail(fl.val, join(path, fl.key), "unknown field")
			return nil
		}
		m[fl.key] = fl.val
	}
	for _, k := range allowed[:nreq] {
		if m[k] == nil {
			d.fail(v, join(path, k), "missing")
			return nil
		}
	}
	return m
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func (d *decoder) wrongType(v *jvalue, path, want string) {
	d.fail(v, path, "got %s, want %s", v.kind, want)
}

func (d *decoder) str(v *jvalue, path string) string {
	if d.err != nil || v == nil {
		return ""
	}
	if v.kind != kindString {
		d.wrongType(v, path, "a string")
		return ""
	}
	return v.s
}

func (d *decoder) int(v *jvalue, path string) int {
	if d.err != nil || v == nil {
		return 0
	}
	if v.kind != kindNumber {
		d.wrongType(v, path, "an integer")
		return 0
	}
	n, err := strconv.ParseInt(v.s, 10, 0)
	if err != nil || n > 1<<53 || n < -1<<53 {
		d.fail(v, path, "%s is not an integer of at most 16 digits", v.s)
		return 0
	}
	return int(n)
}

func (d *decoder) time(v *jvalue, path string) time.Time {
	s := d.str(v, path)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		d.fail(v, path, "%q is not an RFC 3339 time such as \"2025-02-18T09:30:00Z\"", s)
		return time.Time{}
	}
	return t.UTC().Truncate(time.Second)
}

func (d *decoder) array(v *jvalue, path string) []*jvalue {
	if d.err != nil || v == nil {
		return nil
	}
	if v.kind != kindArray {
		d.wrongType(v, path, "an array")
		return nil
	}
	return v.elems
}

func (d *decoder) strings(v *jvalue, path string) []string {
	els := d.array(v, path)
	if els == nil {
		return nil
	}
	out := make([]string, len(els))
	for i, e := range els {
		out[i] = d.str(e, index(path, i))
	}
	return out
}

var (
	fileFields         = []string{"spanmark", "document", "schema", "annotations", "relations", "orphans", "annotator", "exported"}
	documentFields     = []string{"id", "length", "text", "title", "source"}
	schemaFields       = []string{"labels", "relations"}
	labelFields        = []string{"id", "name", "key", "color", "description"}
	relationTypeFields = []string{"id", "name", "from", "to", "description"}
	annotationFields   = []string{"id", "label", "start", "end", "quote", "prefix", "suffix", "entity", "note", "conflict", "created", "modified"}
	conflictFields     = []string{"votes"}
	voteFields         = []string{"annotator", "label"}
	relationFields     = []string{"id", "type", "from", "to"}
	orphanFields       = []string{"annotation", "reason"}
)

func (d *decoder) file(root *jvalue) *File {
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
	if ver.s != strconv.Itoa(Version) {
		d.fail(ver, "spanmark", "version %s is not supported (this program reads version %d)", ver.s, Version)
		return nil
	}
	m := d.fields(root, "", fileFields, 4)
	if m == nil {
		return nil
	}
	f := &File{Spanmark: Version}
	f.Document = d.document(m["document"])
	f.Schema = d.schema(m["schema"])
	f.Annotator = d.str(m["annotator"], "annotator")
	f.Exported = d.time(m["exported"], "exported")
	if d.err != nil {
		return nil
	}
	sch := &f.Schema
	labels := map[string]string{} // annotation id -> label, of annotations and orphans
	anns := d.array(m["annotations"], "annotations")
	orphans := d.array(m["orphans"], "orphans")
	if n := len(anns) + len(orphans); n > d.lim.annotations {
		d.fail(m["annotations"], "annotations", "%d annotations and orphans are more than the limit of %d", n, d.lim.annotations)
		return nil
	}
	f.Annotations = make([]Annotation, len(anns))
	type span struct {
		label      string
		start, end int
	}
	spans := make(map[span]int, len(anns))
	for i, v := range anns {
		p := index("annotations", i)
		a, fm := d.annotation(v, p, sch, labels)
		if d.err != nil {
			return nil
		}
		n := f.Document.Length
		switch {
		case a.Start < 0:
			d.fail(fm["start"], p+".start", "%d is negative", a.Start)
		case a.End > n:
			d.fail(fm["end"], p+".end", "%d is past the end of the text (%d)", a.End, n)
		case a.End <= a.Start:
			d.fail(fm["end"], p+".end", "%d is not after start %d", a.End, a.Start)
		}
		sp := span{a.Label, a.Start, a.End}
		if j, ok := spans[sp]; ok {
			d.fail(v, p, "same label and span as annotations[%d] (%q)", j, f.Annotations[j].ID)
		}
		spans[sp] = i
		f.Annotations[i] = a
	}
	if orphans != nil {
		f.Orphans = make([]Orphan, len(orphans))
	}
	for i, v := range orphans {
		p := index("orphans", i)
		om := d.fields(v, p, orphanFields, 2)
		if om == nil {
			return nil
		}
		a, _ := d.annotation(om["annotation"], p+".annotation", sch, labels)
		f.Orphans[i] = Orphan{Annotation: a, Reason: d.str(om["reason"], p+".reason")}
		if d.err != nil {
			return nil
		}
	}
	rels := d.array(m["relations"], "relations")
	if len(rels) > d.lim.relations {
		d.fail(m["relations"], "relations", "%d relations are more than the limit of %d", len(rels), d.lim.relations)
		return nil
	}
	f.Relations = make([]Relation, len(rels))
	relIDs := make(map[string]int, len(rels))
	type link struct{ typ, from, to string }
	links := make(map[link]int, len(rels))
	for i, v := range rels {
		p := index("relations", i)
		rm := d.fields(v, p, relationFields, 4)
		if rm == nil {
			return nil
		}
		r := Relation{
			ID:   d.str(rm["id"], p+".id"),
			Type: d.str(rm["type"], p+".type"),
			From: d.str(rm["from"], p+".from"),
			To:   d.str(rm["to"], p+".to"),
		}
		if d.err != nil {
			return nil
		}
		if r.ID == "" {
			d.fail(rm["id"], p+".id", "empty")
			return nil
		}
		if j, ok := relIDs[r.ID]; ok {
			d.fail(rm["id"], p+".id", "%q is used twice (also relations[%d])", r.ID, j)
			return nil
		}
		relIDs[r.ID] = i
		rt, ok := sch.Relation(r.Type)
		if !ok {
			d.fail(rm["type"], p+".type", "unknown relation type %q", r.Type)
			return nil
		}
		fromLabel, ok := labels[r.From]
		if !ok {
			d.fail(rm["from"], p+".from", "no annotation has id %q", r.From)
			return nil
		}
		toLabel, ok := labels[r.To]
		if !ok {
			d.fail(rm["to"], p+".to", "no annotation has id %q", r.To)
			return nil
		}
		if r.From == r.To {
			d.fail(rm["to"], p+".to", "links annotation %q to itself", r.To)
			return nil
		}
		if !rt.Allows(fromLabel, toLabel) {
			d.fail(v, p, "a %q relation cannot go from %s to %s", r.Type, fromLabel, toLabel)
			return nil
		}
		l := link{r.Type, r.From, r.To}
		if j, ok := links[l]; ok {
			d.fail(v, p, "repeats relations[%d] (%q): same type, from and to", j, f.Relations[j].ID)
			return nil
		}
		links[l] = i
		f.Relations[i] = r
	}
	if d.err != nil {
		return nil
	}
	return f
}

func (d *decoder) document(v *jvalue) FileDocument {
	m := d.fields(v, "document", documentFields, 3)
	if m == nil {
		return FileDocument{}
	}
	doc := FileDocument{
		ID:     d.str(m["id"], "document.id"),
		Length: d.int(m["length"], "document.length"),
		Text:   d.str(m["text"], "document.text"),
		Title:  d.str(m["title"], "document.title"),
		Source: d.str(m["source"], "document.source"),
	}
	if d.err != nil {
		return doc
	}
	if norm := Normalize(doc.Text); norm != doc.Text {
		what := "carriage returns; lines must end with LF alone"
		if strings.HasPrefix(doc.Text, "\uFEFF") {
			what = "a byte order mark at the start"
		}
		d.fail(m["text"], "document.text", "is not normalised: it has %s", what)
		return doc
	}
	if n := utf8.RuneCountInString(doc.Text); doc.Length != n {
		d.fail(m["length"], "document.length", "%d is not the length of the text (%d code points)", doc.Length, n)
		return doc
	}
	sum := sha256.Sum256([]byte(doc.Text))
	if id := "sha256:" + hex.EncodeToString(sum[:]); doc.ID != id {
		d.fail(m["id"], "document.id", "%q is not the identity of the text, which is %q", doc.ID, id)
	}
	return doc
}

func (d *decoder) schema(v *jvalue) Schema {
	m := d.fields(v, "schema", schemaFields, 1)
	if m == nil {
		return Schema{}
	}
	var s Schema
	labels := d.array(m["labels"], "schema.labels")
	s.Labels = make([]Label, len(labels))
	for i, lv := range labels {
		p := index("schema.labels", i)
		lm := d.fields(lv, p, labelFields, 2)
		if lm == nil {
			return Schema{}
		}
		s.Labels[i] = Label{
			ID:          d.str(lm["id"], p+".id"),
			Name:        d.str(lm["name"], p+".name"),
			Key:         d.str(lm["key"], p+".key"),
			Color:       d.str(lm["color"], p+".color"),
			Description: d.str(lm["description"], p+".description"),
		}
	}
	if rels := d.array(m["relations"], "schema.relations"); rels != nil {
		s.Relations = make([]RelationType, len(rels))
		for i, rv := range rels {
			p := index("schema.relations", i)
			rm := d.fields(rv, p, relationTypeFields, 4)
			if rm == nil {
				return Schema{}
			}
			s.Relations[i] = RelationType{
				ID:          d.str(rm["id"], p+".id"),
				Name:        d.str(rm["name"], p+".name"),
				From:        d.strings(rm["from"], p+".from"),
				To:          d.strings(rm["to"], p+".to"),
				Description: d.str(rm["description"], p+".description"),
			}
		}
	}
	if d.err != nil {
		return Schema{}
	}
	if err := s.Validate(); err != nil {
		var pe *PathError
		if errors.As(err, &pe) {
			d.fail(d.at(v, pe.Path), join("schema", pe.Path), "%v", pe.Err)
		} else {
			d.fail(v, "schema", "%v", err)
		}
		return Schema{}
	}
	return s
}

// at returns the value at a relative path such as "labels[2].id" under v,
// or the deepest value on the way that exists, for its line.
func (d *decoder) at(v *jvalue, path string) *jvalue {
	for path != "" && v != nil {
		var step string
		if i := indexAny(path, ".["); i > 0 {
			step, path = path[:i], path[i:]
		} else if path[0] == '[' {
			end := bytes.IndexByte([]byte(path), ']')
			if end < 0 {
				return v
			}
			n, err := strconv.Atoi(path[1:end])
			path = path[end+1:]
			if err != nil || v.kind != kindArray || n < 0 || n >= len(v.elems) {
				return v
			}
			v = v.elems[n]
			continue
		} else if path[0] == '.' {
			path = path[1:]
			continue
		} else {
			step, path = path, ""
		}
		next := v.field(step)
		if next == nil {
			return v
		}
		v = next
	}
	return v
}

func indexAny(s, chars string) int {
	for i := 0; i < len(s); i++ {
		for j := 0; j < len(chars); j++ {
			if s[i] == chars[j] {
				return i
			}
		}
	}
	return -1
}

// annotation decodes an annotation or an orphan's annotation at path and
// records its id and label in labels. It checks what both share (a unique,
// non-empty id, a known label); the span checks are the caller's, since an
// orphan's offsets refer to a text that is gone.
func (d *decoder) annotation(v *jvalue, path string, sch *Schema, labels map[string]string) (Annotation, map[string]*jvalue) {
	m := d.fields(v, path, annotationFields, 5)
	if m == nil {
		return Annotation{}, nil
	}
	a := Annotation{
		ID:       d.str(m["id"], path+".id"),
		Label:    d.str(m["label"], path+".label"),
		Start:    d.int(m["start"], path+".start"),
		End:      d.int(m["end"], path+".end"),
		Quote:    d.str(m["quote"], path+".quote"),
		Prefix:   d.str(m["prefix"], path+".prefix"),
		Suffix:   d.str(m["suffix"], path+".suffix"),
		Entity:   d.str(m["entity"], path+".entity"),
		Note:     d.str(m["note"], path+".note"),
		Created:  d.time(m["created"], path+".created"),
		Modified: d.time(m["modified"], path+".modified"),
	}
	if cv := m["conflict"]; cv != nil && d.err == nil {
		a.Conflict = d.conflict(cv, path+".conflict")
	}
	switch _, used := labels[a.ID]; {
	case d.err != nil:
	case a.ID == "":
		d.fail(m["id"], path+".id", "empty")
	case used:
		d.fail(m["id"], path+".id", "%q is used twice", a.ID)
	default:
		if _, ok := sch.Label(a.Label); !ok {
			d.fail(m["label"], path+".label", "unknown label %q", a.Label)
		}
	}
	if d.err != nil {
		return Annotation{}, nil
	}
	labels[a.ID] = a.Label
	return a, m
}

func (d *decoder) conflict(v *jvalue, path string) *Conflict {
	m := d.fields(v, path, conflictFields, 1)
	if m == nil {
		return nil
	}
	votes := d.array(m["votes"], path+".votes")
	c := &Conflict{Votes: make([]Vote, len(votes))}
	for i, vv := range votes {
		p := index(path+".votes", i)
		vm := d.fields(vv, p, voteFields, 1)
		if vm == nil {
			return nil
		}
		c.Votes[i] = Vote{Annotator: d.str(vm["annotator"], p+".annotator"), Label: d.str(vm["label"], p+".label")}
	}
	return c
}
