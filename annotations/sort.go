package annotations

// CompareRelations orders relations by id, with numeric tails compared as
// numbers ("r9" before "r10").
func CompareRelations(a, b *Relation) int { return CompareIDs(a.ID, b.ID) }
