package argmap

import (
	"slices"
	"strings"

	"github.com/spanmark/spanmark/annotations"
)

// Relation type ids that make the map: a statement's "source" is the actor
// who made it, its "target" the actor it concerns or addresses.
const (
	SourceType = "source"
	TargetType = "target"
)

// Source is one document's work as the map reads it. A corpus reader, the
// CLI and the page each turn what they hold into a list of sources.
type Source struct {
	// Document names the document in exports and titles, such as its title.
	Document string
	// Annotator is who made the work, or "".
	Annotator   string
	Schema      annotations.Schema
	Annotations []annotations.Annotation
	Relations   []annotations.Relation
}

// FromFile returns the source of a file's placed annotations, named after
// the document's title (or name, when the title is empty).
func FromFile(f *annotations.File, name string) Source {
	if f.Document.Title != "" {
		name = f.Document.Title
	}
	return Source{Document: name, Annotator: f.Annotator, Schema: f.Schema,
		Annotations: f.Annotations, Relations: f.Relations}
}

// FromSet returns the source of a set, as the page holds it, named after
// the document's title (or name, when the title is empty).
func FromSet(s *annotations.Set, name, annotator string) Source {
	if t := s.Document().Title; t != "" {
		name = t
	}
	return Source{Document: name, Annotator: annotator, Schema: s.Schema(),
		Annotations: s.Annotations(), Relations: s.Relations()}
}

// Map is the argument map of one or more sources.
type Map struct {
	// Documents are the sources' names, in the order given to [New];
	// [Mention.Document] and [Statement.Document] index it.
	Documents []Document
	// Labels are the statement labels ("claim", "proposal"), in schema
	// order, the first source's first; counts in [Summary] and [Cell]
	// follow this order.
	Labels []annotations.Label
	// Actors are the actor groups, most mentioned first, then by name.
	Actors []Actor
	// Statements are the claims and proposals, by document, then in text
	// order ([annotations.Compare]).
	Statements []Statement
}

// Document is one source of a [Map].
type Document struct {
	Name      string
	Annotator string
}

// Actor is a group of actor annotations that name the same entity.
type Actor struct {
	// Name is the entity, or the quote for actors without one: the most
	// frequent spelling, white space collapsed, the first seen on a tie.
	Name string
	// IsEntity reports whether Name is an entity rather than a quote.
	IsEntity bool
	// Mentions are the actor annotations of the group, in map order.
	Mentions []Mention
}

// Mention is one annotation in one document of the map: the span to select
// when a person picks something in the map.
type Mention struct {
	Document   int
	ID         string
	Start, End int
}

// Statement is a claim or proposal with the actors it links to.
type Statement struct {
	Mention
	Label string
	Quote string
	Note  string
	// Sources and Targets are indices into [Map.Actors], ascending, without
	// repeats.
	Sources []int
	Targets []int
}

// New pools sources into a map. Relations whose ends are not among the
// source's annotations (such as those of orphans) are skipped.
func New(sources []Source) *Map {
	m := &Map{Documents: make([]Document, len(sources))}
	var groups []*group
	byKey := map[string]int{}
	for d, src := range sources {
		m.Documents[d] = Document{Name: src.Document, Annotator: src.Annotator}
		from, to := roles(src.Schema)
		for _, l := range src.Schema.Labels {
			if slices.Contains(from, l.ID) && m.label(l.ID) < 0 {
				m.Labels = append(m.Labels, l)
			}
		}
		// Both maps are by annotation id: actors to their group (in
		// first-seen order until the groups are sorted), statements to
		// their index in m.Statements.
		actorOf := map[string]int{}
		stmtOf := map[string]int{}
		for _, a := range sortedAnnotations(src.Annotations) {
			mention := Mention{Document: d, ID: a.ID, Start: a.Start, End: a.End}
			switch {
			case slices.Contains(to, a.Label):
				name, isEntity := collapse(a.Entity), true
				if name == "" {
					name, isEntity = collapse(a.Quote), false
				}
				key := strings.ToLower(name)
				i, ok := byKey[key]
				if !ok {
					i = len(groups)
					byKey[key] = i
					groups = append(groups, &group{key: key})
				}
				groups[i].add(name, isEntity, mention)
				actorOf[a.ID] = i
			case slices.Contains(from, a.Label):
				stmtOf[a.ID] = len(m.Statements)
				m.Statements = append(m.Statements, Statement{Mention: mention, Label: a.Label, Quote: a.Quote, Note: a.Note})
			}
		}
		for _, r := range src.Relations {
			i, isStmt := stmtOf[r.From]
			g, isActor := actorOf[r.To]
			if !isStmt || !isActor {
				continue
			}
			switch s := &m.Statements[i]; r.Type {
			case SourceType:
				s.Sources = append(s.Sources, g)
			case TargetType:
				s.Targets = append(s.Targets, g)
			}
		}
	}
	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		if n, o := len(groups[i].actor.Mentions), len(groups[j].actor.Mentions); n != o {
			return o - n
		}
		return strings.Compare(groups[i].key, groups[j].key)
	})
	index := make([]int, len(groups))
	m.Actors = make([]Actor, len(groups))
	for k, i := range order {
		g := groups[i]
		g.actor.Name = g.name()
		m.Actors[k] = g.actor
		index[i] = k
	}
	for i := range m.Statements {
		s := &m.Statements[i]
		s.Sources = remap(s.Sources, index)
		s.Targets = remap(s.Targets, index)
	}
	return m
}

// group gathers the mentions of one actor while [New] reads the sources.
type group struct {
	key   string
	actor Actor
	// spellings and counts are the names seen and how often, in the
	// order first seen: entities only, once the group has one.
	spellings []string
	counts    []int
}

func (g *group) add(name string, isEntity bool, mention Mention) {
	g.actor.Mentions = append(g.actor.Mentions, mention)
	if isEntity && !g.actor.IsEntity {
		// An entity names the group better than quotes do.
		g.actor.IsEntity = true
		g.spellings, g.counts = g.spellings[:0], g.counts[:0]
	}
	if isEntity != g.actor.IsEntity {
		return
	}
	if i := slices.Index(g.spellings, name); i >= 0 {
		g.counts[i]++
		return
	}
	g.spellings = append(g.spellings, name)
	g.counts = append(g.counts, 1)
}

// name returns the most frequent spelling, the first seen on a tie.
func (g *group) name() string {
	best := 0
	for i, n := range g.counts {
		if n > g.counts[best] {
			best = i
		}
	}
	return g.spellings[best]
}

// roles returns the labels that source and target relations start from
// (statements) and point to (actors).
func roles(s annotations.Schema) (from, to []string) {
	for _, rt := range s.Relations {
		if rt.ID == SourceType || rt.ID == TargetType {
			from = append(from, rt.From...)
			to = append(to, rt.To...)
		}
	}
	return from, to
}

func sortedAnnotations(as []annotations.Annotation) []*annotations.Annotation {
	ps := make([]*annotations.Annotation, len(as))
	for i := range as {
		ps[i] = &as[i]
	}
	slices.SortStableFunc(ps, annotations.Compare)
	return ps
}

// collapse trims s and turns each run of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// remap replaces each first-seen index with the actor's sorted index, then
// sorts and removes repeats.
func remap(xs, index []int) []int {
	for i, x := range xs {
		xs[i] = index[x]
	}
	slices.SortStableFunc(xs, func(a, b int) int { return a - b })
	return slices.Compact(xs)
}

// Only returns the map with only the statements whose label is one of
// labels; the documents and actors are the same, so actor indices stay
// valid across filters.
func (m *Map) Only(labels ...string) *Map {
	out := &Map{Documents: m.Documents, Actors: m.Actors}
	for _, l := range m.Labels {
		if slices.Contains(labels, l.ID) {
			out.Labels = append(out.Labels, l)
		}
	}
	for _, s := range m.Statements {
		if slices.Contains(labels, s.Label) {
			out.Statements = append(out.Statements, s)
		}
	}
	return out
}

// label returns the index of label id in m.Labels, or -1.
func (m *Map) label(id string) int {
	for i, l := range m.Labels {
		if l.ID == id {
			return i
		}
	}
	return -1
}
