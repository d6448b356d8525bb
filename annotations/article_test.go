package annotations

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewArticle(t *testing.T) {
	tests := []struct {
		name, text string
		want       Article
	}{
		{"title_first", "Title\nText.\nBy Someone\n", Article{TitlePara: true, Byline: "By Someone"}},
		{"no_byline", "Title\nText.\n", Article{TitlePara: true}},
		{"title_too_long", strings.Repeat("x", 250) + "\nedited by me", Article{Byline: "edited by me"}},
		{"title_is_not_a_byline", "By the sea\nText.\n", Article{TitlePara: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := NewArticle(NewDocument(tc.text, "", ""))
			got.Doc = nil
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("NewArticle(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestArticleAppendPlain(t *testing.T) {
	ar := NewArticle(NewDocument("A <b>title</b>\nText & more.\nBy \"Q\"\n", "", ""))
	want := `<div class="part"><p data-p="0" data-start="0" class="title" role="heading" aria-level="1" data-byline="By &#34;Q&#34;">A &lt;b&gt;title&lt;/b&gt;</p>` +
		`<p data-p="1" data-start="15">Text &amp; more.</p><p data-p="2" data-start="28" class="byline">By &#34;Q&#34;</p></div>`
	if got := string(ar.AppendPlain(nil)); got != want {
		t.Errorf("AppendPlain:\nwant %s\ngot  %s", want, got)
	}
}

// TestArticleAppendParagraphsParts checks that a slice ends where a part
// does, so that appending never splits a part.
func TestArticleAppendParagraphsParts(t *testing.T) {
	ar := NewArticle(NewDocument(strings.Repeat("word\n", 150), "", ""))
	inner := func(b []byte, i int) []byte { return append(b, 'w') }
	var nexts []int
	for i := 0; i < 150; {
		var b []byte
		b, i = ar.AppendParagraphs(b, i, 10, inner)
		if n, m := strings.Count(string(b), `<div class="part">`), strings.Count(string(b), `</div>`); n != m {
			t.Errorf("a slice opens %d parts and closes %d", n, m)
		}
		nexts = append(nexts, i)
	}
	if diff := cmp.Diff([]int{64, 128, 150}, nexts); diff != "" {
		t.Errorf("slices end at (-want +got):\n%s", diff)
	}
}

func TestArticleFirstParas(t *testing.T) {
	ar := NewArticle(NewDocument("A title\nText & more.\nBy Someone\n", "", ""))
	want := []PlainPara{
		{Start: 0, Class: ClassTitle, Text: "A title"},
		{Start: 8, Text: "Text & more."},
		{Start: 21, Class: ClassByline, Text: "By Someone"},
	}
	if diff := cmp.Diff(want, ar.FirstParas(1)); diff != "" {
		t.Errorf("FirstParas(1) mismatch (-want +got):\n%s", diff)
	}
	// Whole parts, as the program appends them: a part of 64 paragraphs
	// however little text is asked for, and the next only when more is.
	long := NewArticle(NewDocument(strings.Repeat("word\n", 150), "", ""))
	for _, tc := range []struct{ size, want int }{{1, 64}, {64 * 5, 64}, {64*5 + 1, 128}, {1 << 20, 150}} {
		if got := len(long.FirstParas(tc.size)); got != tc.want {
			t.Errorf("FirstParas(%d) of 150 paragraphs: %d paragraphs, want %d", tc.size, got, tc.want)
		}
	}
	if got := NewArticle(NewDocument("", "", "")).FirstParas(100); len(got) != 0 {
		t.Errorf("FirstParas of an empty document = %v, want none", got)
	}
}

// FuzzFirstParas checks that FirstParas carries all that AppendParagraphs
// writes of the paragraphs it returns: the page's boot script builds the
// same markup from them (web/boot.js, writeFirst), and the program takes
// it over as its own.
func FuzzFirstParas(f *testing.F) {
	f.Add("A title\nText & <more>.\nBy Someone\n", "", 10)
	f.Add(strings.Repeat("word\n", 150), "Words", 400)
	f.Add("  indented\n\nhard\nwrapped\nlines\n\nagain\n", "", 3)
	f.Fuzz(func(t *testing.T, text, title string, size int) {
		if size < 0 || size > 1<<20 {
			return
		}
		ar := NewArticle(NewDocument(text, title, ""))
		first := ar.FirstParas(size)
		want, next := ar.AppendParagraphs(nil, 0, size, func(b []byte, i int) []byte {
			rs := ar.Doc.Runes()
			p := ar.Doc.Paragraphs()[i]
			return appendEscapedRunes(b, rs[p.Start:p.End])
		})
		if next != len(first) {
			t.Fatalf("FirstParas(%d) gave %d paragraphs, AppendParagraphs %d", size, len(first), next)
		}
		var got []byte
		for i, p := range first {
			if i%PartSize == 0 {
				got = append(got, `<div class="`+ClassPart+`">`...)
			}
			got = fmt.Appendf(got, `<p data-p="%d" data-start="%d"`, i, p.Start)
			if p.Class != "" {
				got = fmt.Appendf(got, ` class="%s"`, p.Class)
			}
			if p.Class == ClassTitle {
				got = append(got, ` role="heading" aria-level="1"`...)
				if ar.Byline != "" {
					got = AppendEscaped(append(got, ` data-byline="`...), ar.Byline)
					got = append(got, '"')
				}
			}
			got = AppendEscaped(append(got, '>'), p.Text)
			got = append(got, "</p>"...)
			if i%PartSize == PartSize-1 || i == len(ar.Doc.Paragraphs())-1 {
				got = append(got, "</div>"...)
			}
		}
		if string(got) != string(want) {
			t.Errorf("markup from FirstParas(%d):\n%s\nfrom AppendParagraphs:\n%s", size, got, want)
		}
	})
}
