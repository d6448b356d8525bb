// Package team compares and merges several annotators' work on one
// document. agree.go compares: span
// precision, recall and F1 (exact and overlapping), chance-corrected
// agreement over code points (Cohen's and Fleiss' kappa, Krippendorff's
// alpha), relation and entity agreement, and a list of disagreements.
// merge.go builds one file from the same [Panel].
//
// The rules, stated once here and in docs of the CLI (tools/spanmark/agree.go):
//
//   - Exact match: same label, same start and end.
//   - Overlap match: same label, and the spans share at least half of the
//     shorter span's code points. Matching is one-to-one and greedy: pairs
//     with more shared code points are taken first (ties: closer boundaries,
//     then earlier spans), so F1 never exceeds 1.
//   - Precision and recall of a pair (A, B) take A as the reference:
//     precision = matched / spans of B, recall = matched / spans of A.
//     F1 is symmetric. Averages are means over the pairs where the figure
//     is defined (a pair where neither annotator used the label has none).
//   - Units of kappa and alpha are the code points of the whole text. For
//     one label, each annotator decides per code point "inside a span with
//     this label" or not (a binary category, so "no label" is a category).
//     For the overall figure, the category of a code point is the set of
//     labels covering it ("" when none), so overlapping labels of one
//     annotator form their own category rather than being dropped.
//   - Kappa is Cohen's for two annotators and Fleiss' for more.
//     Krippendorff's alpha is nominal, over the same units.
//   - A measure whose expected disagreement is zero (every unit in one
//     category for everyone) is undefined, and reported as null.
package team

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
)

// Measure is an agreement figure: a proportion, or a kappa or alpha (which
// can be negative). NaN means undefined, and is written as JSON null.
type Measure float64

// Undefined is the [Measure] of a figure that does not exist for the data,
// such as F1 when neither annotator marked anything.
var Undefined = Measure(math.NaN())

// IsDefined reports whether m is a number.
func (m Measure) IsDefined() bool { return !math.IsNaN(float64(m)) }

// String formats m with three decimals, or "n/a".
func (m Measure) String() string {
	if !m.IsDefined() {
		return "n/a"
	}
	return strconv.FormatFloat(float64(m), 'f', 3, 64)
}

// MarshalJSON writes m rounded to four decimals, or null when undefined.
func (m Measure) MarshalJSON() ([]byte, error) {
	if !m.IsDefined() || math.IsInf(float64(m), 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, math.Round(float64(m)*1e4)/1e4, 'f', -1, 64), nil
}

// Agreement is what [Agree] measures.
type Agreement struct {
	// Annotators are the panel's names, in order.
	Annotators []string `json:"annotators"`
	// Units is the number of code points kappa and alpha count.
	Units int `json:"units"`
	// Labels holds one row per label of the schema, in schema order.
	Labels []LabelAgreement `json:"labels"`
	// Overall is the row of all labels together (Label is "").
	Overall LabelAgreement `json:"overall"`
	// Relations holds one row per relation type, and RelationsOverall all
	// of them together.
	Relations        []RelationAgreement `json:"relations"`
	RelationsOverall RelationAgreement   `json:"relations_overall"`
	// Entities compares the entities of spans matched by overlap.
	Entities EntityAgreement `json:"entities"`
	// Disagreements lists, in text order, the places where the annotators
	// did not all make the same annotations.
	Disagreements []Disagreement `json:"disagreements"`
}

// LabelAgreement is the agreement on one label, or on all of them.
type LabelAgreement struct {
	Label string `json:"label"`
	// Spans is the number of spans with the label, per annotator.
	Spans []int `json:"spans"`
	// Exact and Overlap are span F1 with the two match rules.
	Exact   SpanAgreement `json:"exact"`
	Overlap SpanAgreement `json:"overlap"`
	// Kappa is Cohen's kappa for two annotators and Fleiss' for more, as
	// KappaKind says ("cohen" or "fleiss").
	Kappa     Measure `json:"kappa"`
	KappaKind string  `json:"kappa_kind"`
	// Alpha is Krippendorff's alpha, nominal.
	Alpha Measure `json:"alpha"`
}

// SpanAgreement is precision, recall and F1 for every pair of annotators,
// and their means.
type SpanAgreement struct {
	Pairs     []PairScore `json:"pairs"`
	Precision Measure     `json:"precision"`
	Recall    Measure     `json:"recall"`
	F1        Measure     `json:"f1"`
}

// PairScore compares annotator B against annotator A as the reference:
// Precision = Matched/B's count, Recall = Matched/A's count.
type PairScore struct {
	A         string  `json:"a"`
	B         string  `json:"b"`
	Matched   int     `json:"matched"`
	Precision Measure `json:"precision"`
	Recall    Measure `json:"recall"`
	F1        Measure `json:"f1"`
}

// RelationAgreement is the agreement on relations of one type (Type "" for
// all): a relation matches when it has the same type and its endpoints are
// matched to the other's endpoints by the overlap rule.
type RelationAgreement struct {
	Type      string `json:"type"`
	Relations []int  `json:"relations"`
	SpanAgreement
}

// EntityAgreement compares the entity names of spans matched by the overlap
// rule where at least one of the two spans names an entity. Names are
// compared ignoring case and surrounding space.
type EntityAgreement struct {
	Pairs []EntityPair `json:"pairs"`
	// Rate is the mean of the pairs' rates.
	Rate Measure `json:"rate"`
}

// EntityPair is the entity agreement of annotators A and B.
type EntityPair struct {
	A        string  `json:"a"`
	B        string  `json:"b"`
	Compared int     `json:"compared"`
	Agreed   int     `json:"agreed"`
	Rate     Measure `json:"rate"`
}

// Disagreement is a stretch of text where the annotators' spans differ:
// spans that match by the overlap rule (or, with different labels, share at
// least half of the longer span) are grouped, and a group is a
// disagreement unless every annotator made exactly the same annotations in
// it.
type Disagreement struct {
	// Start and End cover the group's spans, in code points, half-open.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Quote string `json:"quote"`
	// Views holds one entry per annotator, in panel order.
	Views []View `json:"views"`
}

// View is what one annotator marked in a [Disagreement]; no spans means the
// annotator marked nothing there.
type View struct {
	Annotator string     `json:"annotator"`
	Spans     []ViewSpan `json:"spans"`
}

// ViewSpan is one labelled span of a [View].
type ViewSpan struct {
	Label string `json:"label"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Agree measures the agreement of the panel's annotators; see the rules at
// the top of agree.go. With one annotator every pairwise figure is
// undefined.
func Agree(p *Panel) Agreement {
	names := make([]string, len(p.Annotators))
	for i, a := range p.Annotators {
		names[i] = a.Name
	}
	ag := Agreement{Annotators: names, Units: p.Document.Len(), Disagreements: []Disagreement{}}

	// Span scores, per label and overall.
	labels := p.Schema.LabelIDs()
	exact := pairMatches(p, true)
	overlap := pairMatches(p, false)
	covers := coverage(p, labels)
	for li, l := range labels {
		row := LabelAgreement{Label: l, Spans: make([]int, len(p.Annotators))}
		for i, a := range p.Annotators {
			for _, x := range a.Annotations {
				if x.Label == l {
					row.Spans[i]++
				}
			}
		}
		row.Exact = spanScores(p, exact, l)
		row.Overlap = spanScores(p, overlap, l)
		row.KappaKind, row.Kappa, row.Alpha = chance(covers, func(m uint64) int { return int(m >> li & 1) })
		ag.Labels = append(ag.Labels, row)
	}
	all := LabelAgreement{Spans: make([]int, len(p.Annotators))}
	for i, a := range p.Annotators {
		all.Spans[i] = len(a.Annotations)
	}
	all.Exact = spanScores(p, exact, "")
	all.Overlap = spanScores(p, overlap, "")
	all.KappaKind, all.Kappa, all.Alpha = chance(covers, nil)
	ag.Overall = all

	ag.Relations, ag.RelationsOverall = relationScores(p, overlap)
	ag.Entities = entityScores(p, overlap)
	ag.Disagreements = disagreements(p)
	return ag
}

// pairMatch is the matching of annotator j's spans against annotator i's,
// as pairs of indexes into their Annotations.
type pairMatch struct {
	i, j  int
	pairs [][2]int
}

func pairMatches(p *Panel, exact bool) []pairMatch {
	var out []pairMatch
	for i := range p.Annotators {
		for j := i + 1; j < len(p.Annotators); j++ {
			out = append(out, pairMatch{i, j, matchSpans(p.Annotators[i].Annotations, p.Annotators[j].Annotations, exact)})
		}
	}
	return out
}

// overlapLen returns the number of code points a and b share.
func overlapLen(a, b *annotations.Annotation) int {
	return max(0, min(a.End, b.End)-max(a.Start, b.Start))
}

// isOverlapMatch reports whether a and b match by the overlap rule: same
// label and at least half of the shorter span shared.
func isOverlapMatch(a, b *annotations.Annotation) bool {
	return a.Label == b.Label && overlapLen(a, b) > 0 && 2*overlapLen(a, b) >= min(a.Len(), b.Len())
}

// matchSpans matches a's spans to b's one-to-one, exactly or by the overlap
// rule, greedily by shared length.
func matchSpans(a, b []annotations.Annotation, exact bool) [][2]int {
	var pairs [][2]int
	if exact {
		type key struct {
			label      string
			start, end int
		}
		at := make(map[key]int, len(a))
		for i, x := range a {
			at[key{x.Label, x.Start, x.End}] = i
		}
		for j, y := range b {
			if i, ok := at[key{y.Label, y.Start, y.End}]; ok {
				pairs = append(pairs, [2]int{i, j})
			}
		}
		return pairs
	}
	type cand struct{ i, j, shared, drift int }
	var cs []cand
	// Only spans of b that start in [a.Start − longest b, a.End) can
	// overlap a; order b by start to find them by binary search.
	byStart := make([]int, len(b))
	longest := 0
	for j := range b {
		byStart[j] = j
		longest = max(longest, b[j].Len())
	}
	slices.SortFunc(byStart, func(x, y int) int { return b[x].Start - b[y].Start })
	firstFrom := func(off int) int {
		k, _ := slices.BinarySearchFunc(byStart, off, func(j, off int) int {
			if b[j].Start < off {
				return -1
			}
			return 1
		})
		return k
	}
	for i := range a {
		for k := firstFrom(a[i].Start - longest); k < len(byStart) && b[byStart[k]].Start < a[i].End; k++ {
			j := byStart[k]
			if isOverlapMatch(&a[i], &b[j]) {
				drift := intAbs(a[i].Start-b[j].Start) + intAbs(a[i].End-b[j].End)
				cs = append(cs, cand{i, j, overlapLen(&a[i], &b[j]), drift})
			}
		}
	}
	slices.SortFunc(cs, func(x, y cand) int {
		if x.shared != y.shared {
			return y.shared - x.shared
		}
		if x.drift != y.drift {
			return x.drift - y.drift
		}
		if x.i != y.i {
			return x.i - y.i
		}
		return x.j - y.j
	})
	usedA, usedB := map[int]bool{}, map[int]bool{}
	for _, c := range cs {
		if !usedA[c.i] && !usedB[c.j] {
			usedA[c.i], usedB[c.j] = true, true
			pairs = append(pairs, [2]int{c.i, c.j})
		}
	}
	slices.SortFunc(pairs, func(x, y [2]int) int { return x[0] - y[0] })
	return pairs
}

func intAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// prf returns precision, recall and F1 of m matches against na reference
// and nb compared items.
func prf(m, na, nb int) (precision, recall, f1 Measure) {
	ratio := func(n, d int) Measure {
		if d == 0 {
			return Undefined
		}
		return Measure(float64(n) / float64(d))
	}
	return ratio(m, nb), ratio(m, na), ratio(2*m, na+nb)
}

// meanOf returns the mean of the defined values, or Undefined.
func meanOf(ms []Measure) Measure {
	sum, n := 0.0, 0
	for _, m := range ms {
		if m.IsDefined() {
			sum += float64(m)
			n++
		}
	}
	if n == 0 {
		return Undefined
	}
	return Measure(sum / float64(n))
}

func (sa *SpanAgreement) average() {
	var ps, rs, fs []Measure
	for _, x := range sa.Pairs {
		ps, rs, fs = append(ps, x.Precision), append(rs, x.Recall), append(fs, x.F1)
	}
	sa.Precision, sa.Recall, sa.F1 = meanOf(ps), meanOf(rs), meanOf(fs)
}

// spanScores scores the matches of spans with label l, or of all spans
// when l is "".
func spanScores(p *Panel, ms []pairMatch, l string) SpanAgreement {
	count := func(as []annotations.Annotation) int {
		n := 0
		for _, a := range as {
			if l == "" || a.Label == l {
				n++
			}
		}
		return n
	}
	sa := SpanAgreement{Pairs: []PairScore{}}
	for _, m := range ms {
		a, b := p.Annotators[m.i], p.Annotators[m.j]
		n := 0
		for _, pr := range m.pairs {
			if l == "" || a.Annotations[pr[0]].Label == l {
				n++
			}
		}
		ps := PairScore{A: a.Name, B: b.Name, Matched: n}
		ps.Precision, ps.Recall, ps.F1 = prf(n, count(a.Annotations), count(b.Annotations))
		sa.Pairs = append(sa.Pairs, ps)
	}
	sa.average()
	return sa
}

// relationScores scores relations per type and overall, matching endpoints
// with the overlap matches ms.
func relationScores(p *Panel, ms []pairMatch) ([]RelationAgreement, RelationAgreement) {
	type link struct{ typ, from, to string }
	score := func(typ string) RelationAgreement {
		ra := RelationAgreement{Type: typ, Relations: make([]int, len(p.Annotators))}
		count := func(rs []annotations.Relation) int {
			n := 0
			for _, r := range rs {
				if typ == "" || r.Type == typ {
					n++
				}
			}
			return n
		}
		for i, a := range p.Annotators {
			ra.Relations[i] = count(a.Relations)
		}
		ra.Pairs = []PairScore{}
		for _, m := range ms {
			a, b := p.Annotators[m.i], p.Annotators[m.j]
			// toB maps a's annotation ids to the ids of b's matched spans.
			toB := map[string]string{}
			for _, pr := range m.pairs {
				toB[a.Annotations[pr[0]].ID] = b.Annotations[pr[1]].ID
			}
			has := map[link]bool{}
			for _, r := range b.Relations {
				has[link{r.Type, r.From, r.To}] = true
			}
			n := 0
			for _, r := range a.Relations {
				if typ != "" && r.Type != typ {
					continue
				}
				f, okF := toB[r.From]
				t, okT := toB[r.To]
				if okF && okT && has[link{r.Type, f, t}] {
					n++
				}
			}
			ps := PairScore{A: a.Name, B: b.Name, Matched: n}
			ps.Precision, ps.Recall, ps.F1 = prf(n, count(a.Relations), count(b.Relations))
			ra.Pairs = append(ra.Pairs, ps)
		}
		ra.average()
		return ra
	}
	rows := []RelationAgreement{}
	for _, t := range p.Schema.RelationIDs() {
		rows = append(rows, score(t))
	}
	return rows, score("")
}

func entityKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// entityScores compares the entities of overlap-matched spans.
func entityScores(p *Panel, ms []pairMatch) EntityAgreement {
	ea := EntityAgreement{Pairs: []EntityPair{}}
	var rates []Measure
	for _, m := range ms {
		a, b := p.Annotators[m.i], p.Annotators[m.j]
		ep := EntityPair{A: a.Name, B: b.Name, Rate: Undefined}
		for _, pr := range m.pairs {
			x, y := entityKey(a.Annotations[pr[0]].Entity), entityKey(b.Annotations[pr[1]].Entity)
			if x == "" && y == "" {
				continue
			}
			ep.Compared++
			if x == y {
				ep.Agreed++
			}
		}
		if ep.Compared > 0 {
			ep.Rate = Measure(float64(ep.Agreed) / float64(ep.Compared))
		}
		rates = append(rates, ep.Rate)
		ea.Pairs = append(ea.Pairs, ep)
	}
	ea.Rate = meanOf(rates)
	return ea
}

// isSameGroup reports whether spans x and y belong in one disagreement
// group: they match by the overlap rule, or they have different labels
// and share at least half of the longer span (so an actor inside a long
// claim stays apart from it).
func isSameGroup(x, y *annotations.Annotation) bool {
	if x.Label == y.Label {
		return isOverlapMatch(x, y)
	}
	o := overlapLen(x, y)
	return o > 0 && 2*o >= max(x.Len(), y.Len())
}

// disagreements groups every annotator's spans (see [Disagreement]) and
// returns the groups where the annotators differ, in text order.
func disagreements(p *Panel) []Disagreement {
	type item struct {
		who int
		a   *annotations.Annotation
	}
	var items []item
	for w := range p.Annotators {
		for i := range p.Annotators[w].Annotations {
			items = append(items, item{w, &p.Annotators[w].Annotations[i]})
		}
	}
	slices.SortStableFunc(items, func(x, y item) int {
		if x.a.Start != y.a.Start {
			return x.a.Start - y.a.Start
		}
		return x.a.End - y.a.End
	})
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range items {
		for j := i + 1; j < len(items) && items[j].a.Start < items[i].a.End; j++ {
			if isSameGroup(items[i].a, items[j].a) {
				parent[find(j)] = find(i)
			}
		}
	}
	groups := map[int][]item{}
	var roots []int
	for i := range items {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], items[i])
	}
	out := []Disagreement{}
	for _, r := range roots {
		g := groups[r]
		views := make([]View, len(p.Annotators))
		for w, a := range p.Annotators {
			views[w] = View{Annotator: a.Name, Spans: []ViewSpan{}}
		}
		start, end := g[0].a.Start, g[0].a.End
		for _, it := range g {
			start, end = min(start, it.a.Start), max(end, it.a.End)
			views[it.who].Spans = append(views[it.who].Spans, ViewSpan{it.a.Label, it.a.Start, it.a.End})
		}
		for w := range views {
			slices.SortFunc(views[w].Spans, func(x, y ViewSpan) int {
				if x.Start != y.Start {
					return x.Start - y.Start
				}
				if x.End != y.End {
					return x.End - y.End
				}
				return strings.Compare(x.Label, y.Label)
			})
		}
		agreed := true
		for w := 1; w < len(views); w++ {
			if !slices.Equal(views[w].Spans, views[0].Spans) {
				agreed = false
			}
		}
		if agreed {
			continue
		}
		out = append(out, Disagreement{Start: start, End: end, Quote: p.Document.Slice(start, end), Views: views})
	}
	slices.SortStableFunc(out, func(x, y Disagreement) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return x.End - y.End
	})
	return out
}
