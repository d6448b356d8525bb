//go:build !js

package main

// Browser tests of the paths a large article takes (render.go): it is put
// on the page in slices after load() resolves, and an import that changes
// many paragraphs repaints those in view first and the rest just after.
// Whatever the timing, the page must end up exactly as a small article's
// would: every paragraph once, in order, with its highlights.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

// largeText returns an article of more than 200,000 code points (the
// threshold of render.go's largeArticle): the beginnings of the sample's
// paragraphs again and again, each numbered so that no two are the same.
func largeText(t *testing.T) (text string, paras []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(sampleRunes(t))), "\n")
	n := 0
	for i := 0; n < 260_000; i++ {
		l := strings.TrimSpace(lines[i%len(lines)])
		if l == "" {
			continue
		}
		// Short paragraphs, as in a novel's dialogue: the first slice
		// then holds more than an import repaints at once.
		p := fmt.Sprintf("Paragraph %d: %s", i, string([]rune(l)[:min(40, len([]rune(l)))]))
		paras = append(paras, p)
		n += len([]rune(p)) + 1
	}
	return strings.Join(paras, "\n"), paras
}

func TestLargeArticle(t *testing.T) {
	p := openApp(t)
	text, paras := largeText(t)
	eval[string](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: "Large"})`, js(text)))

	// The last paragraph may not be on the page yet: labelling it works,
	// and it shows once it is.
	rs := []rune(text)
	lastStart := len(rs) - len([]rune(paras[len(paras)-1]))
	first := eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, lastStart, lastStart+9))
	// Selecting it puts it on the page at once.
	eval[any](t, p, fmt.Sprintf(`spanmark.select(%s)`, js(first)))
	if got := eval[string](t, p, fmt.Sprintf(`(document.querySelector('[data-first~=%s]') || {}).textContent || "(none)"`, js(first))); got != "Paragraph" {
		t.Errorf("the selected annotation's focus element holds %q, want %q", got, "Paragraph")
	}
	eval[string](t, p, `spanmark.load({text: "Something else."})`)

	// A file with an annotation on "Paragraph" in every paragraph, so that
	// an import repaints most of them in slices.
	doc := annotations.NewDocument(text, "Large", "api")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	when := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	start := 0
	for i, para := range paras {
		if _, err := set.Apply(annotations.Add{Label: "claim", Start: start, End: start + 9}, when); err != nil {
			t.Fatalf("paragraph %d: %v", i, err)
		}
		start += len([]rune(para)) + 1
	}
	data, err := codec.Encode(annotations.NewFile(set, "", when))
	if err != nil {
		t.Fatal(err)
	}
	// Open the article again and import at once, while it is growing.
	eval[any](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: "Large"}).then(() => spanmark.import(%s))`, js(text), js(string(data))))
	if got := eval[int](t, p, `spanmark.list().length`); got != len(paras) {
		t.Fatalf("after the import spanmark.list() has %d annotations, want %d", got, len(paras))
	}
	if eval[bool](t, p, fmt.Sprintf(`spanmark.list().some((a) => a.id === %s && a.label === "actor")`, js(first))) {
		t.Errorf("the import kept the annotation %s made before it", first)
	}
	waitFor(t, p, "every paragraph and highlight", fmt.Sprintf(
		`document.querySelectorAll("#article p[data-p]").length === %d && document.querySelectorAll("#article [data-first]").length === %d`,
		len(paras), len(paras)))
	type para struct {
		P, Start int
		Text     string
		First    string
	}
	got := eval[[]para](t, p, `[...document.querySelectorAll("#article p[data-p]")].map((e) => ({
  p: +e.dataset.p, start: +e.dataset.start, text: e.textContent,
  first: (e.querySelector("[data-first]") || {textContent: ""}).textContent}))`)
	var want []para
	start = 0
	for i, s := range paras {
		want = append(want, para{P: i, Start: start, Text: s, First: "Paragraph"})
		start += len([]rune(s)) + 1
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the article's paragraphs (-want +got):\n%s", diff)
	}
	// Parts of 64 paragraphs, as docs/api.md says.
	sizes := eval[[]int](t, p, `[...document.querySelectorAll("#article > div.part")].map((d) => d.children.length)`)
	for i, n := range sizes {
		if n != 64 && i != len(sizes)-1 || n < 1 || n > 64 {
			t.Errorf("part %d holds %d paragraphs", i, n)
		}
	}
	if n := eval[int](t, p, `document.querySelectorAll("#article > :not(div.part)").length`); n != 0 {
		t.Errorf("#article has %d children that are not parts", n)
	}
}
