package team

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

// update rewrites the golden files of testdata/agree and testdata/merge.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/agree and testdata/merge")

// teamTime is stamped on the annotations of hand-made team files.
var teamTime = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

// teamSpan is an annotation of a hand-made file: quote where it holds, or
// is held by, within, which must occur once in the text, or when within is empty the n-th
// (0-based) occurrence of quote.
type teamSpan struct {
	label, quote string
	n            int
	entity       string
	within       string
}

// teamLink is a relation between the i-th and j-th spans (0-based).
type teamLink struct {
	typ  string
	i, j int
}

// teamFile builds annotator's file of doc from spans and links, with ids
// a1, a2, … and r1, r2, … in the order given.
func teamFile(t testing.TB, doc *annotations.Document, annotator string, spans []teamSpan, links []teamLink) *annotations.File {
	t.Helper()
	s := annotations.NewSet(doc, annotations.DefaultSchema())
	for i, sp := range spans {
		var start int
		if sp.within != "" {
			if c := strings.Count(doc.Text, sp.within); c != 1 {
				t.Fatalf("%s: %q occurs %d times, want once", annotator, sp.within, c)
			}
			// within holds the quote, or the quote holds within.
			w := strings.Index(doc.Text, sp.within)
			b := w + strings.Index(sp.within, sp.quote)
			if q := strings.Index(sp.quote, sp.within); q >= 0 {
				b = w - q
			}
			if b < w-len(sp.quote) || b < 0 || !strings.HasPrefix(doc.Text[b:], sp.quote) {
				t.Fatalf("%s: %q and %q do not hold one another", annotator, sp.quote, sp.within)
			}
			start = utf8.RuneCountInString(doc.Text[:b])
		} else {
			occ := annotations.Occurrences(doc.Runes(), []rune(sp.quote))
			if sp.n >= len(occ) {
				t.Fatalf("%s: %q occurs %d times, want occurrence %d", annotator, sp.quote, len(occ), sp.n)
			}
			start = occ[sp.n]
		}
		a := annotations.Annotation{ID: "a" + itoa(i+1), Label: sp.label, Start: start, End: start + utf8.RuneCountInString(sp.quote),
			Entity: sp.entity, Created: annotations.TimeOf(teamTime), Modified: annotations.TimeOf(teamTime)}
		if err := s.Insert(a); err != nil {
			t.Fatalf("%s: span %d: %v", annotator, i, err)
		}
	}
	for i, l := range links {
		r := annotations.Relation{ID: "r" + itoa(i+1), Type: l.typ, From: "a" + itoa(l.i+1), To: "a" + itoa(l.j+1)}
		if err := s.InsertRelation(r); err != nil {
			t.Fatalf("%s: link %d: %v", annotator, i, err)
		}
	}
	return annotations.NewFile(s, annotator, teamTime)
}

func itoa(i int) string { return strconv.Itoa(i) }

func mustPanel(t testing.TB, files ...*annotations.File) *Panel {
	t.Helper()
	names := make([]string, len(files))
	for i := range files {
		names[i] = "file" + itoa(i+1) + ".json"
	}
	p, err := NewPanel(files, names)
	if err != nil {
		t.Fatalf("NewPanel: %v", err)
	}
	return p
}

// near reports whether m is within 1e-9 of want; NaN is near NaN.
func near(m Measure, want float64) bool {
	if math.IsNaN(want) {
		return !m.IsDefined()
	}
	return math.Abs(float64(m)-want) < 1e-9
}

func TestCohenKappaWikipedia(t *testing.T) {
	// Wikipedia, "Cohen's kappa", first worked example: 50 grant proposals,
	// both readers yes 20, A yes B no 5, A no B yes 10, both no 15.
	//   po = (20+15)/50 = 0.7
	//   pA(yes) = 25/50 = 0.5, pB(yes) = 30/50 = 0.6
	//   pe = 0.5·0.6 + 0.5·0.4 = 0.5
	//   κ = (0.7 − 0.5) / (1 − 0.5) = 0.4
	var a, b []int
	add := func(n, x, y int) {
		for range n {
			a, b = append(a, x), append(b, y)
		}
	}
	add(20, 1, 1)
	add(5, 1, 0)
	add(10, 0, 1)
	add(15, 0, 0)
	if got := cohenKappa(a, b, 2); !near(got, 0.4) {
		t.Errorf("cohenKappa = %v, want 0.4", got)
	}
	if got := cohenKappa(b, a, 2); !near(got, 0.4) {
		t.Errorf("cohenKappa swapped = %v, want 0.4 (symmetric)", got)
	}
}

func TestFleissKappaWikipedia(t *testing.T) {
	// Wikipedia, "Fleiss' kappa", worked example: 14 raters, 10 subjects,
	// 5 categories.
	//   p_j = 0.143 0.200 0.279 0.150 0.229, so P̄e = Σ p_j² = 0.2128
	//   P_i = 1.000 0.253 0.308 0.440 0.330 0.462 0.242 0.176 0.286 0.286
	//   P̄ = 3.780/10 = 0.3780
	//   κ = (0.3780 − 0.2128) / (1 − 0.2128) = 0.2099 ≈ 0.210
	counts := [][]int{
		{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
		{7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
	}
	got := fleissKappa(counts)
	if math.Abs(float64(got)-0.20993) > 1e-4 {
		t.Errorf("fleissKappa = %v, want 0.20993", got)
	}
}

func TestKrippendorffAlphaWorkedExample(t *testing.T) {
	// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
	// the example with missing values: 4 observers, 12 units, values 1–5.
	//   A: 1 2 3 3 2 1 4 1 2 . . .
	//   B: 1 2 3 3 2 2 4 1 2 5 . 3
	//   C: . 3 3 3 2 3 4 2 2 5 1 .
	//   D: 1 2 3 3 2 4 4 1 2 5 1 .
	// Unit 12 has one value and is not pairable. The coincidence matrix has
	// margins n_1..n_5 = 9 13 10 5 3 (n = 40) and diagonal 7 10 8 4 3 (32).
	//   α = 1 − (n−1)(n − Σo_cc) / (n² − Σn_c²)
	//     = 1 − 39·8 / (1600 − 384) = 1 − 312/1216 = 0.7434
	// which is the paper's α_nominal = 0.743.
	const x = -1
	ratings := [][]int{
		{1, 1, x, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
		{4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {x, 5, 5, 5}, {x, x, 1, 1}, {x, 3, x, x},
	}
	got := krippendorffAlpha(countsOf(ratings, 6))
	if !near(got, 1-312.0/1216.0) {
		t.Errorf("krippendorffAlpha = %v, want %v", got, 1-312.0/1216.0)
	}
}

func TestMeasuresUndefined(t *testing.T) {
	same := []int{0, 0, 0}
	if got := cohenKappa(same, same, 2); got.IsDefined() {
		t.Errorf("cohenKappa of one category = %v, want undefined", got)
	}
	if got := fleissKappa([][]int{{3, 0}, {3, 0}}); got.IsDefined() {
		t.Errorf("fleissKappa of one category = %v, want undefined", got)
	}
	if got := krippendorffAlpha([][]int{{2, 0}, {2, 0}}); got.IsDefined() {
		t.Errorf("krippendorffAlpha of one category = %v, want undefined", got)
	}
	b, err := Undefined.MarshalJSON()
	if err != nil || string(b) != "null" {
		t.Errorf("Undefined.MarshalJSON() = %s, %v; want null", b, err)
	}
}

// handText is short enough to count code points by hand:
// "Putin" is [0,5), " met " [5,10), "Trump" [10,15), " today" [15,21).
const handText = "Putin met Trump today"

func TestAgreeByHand(t *testing.T) {
	doc := annotations.NewDocument(handText, "hand", "test")
	alice := teamFile(t, doc, "alice", []teamSpan{
		{label: "actor", quote: "Putin", entity: "Vladimir Putin"},
		{label: "actor", quote: "Trump", entity: "Donald Trump"},
	}, nil)
	bob := teamFile(t, doc, "bob", []teamSpan{
		{label: "actor", quote: "Putin", entity: "vladimir putin "},
		{label: "actor", quote: "Trump today", entity: "Trump"},
	}, nil)
	ag := Agree(mustPanel(t, alice, bob))

	// Code points, actor or not: both actor 10 (Putin, Trump), only bob 6
	// (" today"), neither 5 (" met "); N = 21.
	//   Cohen: po = 15/21; pe = (10·16 + 11·5)/21² = 215/441;
	//          κ = (315 − 215)/(441 − 215) = 100/226
	//   Alpha: o_11 = 2·10 = 20, o_00 = 2·5 = 10, o_01 = o_10 = 6;
	//          n_1 = 26, n_0 = 16, n = 42;
	//          α = 1 − 41·12/(42² − 26² − 16²) = 1 − 492/832
	// Spans: exact matches Putin only (P = R = F1 = 1/2); by overlap
	// "Trump" shares all 5 of its code points with "Trump today", so both
	// match (F1 = 1). Entities: Putin agrees (case and space ignored),
	// Trump does not: rate 1/2.
	row := ag.Labels[0]
	checks := []struct {
		name string
		got  Measure
		want float64
	}{
		{"kappa", row.Kappa, 100.0 / 226.0},
		{"alpha", row.Alpha, 1 - 492.0/832.0},
		{"overall kappa", ag.Overall.Kappa, 100.0 / 226.0},
		{"overall alpha", ag.Overall.Alpha, 1 - 492.0/832.0},
		{"exact precision", row.Exact.Precision, 0.5},
		{"exact recall", row.Exact.Recall, 0.5},
		{"exact f1", row.Exact.F1, 0.5},
		{"overlap f1", row.Overlap.F1, 1},
		{"entity rate", ag.Entities.Rate, 0.5},
		{"claim f1 (nobody used it)", ag.Labels[1].Exact.F1, math.NaN()},
		{"claim kappa (nobody used it)", ag.Labels[1].Kappa, math.NaN()},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if row.KappaKind != "cohen" {
		t.Errorf("kappa kind = %q, want cohen", row.KappaKind)
	}
	want := []Disagreement{{Start: 10, End: 21, Quote: "Trump today", Views: []View{
		{Annotator: "alice", Spans: []ViewSpan{{"actor", 10, 15}}},
		{Annotator: "bob", Spans: []ViewSpan{{"actor", 10, 21}}},
	}}}
	if diff := cmp.Diff(want, ag.Disagreements); diff != "" {
		t.Errorf("disagreements (-want +got):\n%s", diff)
	}
}

// relText has two claims, each with a source actor.
const relText = "Lavrov said the talks went well. Rubio said the sanctions stay. Lavrov proposed a summit."

func TestAgreeRelations(t *testing.T) {
	doc := annotations.NewDocument(relText, "rel", "test")
	spans := []teamSpan{
		{label: "actor", quote: "Lavrov"},
		{label: "claim", quote: "the talks went well"},
		{label: "actor", quote: "Rubio"},
		{label: "claim", quote: "the sanctions stay"},
	}
	alice := teamFile(t, doc, "alice", spans, []teamLink{{"source", 1, 0}, {"source", 3, 2}})
	// Bob's claim boundary differs but matches by overlap; his second link
	// has the other type.
	bobSpans := append([]teamSpan(nil), spans...)
	bobSpans[1] = teamSpan{label: "claim", quote: "the talks went well."}
	bob := teamFile(t, doc, "bob", bobSpans, []teamLink{{"source", 1, 0}, {"target", 3, 2}})
	ag := Agree(mustPanel(t, alice, bob))
	// source: alice 2, bob 1, matched 1 → P 1, R 1/2, F1 2/3.
	// target: alice 0, bob 1 → F1 0. Overall: 1 matched of 2 and 2 → F1 1/2.
	src, tgt := ag.Relations[0], ag.Relations[1]
	for _, c := range []struct {
		name string
		got  Measure
		want float64
	}{
		{"source precision", src.Precision, 1},
		{"source recall", src.Recall, 0.5},
		{"source f1", src.F1, 2.0 / 3.0},
		{"target f1", tgt.F1, 0},
		{"overall f1", ag.RelationsOverall.F1, 0.5},
	} {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// sampleTeam loads the hand-made annotations of the sample article.
func sampleTeam(t testing.TB) []*annotations.File {
	t.Helper()
	var fs []*annotations.File
	for _, n := range []string{"alice", "bob", "carol"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "agree", "sample-"+n+".json"))
		if err != nil {
			t.Fatal(err)
		}
		f, err := codec.Decode(b)
		if err != nil {
			t.Fatalf("sample-%s.json: %v", n, err)
		}
		fs = append(fs, f)
	}
	return fs
}

func TestAgreeProperties(t *testing.T) {
	fs := sampleTeam(t)
	alice, bob, carol := fs[0], fs[1], fs[2]

	t.Run("self_is_perfect", func(t *testing.T) {
		ag := Agree(mustPanel(t, alice, alice))
		for _, row := range append(ag.Labels, ag.Overall) {
			for _, m := range []Measure{row.Exact.F1, row.Overlap.F1, row.Kappa, row.Alpha} {
				if !near(m, 1) {
					t.Errorf("label %q: %v, want 1 against itself", row.Label, m)
				}
			}
		}
		if !near(ag.RelationsOverall.F1, 1) {
			t.Errorf("relations F1 = %v, want 1", ag.RelationsOverall.F1)
		}
		if len(ag.Disagreements) != 0 {
			t.Errorf("%d disagreements of a file with itself, want 0", len(ag.Disagreements))
		}
	})

	t.Run("symmetric", func(t *testing.T) {
		ab := Agree(mustPanel(t, alice, bob))
		ba := Agree(mustPanel(t, bob, alice))
		for i := range ab.Labels {
			x, y := ab.Labels[i], ba.Labels[i]
			for _, m := range [][2]Measure{
				{x.Exact.F1, y.Exact.F1}, {x.Overlap.F1, y.Overlap.F1}, {x.Kappa, y.Kappa}, {x.Alpha, y.Alpha},
				{x.Exact.Precision, y.Exact.Recall}, {x.Overlap.Recall, y.Overlap.Precision},
			} {
				if !(near(m[0], float64(m[1])) || !m[0].IsDefined() && !m[1].IsDefined()) {
					t.Errorf("label %q: %v one way, %v the other", x.Label, m[0], m[1])
				}
			}
		}
		if len(ab.Disagreements) != len(ba.Disagreements) {
			t.Errorf("%d disagreements one way, %d the other", len(ab.Disagreements), len(ba.Disagreements))
		}
	})

	t.Run("copier_raises_agreement", func(t *testing.T) {
		two := Agree(mustPanel(t, alice, bob, carol))
		copyAlice := *alice
		copyAlice.Annotator = "alice2"
		three := Agree(mustPanel(t, alice, bob, carol, &copyAlice))
		if !(three.Overall.Alpha > two.Overall.Alpha) {
			t.Errorf("alpha with a copier %v, without %v: want higher", three.Overall.Alpha, two.Overall.Alpha)
		}
		if !(three.Overall.Kappa > two.Overall.Kappa) {
			t.Errorf("kappa with a copier %v, without %v: want higher", three.Overall.Kappa, two.Overall.Kappa)
		}
		if !(three.Overall.Overlap.F1 > two.Overall.Overlap.F1) {
			t.Errorf("mean F1 with a copier %v, without %v: want higher", three.Overall.Overlap.F1, two.Overall.Overlap.F1)
		}
		if three.Overall.KappaKind != "fleiss" {
			t.Errorf("kappa kind = %q, want fleiss", three.Overall.KappaKind)
		}
	})

	t.Run("bounded", func(t *testing.T) {
		ag := Agree(mustPanel(t, alice, bob, carol))
		for _, row := range append(ag.Labels, ag.Overall) {
			for _, m := range []Measure{row.Exact.F1, row.Overlap.F1, row.Kappa, row.Alpha} {
				if m.IsDefined() && (m > 1 || m < -1) {
					t.Errorf("label %q: %v is outside [-1, 1]", row.Label, m)
				}
			}
			if row.Exact.F1 > row.Overlap.F1 {
				t.Errorf("label %q: exact F1 %v above overlap F1 %v", row.Label, row.Exact.F1, row.Overlap.F1)
			}
		}
	})
}

func TestNewPanelErrors(t *testing.T) {
	doc := annotations.NewDocument(relText, "rel", "test")
	alice := teamFile(t, doc, "alice", []teamSpan{{label: "actor", quote: "Rubio"}}, nil)
	other := teamFile(t, annotations.NewDocument("Something else entirely.", "other", "elsewhere"), "bob", nil, nil)
	odd := teamFile(t, doc, "carol", []teamSpan{{label: "actor", quote: "Rubio"}}, nil)
	odd.Schema.Labels = append(odd.Schema.Labels, annotations.Label{ID: "place", Name: "Place"})
	tests := []struct {
		name    string
		files   []*annotations.File
		want    string
		wantErr error
	}{
		{"different_documents", []*annotations.File{alice, other}, `document: different documents: b.json is "other"`, ErrDifferentDocuments},
		{"different_schemas", []*annotations.File{alice, odd}, `b.json has label "place" that a.json lacks`, ErrDifferentSchemas},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewPanel(tc.files, []string{"a.json", "b.json"})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("NewPanel error = %v, want one containing %q", err, tc.want)
			}
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("NewPanel error %v does not wrap %v", err, tc.wantErr)
			}
		})
	}
}

func TestNewPanelEditedText(t *testing.T) {
	doc := annotations.NewDocument(relText, "rel", "test")
	alice := teamFile(t, doc, "alice", []teamSpan{{label: "actor", quote: "Rubio"}}, nil)
	// Bob annotated an edited copy of the same article (same title): his
	// spans are anchored again in alice's text, and the one whose quote is
	// gone is reported.
	edited := annotations.NewDocument("Breaking: "+strings.Replace(relText, "summit", "meeting", 1), "rel", "test")
	bob := teamFile(t, edited, "", []teamSpan{{label: "actor", quote: "Rubio"}, {label: "proposal", quote: "a meeting"}}, nil)
	p, err := NewPanel([]*annotations.File{alice, bob}, []string{"alice.json", "bob.json"})
	if err != nil {
		t.Fatal(err)
	}
	b := p.Annotators[1]
	if b.Name != "bob.json" {
		t.Errorf("name = %q, want the file name bob.json", b.Name)
	}
	if len(b.Report.Moved) != 1 || len(b.Report.Orphaned) != 1 {
		t.Fatalf("report: moved %d, orphaned %d; want 1 and 1", len(b.Report.Moved), len(b.Report.Orphaned))
	}
	if got, want := b.Annotations[0].Start, strings.Index(relText, "Rubio"); got != want {
		t.Errorf("Rubio placed at %d, want %d", got, want)
	}
}

// The hand-made annotations of the sample article by three annotators,
// written to testdata/agree/sample-*.json (go test -run TestSampleTeamFiles
// -update rewrites them). They overlap but differ the way people do: bob
// cuts spans differently, calls one proposal a claim and marks a few actors
// alice left out; carol marks less, and sees two of alice's proposals as
// claims.
var (
	sampleAlice = []teamSpan{
		{label: "actor", quote: "the United States", within: "Yet, the United States is", entity: "United States"},                                 // 0
		{label: "proposal", quote: "applying intense pressure to facilitate negotiations with the aggressor", within: "applying intense pressure"}, // 1
		{label: "actor", quote: "The U.S.", within: "The U.S. has framed", entity: "United States"},                                                // 2
		{label: "claim", quote: "a crucial first step in establishing a peace agreement to put an end to the ongoing conflict in Ukraine", within: "a crucial first step"},
		{label: "actor", quote: "Russia", within: "Russia has extended", entity: "Russia"},                                               // 4
		{label: "proposal", quote: "suggesting he might act as a mediator with President Vladimir Putin", within: "suggesting he might"}, // 5
		{label: "actor", quote: "Donald Trump", within: "to Donald Trump,", entity: "Donald Trump"},                                      // 6
		{label: "actor", quote: "President Vladimir Putin", within: "with President Vladimir Putin", entity: "Vladimir Putin"},           // 7
		{label: "claim", quote: "Ukraine will play a role in these discussions", within: "Ukraine will play"},                            // 8
		{label: "actor", quote: "both parties", within: "both parties assert"},                                                           // 9
		{label: "actor", quote: "European nations", within: "However, European nations", entity: "European nations"},                     // 10
		{label: "claim", quote: "have received little more than token acknowledgment from both the American and Russian sides", within: "have received little"},
		{label: "actor", quote: "John Bolton", within: "John Bolton, a former", entity: "John Bolton"},                             // 12
		{label: "actor", quote: "Lieutenant Colonel Alexander Vindman", within: "Lieutenant Colonel", entity: "Alexander Vindman"}, // 13
		{label: "actor", quote: "Vindman", within: "Vindman articulated", entity: "Alexander Vindman"},                             // 14
		{label: "claim", quote: "the mere fact that these discussions took place could enhance Russian morale while sending a dispiriting signal to Ukraine", within: "the mere fact"},
		{label: "claim", quote: "this could be interpreted as a reward for Russia’s militaristic pursuits", within: "this could be interpreted"}, // 16
		{label: "actor", quote: "Countries along the eastern flank of the EU", within: "Countries along", entity: "Eastern EU states"},           // 17
		{label: "claim", quote: "the seemingly peripheral role assigned to Ukraine in these negotiations", within: "the seemingly peripheral"},   // 18
		{label: "actor", quote: "Dimitriev", within: "with Dimitriev estimating", entity: "Kirill Dmitriev"},                                     // 19
		{label: "claim", quote: "American corporate losses during their withdrawal from Russia at around $300 billion", within: "American corporate losses"},
		{label: "actor", quote: "Turkey", within: "2022, Turkey reiterates", entity: "Turkey"},                                      // 21
		{label: "claim", quote: "its support for Ukraine’s territorial integrity", within: "its support for Ukraine’s territorial"}, // 22
		{label: "proposal", quote: "itself as a potential neutral ground for future negotiations involving all sides", within: "itself as a potential neutral"},
		{label: "actor", quote: "Russia", within: "The call from Russia for", entity: "Russia"}, // 24
		{label: "proposal", quote: "elections", within: "Russia for elections, often"},          // 25
		{label: "actor", quote: "Rubio", within: "Rubio aptly remarked", entity: "Marco Rubio"}, // 26
		{label: "claim", quote: "these conversations signify merely an initial step on a potentially arduous path ahead", within: "these conversations signify"},
	}
	sampleAliceLinks = []teamLink{
		{"source", 1, 0}, {"source", 3, 2}, {"source", 5, 4}, {"target", 5, 6}, {"source", 8, 9}, {"target", 11, 10},
		{"source", 15, 14}, {"source", 16, 14}, {"source", 18, 17}, {"source", 20, 19}, {"source", 22, 21},
		{"source", 23, 21}, {"source", 25, 24}, {"source", 27, 26},
	}

	sampleBob = []teamSpan{
		{label: "actor", quote: "the United States", within: "Yet, the United States is", entity: "United States"},                             // 0
		{label: "proposal", quote: "intense pressure to facilitate negotiations with the aggressor", within: "intense pressure to facilitate"}, // 1
		{label: "actor", quote: "The U.S.", within: "The U.S. has framed", entity: "United States"},                                            // 2
		{label: "claim", quote: "a crucial first step in establishing a peace agreement", within: "a crucial first step"},                      // 3
		{label: "actor", quote: "Russia", within: "Russia has extended", entity: "Russia"},                                                     // 4
		{label: "claim", quote: "suggesting he might act as a mediator with President Vladimir Putin", within: "suggesting he might"},
		{label: "actor", quote: "Donald Trump", within: "to Donald Trump,", entity: "Donald Trump"},                  // 6
		{label: "actor", quote: "Vladimir Putin", within: "with President Vladimir Putin", entity: "Vladimir Putin"}, // 7
		{label: "claim", quote: "Ukraine will play a role in these discussions", within: "Ukraine will play"},        // 8
		{label: "actor", quote: "European nations", within: "However, European nations", entity: "European nations"}, // 9
		{label: "claim", quote: "have received little more than token acknowledgment from both the American and Russian sides", within: "have received little"},
		{label: "actor", quote: "John Bolton", within: "John Bolton, a former", entity: "John Bolton"},                 // 11
		{label: "actor", quote: "Alexander Vindman", within: "Colonel Alexander Vindman", entity: "Alexander Vindman"}, // 12
		{label: "actor", quote: "Vindman", within: "Vindman articulated", entity: "Alexander Vindman"},                 // 13
		{label: "claim", quote: "the mere fact that these discussions took place could enhance Russian morale while sending a dispiriting signal to Ukraine", within: "the mere fact"},
		{label: "claim", quote: "this could be interpreted as a reward for Russia’s militaristic pursuits, an affront to genuine diplomatic efforts", within: "this could be interpreted"},
		{label: "actor", quote: "others", within: "others contend", entity: ""}, // 16
		{label: "claim", quote: "if Trump fails to achieve tangible outcomes swiftly, he might pivot toward a stronger support stance for Ukraine", within: "if Trump fails"},
		{label: "actor", quote: "Countries along the eastern flank of the EU", within: "Countries along", entity: "Eastern EU states"}, // 18
		{label: "claim", quote: "raise alarms about the seemingly peripheral role assigned to Ukraine in these negotiations", within: "raise alarms"},
		{label: "actor", quote: "Sergei Lavrov", within: "Sergei Lavrov, Russia’s long-serving", entity: "Sergei Lavrov"}, // 20
		{label: "actor", quote: "Marco Rubio", within: "stands Marco Rubio", entity: "Marco Rubio"},                       // 21
		{label: "actor", quote: "Dimitriev", within: "with Dimitriev estimating", entity: "Kiril Dimitriev"},              // 22
		{label: "claim", quote: "American corporate losses during their withdrawal from Russia at around $300 billion", within: "American corporate losses"},
		{label: "actor", quote: "Turkey", within: "2022, Turkey reiterates", entity: "Turkey"}, // 24
		{label: "claim", quote: "its support for Ukraine’s territorial integrity", within: "its support for Ukraine’s territorial"},
		{label: "proposal", quote: "itself as a potential neutral ground for future negotiations involving all sides", within: "itself as a potential neutral"},
		{label: "actor", quote: "Russia", within: "The call from Russia for", entity: "Russia"}, // 27
		{label: "proposal", quote: "elections", within: "Russia for elections, often"},          // 28
		{label: "actor", quote: "Rubio", within: "Rubio aptly remarked", entity: "Marco Rubio"}, // 29
		{label: "claim", quote: "these conversations signify merely an initial step on a potentially arduous path ahead", within: "these conversations signify"},
	}
	sampleBobLinks = []teamLink{
		{"source", 1, 0}, {"source", 3, 2}, {"source", 5, 4}, {"target", 10, 9}, {"source", 14, 13}, {"source", 15, 13},
		{"source", 17, 16}, {"source", 19, 18}, {"source", 23, 22}, {"source", 25, 24}, {"source", 26, 24},
		{"source", 28, 27}, {"source", 30, 29},
	}

	sampleCarol = []teamSpan{
		{label: "actor", quote: "the United States", within: "Yet, the United States is", entity: "United States"},                                 // 0
		{label: "proposal", quote: "applying intense pressure to facilitate negotiations with the aggressor", within: "applying intense pressure"}, // 1
		{label: "actor", quote: "The U.S.", within: "The U.S. has framed", entity: "United States"},                                                // 2
		{label: "claim", quote: "the war appears to be at a standstill", within: "the war appears"},                                                // 3
		{label: "actor", quote: "Russia", within: "Russia has extended", entity: "Russia"},                                                         // 4
		{label: "proposal", quote: "suggesting he might act as a mediator with President Vladimir Putin", within: "suggesting he might"},           // 5
		{label: "actor", quote: "Donald Trump", within: "to Donald Trump,", entity: "Donald Trump"},                                                // 6
		{label: "actor", quote: "President Vladimir Putin", within: "with President Vladimir Putin", entity: "Vladimir Putin"},                     // 7
		{label: "claim", quote: "Ukraine will play a role in these discussions", within: "Ukraine will play"},                                      // 8
		{label: "actor", quote: "both parties", within: "both parties assert"},                                                                     // 9
		{label: "actor", quote: "European nations", within: "However, European nations", entity: "European nations"},                               // 10
		{label: "actor", quote: "John Bolton", within: "John Bolton, a former", entity: "John Bolton"},                                             // 11
		{label: "actor", quote: "Lieutenant Colonel Alexander Vindman", within: "Lieutenant Colonel", entity: "Alexander Vindman"},                 // 12
		{label: "actor", quote: "Vindman", within: "Vindman articulated", entity: "Alexander Vindman"},                                             // 13
		{label: "claim", quote: "the mere fact that these discussions took place could enhance Russian morale while sending a dispiriting signal to Ukraine", within: "the mere fact"},
		{label: "actor", quote: "Countries along the eastern flank of the EU", within: "Countries along", entity: "Eastern EU states"}, // 15
		{label: "claim", quote: "raise alarms about the seemingly peripheral role assigned to Ukraine in these negotiations", within: "raise alarms"},
		{label: "actor", quote: "Dimitriev", within: "with Dimitriev estimating", entity: "Kirill Dmitriev"}, // 17
		{label: "claim", quote: "American corporate losses during their withdrawal from Russia at around $300 billion", within: "American corporate losses"},
		{label: "actor", quote: "Trump", within: "twist, Trump dispatched", entity: "Donald Trump"}, // 19
		{label: "proposal", quote: "a potential deal that would grant the U.S. ownership rights over a significant portion of Ukraine’s rare mineral and metal deposits", within: "a potential deal"},
		{label: "actor", quote: "Turkey", within: "2022, Turkey reiterates", entity: "Turkey"}, // 21
		{label: "claim", quote: "its support for Ukraine’s territorial integrity", within: "its support for Ukraine’s territorial"},
		{label: "claim", quote: "itself as a potential neutral ground for future negotiations involving all sides", within: "itself as a potential neutral"},
		{label: "actor", quote: "Russia", within: "The call from Russia for", entity: "Russia"}, // 24
		{label: "proposal", quote: "elections", within: "Russia for elections, often"},          // 25
		{label: "actor", quote: "Rubio", within: "Rubio aptly remarked", entity: "Marco Rubio"}, // 26
		{label: "claim", quote: "these conversations signify merely an initial step on a potentially arduous path ahead", within: "these conversations signify"},
	}
	sampleCarolLinks = []teamLink{
		{"source", 1, 0}, {"source", 3, 2}, {"source", 5, 4}, {"target", 5, 6}, {"source", 8, 9}, {"source", 14, 13},
		{"source", 16, 15}, {"source", 18, 17}, {"source", 20, 19}, {"source", 22, 21}, {"source", 23, 21},
		{"source", 25, 24}, {"source", 27, 26},
	}
)

func TestSampleTeamFiles(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "testdata", "articles", "us-russia-dialogue.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := annotations.NewDocument(string(text), "", "us-russia-dialogue.txt")
	for _, tc := range []struct {
		name  string
		spans []teamSpan
		links []teamLink
	}{
		{"alice", sampleAlice, sampleAliceLinks},
		{"bob", sampleBob, sampleBobLinks},
		{"carol", sampleCarol, sampleCarolLinks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := codec.Encode(teamFile(t, doc, tc.name, tc.spans, tc.links))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("..", "..", "testdata", "agree", "sample-"+tc.name+".json")
			if *update {
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(b)); diff != "" {
				t.Errorf("%s (-want +got; go test -run TestSampleTeamFiles -update):\n%s", path, diff)
			}
		})
	}
}

func TestNewPanelNames(t *testing.T) {
	doc := annotations.NewDocument(handText, "hand", "test")
	a := teamFile(t, doc, "alice", nil, nil)
	b := teamFile(t, doc, "alice", nil, nil)
	c := teamFile(t, doc, "", nil, nil)
	p, err := NewPanel([]*annotations.File{a, b, c}, []string{"a.json", "b.json", "c.json"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range p.Annotators {
		got = append(got, x.Name)
	}
	// Names come from the annotator field, else the file; a repeated name
	// gets its file's name.
	if diff := cmp.Diff([]string{"alice", "alice (b.json)", "c.json"}, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

func ExampleAgree() {
	doc := annotations.NewDocument("Putin met Trump today", "", "")
	file := func(name string, spans ...[2]int) *annotations.File {
		s := annotations.NewSet(doc, annotations.DefaultSchema())
		for i, sp := range spans {
			s.Insert(annotations.Annotation{ID: "a" + strconv.Itoa(i+1), Label: "actor", Start: sp[0], End: sp[1]})
		}
		return annotations.NewFile(s, name, time.Time{})
	}
	alice := file("alice", [2]int{0, 5}, [2]int{10, 15})
	bob := file("bob", [2]int{0, 5}, [2]int{10, 21})
	p, err := NewPanel([]*annotations.File{alice, bob}, []string{"alice.json", "bob.json"})
	if err != nil {
		panic(err)
	}
	ag := Agree(p)
	actor := ag.Labels[0]
	fmt.Println("exact F1:", actor.Exact.F1)
	fmt.Println("overlap F1:", actor.Overlap.F1)
	fmt.Println(actor.KappaKind, "kappa:", actor.Kappa)
	fmt.Println("alpha:", actor.Alpha)
	for _, d := range ag.Disagreements {
		fmt.Printf("[%d,%d) %q: %s %v, %s %v\n", d.Start, d.End, d.Quote,
			d.Views[0].Annotator, d.Views[0].Spans, d.Views[1].Annotator, d.Views[1].Spans)
	}
	// Output:
	// exact F1: 0.500
	// overlap F1: 1.000
	// cohen kappa: 0.442
	// alpha: 0.409
	// [10,21) "Trump today": alice [{actor 10 15}], bob [{actor 10 21}]
}

// BenchmarkAgreeLongText measures Agree on a long text (books 1–5 of War
// and Peace, about 1.3 million code points) with three annotators who each
// marked every 400th code point stretch, offset a little from each other.
func BenchmarkAgreeLongText(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", "war_and_peace_books_1-5.txt"))
	if err != nil {
		b.Skip(err)
	}
	doc := annotations.NewDocument(string(text), "", "")
	var files []*annotations.File
	for k := range 3 {
		s := annotations.NewSet(doc, annotations.DefaultSchema())
		for i, at := 0, 0; at+40 < doc.Len(); i, at = i+1, at+400 {
			label := []string{"actor", "claim", "proposal"}[(i+k)%3]
			s.Insert(annotations.Annotation{ID: "a" + strconv.Itoa(i+1), Label: label, Start: at + k, End: at + 30 + k})
		}
		files = append(files, annotations.NewFile(s, "n"+strconv.Itoa(k), time.Time{}))
	}
	p, err := NewPanel(files, []string{"a", "b", "c"})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		Agree(p)
	}
}
