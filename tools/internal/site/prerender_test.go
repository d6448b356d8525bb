package site

import (
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotations"
)

// TestPrerender builds pages with samples and checks that the sample's
// paragraphs are in #article as annotations.Article writes them, with its
// id in data-doc, and that markup in the sample stays text.
func TestPrerender(t *testing.T) {
	long := strings.Repeat("<b>long ", 40) // a first line longer than a title may be
	tests := []struct {
		name   string
		sample string
		want   []string // in the built page
		not    []string // not in it
	}{
		{
			name:   "title_and_byline",
			sample: "A title\nA paragraph.\nBy A. Writer\n",
			want: []string{
				`<p data-p="0" data-start="0" class="title" role="heading" aria-level="1" data-byline="By A. Writer">A title</p>`,
				`<p data-p="2" data-start="21" class="byline">By A. Writer</p></div></main>`,
				`<h1 id=doc-title hidden></h1>`,
			},
		},
		{
			name:   "hostile",
			sample: "<script>alert(1)</script> & \"q\" 'a'\nBy <img src=x onerror=alert(1)>\n</main><script>alert(2)</script>\n",
			want: []string{
				`class="title" role="heading" aria-level="1" data-byline="By &lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;q&#34; &#39;a&#39;</p>`,
				`>&lt;/main&gt;&lt;script&gt;alert(2)&lt;/script&gt;</p></div></main>`,
			},
			not: []string{"<script>alert", "<img", "</main><script>"},
		},
		{
			name:   "title_apart",
			sample: long + "\nBy <i>someone</i>\n",
			want: []string{
				`<h1 id=doc-title>&lt;b&gt;long `,
				`<p id=doc-byline>By &lt;i&gt;someone&lt;/i&gt;`,
				`<p data-p="0" data-start="0">&lt;b&gt;long`,
			},
			not: []string{"<b>", "<i>"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := fakeSources()
			src["index.html"] = []byte(strings.Replace(string(src["index.html"]), `<main id="article"></main>`,
				`<h1 id="doc-title" hidden></h1><p id="doc-byline" hidden></p><main id="article" tabindex="0"></main>`, 1))
			src["sample.txt"] = []byte(tc.sample)
			s, err := Assemble(src)
			if err != nil {
				t.Fatalf("Assemble: %v", err)
			}
			page := string(s.Files[IndexName])
			id := annotations.NewDocument(tc.sample, "", "sample").ID
			want := append([]string{`<main id=article tabindex=0 data-doc="` + id + `">`}, tc.want...)
			for _, w := range want {
				if !strings.Contains(page, w) {
					t.Errorf("the page has no %q; got:\n%s", w, page)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(page, n) {
					t.Errorf("the page has %q; got:\n%s", n, page)
				}
			}
		})
	}
}

// TestPrerenderMissing checks that a page whose elements the sample
// cannot fill fails the build, rather than shipping without the article.
func TestPrerenderMissing(t *testing.T) {
	src := fakeSources()
	src["index.html"] = []byte(strings.Replace(string(src["index.html"]), `<main id="article"></main>`, `<main></main>`, 1))
	_, err := Assemble(src)
	want := "build: prerender the sample into index.html: want one #article element, found 0"
	if err == nil || err.Error() != want {
		t.Errorf("Assemble with no #article: got error %v, want %q", err, want)
	}
}
