package annotations

import (
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
