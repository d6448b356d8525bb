package exchange

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/spanmark/spanmark/annotations"
)

// This file holds the import builder that the brat, doccano and Label
// Studio decoders share: it turns another tool's spans and links into an
// [annotations.File] with a schema made from the labels it saw, and maps
// the tool's offsets in its raw text to code points of the normalised text.

// importSpan is an annotation read from another tool's file, with where it
// was, for errors.
type importSpan struct {
	key        string // the tool's id, for links; "" if none
	label      string
	start, end int // code points in the normalised text
	notes      []string
	entity     string
	line       int
	path       string
}

// importLink is a relation read from another tool's file.
type importLink struct {
	typ, from, to string // from and to are importSpan keys
	line          int
	path          string
}

// importer builds an [annotations.File] from spans and links read from another tool.
type importer struct {
	format string
	doc    *annotations.Document
	spans  []importSpan
	links  []importLink
	// rep collects what was dropped or changed; nil collects nothing.
	rep *Report
	// labels and relations map the tool's names to our ids (see [idMaker]).
	labels, relations idMaker
}

// fail returns a [PathError] for the format at line and path.
func importError(format string, line int, path string, err error) error {
	return &annotations.PathError{Line: line, Path: path, Err: errors.New(format + ": " + err.Error())}
}

// place names where a span or link was read, for a report.
func place(line int, path string) string {
	switch {
	case line > 0 && path != "":
		return lineAt(line) + ": " + path
	case line > 0:
		return lineAt(line)
	}
	return path
}

// labelID turns a tool's label name into an id: characters outside
// letters, digits, '-', '_', '.' and ':' become '_', and it is cut to 64
// bytes. The name is kept as the label's name. It is "" when no ASCII
// letter or digit is left, as for a name in Chinese script: [idMaker]
// numbers those.
func labelID(name string) string {
	var b strings.Builder
	alnum := false
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			alnum = true
			b.WriteRune(c)
		case c == '-' || c == '_' || c == '.' || c == ':':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 56 {
			// 56 leaves room for a "-N" suffix within the 64 of an id.
			break
		}
	}
	if !alnum {
		return ""
	}
	return b.String()
}

// idMaker gives each distinct name of a tool's labels (or relation types)
// its own id, so that two names never share one: the name itself when it
// is an id, else [labelID] of it, else prefix and a number ("label-3" for
// the third label); a "-2", "-3"… suffix settles a clash, as between
// "Named Place" and "Named_Place".
type idMaker struct {
	byName map[string]string
	taken  map[string]bool
	n      int
}

func (m *idMaker) id(name, prefix string) string {
	if id, ok := m.byName[name]; ok {
		return id
	}
	if m.byName == nil {
		m.byName, m.taken = map[string]string{}, map[string]bool{}
	}
	m.n++
	base := labelID(name)
	if base == "" {
		base = prefix + "-" + strconv.Itoa(m.n)
	}
	id := base
	for k := 2; m.taken[id]; k++ {
		id = base + "-" + strconv.Itoa(k)
	}
	m.byName[name], m.taken[id] = id, true
	return id
}

// labelName is what an encoder writes for label id of sch: the label's
// name, so that a file sent back to a tool carries the labels its project
// has, or the id for Spanmark's own labels (whose files have always
// written "actor"), for labels without a name, and where the name would
// be read back as another label: another label's name, or the id of one
// of Spanmark's labels, which the decoders take as that label.
func labelName(sch annotations.Schema, id string) string {
	def := annotations.DefaultSchema()
	l, ok := sch.Label(id)
	if d, isDef := def.Label(id); !ok || l.Name == "" || isDef && d.Name == l.Name {
		return id
	}
	if _, isDef := def.Label(l.Name); isDef && l.Name != id {
		return id
	}
	for _, o := range sch.Labels {
		if o.ID != id && o.Name == l.Name {
			return id
		}
	}
	return l.Name
}

// relationName is [labelName] for relation types.
func relationName(sch annotations.Schema, id string) string {
	def := annotations.DefaultSchema()
	r, ok := sch.Relation(id)
	if d, isDef := def.Relation(id); !ok || r.Name == "" || isDef && d.Name == r.Name {
		return id
	}
	if _, isDef := def.Relation(r.Name); isDef && r.Name != id {
		return id
	}
	for _, o := range sch.Relations {
		if o.ID != id && o.Name == r.Name {
			return id
		}
	}
	return r.Name
}

// build checks the spans and links and makes the file. When every label
// and relation type seen is one of [DefaultSchema]'s, and fits it, the
// schema is the default one, whole: that is what a Spanmark file exported
// to another tool and read back had. Otherwise the schema has the labels
// in the order first seen and relation types that allow what was seen; a
// label or relation type whose id is in the default keeps its name, colour
// and key.
func (im *importer) build(annotator string) (*annotations.File, error) {
	def := annotations.DefaultSchema()
	sch, err := im.schema(def)
	if err != nil {
		return nil, err
	}
	if err := sch.Validate(); err != nil {
		return nil, importError(im.format, 0, "", err)
	}
	return im.fill(sch, annotator)
}

func (im *importer) schema(def annotations.Schema) (annotations.Schema, error) {
	var sch annotations.Schema
	seen := map[string]bool{}
	for _, sp := range im.spans {
		id := im.labels.id(sp.label, "label")
		if seen[id] {
			continue
		}
		seen[id] = true
		if l, ok := def.Label(id); ok {
			sch.Labels = append(sch.Labels, l)
		} else {
			sch.Labels = append(sch.Labels, annotations.Label{ID: id, Name: sp.label})
		}
	}
	if len(sch.Labels) == 0 {
		// An empty schema is not valid; a file with no spans keeps ours.
		sch.Labels = def.Labels
		for _, l := range def.Labels {
			seen[l.ID] = true
		}
	}
	labelOf := map[string]string{}
	for _, sp := range im.spans {
		if sp.key != "" {
			if _, ok := labelOf[sp.key]; !ok {
				labelOf[sp.key] = im.labels.id(sp.label, "label")
			}
		}
	}
	type use struct {
		name     string
		from, to []string
	}
	uses := map[string]*use{}
	var relOrder []string
	for _, l := range im.links {
		f, okF := labelOf[l.from]
		t, okT := labelOf[l.to]
		if !okF || !okT {
			missing := l.from
			if okF {
				missing = l.to
			}
			return annotations.Schema{}, importError(im.format, l.line, l.path, errors.New("no span has id "+strconv.Quote(missing)))
		}
		id := im.relations.id(l.typ, "relation")
		u, ok := uses[id]
		if !ok {
			u = &use{name: l.typ}
			uses[id] = u
			relOrder = append(relOrder, id)
		}
		if !slices.Contains(u.from, f) {
			u.from = append(u.from, f)
		}
		if !slices.Contains(u.to, t) {
			u.to = append(u.to, t)
		}
	}
	for _, id := range relOrder {
		u := uses[id]
		if rt, ok := def.Relation(id); ok && allIn(u.from, rt.From) && allIn(u.to, rt.To) && allIn(rt.From, sch.LabelIDs()) && allIn(rt.To, sch.LabelIDs()) {
			sch.Relations = append(sch.Relations, rt)
			continue
		}
		sch.Relations = append(sch.Relations, annotations.RelationType{ID: id, Name: u.name, From: u.from, To: u.to})
	}
	if sch.Relations == nil {
		sch.Relations = []annotations.RelationType{}
	}
	fits := true
	for _, l := range sch.Labels {
		if d, ok := def.Label(l.ID); !ok || d != l {
			fits = false
		}
	}
	for _, r := range sch.Relations {
		if d, ok := def.Relation(r.ID); !ok || d.Name != r.Name {
			fits = false
		}
	}
	if fits {
		return def, nil
	}
	return sch, nil
}

// fill makes the file of the spans and links under sch. A span with the
// same label and range as an earlier one (two regions for one phrase, or
// one tool id listed twice) is merged into it: its notes are added, links
// to it go to the first, and the report counts it.
func (im *importer) fill(sch annotations.Schema, annotator string) (*annotations.File, error) {
	s := annotations.NewSet(im.doc, sch)
	ids := map[string]string{} // tool id -> our id, of the first annotation made from it
	type spanKey struct {
		label      string
		start, end int
	}
	at := map[spanKey]int{}
	var made []annotations.Annotation
	for i, sp := range im.spans {
		k := spanKey{im.labels.id(sp.label, "label"), sp.start, sp.end}
		if j, ok := at[k]; ok {
			a := &made[j]
			for _, n := range sp.notes {
				if !slices.Contains(strings.Split(a.Note, "\n"), n) {
					a.Note = strings.TrimPrefix(a.Note+"\n"+n, "\n")
				}
			}
			if a.Entity == "" {
				a.Entity = sp.entity
			}
			im.rep.add("span with the same label and range as another, merged into it", place(sp.line, sp.path))
			if sp.key != "" {
				if _, ok := ids[sp.key]; !ok {
					ids[sp.key] = a.ID
				}
			}
			continue
		}
		id := "a" + strconv.Itoa(i+1)
		at[k] = len(made)
		made = append(made, annotations.Annotation{ID: id, Label: k.label, Start: sp.start, End: sp.end,
			Note: strings.Join(sp.notes, "\n"), Entity: sp.entity})
		if sp.key != "" {
			if _, ok := ids[sp.key]; !ok {
				ids[sp.key] = id
			}
		}
	}
	for _, a := range made {
		if err := s.Insert(a); err != nil {
			i, _ := strconv.Atoi(a.ID[1:])
			sp := im.spans[i-1]
			return nil, importError(im.format, sp.line, sp.path, err)
		}
	}
	type linkKey struct{ typ, from, to string }
	seenLink := map[linkKey]bool{}
	n := 0
	for _, l := range im.links {
		r := annotations.Relation{ID: "r" + strconv.Itoa(n+1), Type: im.relations.id(l.typ, "relation"), From: ids[l.from], To: ids[l.to]}
		k := linkKey{r.Type, r.From, r.To}
		if seenLink[k] {
			// The same link twice says nothing more; brat and Label Studio
			// both allow it.
			continue
		}
		seenLink[k] = true
		if err := s.InsertRelation(r); err != nil {
			return nil, importError(im.format, l.line, l.path, err)
		}
		n++
	}
	return annotations.NewFile(s, annotator, time.Time{}), nil
}

func allIn(xs, set []string) bool {
	for _, x := range xs {
		if !slices.Contains(set, x) {
			return false
		}
	}
	return true
}

// rawText maps offsets counted in a text as another tool holds it (with a
// byte order mark or CR characters) to the normalised document text, where
// [Normalize] removed them.
type rawText struct {
	runes []rune
	// toNorm[i] is the normalised offset of raw code point i, for i in
	// [0, len(runes)]; nil when the raw text is already normal.
	toNorm []int
}

func newRawText(raw string) *rawText {
	rs := []rune(raw)
	if !strings.ContainsRune(raw, '\r') && !strings.HasPrefix(raw, "\uFEFF") {
		return &rawText{runes: rs}
	}
	to := make([]int, len(rs)+1)
	n := 0
	for i, r := range rs {
		to[i] = n
		switch {
		case i == 0 && r == '\uFEFF':
		case r == '\r' && i+1 < len(rs) && rs[i+1] == '\n':
			// The CR of a CRLF goes; it maps to the LF.
		default:
			n++
		}
	}
	to[len(rs)] = n
	return &rawText{runes: rs, toNorm: to}
}

// span maps the raw code point range [start, end) to the normalised text,
// checking that it is a non-empty range inside the text.
func (r *rawText) span(start, end int) (int, int, error) {
	n := len(r.runes)
	switch {
	case start < 0:
		return 0, 0, errors.New("start " + strconv.Itoa(start) + " is negative")
	case end > n:
		return 0, 0, errors.New("end " + strconv.Itoa(end) + " is past the end of the text (" + strconv.Itoa(n) + " code points)")
	case end <= start:
		return 0, 0, errors.New("span [" + strconv.Itoa(start) + "," + strconv.Itoa(end) + ") is empty")
	}
	if r.toNorm == nil {
		return start, end, nil
	}
	return r.toNorm[start], r.toNorm[end], nil
}

// utf16Span converts the UTF-16 range [start, end) of the raw text to code
// points of the raw text. An offset inside a surrogate pair cannot come from
// a count in UTF-16 units: it is widened to the whole character (start
// down, end up), and split says so.
func (r *rawText) utf16Span(start, end int) (s, e int, split bool, err error) {
	conv := func(u int, up bool) (int, error) {
		if u < 0 {
			return 0, errors.New(strconv.Itoa(u) + " is negative")
		}
		n := 0
		for i, c := range r.runes {
			if n == u {
				return i, nil
			}
			n += utf16.RuneLen(c)
			if n > u {
				split = true
				if up {
					return i + 1, nil
				}
				return i, nil
			}
		}
		if n == u {
			return len(r.runes), nil
		}
		return 0, errors.New("UTF-16 offset " + strconv.Itoa(u) + " is past the end of the text (" + strconv.Itoa(n) + " UTF-16 units)")
	}
	if s, err = conv(start, false); err != nil {
		return 0, 0, false, errors.New("start: " + err.Error())
	}
	if e, err = conv(end, true); err != nil {
		return 0, 0, false, errors.New("end: " + err.Error())
	}
	return s, e, split, nil
}
