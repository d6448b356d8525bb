package argmap

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotations"
)

// bigMap returns a map of n actors and about rels relations, with long,
// short and wide names, drawn from a fixed sequence so that every run
// gets the same map.
func bigMap(n, rels int) *Map {
	var anns []annotations.Annotation
	names := []string{"Sergei Lavrov", "Lieutenant Colonel Alexander Vindman of the National Security Council",
		"EU", "習近平", "Prince Faisal bin Farhan al-Saud", "Countries along the eastern flank"}
	for i := 0; i < n; i++ {
		name := names[i%len(names)] + " " + strconv.Itoa(i)
		for k := 0; k <= i%4; k++ {
			anns = append(anns, annotations.Annotation{ID: "a" + strconv.Itoa(len(anns)+1), Label: "actor",
				Start: 10 * len(anns), End: 10*len(anns) + 5, Quote: "actor", Entity: name})
		}
	}
	actors := len(anns)
	var rs []annotations.Relation
	seed := uint32(1)
	next := func(k int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % k
	}
	for len(rs) < rels {
		id := "a" + strconv.Itoa(len(anns)+1)
		label := []string{"claim", "proposal"}[next(2)]
		anns = append(anns, annotations.Annotation{ID: id, Label: label, Start: 10 * len(anns), End: 10*len(anns) + 5,
			Quote: "what was said", Note: "a note"})
		if next(5) > 0 {
			rs = append(rs, annotations.Relation{ID: "r" + strconv.Itoa(len(rs)+1), Type: "source", From: id, To: "a" + strconv.Itoa(next(actors)+1)})
		}
		if next(3) > 0 {
			rs = append(rs, annotations.Relation{ID: "r" + strconv.Itoa(len(rs)+1), Type: "target", From: id, To: "a" + strconv.Itoa(next(actors)+1)})
		}
	}
	return New([]Source{{Document: "big", Schema: annotations.DefaultSchema(), Annotations: anns, Relations: rs}})
}

// box is a label's rectangle: from p along dir for w, and h/2 either side.
type box struct {
	p, dir Point
	w, h   float64
}

func labelBox(nd Node) box {
	t := nd.Angle * math.Pi / 180
	dir := Point{math.Cos(t), math.Sin(t)}
	w := textWidth(nd.Label)
	p := nd.LabelAt
	if nd.End {
		p = add(p, dir, -w)
	}
	return box{p, dir, w, FontSize}
}

func (b box) corners() [4]Point {
	n := Point{-b.dir.Y, b.dir.X}
	a := add(b.p, n, b.h/2)
	c := add(b.p, n, -b.h/2)
	return [4]Point{a, add(a, b.dir, b.w), add(c, b.dir, b.w), c}
}

// overlap reports whether two boxes overlap, by the separating axis test.
func overlap(a, b box) bool {
	ca, cb := a.corners(), b.corners()
	for _, axis := range []Point{a.dir, {-a.dir.Y, a.dir.X}, b.dir, {-b.dir.Y, b.dir.X}} {
		minA, maxA := math.Inf(1), math.Inf(-1)
		minB, maxB := math.Inf(1), math.Inf(-1)
		for i := range 4 {
			pa := ca[i].X*axis.X + ca[i].Y*axis.Y
			pb := cb[i].X*axis.X + cb[i].Y*axis.Y
			minA, maxA = math.Min(minA, pa), math.Max(maxA, pa)
			minB, maxB = math.Min(minB, pb), math.Max(maxB, pb)
		}
		if maxA <= minB || maxB <= minA {
			return false
		}
	}
	return true
}

func TestLayoutReadable(t *testing.T) {
	for _, c := range []struct{ actors, relations int }{{1, 0}, {2, 3}, {5, 10}, {15, 40}, {50, 200}, {80, 300}} {
		t.Run(strconv.Itoa(c.actors)+"_actors", func(t *testing.T) {
			m := bigMap(c.actors, c.relations)
			d := Layout(m)
			var actors []Node
			for _, nd := range d.Nodes {
				if nd.Actor >= 0 {
					actors = append(actors, nd)
				}
				for _, p := range []Point{add(nd.Center, Point{1, 1}, nd.R), add(nd.Center, Point{-1, -1}, nd.R)} {
					if p.X < 0 || p.Y < 0 || p.X > d.Width || p.Y > d.Height {
						t.Errorf("node of actor %d statement %d at %v r %v is outside %vx%v", nd.Actor, nd.Statement, nd.Center, nd.R, d.Width, d.Height)
					}
				}
			}
			if len(actors) != len(m.Actors) {
				t.Fatalf("%d actor nodes, want %d", len(actors), len(m.Actors))
			}
			for i, a := range actors {
				if a.Label == "" || len([]rune(a.Label)) > MaxLabel {
					t.Errorf("actor %d label %q is empty or longer than %d", a.Actor, a.Label, MaxLabel)
				}
				for _, p := range labelBox(a).corners() {
					if p.X < 0 || p.Y < 0 || p.X > d.Width || p.Y > d.Height {
						t.Errorf("label %q reaches %v, outside %vx%v", a.Label, p, d.Width, d.Height)
					}
				}
				for _, b := range actors[i+1:] {
					if dist := math.Hypot(a.Center.X-b.Center.X, a.Center.Y-b.Center.Y); dist < a.R+b.R+2 {
						t.Errorf("actors %q and %q overlap", a.Label, b.Label)
					}
					if overlap(labelBox(a), labelBox(b)) {
						t.Errorf("labels %q and %q overlap", a.Label, b.Label)
					}
				}
			}
		})
	}
}

func TestLayoutDeterministic(t *testing.T) {
	m := bigMap(50, 200)
	want := Layout(m).SVG()
	for range 3 {
		if got := Layout(bigMap(50, 200)).SVG(); got != want {
			t.Fatal("two layouts of the same map differ")
		}
	}
}

func TestLayoutArrows(t *testing.T) {
	m := bigMap(50, 200)
	d := Layout(m)
	if len(d.Arrows) != len(m.links()) {
		t.Errorf("%d arrows, want one per link (%d)", len(d.Arrows), len(m.links()))
	}
	for _, a := range d.Arrows {
		from, to := d.Nodes[a.From], d.Nodes[a.To]
		s := m.Statements[a.Statement]
		if from.Actor >= 0 && !contains(s.Sources, from.Actor) || from.Actor < 0 && from.Statement != a.Statement {
			t.Errorf("arrow of statement %d starts at a node (actor %d) that is not its source", a.Statement, from.Actor)
		}
		if to.Actor >= 0 && !contains(s.Targets, to.Actor) || to.Actor < 0 && to.Statement != a.Statement {
			t.Errorf("arrow of statement %d ends at a node (actor %d) that is not its target", a.Statement, to.Actor)
		}
		for _, p := range a.P {
			if math.IsNaN(p.X) || math.IsNaN(p.Y) {
				t.Errorf("arrow of statement %d has a NaN point", a.Statement)
			}
		}
	}
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestLayoutEmpty(t *testing.T) {
	m := New(nil)
	svg := Layout(m).SVG()
	if !strings.Contains(svg, "0 actors, 0 statements") {
		t.Errorf("empty map's SVG lacks its title:\n%s", svg)
	}
}

// BenchmarkDraw lays out and writes the SVG of 50 actors and 200
// relations; the page redraws on every filter change, so it should take
// well under 50 ms.
func BenchmarkDraw(b *testing.B) {
	m := bigMap(50, 200)
	b.ReportAllocs()
	for b.Loop() {
		Layout(m).SVG()
	}
}

// BenchmarkLayout is the layout alone, what the page needs to draw with
// DOM calls.
func BenchmarkLayout(b *testing.B) {
	m := bigMap(50, 200)
	b.ReportAllocs()
	for b.Loop() {
		Layout(m)
	}
}
