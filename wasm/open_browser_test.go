//go:build !js

package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/tools/browser"
)

// docSummary is what these tests check of the open document.
type docSummary struct {
	Title, Source, Text string
}

func openDoc(t *testing.T, p *browser.Page) docSummary {
	t.Helper()
	f := exportFile(t, p)
	return docSummary{Title: f.Document.Title, Source: f.Document.Source, Text: f.Document.Text}
}

// TestArticleParam opens ?article=URL: a same-origin article opens, with
// the URL as its source; another origin's is refused with a message and
// the sample opens instead.
func TestArticleParam(t *testing.T) {
	const piece = "Corpus piece\r\nThe minister said the talks were useful.\r\n"
	mux := http.NewServeMux()
	mux.Handle("/", browser.Handler(browser.Site(t).FS()))
	mux.HandleFunc("/corpus/piece.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(piece))
	})

	t.Run("same_origin", func(t *testing.T) {
		p := browser.NewOn(t, mux)
		installLib(t, p)
		p.Do("open ?article=", chromedp.Navigate(p.URL+"?article=corpus/piece.txt"))
		p.WaitReady()
		want := docSummary{Title: "Corpus piece", Source: "corpus/piece.txt", Text: annotations.Normalize(piece)}
		if diff := cmp.Diff(want, openDoc(t, p)); diff != "" {
			t.Errorf("document opened from ?article= (-want +got):\n%s", diff)
		}
		p.CheckProblems(t)
	})

	t.Run("other_origin_refused", func(t *testing.T) {
		p := browser.NewOn(t, mux)
		installLib(t, p)
		p.Do("open ?article= of another site", chromedp.Navigate(p.URL+"?article="+"http://127.0.0.2:9/evil.txt"))
		p.WaitReady()
		waitFor(t, p, "the refusal", `__t.status().includes("is not on this site")`)
		if got := openDoc(t, p); got.Source != "sample" {
			t.Errorf("after a refused ?article= the open document is %q from %q, want the sample", got.Title, got.Source)
		}
	})
}

// TestOpenDroppedText drops a .txt and a .md file on the page and pastes
// text through the paste dialog: each opens as a new article, and the
// documents list then holds them all and switches between them.
func TestOpenDroppedText(t *testing.T) {
	p := openApp(t)
	drop := func(name, typ, text string) {
		t.Helper()
		eval[any](t, p, `(() => {
  const dt = new DataTransfer();
  dt.items.add(new File([`+js(text)+`], `+js(name)+`, {type: `+js(typ)+`}));
  const at = document.getElementById("article");
  at.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
  at.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
})()`)
		waitFor(t, p, "the dropped "+name, `__t.status().includes(`+js("Opened "+name)+`)`)
	}

	drop("notes.txt", "text/plain", "\uFEFFField notes\r\n\r\nLavrov spoke first.")
	if diff := cmp.Diff(docSummary{"Field notes", "notes.txt", "Field notes\n\nLavrov spoke first."}, openDoc(t, p)); diff != "" {
		t.Errorf("dropped .txt (-want +got):\n%s", diff)
	}
	if got := eval[[]string](t, p, `[...document.querySelectorAll("#article p[data-start]")].map((p) => p.dataset.start + ":" + p.textContent)`); !cmp.Equal(got, []string{"13:Lavrov spoke first."}) && !cmp.Equal(got, []string{"0:Field notes", "13:Lavrov spoke first."}) {
		t.Errorf("paragraphs of the dropped .txt = %q", got)
	}

	drop("brief.md", "text/markdown", "# Policy brief\n\nA ceasefire is proposed.")
	if got := openDoc(t, p); got.Source != "brief.md" || got.Text != "# Policy brief\n\nA ceasefire is proposed." {
		t.Errorf("dropped .md opened as %+v", got)
	}

	do(t, p, "open the paste dialog", chromedp.Click(chromedp.ID("paste")))
	waitFor(t, p, "the paste dialog", `document.getElementById("paste-dialog").open`)
	do(t, p, "paste", chromedp.SetValue(chromedp.ID("paste-text"), "Pasted words\nRubio agreed."),
		chromedp.SetValue(chromedp.ID("paste-title"), "From the clipboard"),
		chromedp.Click(chromedp.ID("paste-ok")))
	waitFor(t, p, "the pasted article", `document.getElementById("doc-title").textContent === "From the clipboard"`)
	if got := openDoc(t, p); got.Source != "pasted" || got.Text != "Pasted words\nRubio agreed." {
		t.Errorf("pasted text opened as %+v", got)
	}
	id := eval[string](t, p, `spanmark.annotate({start: 13, end: 18, label: "actor"})`)
	eval[any](t, p, `spanmark.flush()`)

	type doc struct{ Title string }
	var titles []string
	for _, d := range eval[[]doc](t, p, `spanmark.documents()`) {
		titles = append(titles, d.Title)
	}
	for _, want := range []string{"Field notes", "brief.md", "From the clipboard"} {
		if !strings.Contains(strings.Join(titles, "|"), strings.TrimSuffix(want, ".md")) && !containsTitle(titles, want) {
			t.Errorf("documents() = %q, want one titled %q", titles, want)
		}
	}

	// Switch to the notes through the documents list, then back.
	openDocsList(t, p)
	notes := eval[string](t, p, `[...document.querySelectorAll("#docs-list [data-open]")].find((b) => b.closest("li, tr, div").textContent.includes("Field notes")).dataset.open`)
	do(t, p, "open the notes", chromedp.Click(`#docs-list button[data-open="`+notes+`"]`))
	waitFor(t, p, "the notes", `document.getElementById("doc-title").textContent === "Field notes"`)
	eval[any](t, p, `spanmark.load({text: "Pasted words\nRubio agreed.", title: "From the clipboard"})`)
	if got := list(t, p); len(got) != 1 || got[0].ID != id || got[0].Quote != "Rubio" {
		t.Errorf("back on the pasted article, its work is %+v, want %s on \"Rubio\"", got, id)
	}

	// Deleting a document asks first: declining keeps it, accepting
	// removes it from storage.
	countDocs := func() int { return len(eval[[]doc](t, p, `spanmark.documents()`)) }
	before := countDocs()
	deleteNotes := func(accept bool) {
		t.Helper()
		p.AcceptDialogs(true) // the confirm is expected, not a problem
		if !accept {
			eval[any](t, p, `(window.__confirm = window.confirm, window.confirm = () => false, true)`)
		}
		openDocsList(t, p)
		waitFor(t, p, "the delete button", `document.querySelector(`+js(`#docs-list button[data-delete="`+notes+`"]`)+`) !== null`)
		do(t, p, "delete the notes", chromedp.Click(`#docs-list button[data-delete="`+notes+`"]`))
		if !accept {
			eval[any](t, p, `(window.confirm = window.__confirm, true)`)
		}
	}
	deleteNotes(false)
	if n := countDocs(); n != before {
		t.Errorf("after declining the deletion there are %d documents, want %d", n, before)
	}
	do(t, p, "close the documents list", chromedp.Click(chromedp.ID("docs-close")))
	deleteNotes(true)
	waitFor(t, p, "the deletion", `__t.status().includes("Deleted")`)
	if n := countDocs(); n != before-1 {
		t.Errorf("after accepting the deletion there are %d documents, want %d", n, before-1)
	}
	p.CheckProblems(t)
}

// openDocsList opens the documents dialog and waits for a frame to be
// rendered with it: until then its rows (content-visibility: auto) have
// no boxes of their own, and a click aimed at a button lands elsewhere. A
// person never sees the dialog before that frame.
func openDocsList(t *testing.T, p *browser.Page) {
	t.Helper()
	do(t, p, "open the documents list", chromedp.Click(chromedp.ID("docs")))
	waitFor(t, p, "the documents list", `document.getElementById("docs-dialog").open && document.querySelector("#docs-list button[data-open]") !== null`)
	eval[any](t, p, `new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))`)
}

func containsTitle(titles []string, want string) bool {
	for _, t := range titles {
		if t == want {
			return true
		}
	}
	return false
}
