package suggest

import (
	"os"
	"testing"

	"github.com/spanmark/spanmark/annotations"
)

// BenchmarkSuggest measures a whole run on the sample article (7 KB) and
// on a 1 MB novel, from scratch; paragraphs/op says how many paragraphs a
// run reads twice, so ns/op divided by it is the cost of one step of one
// paragraph.
func BenchmarkSuggest(b *testing.B) {
	for _, bc := range []struct{ name, path string }{
		{"sample", "../../web/sample.txt"},
		{"corpus_1MB", "../../testdata/corpus/war_and_peace_books_1-5.txt"},
	} {
		text, err := os.ReadFile(bc.path)
		if err != nil {
			b.Fatal(err)
		}
		doc := annotations.NewDocument(string(text), "", "")
		lx := English()
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Suggest(doc, nil, lx)
			}
			b.ReportMetric(float64(len(doc.Paragraphs())), "paragraphs/op")
		})
	}
}

// BenchmarkStep measures one step of 256 paragraphs of the 1 MB novel in
// each pass, the size a page would give one frame; the worst step is what
// must stay under a frame.
func BenchmarkStep(b *testing.B) {
	text, err := os.ReadFile("../../testdata/corpus/war_and_peace_books_1-5.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc := annotations.NewDocument(string(text), "", "")
	lx := English()
	n := len(doc.Paragraphs())
	for _, pass := range []string{"learn", "suggest"} {
		b.Run(pass+"_256_paragraphs", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				r := New(doc, nil, lx)
				if pass == "suggest" {
					r.Step(n)
				}
				b.StartTimer()
				r.Step(256)
			}
		})
	}
}

// BenchmarkEnglish measures parsing the embedded lexicon, which a page
// does once.
func BenchmarkEnglish(b *testing.B) {
	for b.Loop() {
		English()
	}
}
