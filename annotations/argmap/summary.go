package argmap

// Summary is what the map says about one actor: the statements it is a
// source of and those that target it, with counts by label.
type Summary struct {
	// Actor is an index into [Map.Actors].
	Actor int
	// Sources and Targets are indices into [Map.Statements], in map order.
	Sources []int
	Targets []int
	// SourceCounts and TargetCounts count Sources and Targets by label, in
	// the order of [Map.Labels].
	SourceCounts []int
	TargetCounts []int
}

// Summaries returns one summary per actor, in the order of [Map.Actors].
func (m *Map) Summaries() []Summary {
	out := make([]Summary, len(m.Actors))
	for i := range out {
		out[i] = Summary{Actor: i, SourceCounts: make([]int, len(m.Labels)), TargetCounts: make([]int, len(m.Labels))}
	}
	for i, s := range m.Statements {
		l := m.label(s.Label)
		for _, a := range s.Sources {
			out[a].Sources = append(out[a].Sources, i)
			if l >= 0 {
				out[a].SourceCounts[l]++
			}
		}
		for _, a := range s.Targets {
			out[a].Targets = append(out[a].Targets, i)
			if l >= 0 {
				out[a].TargetCounts[l]++
			}
		}
	}
	return out
}

// Matrix is the actor × actor table: which statements go from a source
// actor to a target actor.
type Matrix struct {
	// Actors are the rows and columns: indices into [Map.Actors] of the
	// actors that are a source or a target of some statement, in map order.
	Actors []int
	// Cells[i][j] holds the statements with Actors[i] as a source and
	// Actors[j] as a target.
	Cells [][]Cell
}

// Cell is one cell of a [Matrix].
type Cell struct {
	// Statements are indices into [Map.Statements], in map order.
	Statements []int
	// Counts counts Statements by label, in the order of [Map.Labels].
	Counts []int
}

// Matrix returns the actor × actor table of the map's statements.
func (m *Map) Matrix() Matrix {
	row := make([]int, len(m.Actors))
	for i := range row {
		row[i] = -1
	}
	for _, s := range m.Statements {
		if len(s.Sources) == 0 || len(s.Targets) == 0 {
			continue
		}
		for _, a := range s.Sources {
			row[a] = 0
		}
		for _, a := range s.Targets {
			row[a] = 0
		}
	}
	var mx Matrix
	for a, r := range row {
		if r == 0 {
			row[a] = len(mx.Actors)
			mx.Actors = append(mx.Actors, a)
		}
	}
	mx.Cells = make([][]Cell, len(mx.Actors))
	for i := range mx.Cells {
		mx.Cells[i] = make([]Cell, len(mx.Actors))
	}
	for i, s := range m.Statements {
		l := m.label(s.Label)
		for _, src := range s.Sources {
			for _, tgt := range s.Targets {
				c := &mx.Cells[row[src]][row[tgt]]
				if c.Counts == nil {
					c.Counts = make([]int, len(m.Labels))
				}
				c.Statements = append(c.Statements, i)
				if l >= 0 {
					c.Counts[l]++
				}
			}
		}
	}
	return mx
}
