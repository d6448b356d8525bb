package annotations

// The direction of a link is one rule for every way of making one: the
// detail panel's link form, link mode (wasm/detail.go) and
// spanmark.link (wasm/api.go) all pass their Link through [Set.Orient]
// before applying it, and docs/api.md describes the rule for scripts.

// Orient reports whether a relation of type rt between annotations
// labelled fromLabel and toLabel must be made the other way round: true
// only when rt allows the reverse direction and not the given one. When
// rt allows both or neither, the given direction stands, and applying
// the link reports why it does not fit.
func (rt RelationType) Orient(fromLabel, toLabel string) (reverse bool) {
	return !rt.Allows(fromLabel, toLabel) && rt.Allows(toLabel, fromLabel)
}

// Orient returns l with its ends swapped when its relation type allows
// only the reverse direction between their labels (see
// [RelationType.Orient]), so that linking a claim to its actor and an
// actor to its claim make the same relation. An unknown type or a
// missing annotation leaves l as it is, for [Link] to report.
func (s *Set) Orient(l Link) Link {
	rt, ok := s.schema.Relation(l.Type)
	if !ok {
		return l
	}
	from, ok1 := s.anns[l.From]
	to, ok2 := s.anns[l.To]
	if ok1 && ok2 && rt.Orient(from.Label, to.Label) {
		l.From, l.To = l.To, l.From
	}
	return l
}
