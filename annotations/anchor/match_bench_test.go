package anchor

import (
	"testing"

	"github.com/spanmark/spanmark/annotations"
)

// The anchoring benchmarks run on about 1 MB of War and Peace
// (testdata/corpus). Targets on a 2-core machine: exact quotes at least
// 100,000 quotes/s, and quotes after light edits (one edit per 50 words) at
// least 2,000 quotes/s with at least 99% found where they went (that
// percentage is also asserted by TestAnchorEditedCorpus). Each reports
// quotes/s; the fuzzy ones also report the percentage right.
//
// The quotes are 10,000 random word-aligned spans of 20 to 150 code points,
// described with 32 code points of context. "hints" keeps the selectors'
// positions, "no_hints" drops them (as a W3C import with only a quote
// selector would). In the fuzzy benchmarks the text has one random insert,
// delete or substitution of 1 to 5 code points per 50 words, so about a
// quarter of the quotes contain an edit: edited_quotes_only runs just those.
// The index is built before timing except in
// no_hints_with_index_build; BenchmarkAnchorerIndex times it alone.
//
// The percentage here is lenient: an end inside an edited stretch counts
// as right wherever it falls in it, since random edits of code points
// leave no one right answer. BenchmarkReanchor (reanchor_eval_test.go)
// edits whole words and counts strictly; its numbers are the targets.

const benchQuotes = 10_000

// benchSelectors describes the spans in text, with or without their hints.
func benchSelectors(text []rune, spans [][2]int, hints bool) []annotations.Selector {
	sels := make([]annotations.Selector, len(spans))
	for i, sp := range spans {
		sels[i] = annotations.Describe(text, sp[0], sp[1], annotations.ContextLen)
		if !hints {
			sels[i].Start, sels[i].End = 0, 0
		}
	}
	return sels
}

func reportQuotes(b *testing.B, n int) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quotes/s")
	b.ReportMetric(0, "ns/op") // an op is a batch of quotes; quotes/s says it
}

func BenchmarkAnchorExact(b *testing.B) {
	text := loadCorpus(b, 0)
	spans := quoteSpans(text, benchQuotes, 3)
	cases := []struct {
		name       string
		hints      bool
		buildIndex bool // include building the index in each op
	}{
		{"hints", true, false},
		{"no_hints", false, false},
		{"no_hints_with_index_build", false, true},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			sels := benchSelectors(text, spans, c.hints)
			a := NewAnchorer(text)
			a.buildIndex() // measured by BenchmarkAnchorerIndex
			for b.Loop() {
				if c.buildIndex {
					a = NewAnchorer(text)
				}
				for _, sel := range sels {
					if _, err := a.Anchor(sel); err != nil {
						b.Fatal(err)
					}
				}
			}
			reportQuotes(b, len(sels))
		})
	}
}

// BenchmarkAnchorerIndex measures building the index, which an
// Anchorer does once, the first time a quote is not at its hint.
func BenchmarkAnchorerIndex(b *testing.B) {
	text := loadCorpus(b, 0)
	for b.Loop() {
		NewAnchorer(text).buildIndex()
	}
	b.ReportMetric(float64(len(text))*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mcodepoints/s")
}

func BenchmarkAnchorFuzzy(b *testing.B) {
	old := loadCorpus(b, 0)
	e := editCorpus(old, 50, 1)
	all := quoteSpans(old, benchQuotes, 3)
	// The quotes that an edit touched, which need the fuzzy search.
	var edited [][2]int
	for _, sp := range all {
		if e.right[sp[1]]-e.left[sp[0]] != sp[1]-sp[0] || string(e.text[e.left[sp[0]]:e.right[sp[1]]]) != string(old[sp[0]:sp[1]]) {
			edited = append(edited, sp)
		}
	}
	cases := []struct {
		name  string
		spans [][2]int
		hints bool
	}{
		{"hints", all, true},
		{"edited_quotes_only/hints", edited, true},
		{"no_hints", all, false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			a := NewAnchorer(e.text)
			a.buildIndex()
			sels := benchSelectors(old, c.spans, c.hints)
			for b.Loop() {
				for _, sel := range sels {
					a.Anchor(sel)
				}
			}
			reportQuotes(b, len(sels))
			b.StopTimer()
			right, _, _, _ := anchorEdited(a, old, e, c.spans, c.hints)
			b.ReportMetric(100*float64(right)/float64(len(c.spans)), "%right_lenient")
			b.ReportMetric(float64(len(c.spans)), "quotes")
		})
	}
}
