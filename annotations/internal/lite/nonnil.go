package lite

// NonNil returns s, or an empty slice where s is nil, so that a list
// encodes as [] and never as null.
func NonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
