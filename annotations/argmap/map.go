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
	// order ([annotations.Less]).
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
	type group struct {
		actor    Actor
		spelling map[string]int
		order    []string
		first    int
	}
	groups := map[string]*group{}
	var keys []string
	// actorOf[d][id] is the group key of actor annotation id of source d.
	actorOf := make([]map[string]string, len(sources))
	seenLabel := map[string]bool{}
	for d, src := range sources {
		m.Documents[d] = Document{Name: src.Document, Annotator: src.Annotator}
		from, to := roles(src.Schema)
		for _, l := range src.Schema.Labels {
			if from[l.ID] && !seenLabel[l.ID] {
				seenLabel[l.ID] = true
				m.Labels = append(m.Labels, l)
			}
		}
		anns := sortedAnnotations(src.Annotations)
		actorOf[d] = map[string]string{}
		byID := make(map[string]*annotations.Annotation, len(anns))
		for _, a := range anns {
			byID[a.ID] = a
			if !to[a.Label] {
				continue
			}
			name, isEntity := collapse(a.Entity), true
			if name == "" {
				name, isEntity = collapse(a.Quote), false
			}
			key := strings.ToLower(name)
			g := groups[key]
			if g == nil {
				g = &group{spelling: map[string]int{}, first: len(keys)}
				groups[key] = g
				keys = append(keys, key)
			}
			if isEntity && !g.actor.IsEntity {
				// An entity names the group better than quotes do.
				g.actor.IsEntity = true
				clear(g.spelling)
				g.order = g.order[:0]
			}
			if isEntity == g.actor.IsEntity {
				if g.spelling[name] == 0 {
					g.order = append(g.order, name)
				}
				g.spelling[name]++
			}
			g.actor.Mentions = append(g.actor.Mentions, Mention{Document: d, ID: a.ID, Start: a.Start, End: a.End})
			actorOf[d][a.ID] = key
		}
		stmts := map[string]int{}
		for _, a := range anns {
			if from[a.Label] && !to[a.Label] {
				stmts[a.ID] = len(m.Statements)
				m.Statements = append(m.Statements, Statement{
					Mention: Mention{Document: d, ID: a.ID, Start: a.Start, End: a.End},
					Label:   a.Label, Quote: a.Quote, Note: a.Note})
			}
		}
		// Actor keys stand in for indices until the actors are sorted.
		for _, r := range src.Relations {
			if r.Type != SourceType && r.Type != TargetType {
				continue
			}
			i, ok := stmts[r.From]
			key, isActor := actorOf[d][r.To]
			if !ok || !isActor || byID[r.To] == nil {
				continue
			}
			s := &m.Statements[i]
			if r.Type == SourceType {
				s.Sources = append(s.Sources, groups[key].first)
			} else {
				s.Targets = append(s.Targets, groups[key].first)
			}
		}
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := groups[keys[i]], groups[keys[j]]
		if n, o := len(a.actor.Mentions), len(b.actor.Mentions); n != o {
			return o - n
		}
		return strings.Compare(keys[i], keys[j])
	})
	index := make([]int, len(keys))
	m.Actors = make([]Actor, len(keys))
	for k, i := range order {
		g := groups[keys[i]]
		g.actor.Name = mostFrequent(g.order, g.spelling)
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

// roles returns the labels that source and target relations start from
// (statements) and point to (actors).
func roles(s annotations.Schema) (from, to map[string]bool) {
	from, to = map[string]bool{}, map[string]bool{}
	for _, rt := range s.Relations {
		if rt.ID != SourceType && rt.ID != TargetType {
			continue
		}
		for _, l := range rt.From {
			from[l] = true
		}
		for _, l := range rt.To {
			to[l] = true
		}
	}
	return from, to
}

func sortedAnnotations(as []annotations.Annotation) []*annotations.Annotation {
	ps := make([]*annotations.Annotation, len(as))
	for i := range as {
		ps[i] = &as[i]
	}
	slices.SortStableFunc(ps, func(a, b *annotations.Annotation) int {
		switch {
		case annotations.Less(a, b):
			return -1
		case annotations.Less(b, a):
			return 1
		}
		return 0
	})
	return ps
}

// collapse trims s and turns each run of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// mostFrequent returns the spelling with the highest count, the first in
// order on a tie.
func mostFrequent(order []string, count map[string]int) string {
	best := ""
	for _, s := range order {
		if best == "" || count[s] > count[best] {
			best = s
		}
	}
	return best
}

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
