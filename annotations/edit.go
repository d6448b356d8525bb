package annotations

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"time"
)

// Edit is a change a person makes to a [Set]: [Add], [Relabel], [SetNote],
// [SetEntity], [Delete], [Link], [Unlink], [AddAll], [SetSchema], or, reviewing where
// a file's annotations were placed (review.go), [Move] or [SetAside]. Edits are plain
// values; [Set.Apply] checks and applies one as a single undoable step.
type Edit interface {
	// plan checks the edit against s and returns the steps that make it,
	// without changing s (beyond reserving new ids).
	plan(s *Set, now Time) ([]step, error)
}

// Add labels the span [Start, End). The span is trimmed of surrounding
// white space, and with Snap first widened to whole words.
type Add struct {
	Label      string
	Start, End int
	Snap       bool
	Note       string
	Entity     string
}

// Relabel gives annotation ID another label. Relations that the new label
// no longer fits are removed in the same step.
type Relabel struct {
	ID, Label string
}

// SetNote replaces the note of annotation ID; an empty Note removes it.
type SetNote struct {
	ID, Note string
}

// SetEntity replaces the entity of annotation ID; an empty Entity removes it.
type SetEntity struct {
	ID, Entity string
}

// Delete removes annotations and every relation from or to them.
type Delete struct {
	IDs []string
}

// Link adds a relation of Type from annotation From to annotation To.
type Link struct {
	Type, From, To string
}

// Unlink removes relation ID.
type Unlink struct {
	ID string
}

// AddAll labels every other occurrence of annotation ID's quote with its
// label and entity. Occurrences inside a longer word are skipped when the
// quote starts or ends with a letter or digit, and so are spans that
// already carry the label.
type AddAll struct {
	ID string
}

// SetSchema replaces the set's schema: labels and relation types added,
// renamed, reordered, recoloured or re-keyed. Ids are what annotations
// and relations name, so a label renamed keeps its annotations. The
// annotations of a label the schema no longer has, and the relations of
// a type it no longer has or whose labels it no longer allows, are
// removed in the same step, and undo brings them back with the old
// schema. The schema must pass [Schema.Validate], and its new colours
// [Schema.CheckReadable].
type SetSchema struct {
	Schema Schema
}

// Change says what an applied, undone or redone edit changed, so that a
// view can repaint only what moved.
type Change struct {
	// Added, Updated and Removed list annotation ids.
	Added, Updated, Removed []string
	// Relations lists the ids of relations added, changed or removed.
	Relations []string
	// Paragraphs lists, in order, the indexes of the paragraphs whose
	// highlights changed.
	Paragraphs []int
	// Schema reports that the schema changed, so that everything that
	// shows labels must be drawn again.
	Schema bool
}

// IsEmpty reports whether nothing changed.
func (c Change) IsEmpty() bool {
	return len(c.Added)+len(c.Updated)+len(c.Removed)+len(c.Relations) == 0 && !c.Schema
}

// step replaces one annotation or relation, or the schema (when
// beforeS is set): before is nil for an addition and after is nil for a
// removal. Undo applies the swapped steps in reverse.
//
// A step that sets an annotation or relation aside (review.go) moves it
// between the text and the orphans instead of dropping or creating it:
// orphan is what the set keeps for the annotation, and asideR marks a
// relation kept with the orphans. The inverse moves it back.
type step struct {
	ann             bool
	beforeA, afterA *Annotation
	beforeR, afterR *Relation
	beforeS, afterS *Schema
	orphan          *Orphan
	asideR          bool
}

func (st step) inverse() step {
	return step{ann: st.ann, beforeA: st.afterA, afterA: st.beforeA, beforeR: st.afterR, afterR: st.beforeR,
		beforeS: st.afterS, afterS: st.beforeS,
		orphan: st.orphan, asideR: st.asideR}
}

// Apply checks e and applies it as one step of the history, stamping new
// and modified annotations with now. An invalid edit returns an error and
// changes nothing.
func (s *Set) Apply(e Edit, now time.Time) (Change, error) {
	steps, err := e.plan(s, TimeOf(now))
	if err != nil {
		return Change{}, err
	}
	if len(steps) == 0 {
		return Change{}, nil
	}
	s.history.push(steps)
	return s.run(steps), nil
}

// ApplyJoined applies e as [Set.Apply] does, but joins its steps to the
// last edit in the history, so that one [Set.Undo] reverts both. It is for
// an edit made in instalments, such as a note saved as it is typed: the
// caller joins only edits that continue the last one.
func (s *Set) ApplyJoined(e Edit, now time.Time) (Change, error) {
	steps, err := e.plan(s, TimeOf(now))
	if err != nil {
		return Change{}, err
	}
	if len(steps) == 0 {
		return Change{}, nil
	}
	s.history.join(steps)
	return s.run(steps), nil
}

// Undo reverts the last applied edit.
func (s *Set) Undo() (Change, error) {
	steps, ok := s.history.undo()
	if !ok {
		return Change{}, ErrNothingToUndo
	}
	inv := make([]step, len(steps))
	for i, st := range steps {
		inv[len(steps)-1-i] = st.inverse()
	}
	return s.run(inv), nil
}

// Redo applies again the last undone edit.
func (s *Set) Redo() (Change, error) {
	steps, ok := s.history.redo()
	if !ok {
		return Change{}, ErrNothingToRedo
	}
	return s.run(steps), nil
}

// CanUndo reports whether there is an edit to undo.
func (s *Set) CanUndo() bool { return s.history.canUndo() }

// CanRedo reports whether there is an undone edit to redo.
func (s *Set) CanRedo() bool { return s.history.canRedo() }

// run applies steps, which were checked when planned, and reports them.
func (s *Set) run(steps []step) Change {
	var c Change
	paras := map[int]bool{}
	mark := func(a *Annotation) {
		first, last := s.doc.ParagraphsIn(a.Start, a.End)
		for i := first; i < last; i++ {
			paras[i] = true
		}
	}
	for _, st := range steps {
		if st.afterS != nil {
			s.schema = *st.afterS
			c.Schema = true
			continue
		}
		if !st.ann {
			if st.afterR == nil {
				delete(s.rels, st.beforeR.ID)
				if st.asideR {
					s.orphanRels = append(s.orphanRels, *st.beforeR)
				}
			} else {
				r := *st.afterR
				s.putRel(&r)
				if st.asideR {
					s.orphanRels = slices.DeleteFunc(s.orphanRels, func(o Relation) bool { return o.ID == r.ID })
				}
			}
			id := st.afterR
			if id == nil {
				id = st.beforeR
			}
			c.Relations = append(c.Relations, id.ID)
			continue
		}
		switch {
		case st.beforeA == nil:
			a := *st.afterA
			s.put(&a, false)
			mark(&a)
			c.Added = append(c.Added, a.ID)
			if st.orphan != nil {
				s.orphans = slices.DeleteFunc(s.orphans, func(o Orphan) bool { return o.Annotation.ID == a.ID })
			}
		case st.afterA == nil:
			mark(st.beforeA)
			s.remove(st.beforeA.ID)
			c.Removed = append(c.Removed, st.beforeA.ID)
			if st.orphan != nil {
				s.orphans = append(s.orphans, *st.orphan)
			}
		default:
			a := *st.afterA
			mark(st.beforeA)
			s.put(&a, false)
			mark(&a)
			c.Updated = append(c.Updated, a.ID)
		}
	}
	for i := range paras {
		c.Paragraphs = append(c.Paragraphs, i)
	}
	slices.SortStableFunc(c.Paragraphs, cmp.Compare[int])
	return c
}

func (s *Set) newAnnID() string {
	id := "a" + strconv.Itoa(s.nextAnn)
	s.nextAnn++
	return id
}

func (s *Set) newRelID() string {
	id := "r" + strconv.Itoa(s.nextRel)
	s.nextRel++
	return id
}

func (s *Set) lookup(op, id string) (*Annotation, error) {
	a, ok := s.anns[id]
	if !ok {
		return nil, errors.New(op + ": annotation " + strconv.Quote(id) + " " + ErrNotFound.Error())
	}
	return a, nil
}

func (e Add) plan(s *Set, now Time) ([]step, error) {
	start, end := e.Start, e.End
	if err := s.checkSpan(e.Label, start, end); err != nil {
		return nil, errors.New("add: " + err.Error())
	}
	rs := s.doc.Runes()
	if e.Snap {
		start, end = SnapToWords(rs, start, end)
	}
	start, end = TrimSpace(rs, start, end)
	if end <= start {
		return nil, errors.New("add: the selection holds only white space")
	}
	if d := s.duplicateOf(e.Label, start, end, ""); d != "" {
		return nil, &dupError{op: "add", what: "the same label and span", other: d}
	}
	a := &Annotation{ID: s.newAnnID(), Label: e.Label, Start: start, End: end,
		Note: e.Note, Entity: e.Entity, Created: now, Modified: now}
	s.describe(a)
	return []step{{ann: true, afterA: a}}, nil
}

func (e Relabel) plan(s *Set, now Time) ([]step, error) {
	a, err := s.lookup("relabel", e.ID)
	if err != nil {
		return nil, err
	}
	if _, ok := s.schema.Label(e.Label); !ok {
		return nil, errors.New("relabel: unknown label " + strconv.Quote(e.Label))
	}
	if a.Label == e.Label {
		return nil, nil
	}
	if d := s.duplicateOf(e.Label, a.Start, a.End, a.ID); d != "" {
		return nil, &dupError{op: "relabel", what: "the same label and span", other: d}
	}
	b := *a
	b.Label, b.Modified = e.Label, now
	steps := []step{{ann: true, beforeA: a, afterA: &b}}
	for _, r := range s.RelationsOf(a.ID) {
		rt, _ := s.schema.Relation(r.Type)
		from, to := s.anns[r.From].Label, s.anns[r.To].Label
		if r.From == a.ID {
			from = e.Label
		} else {
			to = e.Label
		}
		if !rt.Allows(from, to) {
			steps = append(steps, step{beforeR: s.rels[r.ID]})
		}
	}
	return steps, nil
}

func (e SetNote) plan(s *Set, now Time) ([]step, error) {
	a, err := s.lookup("note", e.ID)
	if err != nil || a.Note == e.Note {
		return nil, err
	}
	b := *a
	b.Note, b.Modified = e.Note, now
	return []step{{ann: true, beforeA: a, afterA: &b}}, nil
}

func (e SetEntity) plan(s *Set, now Time) ([]step, error) {
	a, err := s.lookup("entity", e.ID)
	if err != nil || a.Entity == e.Entity {
		return nil, err
	}
	b := *a
	b.Entity, b.Modified = e.Entity, now
	return []step{{ann: true, beforeA: a, afterA: &b}}, nil
}

func (e Delete) plan(s *Set, _ Time) ([]step, error) {
	var steps []step
	gone := map[string]bool{}
	for _, id := range e.IDs {
		if gone[id] {
			continue
		}
		a, err := s.lookup("delete", id)
		if err != nil {
			return nil, err
		}
		gone[id] = true
		steps = append(steps, step{ann: true, beforeA: a})
	}
	// Relations go first, so that undo restores their endpoints before them.
	var rels []step
	for _, r := range s.Relations() {
		if gone[r.From] || gone[r.To] {
			rels = append(rels, step{beforeR: s.rels[r.ID]})
		}
	}
	return append(rels, steps...), nil
}

func (e Link) plan(s *Set, now Time) ([]step, error) {
	r := Relation{Type: e.Type, From: e.From, To: e.To}
	if err := s.checkRelation(r); err != nil {
		if _, ok := errors.AsType[*dupError](err); ok {
			return nil, err
		}
		return nil, errors.New("link: " + err.Error())
	}
	r.ID = s.newRelID()
	return []step{{afterR: &r}}, nil
}

func (e Unlink) plan(s *Set, now Time) ([]step, error) {
	r, ok := s.rels[e.ID]
	if !ok {
		return nil, errors.New("unlink: relation " + strconv.Quote(e.ID) + " " + ErrNotFound.Error())
	}
	return []step{{beforeR: r}}, nil
}

func (e AddAll) plan(s *Set, now Time) ([]step, error) {
	a, err := s.lookup("label all", e.ID)
	if err != nil {
		return nil, err
	}
	rs := s.doc.Runes()
	q := []rune(a.Quote)
	var steps []step
	for _, at := range Occurrences(rs, q) {
		end := at + len(q)
		if at == a.Start || s.duplicateOf(a.Label, at, end, "") != "" {
			continue
		}
		b := &Annotation{ID: s.newAnnID(), Label: a.Label, Start: at, End: end,
			Entity: a.Entity, Created: now, Modified: now}
		s.describe(b)
		steps = append(steps, step{ann: true, afterA: b})
	}
	return steps, nil
}

func (e SetSchema) plan(s *Set, _ Time) ([]step, error) {
	if err := e.Schema.Validate(); err != nil {
		return nil, errors.New("set schema: " + err.Error())
	}
	if err := e.Schema.CheckReadable(s.schema); err != nil {
		return nil, errors.New("set schema: " + err.Error())
	}
	return s.planSchema(e.Schema)
}

// Adopt gives the set schema without a step in the history, as
// [SetSchema] would (removing what the schema no longer allows), for
// work opened under a schema that was changed elsewhere, such as a
// project's. Its colours are not checked: they were when the schema was
// edited.
func (s *Set) Adopt(schema Schema) (Change, error) {
	steps, err := s.planSchema(schema)
	if err != nil || len(steps) == 0 {
		return Change{}, err
	}
	return s.run(steps), nil
}

func (s *Set) planSchema(next Schema) ([]step, error) {
	if err := next.Validate(); err != nil {
		return nil, errors.New("set schema: " + err.Error())
	}
	gone := map[string]bool{}
	var anns, rels []step
	for _, a := range s.Annotations() {
		if _, ok := next.Label(a.Label); !ok {
			gone[a.ID] = true
			anns = append(anns, step{ann: true, beforeA: s.anns[a.ID]})
		}
	}
	for _, r := range s.Relations() {
		rt, ok := next.Relation(r.Type)
		if gone[r.From] || gone[r.To] || !ok || !rt.Allows(s.anns[r.From].Label, s.anns[r.To].Label) {
			rels = append(rels, step{beforeR: s.rels[r.ID]})
		}
	}
	if len(anns) == 0 && len(rels) == 0 && sameSchema(s.schema, next) {
		return nil, nil
	}
	// The schema changes last, so that undo restores it before the
	// annotations and relations that need it; relations go before their
	// endpoints, as in Delete.
	before := s.schema
	next = cloneSchema(next)
	steps := append(rels, anns...)
	return append(steps, step{beforeS: &before, afterS: &next}), nil
}

// sameSchema reports whether a and b are equal.
func sameSchema(a, b Schema) bool {
	return slices.Equal(a.Labels, b.Labels) && slices.EqualFunc(a.Relations, b.Relations, func(x, y RelationType) bool {
		return x.ID == y.ID && x.Name == y.Name && x.Description == y.Description &&
			slices.Equal(x.From, y.From) && slices.Equal(x.To, y.To)
	})
}

// cloneSchema copies s, so that the caller's slices cannot change the set.
func cloneSchema(s Schema) Schema {
	c := Schema{Labels: slices.Clone(s.Labels), Relations: slices.Clone(s.Relations)}
	for i, r := range c.Relations {
		c.Relations[i].From, c.Relations[i].To = slices.Clone(r.From), slices.Clone(r.To)
	}
	return c
}
