package annotations

// The direction of a link is one rule for every way of making one: the
// detail panel's link form, link mode (wasm/detail.go) and
// spanmark.link (wasm/api.go) all pass their Link through [Set.Orient]
// before applying it, and docs/api.md describes the rule for scripts.

// Orient returns l with its ends swapped when its relation type allows
// only the reverse direction between their labels, so that linking a
// claim to its actor and an actor to its claim make the same relation.
// When the type allows both directions or neither, l stands as given,
// and applying it reports why it does not fit; so does an unknown type
// or a missing annotation.
func (s *Set) Orient(l Link) Link {
	rt, ok := s.schema.Relation(l.Type)
	if !ok {
		return l
	}
	from, ok1 := s.anns[l.From]
	to, ok2 := s.anns[l.To]
	if ok1 && ok2 && !rt.Allows(from.Label, to.Label) && rt.Allows(to.Label, from.Label) {
		l.From, l.To = l.To, l.From
	}
	return l
}
