package annotations

import (
	"errors"
	"slices"
	"strconv"

	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Set is the work on one document: its annotations and relations under a
// schema, with the history of edits. Change it only through [Set.Apply],
// [Set.Undo] and [Set.Redo] (or [Set.Insert] and [Set.InsertRelation]
// while loading), so that every change is recorded and reported.
//
// A Set is not safe for concurrent use.
type Set struct {
	doc    *Document
	schema Schema

	anns map[string]*Annotation
	// order holds the annotations of anns ordered by [Compare], kept so by
	// put and remove (a binary search and a move of pointers), so that
	// listing them in order costs no sort per call: the page lists them
	// after every label. Loading a file out of order (Insert) clears
	// sorted instead; the next listing sorts once.
	order  []*Annotation
	sorted bool
	rels   map[string]*Relation
	// byPara[i] holds the ids of the annotations that touch paragraph i.
	byPara [][]string
	// orphans are annotations read from a file that could not be placed in
	// this text; they are kept, listed and written back, never dropped.
	orphans []Orphan
	// orphanRels are relations read from a file with an orphan at an end;
	// like the orphans they are kept and written back, never dropped.
	orphanRels []Relation

	nextAnn, nextRel int
	history          history
}

// Orphan is an annotation that could not be anchored in the document text,
// with the reason.
type Orphan struct {
	Annotation Annotation `json:"annotation"`
	Reason     string     `json:"reason"`
}

// NewSet returns an empty set of annotations on doc under schema.
func NewSet(doc *Document, schema Schema) *Set {
	return &Set{
		doc:     doc,
		schema:  schema,
		anns:    map[string]*Annotation{},
		sorted:  true,
		rels:    map[string]*Relation{},
		byPara:  make([][]string, len(doc.Paragraphs())),
		nextAnn: 1,
		nextRel: 1,
	}
}

// Document returns the document the set annotates.
func (s *Set) Document() *Document { return s.doc }

// Schema returns the set's schema.
func (s *Set) Schema() Schema { return s.schema }

// Len returns the number of annotations.
func (s *Set) Len() int { return len(s.anns) }

// Annotation returns the annotation with the given id.
func (s *Set) Annotation(id string) (Annotation, bool) {
	a, ok := s.anns[id]
	if !ok {
		return Annotation{}, false
	}
	return *a, true
}

// Annotations returns all annotations, ordered by [Compare].
func (s *Set) Annotations() []Annotation {
	ps := s.ordered()
	out := make([]Annotation, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	return out
}

// At returns annotation i, 0 ≤ i < [Set.Len], in the order of [Compare]:
// with Len, a way to go through them in order without the copy of
// [Set.Annotations]. The order is kept as the set changes, so
// indexes are valid until the next change.
func (s *Set) At(i int) Annotation { return *s.ordered()[i] }

// ordered returns s.order, sorting it first if a load left it out of
// order.
func (s *Set) ordered() []*Annotation {
	if !s.sorted {
		slices.SortStableFunc(s.order, Compare) // the one sort the browser program carries (lite.SortStableFunc)
		s.sorted = true
	}
	return s.order
}

// InParagraph returns the annotations that touch paragraph i, ordered by [Compare].
func (s *Set) InParagraph(i int) []Annotation {
	if i < 0 || i >= len(s.byPara) {
		return nil
	}
	ps := make([]*Annotation, 0, len(s.byPara[i]))
	for _, id := range s.byPara[i] {
		ps = append(ps, s.anns[id])
	}
	return sortedCopies(ps)
}

func sortedCopies(ps []*Annotation) []Annotation {
	slices.SortStableFunc(ps, Compare)
	out := make([]Annotation, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	return out
}

// Relation returns the relation with the given id.
func (s *Set) Relation(id string) (Relation, bool) {
	r, ok := s.rels[id]
	if !ok {
		return Relation{}, false
	}
	return *r, true
}

// Relations returns all relations ordered by id.
func (s *Set) Relations() []Relation {
	ps := make([]*Relation, 0, len(s.rels))
	for _, r := range s.rels {
		ps = append(ps, r)
	}
	slices.SortStableFunc(ps, CompareRelations)
	out := make([]Relation, len(ps))
	for i, r := range ps {
		out[i] = *r
	}
	return out
}

// RelationsOf returns the relations from or to annotation id, ordered by id.
func (s *Set) RelationsOf(id string) []Relation {
	var out []Relation
	for _, r := range s.rels {
		if r.From == id || r.To == id {
			out = append(out, *r)
		}
	}
	lite.SortStableFunc(out, CompareRelations)
	return out
}

// Orphans returns the annotations that could not be placed in the text.
func (s *Set) Orphans() []Orphan { return slices.Clone(s.orphans) }

// OrphanRelations returns the relations with an orphan at an end, ordered
// by id. They are not part of [Set.Relations], which links annotations on
// the text, but [NewFile] writes them back.
func (s *Set) OrphanRelations() []Relation {
	out := slices.Clone(s.orphanRels)
	lite.SortStableFunc(out, CompareRelations)
	return out
}

// relationsWithOrphans returns the relations to write to a file: those of
// the text and those of the orphans whose other end still exists (an
// annotation at the other end may have been deleted since; undoing that
// brings the relation back).
func (s *Set) relationsWithOrphans() []Relation {
	out := s.Relations()
	if len(s.orphanRels) == 0 {
		return out
	}
	orphaned := make(map[string]bool, len(s.orphans))
	for _, o := range s.orphans {
		orphaned[o.Annotation.ID] = true
	}
	for _, r := range s.orphanRels {
		_, fromOK := s.anns[r.From]
		_, toOK := s.anns[r.To]
		if (fromOK || orphaned[r.From]) && (toOK || orphaned[r.To]) {
			out = append(out, r)
		}
	}
	lite.SortStableFunc(out, CompareRelations)
	return out
}

// AddOrphan keeps an annotation that could not be anchored, with why.
// Orphans are not part of the history.
func (s *Set) AddOrphan(o Orphan) { s.orphans = append(s.orphans, o) }

// AddOrphanRelation keeps a relation read from a file with an orphan at an
// end, so that it is written back with the orphans instead of being lost.
// Its id is reserved: relations made later get other ids.
func (s *Set) AddOrphanRelation(r Relation) {
	s.orphanRels = append(s.orphanRels, r)
	s.bumpNext(r.ID, &s.nextRel)
}

// Insert adds an annotation as read from a file, without recording it in
// the history. It checks the annotation like [Add] does, except that the id
// is kept and the quote and context are taken from the text. It returns an
// error wrapping [ErrDuplicate] for a duplicate id or span.
func (s *Set) Insert(a Annotation) error {
	if a.ID == "" {
		return errors.New("insert annotation: empty id")
	}
	if _, ok := s.anns[a.ID]; ok {
		return errors.New("insert annotation: id " + strconv.Quote(a.ID) + " " + ErrDuplicate.Error())
	}
	if err := s.checkSpan(a.Label, a.Start, a.End); err != nil {
		return errors.New("insert annotation " + strconv.Quote(a.ID) + ": " + err.Error())
	}
	if d := s.duplicateOf(a.Label, a.Start, a.End, ""); d != "" {
		return &dupError{op: "insert annotation " + strconv.Quote(a.ID), what: "the same label and span", other: d}
	}
	s.describe(&a)
	s.put(&a, true)
	s.bumpNext(a.ID, &s.nextAnn)
	return nil
}

// InsertRelation adds a relation as read from a file, without recording it
// in the history. The endpoints must exist and fit the relation type.
func (s *Set) InsertRelation(r Relation) error {
	if r.ID == "" {
		return errors.New("insert relation: empty id")
	}
	if _, ok := s.rels[r.ID]; ok {
		return errors.New("insert relation: id " + strconv.Quote(r.ID) + " " + ErrDuplicate.Error())
	}
	if err := s.checkRelation(r); err != nil {
		return errors.New("insert relation " + strconv.Quote(r.ID) + ": " + err.Error())
	}
	s.putRel(&r)
	s.bumpNext(r.ID, &s.nextRel)
	return nil
}

func (s *Set) bumpNext(id string, next *int) {
	if _, n := splitID(id); n >= *next {
		*next = n + 1
	}
}

// put stores a (replacing any annotation with its id) and indexes it,
// in order. One read from a file (load) goes at the end: files list them
// in order, and one out of order leaves the order to be sorted once (by
// ordered), not every insertion to move the ones after it.
func (s *Set) put(a *Annotation, load bool) {
	if old, ok := s.anns[a.ID]; ok {
		s.unindex(old)
	}
	s.anns[a.ID] = a
	first, last := s.doc.ParagraphsIn(a.Start, a.End)
	for i := first; i < last; i++ {
		s.byPara[i] = append(s.byPara[i], a.ID)
	}
	n := len(s.order)
	if load && n > 0 && Compare(s.order[n-1], a) > 0 {
		s.sorted = false
	}
	if load || !s.sorted {
		s.order = append(s.order, a)
		return
	}
	// By hand, not slices.Insert and BinarySearchFunc: each generic
	// function is a copy in the browser program (lite.SortStableFunc).
	i := s.orderIndex(a)
	s.order = append(s.order, nil)
	copy(s.order[i+1:], s.order[i:])
	s.order[i] = a
}

// orderIndex returns the index in s.order, sorted, of the first
// annotation that [Compare] puts at or after a.
func (s *Set) orderIndex(a *Annotation) int {
	lo, hi := 0, len(s.order)
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); Compare(s.order[m], a) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func (s *Set) remove(id string) {
	if a, ok := s.anns[id]; ok {
		s.unindex(a)
		delete(s.anns, id)
	}
}

// unindex takes a, as stored, out of every index.
func (s *Set) unindex(a *Annotation) {
	first, last := s.doc.ParagraphsIn(a.Start, a.End)
	for i := first; i < last; i++ {
		if j := slices.Index(s.byPara[i], a.ID); j >= 0 {
			s.byPara[i] = slices.Delete(s.byPara[i], j, j+1)
		}
	}
	// Stored annotations are never changed in place (an edit stores a
	// new one), so a's key is the one it was ordered by.
	j := -1
	if s.sorted {
		if i := s.orderIndex(a); i < len(s.order) && s.order[i] == a {
			j = i
		}
	}
	for i := 0; j < 0 && i < len(s.order); i++ {
		if s.order[i] == a {
			j = i
		}
	}
	if j >= 0 {
		copy(s.order[j:], s.order[j+1:])
		s.order[len(s.order)-1] = nil
		s.order = s.order[:len(s.order)-1]
	}
}

func (s *Set) putRel(r *Relation) { s.rels[r.ID] = r }

// describe fills in the quote and context of a from the text.
func (s *Set) describe(a *Annotation) {
	sel := Describe(s.doc.Runes(), a.Start, a.End, ContextLen)
	a.Quote, a.Prefix, a.Suffix = sel.Exact, sel.Prefix, sel.Suffix
}

// checkSpan checks that label is known and [start, end) is a non-empty
// range of the text.
func (s *Set) checkSpan(label string, start, end int) error {
	if _, ok := s.schema.Label(label); !ok {
		return errors.New("unknown label " + strconv.Quote(label))
	}
	n := s.doc.Len()
	switch {
	case start < 0:
		return errors.New("start " + strconv.Itoa(start) + " is negative")
	case end > n:
		return errors.New("end " + strconv.Itoa(end) + " is past the end of the text (" + strconv.Itoa(n) + ")")
	case end <= start:
		return errors.New("span [" + strconv.Itoa(start) + "," + strconv.Itoa(end) + ") is empty")
	}
	return nil
}

// duplicateOf returns the id of an annotation other than except with the
// same label and span, or "".
func (s *Set) duplicateOf(label string, start, end int, except string) string {
	first, _ := s.doc.ParagraphsIn(start, end)
	if first >= len(s.byPara) {
		return ""
	}
	for _, id := range s.byPara[first] {
		a := s.anns[id]
		if id != except && a.Start == start && a.End == end && a.Label == label {
			return id
		}
	}
	return ""
}

// dupError says that what an edit would make exists already, as other.
type dupError struct{ op, what, other string }

func (e *dupError) Error() string {
	return e.op + ": " + e.what + " " + ErrDuplicate.Error() + " as " + e.other
}
func (e *dupError) Unwrap() error { return ErrDuplicate }

// checkRelation checks that the type is known, the endpoints exist and fit
// the type, and no relation of that type already joins them.
func (s *Set) checkRelation(r Relation) error {
	rt, ok := s.schema.Relation(r.Type)
	if !ok {
		return errors.New("unknown relation type " + strconv.Quote(r.Type))
	}
	from, ok := s.anns[r.From]
	if !ok {
		return errors.New("from: annotation " + strconv.Quote(r.From) + " " + ErrNotFound.Error())
	}
	to, ok := s.anns[r.To]
	if !ok {
		return errors.New("to: annotation " + strconv.Quote(r.To) + " " + ErrNotFound.Error())
	}
	if r.From == r.To {
		return errors.New("an annotation cannot be linked to itself")
	}
	if !rt.Allows(from.Label, to.Label) {
		return errors.New(strconv.Quote(rt.ID) + " cannot go from " + from.Label + " to " + to.Label)
	}
	for _, o := range s.rels {
		if o.ID != r.ID && o.Type == r.Type && o.From == r.From && o.To == r.To {
			return &dupError{op: "link", what: "this link", other: o.ID}
		}
	}
	return nil
}
