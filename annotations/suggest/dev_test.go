package suggest

// The development set and its scores. testdata/suggest holds short
// articles annotated by hand in a bracket markup (see its README); the
// test turns each into a text and a Spanmark file of the gold work
// (rewritten with -update), runs the suggestions from scratch and after
// one mention of each entity is given, scores them against the gold work
// with the same agreement code as `spanmark agree`, and compares the table
// with testdata/suggest/scores.txt. The sample article is scored against
// each of the three annotators of testdata/agree.

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/team"
)

var update = flag.Bool("update", false, "rewrite the files of testdata/suggest")

const devDir = "../../testdata/suggest"

// markedSpan is a span of the markup: "[label#id;e=Entity;source=id|text]".
type markedSpan struct {
	ann            annotations.Annotation
	source, target string
}

// parseMarked reads the bracket markup of testdata/suggest into the plain
// text and its annotations and relations.
func parseMarked(src string) (string, []annotations.Annotation, []annotations.Relation, error) {
	var text []rune
	var open []markedSpan
	var done []markedSpan
	rs := []rune(src)
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '[':
			bar := slices.Index(rs[i:], '|')
			if bar < 0 {
				return "", nil, nil, errors.New("offset " + strconv.Itoa(i) + ": [ without |")
			}
			head := string(rs[i+1 : i+bar])
			var m markedSpan
			for k, f := range strings.Split(head, ";") {
				key, val, _ := strings.Cut(f, "=")
				switch {
				case k == 0:
					m.ann.Label, m.ann.ID, _ = strings.Cut(f, "#")
				case key == "e":
					m.ann.Entity = val
				case key == "source":
					m.source = val
				case key == "target":
					m.target = val
				default:
					return "", nil, nil, errors.New("offset " + strconv.Itoa(i) + ": unknown field " + strconv.Quote(f))
				}
			}
			m.ann.Start = len(text)
			open = append(open, m)
			i += bar
		case ']':
			if len(open) == 0 {
				return "", nil, nil, errors.New("offset " + strconv.Itoa(i) + ": ] without [")
			}
			m := open[len(open)-1]
			open = open[:len(open)-1]
			m.ann.End = len(text)
			done = append(done, m)
		default:
			text = append(text, rs[i])
		}
	}
	if len(open) > 0 {
		return "", nil, nil, errors.New("unclosed [")
	}
	slices.SortStableFunc(done, func(a, b markedSpan) int { return a.ann.Start - b.ann.Start })
	var anns []annotations.Annotation
	for i := range done {
		if done[i].ann.ID == "" {
			done[i].ann.ID = "g" + strconv.Itoa(i+1)
		}
		anns = append(anns, done[i].ann)
	}
	var rels []annotations.Relation
	for _, m := range done {
		for _, l := range [][2]string{{linkSource, m.source}, {linkTarget, m.target}} {
			if l[1] != "" {
				rels = append(rels, annotations.Relation{ID: "r" + strconv.Itoa(len(rels)+1), Type: l[0], From: m.ann.ID, To: l[1]})
			}
		}
	}
	return string(text), anns, rels, nil
}

// goldSet builds the set of a marked file on its text.
func goldSet(t *testing.T, path string) *annotations.Set {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text, anns, rels, err := parseMarked(string(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	name := strings.TrimSuffix(filepath.Base(path), ".marked.txt")
	doc := annotations.NewDocument(text, "", name+".txt")
	s := annotations.NewSet(doc, annotations.DefaultSchema())
	for _, a := range anns {
		if err := s.Insert(a); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	for _, r := range rels {
		if err := s.InsertRelation(r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return s
}

// devCase is one text of the development set with one person's work.
type devCase struct {
	group string // "dev", "held-out" or "sample"
	name  string
	gold  *annotations.Set
}

func devCases(t *testing.T) []devCase {
	t.Helper()
	var cs []devCase
	paths, _ := filepath.Glob(filepath.Join(devDir, "*.marked.txt"))
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".marked.txt")
		g := goldSet(t, p)
		group, _, _ := strings.Cut(name, "-")
		cs = append(cs, devCase{group: group, name: name, gold: g})
		if *update {
			f := annotations.NewFile(g, "gold", time.Time{})
			b, err := codec.Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(devDir, name+".txt"), []byte(g.Document().Text))
			writeFile(t, filepath.Join(devDir, name+".gold.json"), b)
		}
	}
	for _, who := range []string{"alice", "bob", "carol"} {
		b, err := os.ReadFile("../../testdata/agree/sample-" + who + ".json")
		if err != nil {
			t.Fatal(err)
		}
		f, err := codec.Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		doc := annotations.NewDocument(f.Document.Text, f.Document.Title, f.Document.Source)
		s, _, err := anchor.Place(f, doc)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, devCase{group: "sample", name: "sample-" + who, gold: s})
	}
	return cs
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// seeds returns the first actor mention of each entity of the gold work
// (the entity, or the quote when it has none, in lower case).
func seeds(gold *annotations.Set) []annotations.Annotation {
	seen := map[string]bool{}
	var out []annotations.Annotation
	for _, a := range gold.Annotations() {
		key := strings.ToLower(a.Entity)
		if key == "" {
			key = strings.ToLower(a.Quote)
		}
		if a.Label == labelActor && !seen[key] {
			seen[key] = true
			out = append(out, a)
		}
	}
	return out
}

// tally counts, for one label, the gold spans, the suggested spans, and
// the exact and overlap matches; for claims and proposals also those found
// with a gold source and those whose suggested source is right.
type tally struct {
	gold, got, exact, overlap int
	withSource, sourceRight   int
}

func (a *tally) add(b tally) {
	a.gold += b.gold
	a.got += b.got
	a.exact += b.exact
	a.overlap += b.overlap
	a.withSource += b.withSource
	a.sourceRight += b.sourceRight
}

// score runs the suggestions on c's text with work given (nil, or the
// seeds) and tallies them by label against the gold work less the work
// given.
func score(t *testing.T, c devCase, given []annotations.Annotation) map[string]tally {
	t.Helper()
	doc := c.gold.Document()
	out := annotations.NewSet(doc, annotations.DefaultSchema())
	for _, a := range given {
		if err := out.Insert(a); err != nil {
			t.Fatal(err)
		}
	}
	sugs := Suggest(doc, given, English())
	if err := Accept(out, sugs, map[string]string{}, time.Time{}); err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	skip := map[string]bool{}
	for _, a := range given {
		skip[a.ID] = true
	}
	var gold, got []annotations.Annotation
	for _, a := range c.gold.Annotations() {
		if !skip[a.ID] {
			gold = append(gold, a)
		}
	}
	for _, a := range out.Annotations() {
		if !skip[a.ID] {
			got = append(got, a)
		}
	}
	p, err := team.NewPanel([]*annotations.File{fileOf(doc, gold), fileOf(doc, got)}, []string{"gold", "suggest"})
	if err != nil {
		t.Fatal(err)
	}
	ag := team.Agree(p)
	ts := map[string]tally{}
	for _, l := range ag.Labels {
		ts[l.Label] = tally{gold: l.Spans[0], got: l.Spans[1], exact: l.Exact.Pairs[0].Matched, overlap: l.Overlap.Pairs[0].Matched}
	}
	for _, l := range []string{labelClaim, labelProposal} {
		tl := ts[l]
		tl.withSource, tl.sourceRight = sources(c.gold, out, l)
		ts[l] = tl
	}
	return ts
}

func fileOf(doc *annotations.Document, anns []annotations.Annotation) *annotations.File {
	s := annotations.NewSet(doc, annotations.DefaultSchema())
	for _, a := range anns {
		s.Insert(a)
	}
	return annotations.NewFile(s, "", time.Time{})
}

// sources counts the gold spans of label with a source that a suggestion
// found (overlapping by at least half of the shorter span, as agree
// counts), and of those the ones whose suggested source is right: it
// overlaps the gold source, or names the same entity.
func sources(gold, out *annotations.Set, label string) (found, right int) {
	srcOf := func(s *annotations.Set, id string) (annotations.Annotation, bool) {
		for _, r := range s.RelationsOf(id) {
			if r.Type == linkSource && r.From == id {
				return s.Annotation(r.To)
			}
		}
		return annotations.Annotation{}, false
	}
	for _, g := range gold.Annotations() {
		gs, ok := srcOf(gold, g.ID)
		if g.Label != label || !ok {
			continue
		}
		for _, o := range out.Annotations() {
			if o.Label != label || !overlapMatch(g, o) {
				continue
			}
			found++
			if os, ok := srcOf(out, o.ID); ok && (overlapMatch(gs, os) || gs.Entity != "" && strings.EqualFold(gs.Entity, os.Entity)) {
				right++
			}
			break
		}
	}
	return found, right
}

func overlapMatch(a, b annotations.Annotation) bool {
	shared := min(a.End, b.End) - max(a.Start, b.Start)
	return shared > 0 && 2*shared >= min(a.Len(), b.Len())
}

// TestDevScores computes the scores of the development and held-out sets
// and compares them with testdata/suggest/scores.txt.
func TestDevScores(t *testing.T) {
	type key struct{ group, mode, label string }
	totals := map[key]*tally{}
	var keys []key
	for _, c := range devCases(t) {
		for _, mode := range []string{"scratch", "seeded"} {
			var given []annotations.Annotation
			if mode == "seeded" {
				given = seeds(c.gold)
			}
			for l, tl := range score(t, c, given) {
				if strings.HasSuffix(c.name, "-actors") && l != labelActor {
					continue // only actors are annotated
				}
				k := key{c.group, mode, l}
				if totals[k] == nil {
					totals[k] = &tally{}
					keys = append(keys, k)
				}
				totals[k].add(tl)
			}
		}
	}
	order := map[string]int{"dev": 0, "sample": 1, "samplementions": 2, "heldout": 3, "blind": 4, "scratch": 0, "seeded": 1, labelActor: 0, labelClaim: 1, labelProposal: 2}
	slices.SortStableFunc(keys, func(a, b key) int {
		if a.group != b.group {
			return order[a.group] - order[b.group]
		}
		if a.mode != b.mode {
			return order[a.mode] - order[b.mode]
		}
		return order[a.label] - order[b.label]
	})
	var b strings.Builder
	b.WriteString("set             mode     label     gold  got  exact P   R    F1  overlap P   R    F1  source\n")
	for _, k := range keys {
		tl := totals[k]
		row := []string{pad(k.group, 15), pad(k.mode, 8), pad(k.label, 8), lpad(strconv.Itoa(tl.gold), 5), lpad(strconv.Itoa(tl.got), 4)}
		for _, m := range []int{tl.exact, tl.overlap} {
			p, r := ratio(m, tl.got), ratio(m, tl.gold)
			f := 0.0
			if p+r > 0 {
				f = 2 * p * r / (p + r)
			}
			row = append(row, "     "+fmtRatio(p), fmtRatio(r), fmtRatio(f))
		}
		src := "   -"
		if k.label != labelActor {
			src = lpad(strconv.Itoa(tl.sourceRight)+"/"+strconv.Itoa(tl.withSource), 7)
		}
		b.WriteString(strings.Join(row, " ") + " " + src + "\n")
	}
	got := b.String()
	t.Log("\n" + got)
	path := filepath.Join(devDir, "scores.txt")
	if *update {
		writeFile(t, path, []byte(got))
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("scores changed (-want +got); run with -update if the change is meant:\n%s", diff)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func fmtRatio(x float64) string {
	return strconv.FormatFloat(x, 'f', 2, 64)
}

func pad(s string, n int) string {
	for len(s) < n {
		s += " "
	}
	return s
}

func lpad(s string, n int) string {
	for len(s) < n {
		s = " " + s
	}
	return s
}

// TestNoOverlapWithWork checks that no suggestion repeats or overlaps an
// annotation of the work with its label, on the sample article with each
// annotator's work.
func TestNoOverlapWithWork(t *testing.T) {
	for _, c := range devCases(t) {
		work := c.gold.Annotations()
		for _, s := range Suggest(c.gold.Document(), work, English()) {
			for _, a := range work {
				if a.Label == s.Label && a.Start < s.End && s.Start < a.End {
					t.Errorf("%s: suggestion %s overlaps %s %q", c.name, s.ID, a.ID, a.Quote)
				}
			}
		}
	}
}

// TestAcceptedAddsNothing accepts every suggestion and runs again with the
// result as work: nothing new may come, or a page that accepts all would
// never settle.
func TestAcceptedAddsNothing(t *testing.T) {
	for _, c := range devCases(t) {
		doc := c.gold.Document()
		s := annotations.NewSet(doc, annotations.DefaultSchema())
		if err := Accept(s, Suggest(doc, nil, English()), map[string]string{}, time.Time{}); err != nil {
			t.Fatal(err)
		}
		for _, sg := range Suggest(doc, s.Annotations(), English()) {
			t.Errorf("%s: after accepting all, %s %q (%s) is suggested", c.name, sg.ID, doc.Slice(sg.Start, sg.End), sg.Reason)
		}
	}
}
