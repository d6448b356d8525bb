package argmap

import (
	"math"
	"slices"
	"unicode/utf8"
)

// Drawing is a laid-out map: where each node and arrow goes, in SVG user
// units (pixels at 100% zoom), with y pointing down. [Layout] makes it;
// [Drawing.SVG] writes it, and the page can draw it with the same numbers.
type Drawing struct {
	// Map is the map drawn; node and arrow indices point into it.
	Map *Map

	Width, Height float64
	// Center and Radius are those of the circle the actors sit on.
	Center Point
	Radius float64
	// Nodes are the actors, clockwise from the top (the order in which
	// the keyboard visits them), then the statement nodes.
	Nodes []Node
	// Arrows are in the order of [Map.Statements].
	Arrows []Arrow
}

// Point is a position in a [Drawing].
type Point struct{ X, Y float64 }

// Node is an actor, or a statement drawn as a small node because it lacks a
// source or a target.
type Node struct {
	// Actor is an index into [Map.Actors], or -1 for a statement node.
	Actor int
	// Statement is an index into [Map.Statements] for a statement node.
	Statement int
	Center    Point
	R         float64
	// Label is the text beside an actor (its name, shortened to
	// [MaxLabel] code points), written from LabelAt along the ray from
	// the circle's centre, turned by Angle degrees; End reports that the
	// text ends at LabelAt (text-anchor: end), on the left half, so that
	// no label is upside down.
	Label   string
	LabelAt Point
	Angle   float64
	End     bool
}

// Arrow is one arrow of a statement: from a source actor to a target actor,
// or between an actor and the statement's own node. It is a cubic Bézier
// curve from P[0] to P[3] with control points P[1] and P[2], trimmed to end
// at the rim of the nodes it joins.
type Arrow struct {
	// Statement is an index into [Map.Statements].
	Statement int
	// From and To are indices into [Drawing.Nodes].
	From, To int
	P        [4]Point
}

// Sizes of the drawing, in pixels. FontSize is that of labels; a label
// is guessed to be 0.6 em wide per code point (1 em for wide scripts).
const (
	FontSize = 12
	// MaxLabel is the most code points of a name shown beside a node; the
	// whole name is in the node's title.
	MaxLabel = 28
	// gap is the arc between neighbouring actors on the circle: three
	// font heights, so that labels, which run outward along rays, never
	// touch.
	gap         = 3 * FontSize
	minRadius   = 120
	maxNodeR    = 22
	labelOffset = 6
	margin      = 10
	stmtR       = 4
	// refinements is how many times the actors are reordered towards
	// the mean angle of their neighbours; more changes little.
	refinements = 12
)

// Layout places the map's actors on a circle and its statements as arrows
// between them. The order around the circle starts from the number of
// links (most linked first) and is refined a fixed number of times by
// moving each actor towards its neighbours, so that arrows are short and
// cross less. Nothing is random, so the same map always gives the same
// drawing. Statements without a source or without a target get a small
// node of their own just inside the circle, by the actor they do have;
// statements with neither are not drawn.
func Layout(m *Map) *Drawing {
	n := len(m.Actors)
	d := &Drawing{Map: m}
	links := m.links()
	angle := circleOrder(n, links)

	d.Radius = max(minRadius, float64(n)*gap/(2*math.Pi))
	// Nodes may not be wider than the arc between neighbours.
	rmax := float64(maxNodeR)
	if n > 1 {
		rmax = min(rmax, d.Radius*math.Sin(math.Pi/float64(n))-3)
	}
	// The actor nodes come first, clockwise from the top: the order in
	// which the keyboard visits them. nodeOf maps an actor to its node.
	clockwise := make([]int, n)
	for i := range clockwise {
		clockwise[i] = i
	}
	slices.SortStableFunc(clockwise, func(i, j int) int { return compareFloats(angle[i], angle[j]) })
	nodeOf := make([]int, n)
	labelW := 0.0
	d.Nodes = make([]Node, n, n+len(m.Statements))
	for k, i := range clockwise {
		a := m.Actors[i]
		r := min(rmax, 4+2.5*math.Sqrt(float64(len(a.Mentions))))
		label := shorten(a.Name, MaxLabel)
		labelW = max(labelW, textWidth(label))
		d.Nodes[k] = Node{Actor: i, Statement: -1, R: r, Label: label}
		nodeOf[i] = k
	}
	half := d.Radius + rmax + labelOffset + labelW + margin
	d.Width, d.Height = 2*half, 2*half
	d.Center = Point{half, half}
	for i := range d.Nodes {
		nd := &d.Nodes[i]
		t := angle[nd.Actor]
		nd.Center = d.at(d.Radius, t)
		nd.LabelAt = d.at(d.Radius+nd.R+labelOffset, t)
		deg := t * 180 / math.Pi
		// Angles run from -90° (top) clockwise to 270°; the left half
		// is turned half a turn more and anchored at its end.
		if deg > 90 {
			deg -= 180
			nd.End = true
		}
		nd.Angle = deg
	}

	// Statement nodes fan out inside the circle by their actor, three to
	// a row, rows further in.
	fan := make(map[int]int)
	stmtNode := make(map[int]int)
	for _, l := range links {
		if l.to >= 0 && l.from >= 0 {
			continue
		}
		if _, ok := stmtNode[l.stmt]; ok {
			continue
		}
		a := l.from
		if a < 0 {
			a = l.to
		}
		k := fan[a]
		fan[a]++
		rho := d.Radius - d.Nodes[nodeOf[a]].R - 24 - float64(k/3)*14
		step := min(0.35*2*math.Pi/max(float64(n), 1), 12/rho)
		t := angle[a] + float64(k%3-1)*step
		stmtNode[l.stmt] = len(d.Nodes)
		d.Nodes = append(d.Nodes, Node{Actor: -1, Statement: l.stmt, Center: d.at(rho, t), R: stmtR})
	}

	// Parallel arrows between the same two nodes bend further apart.
	type pair struct{ from, to int }
	seen := map[pair]int{}
	for _, l := range links {
		from, to := stmtNode[l.stmt], stmtNode[l.stmt]
		if l.from >= 0 {
			from = nodeOf[l.from]
		}
		if l.to >= 0 {
			to = nodeOf[l.to]
		}
		k := seen[pair{from, to}]
		seen[pair{from, to}]++
		d.Arrows = append(d.Arrows, Arrow{Statement: l.stmt, From: from, To: to, P: d.curve(from, to, k)})
	}
	return d
}

func (d *Drawing) at(r, t float64) Point {
	return Point{d.Center.X + r*math.Cos(t), d.Center.Y + r*math.Sin(t)}
}

// curve returns the k-th arrow from node i to node j: bent towards the
// centre of the circle and to the left of its direction, so that arrows
// both ways between two actors do not overlap.
func (d *Drawing) curve(i, j, k int) [4]Point {
	a, b := d.Nodes[i], d.Nodes[j]
	if i == j {
		// A loop: out and back inside the circle.
		in := unit(Point{d.Center.X - a.Center.X, d.Center.Y - a.Center.Y})
		s := 40 + 10*float64(k)
		c1 := add(a.Center, rotate(in, 1), s)
		c2 := add(a.Center, rotate(in, -1), s)
		return [4]Point{add(a.Center, rotate(in, 1), a.R), c1, c2, add(a.Center, rotate(in, -1), a.R+2)}
	}
	mid := Point{(a.Center.X + b.Center.X) / 2, (a.Center.Y + b.Center.Y) / 2}
	dir := Point{b.Center.X - a.Center.X, b.Center.Y - a.Center.Y}
	length := math.Sqrt(dir.X*dir.X + dir.Y*dir.Y)
	left := unit(Point{dir.Y, -dir.X})
	pull := 0.3
	if a.Actor < 0 || b.Actor < 0 {
		pull = 0 // statement nodes are close to their actor already
	}
	c := Point{mid.X + (d.Center.X-mid.X)*pull, mid.Y + (d.Center.Y-mid.Y)*pull}
	c = add(c, left, min(length/4, 6+8*float64(k)))
	p0 := add(a.Center, unit(Point{c.X - a.Center.X, c.Y - a.Center.Y}), a.R)
	// The arrow head stops 2 pixels before the rim.
	p3 := add(b.Center, unit(Point{c.X - b.Center.X, c.Y - b.Center.Y}), b.R+2)
	// A quadratic curve through c, written as a cubic one.
	return [4]Point{p0, lerp(p0, c, 2.0/3), lerp(p3, c, 2.0/3), p3}
}

func unit(p Point) Point {
	l := math.Sqrt(p.X*p.X + p.Y*p.Y)
	if l == 0 {
		return Point{1, 0}
	}
	return Point{p.X / l, p.Y / l}
}

func add(p, dir Point, s float64) Point { return Point{p.X + dir.X*s, p.Y + dir.Y*s} }

func lerp(p, q Point, t float64) Point { return Point{p.X + (q.X-p.X)*t, p.Y + (q.Y-p.Y)*t} }

// rotate turns p by ±0.45 radians, the spread of a loop's ends.
func rotate(p Point, sign float64) Point {
	const c, s = 0.9004471023526769, 0.43496553411123023 // cos and sin of 0.45
	return Point{p.X*c - sign*p.Y*s, sign*p.X*s + p.Y*c}
}

// link is one arrow of the map: a statement from actor from to actor to;
// -1 at either end stands for the statement's own node.
type link struct{ stmt, from, to int }

// links returns the map's arrows: one per source and target pair of each
// statement, or, for a statement without targets (sources), one from each
// source to (from the statement's node to each target). DOT, GraphML and
// the drawing all use this list, so they draw the same arrows.
func (m *Map) links() []link {
	var out []link
	for i, s := range m.Statements {
		switch {
		case len(s.Sources) > 0 && len(s.Targets) > 0:
			for _, a := range s.Sources {
				for _, b := range s.Targets {
					out = append(out, link{i, a, b})
				}
			}
		case len(s.Sources) > 0:
			for _, a := range s.Sources {
				out = append(out, link{i, a, -1})
			}
		default:
			for _, b := range s.Targets {
				out = append(out, link{i, -1, b})
			}
		}
	}
	return out
}

// circleOrder returns the angle of each of n actors on the circle, from
// -90° (the top) clockwise.
func circleOrder(n int, links []link) []float64 {
	weight := make([]map[int]float64, n)
	degree := make([]int, n)
	for _, l := range links {
		if l.from < 0 || l.to < 0 || l.from == l.to {
			if l.from >= 0 {
				degree[l.from]++
			}
			if l.to >= 0 {
				degree[l.to]++
			}
			continue
		}
		for _, e := range [2][2]int{{l.from, l.to}, {l.to, l.from}} {
			if weight[e[0]] == nil {
				weight[e[0]] = map[int]float64{}
			}
			weight[e[0]][e[1]]++
			degree[e[0]]++
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return degree[b] - degree[a] })
	angle := make([]float64, n)
	place := func() {
		for k, i := range order {
			angle[i] = 2*math.Pi*float64(k)/float64(n) - math.Pi/2
		}
	}
	place()
	key := make([]float64, n)
	for it := 0; it < refinements; it++ {
		for i := 0; i < n; i++ {
			x, y := math.Cos(angle[i]), math.Sin(angle[i])
			// Neighbours are visited in index order, so the sums are the
			// same on every run (map order is not).
			for j := 0; j < n; j++ {
				if w := weight[i][j]; w > 0 {
					x += w * math.Cos(angle[j])
					y += w * math.Sin(angle[j])
				}
			}
			if math.Abs(x)+math.Abs(y) < 1e-9 {
				x, y = math.Cos(angle[i]), math.Sin(angle[i])
			}
			// The last bits of rounding would make the order depend on
			// the platform's floating point.
			key[i] = math.Round(pseudoAngle(x, y) * 1e6)
		}
		slices.SortStableFunc(order, func(a, b int) int { return compareFloats(key[a], key[b]) })
		place()
	}
	return angle
}

// shorten returns s, or its first n-1 code points and an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[:n-1]) + "…"
}

// textWidth guesses the width of s in pixels at [FontSize]: 0.6 em per
// code point, 1 em for East Asian wide ones. It errs on the wide side, so
// that the drawing is not cut at the edge.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
			r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 ||
			r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x1F300 && r <= 0x1FAFF || r >= 0x20000) {
			w += FontSize
		} else {
			w += 0.6 * FontSize
		}
	}
	return w
}

// pseudoAngle returns a number that grows with the angle of (x, y)
// clockwise from the top, as the circle's angles run (y points down): 0
// at the top, 1 at the right, 2 at the bottom, 3 at the left, towards 4.
// It orders angles as an arc tangent would, with a division instead.
func pseudoAngle(x, y float64) float64 {
	q := y / (math.Abs(x) + math.Abs(y))
	if x >= 0 {
		return 1 + q
	}
	return 3 - q
}

func compareFloats(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
