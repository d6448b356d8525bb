package annotations

// This file compares several annotators' work on one document: span
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

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Panel is several annotators' work on one document: their files placed on
// one text under one schema, ready for [Agree] or [Merge]. Make it with
// [NewPanel].
type Panel struct {
	// Document is the first file's text; the others are placed on it.
	Document *Document
	// Schema is the first file's schema; the others have the same labels
	// and relation types.
	Schema Schema
	// Annotators are in the order of the files.
	Annotators []Annotator
}

// Annotator is one annotator's work on a [Panel]'s document.
type Annotator struct {
	// Name is the file's annotator field, or else its file name.
	Name string
	// File is the name of the file the work came from.
	File        string
	Annotations []Annotation
	Relations   []Relation
	// Report says what placing the file on the panel's text did: the
	// annotations that moved and those that could not be placed. Orphans are
	// left out of every measure.
	Report Report
	// Orphans are the annotations of the file that could not be placed,
	// including those the file already held as orphans.
	Orphans []Orphan
}

// ErrDifferentDocuments is wrapped by [NewPanel]'s error when the files are
// about different documents.
var ErrDifferentDocuments = errors.New("different documents")

// ErrDifferentSchemas is wrapped by [NewPanel]'s error when the files'
// schemas do not have the same label and relation type ids.
var ErrDifferentSchemas = errors.New("different schemas")

// NewPanel places files, named by names (their file names, used in errors
// and when a file has no annotator), on the first file's text.
//
// Files are of one document when their document ids are equal. When the ids
// differ the texts differ; the files are still taken as one document when
// their titles, or their non-empty sources, are equal, and each later file's
// annotations are anchored again in the first file's text with
// [File.Place]; what could not be placed is in [Annotator.Report]. Otherwise
// the error wraps [ErrDifferentDocuments].
//
// Every file must have the same label ids and relation type ids (names,
// colours and keys may differ); otherwise the error wraps
// [ErrDifferentSchemas] and names the label and the files. Two annotators
// with the same name are told apart by their file names.
func NewPanel(files []*File, names []string) (*Panel, error) {
	if len(files) == 0 {
		return nil, errors.New("compare: no files")
	}
	if len(names) != len(files) {
		return nil, errors.New("compare: " + strconv.Itoa(len(files)) + " files but " + strconv.Itoa(len(names)) + " names")
	}
	f0 := files[0]
	doc := NewDocument(f0.Document.Text, f0.Document.Title, f0.Document.Source)
	p := &Panel{Document: doc, Schema: f0.Schema}
	seen := map[string]bool{}
	for i, f := range files {
		if f == nil {
			return nil, errors.New(names[i] + ": no file")
		}
		if err := sameDocument(f0, f, names[0], names[i]); err != nil {
			return nil, err
		}
		if err := sameSchema(f0.Schema, f.Schema, names[0], names[i]); err != nil {
			return nil, err
		}
		var (
			s   *Set
			rep Report
			err error
		)
		s, rep, err = f.Place(doc)
		if err != nil {
			return nil, errors.New(names[i] + ": " + err.Error())
		}
		name := strings.TrimSpace(f.Annotator)
		if name == "" {
			name = names[i]
		}
		if seen[name] {
			name += " (" + names[i] + ")"
		}
		for n := 2; seen[name]; n++ {
			name = names[i] + " #" + strconv.Itoa(n)
		}
		seen[name] = true
		p.Annotators = append(p.Annotators, Annotator{
			Name: name, File: names[i],
			Annotations: s.Annotations(), Relations: s.Relations(),
			Report: rep, Orphans: s.Orphans(),
		})
	}
	return p, nil
}

func sameDocument(a, b *File, na, nb string) error {
	if a.Document.ID == b.Document.ID && a.Document.Text == b.Document.Text {
		return nil
	}
	ta, tb := strings.TrimSpace(a.Document.Title), strings.TrimSpace(b.Document.Title)
	if ta != "" && ta == tb || a.Document.Source != "" && a.Document.Source == b.Document.Source {
		return nil
	}
	return &PathError{Path: "document", Err: &wrapError{err: ErrDifferentDocuments, msg: ErrDifferentDocuments.Error() + ": " +
		nb + " is " + strconv.Quote(tb) + " (" + shortID(b.Document.ID) + ") but " +
		na + " is " + strconv.Quote(ta) + " (" + shortID(a.Document.ID) + ")"}}
}

func shortID(id string) string {
	if len(id) > 19 {
		return id[:19] + "…"
	}
	return id
}

func sameSchema(a, b Schema, na, nb string) error {
	diff := func(kind string, x, y []string, nx, ny string) error {
		for _, id := range x {
			if !slices.Contains(y, id) {
				return errors.New("compare: " + ErrDifferentSchemas.Error() + ": " + nx + " has " + kind + " " +
					strconv.Quote(id) + " that " + ny + " lacks")
			}
		}
		return nil
	}
	la, lb := labelIDs(a), labelIDs(b)
	ra, rb := relationIDs(a), relationIDs(b)
	for _, err := range []error{
		diff("label", lb, la, nb, na), diff("label", la, lb, na, nb),
		diff("relation type", rb, ra, nb, na), diff("relation type", ra, rb, na, nb),
	} {
		if err != nil {
			return &wrapError{msg: err.Error(), err: ErrDifferentSchemas}
		}
	}
	return nil
}

func labelIDs(s Schema) []string {
	ids := make([]string, len(s.Labels))
	for i, l := range s.Labels {
		ids[i] = l.ID
	}
	return ids
}

func relationIDs(s Schema) []string {
	ids := make([]string, len(s.Relations))
	for i, r := range s.Relations {
		ids[i] = r.ID
	}
	return ids
}

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
	labels := labelIDs(p.Schema)
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
func overlapLen(a, b *Annotation) int {
	return max(0, min(a.End, b.End)-max(a.Start, b.Start))
}

// isOverlapMatch reports whether a and b match by the overlap rule: same
// label and at least half of the shorter span shared.
func isOverlapMatch(a, b *Annotation) bool {
	return a.Label == b.Label && overlapLen(a, b) > 0 && 2*overlapLen(a, b) >= min(a.Len(), b.Len())
}

// matchSpans matches a's spans to b's one-to-one, exactly or by the overlap
// rule, greedily by shared length.
func matchSpans(a, b []Annotation, exact bool) [][2]int {
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
	count := func(as []Annotation) int {
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

// coverage returns, per annotator and code point, the bit mask of the
// labels (by schema index) whose spans cover it. Schemas have at most 64
// labels in practice; labels past the 64th share the last bit.
func coverage(p *Panel, labels []string) [][]uint64 {
	bit := map[string]uint64{}
	for i, l := range labels {
		bit[l] = 1 << min(i, 63)
	}
	out := make([][]uint64, len(p.Annotators))
	for i, a := range p.Annotators {
		c := make([]uint64, p.Document.Len())
		for _, x := range a.Annotations {
			for k := max(0, x.Start); k < min(x.End, len(c)); k++ {
				c[k] |= bit[x.Label]
			}
		}
		out[i] = c
	}
	return out
}

// chance computes kappa and alpha over code points. category maps a code
// point's label mask to a category; nil uses the mask itself (the label
// set). Units with the same categories from every annotator are counted
// together, so a long text costs little more than a short one.
func chance(covers [][]uint64, category func(uint64) int) (kind string, kappa, alpha Measure) {
	if len(covers) < 2 {
		return "", Undefined, Undefined
	}
	cat := map[uint64]int{}
	idx := func(m uint64) int {
		if category != nil {
			return category(m)
		}
		c, ok := cat[m]
		if !ok {
			c = len(cat)
			cat[m] = c
		}
		return c
	}
	// seen maps each distinct rating vector (one category per annotator)
	// to its row in ratings and weights. The key packs the categories 8
	// bits each when they fit in a uint64, which is the common case, and
	// is their decimal list otherwise.
	packed := len(covers) <= 8
	seenPacked := map[uint64]int{}
	seen := map[string]int{}
	var ratings [][]int
	var weights []int
	key := make([]byte, 0, 4*len(covers))
	r := make([]int, len(covers))
	k := 2
	for u := range covers[0] {
		var pk uint64
		for c := range covers {
			r[c] = idx(covers[c][u])
			k = max(k, r[c]+1)
			if r[c] > 255 {
				packed = false
			}
			pk = pk<<8 | uint64(r[c]&0xff)
		}
		var i int
		var ok bool
		if packed {
			i, ok = seenPacked[pk]
		} else {
			key = key[:0]
			for c := range covers {
				key = strconv.AppendInt(key, int64(r[c]), 10)
				key = append(key, ',')
			}
			i, ok = seen[string(key)]
		}
		if !ok {
			i = len(ratings)
			if packed {
				seenPacked[pk] = i
			} else {
				seen[string(key)] = i
			}
			ratings = append(ratings, slices.Clone(r))
			weights = append(weights, 0)
		}
		weights[i]++
	}
	counts := countsOf(ratings, k)
	if len(covers) == 2 {
		kind, kappa = "cohen", cohenKappaWeighted(ratings, weights, k)
	} else {
		kind, kappa = "fleiss", fleissKappaWeighted(counts, weights)
	}
	return kind, kappa, krippendorffAlphaWeighted(counts, weights)
}

// countsOf turns ratings (unit × coder → category in [0,k), or -1 for no
// rating) into counts (unit × category → coders).
func countsOf(ratings [][]int, k int) [][]int {
	out := make([][]int, len(ratings))
	for u, r := range ratings {
		c := make([]int, k)
		for _, x := range r {
			if x >= 0 {
				c[x]++
			}
		}
		out[u] = c
	}
	return out
}

// ones returns n weights of 1.
func ones(n int) []int {
	w := make([]int, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

// cohenKappa returns Cohen's kappa of two coders' categories of the same
// units: (po − pe) / (1 − pe), where po is the share of units they put in
// the same category and pe the agreement expected from each coder's own
// category shares.
func cohenKappa(a, b []int, k int) Measure {
	if len(a) != len(b) {
		return Undefined
	}
	ratings := make([][]int, len(a))
	for u := range a {
		ratings[u] = []int{a[u], b[u]}
	}
	return cohenKappaWeighted(ratings, ones(len(a)), k)
}

// cohenKappaWeighted is [cohenKappa] of rating pairs, each standing for
// weight units.
func cohenKappaWeighted(ratings [][]int, weight []int, k int) Measure {
	pa, pb := make([]float64, k), make([]float64, k)
	n, same := 0, 0
	for u, r := range ratings {
		w := weight[u]
		pa[r[0]] += float64(w)
		pb[r[1]] += float64(w)
		n += w
		if r[0] == r[1] {
			same += w
		}
	}
	if n == 0 {
		return Undefined
	}
	po := float64(same) / float64(n)
	pe := 0.0
	for c := range k {
		pe += pa[c] / float64(n) * pb[c] / float64(n)
	}
	if pe >= 1 {
		return Undefined
	}
	return Measure((po - pe) / (1 - pe))
}

// fleissKappa returns Fleiss' kappa of counts (unit × category → raters),
// where every unit has the same number of raters, at least two:
// (P̄ − P̄e) / (1 − P̄e), with P̄ the mean share of agreeing rater pairs per
// unit and P̄e the sum of the squared overall category shares.
func fleissKappa(counts [][]int) Measure {
	return fleissKappaWeighted(counts, ones(len(counts)))
}

// fleissKappaWeighted is [fleissKappa] with each row standing for weight
// units.
func fleissKappaWeighted(counts [][]int, weight []int) Measure {
	if len(counts) == 0 {
		return Undefined
	}
	n := 0
	for _, x := range counts[0] {
		n += x
	}
	if n < 2 {
		return Undefined
	}
	k := len(counts[0])
	pj := make([]float64, k)
	pbar, N := 0.0, 0.0
	for u, row := range counts {
		w := float64(weight[u])
		sq := 0
		for j, x := range row {
			pj[j] += w * float64(x)
			sq += x * x
		}
		pbar += w * float64(sq-n) / float64(n*(n-1))
		N += w
	}
	pbar /= N
	pe := 0.0
	for _, x := range pj {
		s := x / (N * float64(n))
		pe += s * s
	}
	if pe >= 1 {
		return Undefined
	}
	return Measure((pbar - pe) / (1 - pe))
}

// krippendorffAlpha returns Krippendorff's alpha for nominal data from
// counts (unit × category → coders); units may have different numbers of
// coders, and units with fewer than two are not pairable and left out.
// With the coincidence matrix o (o[c][k] sums, over units, the pairs of
// values c and k divided by the unit's coders minus one), n_c its margins
// and n their total:
//
//	α = 1 − (n − 1) · Σ_{c≠k} o[c][k] / Σ_{c≠k} n_c·n_k
//
// and for nominal data the off-diagonal sums are n − Σ o[c][c] and
// n² − Σ n_c².
func krippendorffAlpha(counts [][]int) Measure {
	return krippendorffAlphaWeighted(counts, ones(len(counts)))
}

// krippendorffAlphaWeighted is [krippendorffAlpha] with each row standing
// for weight units.
func krippendorffAlphaWeighted(counts [][]int, weight []int) Measure {
	if len(counts) == 0 {
		return Undefined
	}
	k := len(counts[0])
	diag := make([]float64, k)
	nc := make([]float64, k)
	for u, row := range counts {
		m := 0
		for _, x := range row {
			m += x
		}
		if m < 2 {
			continue
		}
		w := float64(weight[u])
		for c, x := range row {
			diag[c] += w * float64(x*(x-1)) / float64(m-1)
			nc[c] += w * float64(x)
		}
	}
	n, od, sq := 0.0, 0.0, 0.0
	for c := range k {
		n += nc[c]
		od += diag[c]
		sq += nc[c] * nc[c]
	}
	de := n*n - sq
	if n < 2 || de <= 0 {
		return Undefined
	}
	return Measure(1 - (n-1)*(n-od)/de)
}

// relationScores scores relations per type and overall, matching endpoints
// with the overlap matches ms.
func relationScores(p *Panel, ms []pairMatch) ([]RelationAgreement, RelationAgreement) {
	type link struct{ typ, from, to string }
	score := func(typ string) RelationAgreement {
		ra := RelationAgreement{Type: typ, Relations: make([]int, len(p.Annotators))}
		count := func(rs []Relation) int {
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
	for _, t := range relationIDs(p.Schema) {
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
func isSameGroup(x, y *Annotation) bool {
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
		a   *Annotation
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
	var find func(int) int
	find = func(i int) int {
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
