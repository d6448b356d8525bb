package anchor

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/spanmark/spanmark/annotations"
)

// The re-anchoring evaluation places a batch of selectors, described in an
// old text, on the text after edits, and counts strictly: a placement is
// right only when its start and end are exactly where the quote's first and
// last words went. It runs on three kinds of text:
//
//   - sample: the 7 KB sample article (testdata/articles);
//   - repeated: about 1 MB made of the sample repeated, where every quote
//     has many exact copies and only the order of the selectors tells them
//     apart;
//   - war_and_peace: the corpus of testdata/corpus (about 1 MB).
//
// The edit replaces every 50th word with another word of the text (chosen
// by a seeded generator, so every run edits the same way). The selectors
// start and end at word boundaries, are 20 to 150 code points long and
// carry 32 code points of context and a position hint, as an export does.
//
// Each text is placed in two modes: "w3c" has only the selectors (a W3C
// file carries no text), "spanmark" also has the old text (a Spanmark file
// carries it). The benchmark reports, per mode and text:
//
//	%right         placements at exactly the words' new place, of all
//	%edited_right  the same, of the selectors whose quote contains an edit
//	%wrong         placements elsewhere (worse than an orphan)
//	%orphan        selectors left unplaced
//	ms/selector    the time of the whole batch, per selector
//
// Run it with, for example:
//
//	go test ./annotations/anchor -run '^$' -bench BenchmarkReanchor -benchtime 1x
//
// and -reanchor.n 1000 for a quicker, smaller batch.

var reanchorN = flag.Int("reanchor.n", 10_000, "selectors per text in BenchmarkReanchor")

// wordEdit is a text after word replacement, with where each word went.
type wordEdit struct {
	old, text []rune
	// words[i] is the i-th word of old; newWords[i] where it is in text.
	words, newWords [][2]int
	replaced        []bool // replaced[i]: word i was replaced
}

// isEvalSpace is white space for the evaluation's notion of a word.
func isEvalSpace(r rune) bool { return unicode.IsSpace(r) }

// wordsOf returns the maximal runs of non-space code points of text.
func wordsOf(text []rune) [][2]int {
	var ws [][2]int
	for i := 0; i < len(text); {
		if isEvalSpace(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && !isEvalSpace(text[j]) {
			j++
		}
		ws = append(ws, [2]int{i, j})
		i = j
	}
	return ws
}

// replaceWords replaces every n-th word of old (from a seeded offset) by
// another, different word of old.
func replaceWords(old []rune, n int, seed uint64) wordEdit {
	r := rand.New(rand.NewPCG(seed, 13))
	e := wordEdit{old: old, words: wordsOf(old)}
	e.newWords = make([][2]int, len(e.words))
	e.replaced = make([]bool, len(e.words))
	prev := 0
	for i, w := range e.words {
		e.text = append(e.text, old[prev:w[0]]...)
		word := old[w[0]:w[1]]
		if i%n == n/2 {
			for {
				o := e.words[r.IntN(len(e.words))]
				if cand := old[o[0]:o[1]]; string(cand) != string(word) {
					word = cand
					break
				}
			}
			e.replaced[i] = true
		}
		e.newWords[i] = [2]int{len(e.text), len(e.text) + len(word)}
		e.text = append(e.text, word...)
		prev = w[1]
	}
	e.text = append(e.text, old[prev:]...)
	return e
}

// evalSpan is a selector's span in words: words first..last of the old text.
type evalSpan struct{ first, last int }

// evalSpans returns n spans of whole words of 20 to 150 code points.
func evalSpans(e wordEdit, n int, seed uint64) []evalSpan {
	r := rand.New(rand.NewPCG(seed, 17))
	var spans []evalSpan
	for len(spans) < n {
		i := r.IntN(len(e.words))
		want := 20 + r.IntN(131)
		j := i
		for j+1 < len(e.words) && e.words[j][1]-e.words[i][0] < want {
			j++
		}
		if l := e.words[j][1] - e.words[i][0]; l < 20 || l > 150 {
			continue
		}
		spans = append(spans, evalSpan{i, j})
	}
	return spans
}

// isEdited reports whether a word of sp was replaced.
func (e wordEdit) isEdited(sp evalSpan) bool {
	for i := sp.first; i <= sp.last; i++ {
		if e.replaced[i] {
			return true
		}
	}
	return false
}

// evalText is one text of the evaluation.
type evalText struct {
	name string
	text []rune
}

func evalTexts(tb testing.TB) []evalText {
	tb.Helper()
	sample, err := os.ReadFile(filepath.Join("..", "..", "testdata", "articles", "us-russia-dialogue.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	article := annotations.Normalize(string(sample))
	// About 1 MB: 150 copies of the article, a blank line apart.
	repeated := strings.Repeat(article+"\n\n", 150)
	return []evalText{
		{"sample", []rune(article)},
		{"repeated", []rune(repeated)},
		{"war_and_peace", loadCorpus(tb, 0)},
	}
}

// evalCounts are the outcome of one evaluation.
type evalCounts struct {
	n, edited                   int
	right, editedRight          int
	wrong, orphan               int
	firstWrong, firstEditedMiss string
}

func (c evalCounts) pct(x, of int) float64 {
	if of == 0 {
		return 100
	}
	return 100 * float64(x) / float64(of)
}

// evalSelectors describes the spans in the old text.
func evalSelectors(e wordEdit, spans []evalSpan) []annotations.Selector {
	sels := make([]annotations.Selector, len(spans))
	for i, sp := range spans {
		sels[i] = annotations.Describe(e.old, e.words[sp.first][0], e.words[sp.last][1], annotations.ContextLen)
	}
	return sels
}

// score counts the placements of spans against where their words went.
func (e wordEdit) score(spans []evalSpan, got []Result) evalCounts {
	var c evalCounts
	c.n = len(spans)
	for i, sp := range spans {
		want := [2]int{e.newWords[sp.first][0], e.newWords[sp.last][1]}
		edited := e.isEdited(sp)
		if edited {
			c.edited++
		}
		g := got[i]
		ok := g.Err == nil && g.Start == want[0] && g.End == want[1]
		switch {
		case g.Err != nil:
			c.orphan++
		case ok:
			c.right++
			if edited {
				c.editedRight++
			}
		default:
			c.wrong++
			if c.firstWrong == "" {
				c.firstWrong = fmt.Sprintf("%q: want %d-%d %q, got %d-%d %s %.3f %q", string(e.old[e.words[sp.first][0]:e.words[sp.last][1]]),
					want[0], want[1], string(e.text[want[0]:want[1]]), g.Start, g.End, g.Method, g.Score, string(e.text[g.Start:g.End]))
			}
		}
		if edited && !ok && c.firstEditedMiss == "" {
			c.firstEditedMiss = fmt.Sprintf("%q -> want %q, got %+v", string(e.old[e.words[sp.first][0]:e.words[sp.last][1]]),
				string(e.text[want[0]:want[1]]), g)
		}
	}
	return c
}

// evalModes are the two ways a file is placed: without and with the old text.
var evalModes = []struct {
	name    string
	withOld bool
}{{"w3c", false}, {"spanmark", true}}

// evalPlace places sels, described in old, on text: with the old text in
// the spanmark mode, without it in the w3c mode.
func evalPlace(old, text []rune, sels []annotations.Selector, withOld bool) []Result {
	if !withOld {
		old = nil
	}
	return PlaceSelectors(old, text, sels)
}

func BenchmarkReanchor(b *testing.B) {
	for _, tx := range evalTexts(b) {
		e := replaceWords(tx.text, 50, 1)
		spans := evalSpans(e, *reanchorN, 2)
		sels := evalSelectors(e, spans)
		for _, mode := range evalModes {
			b.Run(tx.name+"/"+mode.name, func(b *testing.B) {
				var got []Result
				for b.Loop() {
					got = evalPlace(e.old, e.text, sels, mode.withOld)
				}
				c := e.score(spans, got)
				b.ReportMetric(c.pct(c.right, c.n), "%right")
				b.ReportMetric(c.pct(c.editedRight, c.edited), "%edited_right")
				b.ReportMetric(c.pct(c.wrong, c.n), "%wrong")
				b.ReportMetric(c.pct(c.orphan, c.n), "%orphan")
				b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N)/float64(len(sels)), "ms/selector")
				b.ReportMetric(0, "ns/op")
				if c.firstWrong != "" {
					b.Logf("first wrong: %s", c.firstWrong)
				}
				if c.firstEditedMiss != "" {
					b.Logf("first edited quote missed: %s", c.firstEditedMiss)
				}
			})
		}
	}
}

// BenchmarkPlacerUnit reports the longest unit of work a Placer does
// between two calls of its stop function, natively, on each text: the
// browser's unit is a few times longer and must stay well under the 50 ms
// it may take before yielding to the page.
func BenchmarkPlacerUnit(b *testing.B) {
	for _, tx := range evalTexts(b) {
		e := replaceWords(tx.text, 50, 1)
		sels := evalSelectors(e, evalSpans(e, *reanchorN, 2))
		for _, mode := range evalModes {
			b.Run(tx.name+"/"+mode.name, func(b *testing.B) {
				var longest time.Duration
				units := 0
				for b.Loop() {
					old := e.old
					if !mode.withOld {
						old = nil
					}
					p := NewPlacer(old, e.text, sels)
					last := time.Now()
					p.Step(func() bool {
						now := time.Now()
						longest = max(longest, now.Sub(last))
						last = now
						units++
						return false
					})
				}
				b.ReportMetric(float64(longest.Microseconds())/1000, "ms/longest_unit")
				b.ReportMetric(float64(units)/float64(b.N), "units")
				b.ReportMetric(0, "ns/op")
			})
		}
	}
}

// TestReanchorFewSelectors places a few selectors, without the old text,
// on each evaluation text: with so few, the landmarks are far apart, and
// on the text that repeats itself an exact copy of an edited quote lies
// between them; the place near the prediction must still win. None may be
// wrong.
func TestReanchorFewSelectors(t *testing.T) {
	for _, tx := range evalTexts(t) {
		e := replaceWords(tx.text, 50, 1)
		spans := evalSpans(e, 200, 2)
		c := e.score(spans, evalPlace(e.old, e.text, evalSelectors(e, spans), false))
		if c.wrong > 0 {
			t.Errorf("%s: %d of %d wrong, the first %s", tx.name, c.wrong, c.n, c.firstWrong)
		}
	}
}
