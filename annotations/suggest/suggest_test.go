package suggest

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
)

// actor, claim and proposal build the wanted suggestions of the tests
// from the text, so that a case states spans by their words.
func sug(text, label, quote string, nth int, entity, reason string, links ...Link) Suggestion {
	rs := []rune(text)
	q := []rune(quote)
	at := annotations.Occurrences(rs, q)
	if nth >= len(at) {
		panic("test: " + quote + " is not in the text that often")
	}
	start := at[nth]
	return Suggestion{ID: SuggestionID(label, start, start+len(q)), Label: label, Start: start, End: start + len(q),
		Entity: entity, Reason: reason, Links: links}
}

func TestSuggest(t *testing.T) {
	type workSpan struct{ label, quote, entity string }
	tests := []struct {
		name string
		text string
		work []workSpan
		want func(text string) []Suggestion
	}{
		{
			name: "surname_after_full_name",
			text: "Sergei Lavrov arrived on Monday. Lavrov said the talks were useful.",
			want: func(x string) []Suggestion {
				l := sug(x, "actor", "Lavrov", 1, "Sergei Lavrov", ReasonSurname)
				return []Suggestion{
					sug(x, "actor", "Sergei Lavrov", 0, "Sergei Lavrov", ReasonName),
					l,
					sug(x, "claim", "the talks were useful", 0, "", ReasonClaimCue, Link{"source", l.ID}),
				}
			},
		},
		{
			name: "title_and_name_after_full_name",
			text: "Vladimir Putin spoke first. Later, President Putin met Foreign Minister Sergei Lavrov.",
			want: func(x string) []Suggestion {
				return []Suggestion{
					sug(x, "actor", "Vladimir Putin", 0, "Vladimir Putin", ReasonName),
					sug(x, "actor", "President Putin", 0, "Vladimir Putin", ReasonTitle),
					sug(x, "actor", "Foreign Minister Sergei Lavrov", 0, "Sergei Lavrov", ReasonTitle),
				}
			},
		},
		{
			name: "work_entity_and_possessive",
			text: "Moscow rejected the plan. Russia’s envoy left, and the Russians stayed away.",
			work: []workSpan{{"actor", "Moscow", "Russian Federation"}},
			want: func(x string) []Suggestion {
				return []Suggestion{
					sug(x, "actor", "Russia’s", 0, "Russia", ReasonPossessive),
					sug(x, "actor", "Russians", 0, "Russia", ReasonDemonym),
				}
			},
		},
		{
			name: "place_not_actor",
			text: "The talks in Ankara were short. Ankara said nothing new would come of them.",
			want: func(x string) []Suggestion {
				a := sug(x, "actor", "Ankara", 1, "Turkey", ReasonLexicon)
				return []Suggestion{a, sug(x, "claim", "nothing new would come of them", 0, "", ReasonClaimCue, Link{"source", a.ID})}
			},
		},
		{
			name: "repeated_claim",
			text: "Peace is near, said one. Others agreed: peace is near.",
			work: []workSpan{{"claim", "Peace is near", ""}},
			want: func(x string) []Suggestion {
				return []Suggestion{sug(x, "claim", "peace is near", 0, "", ReasonSameWords)}
			},
		},
		{
			name: "proposal_with_target",
			text: "Turkey urged Russia to withdraw its troops before winter.",
			want: func(x string) []Suggestion {
				tr := sug(x, "actor", "Turkey", 0, "Turkey", ReasonLexicon)
				ru := sug(x, "actor", "Russia", 0, "Russia", ReasonLexicon)
				return []Suggestion{tr, ru,
					sug(x, "proposal", "withdraw its troops before winter", 0, "", ReasonProposalCue, Link{"source", tr.ID}, Link{"target", ru.ID})}
			},
		},
		{
			name: "according_to",
			text: "According to the United Nations, famine is spreading fast.",
			want: func(x string) []Suggestion {
				un := sug(x, "actor", "United Nations", 0, "United Nations", ReasonLexicon)
				return []Suggestion{un, sug(x, "claim", "famine is spreading fast", 0, "", ReasonClaimCue, Link{"source", un.ID})}
			},
		},
		{
			name: "speaker_after_quote",
			text: "“The region must own this process,” Abdelatty said. Badr Abdelatty left.",
			want: func(x string) []Suggestion {
				a := sug(x, "actor", "Abdelatty", 0, "Badr Abdelatty", ReasonSurname)
				return []Suggestion{
					sug(x, "claim", "The region must own this process", 0, "", ReasonClaimCue, Link{"source", a.ID}),
					a,
					sug(x, "actor", "Badr Abdelatty", 0, "Badr Abdelatty", ReasonName),
				}
			},
		},
		{
			name: "sentence_initial_word_is_no_name",
			text: "Remarkably, the talks went on. Rumors persist.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := annotations.NewDocument(tc.text, "", "")
			var work []annotations.Annotation
			for i, w := range tc.work {
				at := annotations.Occurrences(doc.Runes(), []rune(w.quote))[0]
				work = append(work, annotations.Annotation{ID: "a" + string(rune('1'+i)), Label: w.label,
					Start: at, End: at + len([]rune(w.quote)), Quote: w.quote, Entity: w.entity})
			}
			var want []Suggestion
			if tc.want != nil {
				want = tc.want(doc.Text)
			}
			got := Suggest(doc, work, English())
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Suggest(%q) (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestRunSteps checks that a run in steps of one paragraph gives what one
// call gives, on the sample article.
func TestRunSteps(t *testing.T) {
	doc := sampleDoc(t)
	want := Suggest(doc, nil, English())
	r := New(doc, nil, English())
	steps := 0
	for !r.Step(1) {
		steps++
	}
	if n := 2*len(doc.Paragraphs()) - 1; steps != n {
		t.Errorf("Step(1) was not done after %d steps, want %d", steps, n)
	}
	if diff := cmp.Diff(want, r.Suggestions()); diff != "" {
		t.Errorf("steps of one paragraph (-Suggest +Run):\n%s", diff)
	}
}

// TestAccept accepts a claim before its speaker, then the speaker: the
// link is made once both ends are annotations.
func TestAccept(t *testing.T) {
	doc := annotations.NewDocument("Sergei Lavrov said the talks were useful.", "", "")
	sugs := Suggest(doc, nil, English())
	if len(sugs) != 2 {
		t.Fatalf("want an actor and a claim, got %+v", sugs)
	}
	actor, claim := sugs[0], sugs[1]
	s := annotations.NewSet(doc, annotations.DefaultSchema())
	accepted := map[string]string{}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := Accept(s, []Suggestion{claim}, accepted, now); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Relations()); n != 0 {
		t.Errorf("claim alone: %d relations, want 0", n)
	}
	if err := Accept(s, []Suggestion{actor, claim}, accepted, now); err != nil {
		t.Fatal(err)
	}
	want := []annotations.Relation{{ID: "r1", Type: "source", From: accepted[claim.ID], To: accepted[actor.ID]}}
	if diff := cmp.Diff(want, s.Relations()); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
	a, _ := s.Annotation(accepted[actor.ID])
	if a.Entity != "Sergei Lavrov" || a.Quote != "Sergei Lavrov" {
		t.Errorf("accepted actor = %+v, want quote and entity Sergei Lavrov", a)
	}
}

func TestParseLexicon(t *testing.T) {
	tests := []struct{ name, text, err string }{
		{"unknown_section", "[nouns]\ncat", "parse lexicon: line 2: entry outside a known section: \"cat\""},
		{"demonym_without_entity", "[demonyms]\nMartian", "parse lexicon: line 2: demonym \"Martian\" has no \"= Entity\""},
		{"cue_starting_with_gap", "# cues\n[claim]\n* said", "parse lexicon: line 3: cue \"* said\" must start with a word"},
		{"open_section", "[claim", "parse lexicon: line 1: section \"[claim\" has no closing ]"},
		{"ok", "[claim]\nsaid\n[names]\nMars | Red Planet", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseLexicon(tc.text)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.err {
				t.Errorf("ParseLexicon(%q) error = %q, want %q", tc.text, got, tc.err)
			}
		})
	}
}

// TestImports states what the browser program may link: the package must
// not bring in the heavy standard packages, nor any part of annotations
// but the model.
func TestImports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list; skipped with -short")
	}
	if runtime.GOOS == "js" {
		t.Skip("runs go list, which a js/wasm test cannot start; the host run checks")
	}
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		switch {
		case p == "fmt", p == "encoding/json", p == "reflect", p == "regexp", p == "net/url",
			strings.HasPrefix(p, "crypto"), strings.HasPrefix(p, "github.com/spanmark/spanmark/annotations/") && p != "github.com/spanmark/spanmark/annotations/suggest" &&
				!strings.HasPrefix(p, "github.com/spanmark/spanmark/annotations/internal/"):
			t.Errorf("annotations/suggest links %s under js/wasm", p)
		}
	}
}

func sampleDoc(t testing.TB) *annotations.Document {
	t.Helper()
	b, err := os.ReadFile("../../web/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	return annotations.NewDocument(string(b), "", "sample.txt")
}
