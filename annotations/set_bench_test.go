package annotations

import (
	"os"
	"testing"
)

// benchSet returns a set on the ~1 MB corpus text with n actor annotations
// on words spread evenly over the text.
func benchSet(b *testing.B, n int) (*Set, []Add) {
	b.Helper()
	text, err := os.ReadFile("../testdata/corpus/war_and_peace_books_1-5.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc := NewDocument(string(text), "", "bench")
	rs := doc.Runes()
	adds := make([]Add, 0, n)
	step := len(rs) / n
	for i := 0; i < n; i++ {
		at := i * step
		for at < len(rs) && !isWordRune(rs[at]) {
			at++
		}
		end := at
		for end < len(rs) && isWordRune(rs[end]) {
			end++
		}
		if end > at {
			adds = append(adds, Add{Label: "actor", Start: at, End: end})
		}
	}
	return NewSet(doc, DefaultSchema()), adds
}

// BenchmarkAdd10000 adds 10,000 annotations one edit at a time, as a
// person labelling a long article would.
func BenchmarkAdd10000(b *testing.B) {
	_, adds := benchSet(b, 10000)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s, _ := benchSet(b, 1)
		b.StartTimer()
		for _, a := range adds {
			if _, err := s.Apply(a, t0); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAddOneAt10000 is the cost of one more label in a set of 10,000:
// what the browser pays per key press.
func BenchmarkAddOneAt10000(b *testing.B) {
	s, adds := benchSet(b, 10000)
	for _, a := range adds {
		s.Apply(a, t0)
	}
	extra := Add{Label: "claim", Start: adds[5000].Start, End: adds[5000].End}
	b.ResetTimer()
	for range b.N {
		c, err := s.Apply(extra, t0)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range c.Paragraphs {
			pp := s.Document().Paragraphs()[p]
			Segments(pp.Start, pp.End, s.InParagraph(p))
		}
		s.Undo()
	}
}

// BenchmarkSegmentAll segments every paragraph of the 1 MB text with 10,000
// annotations: the work of a first paint.
func BenchmarkSegmentAll(b *testing.B) {
	s, adds := benchSet(b, 10000)
	for _, a := range adds {
		s.Apply(a, t0)
	}
	ps := s.Document().Paragraphs()
	b.ResetTimer()
	for range b.N {
		for i, p := range ps {
			Segments(p.Start, p.End, s.InParagraph(i))
		}
	}
}

// BenchmarkListAfterAdd10000 is one more label in a set of 10,000 and the
// listing of all annotations in order that the page's lists make after it.
func BenchmarkListAfterAdd10000(b *testing.B) {
	s, adds := benchSet(b, 10000)
	for _, a := range adds {
		s.Apply(a, t0)
	}
	extra := Add{Label: "claim", Start: adds[5000].Start, End: adds[5000].End}
	b.ResetTimer()
	for range b.N {
		if _, err := s.Apply(extra, t0); err != nil {
			b.Fatal(err)
		}
		n := 0
		for i := range s.Len() {
			n += len(s.At(i).ID)
		}
		if n == 0 {
			b.Fatal("no annotations listed")
		}
		s.Undo()
	}
}
