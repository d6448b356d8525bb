//go:build !js

package main

// Browser tests of untrusted text: every payload of testdata/hostile/xss
// is placed in the article, a note, an entity, a document title and an
// imported file. Nothing may run (window.__pwned stays undefined and no
// dialog opens), no Content-Security-Policy violation may be reported
// (which would mean markup reached the page and only the policy stopped
// it), no element may come from the text, and the text must show verbatim.

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/tools/browser"
)

type payload struct{ name, text string }

// hostilePayloads reads the corpus; see testdata/hostile/README.md.
func hostilePayloads(t *testing.T) []payload {
	t.Helper()
	files, err := filepath.Glob("../testdata/hostile/xss/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	var ps []payload
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.TrimSuffix(string(b), "\n")
		if s == "" || strings.ContainsAny(s, "\r\n") || strings.TrimSpace(s) != s {
			t.Fatalf("%s: a payload is one line with no surrounding space (see the README)", f)
		}
		ps = append(ps, payload{strings.TrimSuffix(filepath.Base(f), ".txt"), s})
	}
	if len(ps) < 40 {
		t.Fatalf("the hostile corpus has %d payloads, want at least 40", len(ps))
	}
	return ps
}

// articleTags are the elements the app may put inside #article.
var articleTags = []string{"br", "mark", "p", "span"}

// checkInert checks that nothing ran and no markup was made from text.
func checkInert(t *testing.T, p *browser.Page, where string) {
	t.Helper()
	if pwned := eval[bool](t, p, `typeof window.__pwned !== "undefined"`); pwned {
		t.Errorf("%s: a payload ran: window.__pwned = %v", where, eval[any](t, p, `String(window.__pwned)`))
	}
	for _, tag := range eval[[]string](t, p, `__t.tags("#article")`) {
		if !slices.Contains(articleTags, tag) {
			t.Errorf("%s: #article holds a <%s> element; text became markup", where, tag)
		}
	}
	// Report each problem once, in the check after it happened.
	for _, msg := range p.TakeProblems() {
		t.Errorf("%s: browser: %s", where, msg)
	}
}

// TestCanary makes sure the detectors of this file can fail: a dialog, a
// blocked inline handler and a set canary are all noticed.
func TestCanary(t *testing.T) {
	p := openApp(t)
	eval[any](t, p, `(setTimeout(() => alert("canary"), 0), document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.__pwned=1" id="canary">'))`)
	// The reports arrive as CDP events; look for them once per frame.
	var dialog, csp bool
	for range 300 {
		for _, msg := range p.TakeProblems() {
			dialog = dialog || strings.Contains(msg, "dialog")
			csp = csp || strings.Contains(msg, "Content-Security-Policy")
		}
		if dialog && csp {
			break
		}
		eval[any](t, p, `new Promise((r) => requestAnimationFrame(r))`)
	}
	if !dialog {
		t.Errorf("alert() in the page was not reported as a problem")
	}
	if !csp {
		t.Errorf("an inline event handler was not reported as a CSP violation")
	}
	if eval[bool](t, p, `typeof window.__pwned !== "undefined"`) {
		t.Errorf("the page's policy let an inline handler run")
	}
}

func TestHostileText(t *testing.T) {
	ps := hostilePayloads(t)
	p := openApp(t)
	lines := []string{"Hostile inputs, each shown as text"}
	for _, x := range ps {
		lines = append(lines, x.text)
	}
	text := strings.Join(lines, "\n")
	runes := []rune(text)

	t.Run("article", func(t *testing.T) {
		eval[string](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: "hostile article"})`, js(text)))
		waitFor(t, p, "the article", fmt.Sprintf(`document.querySelectorAll("#article p[data-start]").length === %d`, len(lines)))
		got := eval[[]string](t, p, `[...document.querySelectorAll("#article p[data-start]")].map((p) => p.textContent)`)
		if diff := cmp.Diff(lines, got); diff != "" {
			t.Errorf("paragraph texts mismatch (-want +got):\n%s", diff)
		}
		checkInert(t, p, "article")
	})

	t.Run("notes_and_entities", func(t *testing.T) {
		// Each payload line is an actor whose note and entity are the
		// payload; the detail panel and the sidebar must show them as text.
		start := len([]rune(lines[0])) + 1
		ids := make([]string, len(ps))
		for i, x := range ps {
			n := len([]rune(x.text))
			ids[i] = eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor", note: %s, entity: %s, snap: false})`,
				start, start+n, js(x.text), js(x.text)))
			if got := string(runes[start : start+n]); got != x.text {
				t.Fatalf("offset bookkeeping: %q at %d, want %q", got, start, x.text)
			}
			start += n + 1
		}
		checkInert(t, p, "annotated article")
		// The sidebar may be drawn after the article; wait until it lists
		// every actor before reading it.
		var texts []string
		for _, x := range ps {
			texts = append(texts, x.text)
		}
		waitWithin(t, p, 5*time.Second, "the sidebar to list every payload",
			fmt.Sprintf(`%s.every((s) => document.getElementById("sidebar").textContent.includes(s))`, js(texts)))
		type shown struct{ Note, Entity, Quote, Sidebar string }
		for i, x := range ps {
			got := eval[shown](t, p, fmt.Sprintf(`(async () => {
  spanmark.select(%q);
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const val = (id) => { const e = document.getElementById(id); return e ? ("value" in e ? e.value : e.textContent) : "<no #" + id + ">"; };
  return {note: val("detail-note"), entity: val("detail-entity"), quote: val("detail-quote"),
    sidebar: document.getElementById("sidebar").textContent.includes(%s) ? %s : "<not in #sidebar>"};
})()`, ids[i], js(x.text), js(x.text)))
			w := shown{Note: x.text, Entity: x.text, Quote: x.text, Sidebar: x.text}
			if !strings.Contains(got.Quote, x.text) {
				got.Quote += " (does not contain the quote)"
			} else {
				got.Quote = x.text
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("%s: detail panel and sidebar (-want +got):\n%s", x.name, diff)
			}
		}
		for _, tag := range eval[[]string](t, p, `__t.tags("#detail")`) {
			if slices.Contains([]string{"script", "img", "svg", "iframe", "object", "embed", "style", "meta", "base", "link", "template", "math", "video", "marquee"}, tag) {
				t.Errorf("#detail holds a <%s> element; a note or entity became markup", tag)
			}
		}
		for _, tag := range eval[[]string](t, p, `__t.tags("#sidebar")`) {
			if slices.Contains([]string{"script", "img", "svg", "iframe", "object", "embed", "style", "meta", "base", "link", "template", "math", "video", "marquee"}, tag) {
				t.Errorf("#sidebar holds a <%s> element; a note or entity became markup", tag)
			}
		}
		checkInert(t, p, "notes and entities")
	})

	t.Run("title", func(t *testing.T) {
		for i, x := range ps {
			// One annotation, so that the document is worth keeping and
			// shows in the documents list.
			eval[string](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: %s}).then(() => spanmark.annotate({start: 0, end: 5, label: "actor"}))`,
				js(fmt.Sprintf("Title test %d.\nA paragraph.", i)), js(x.text)))
			got := eval[string](t, p, `(() => { const e = document.getElementById("doc-title"); return e ? e.textContent : document.title; })()`)
			if !strings.Contains(got, x.text) {
				t.Errorf("%s: the title shows as %q, want it to contain %q", x.name, got, x.text)
			}
		}
		type docInfo struct{ Title string }
		var got []string
		for _, d := range eval[[]docInfo](t, p, `spanmark.flush().then(() => spanmark.documents())`) {
			got = append(got, d.Title)
		}
		for _, x := range ps {
			if !slices.Contains(got, x.text) {
				t.Errorf("%s: spanmark.documents() has no title %q", x.name, x.text)
			}
		}
		checkInert(t, p, "titles")
	})

	t.Run("import", func(t *testing.T) {
		doc := annotations.NewDocument(text, ps[0].text, ps[1].text)
		set := annotations.NewSet(doc, annotations.DefaultSchema())
		start := len([]rune(lines[0])) + 1
		when := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
		for i, x := range ps {
			n := len([]rune(x.text))
			a := want(runes, "claim", start, start+n)
			a.ID = fmt.Sprintf("h%d", i+1)
			a.Note, a.Entity = x.text, ""
			a.Created, a.Modified = annotations.TimeOf(when), annotations.TimeOf(when)
			if err := set.Insert(a); err != nil {
				t.Fatalf("build the file: %v", err)
			}
			start += n + 1
		}
		b, err := codec.Encode(annotations.NewFile(set, ps[2].text, when))
		if err != nil {
			t.Fatal(err)
		}
		eval[string](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: "hostile import"})`, js(text)))
		eval[any](t, p, fmt.Sprintf(`spanmark.import(%s)`, js(string(b))))
		var claims []annotations.Annotation
		for _, a := range list(t, p) {
			if a.Label == "claim" {
				claims = append(claims, a)
			}
		}
		f, _ := codec.Decode(b)
		if diff := cmp.Diff(sortAnns(f.Annotations), sortAnns(claims), ignoreIDs); diff != "" {
			t.Errorf("imported annotations mismatch (-want +got):\n%s", diff)
		}
		checkInert(t, p, "import")
	})

	t.Run("pasted", func(t *testing.T) {
		// Through the paste dialog, as a person would: the article and the
		// title typed in it are payloads too.
		pasted := strings.Join(append([]string{"Pasted hostile inputs"}, lines[1:]...), "\n")
		clickSelector(t, p, "#paste")
		waitFor(t, p, "the paste dialog", `__t.visible("#paste-text")`)
		eval[any](t, p, fmt.Sprintf(`(() => {
  const set = (id, v) => { const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event("input", {bubbles: true})); };
  set("paste-text", %s);
  set("paste-title", %s);
})()`, js(pasted), js(ps[3].text)))
		clickSelector(t, p, "#paste-ok")
		waitFor(t, p, "the pasted article", `document.querySelector("#article p[data-start]").textContent === "Pasted hostile inputs"`)
		got := eval[[]string](t, p, `[...document.querySelectorAll("#article p[data-start]")].map((p) => p.textContent)`)
		if diff := cmp.Diff(strings.Split(pasted, "\n"), got); diff != "" {
			t.Errorf("pasted paragraph texts mismatch (-want +got):\n%s", diff)
		}
		if got := eval[string](t, p, `document.getElementById("doc-title").textContent`); !strings.Contains(got, ps[3].text) {
			t.Errorf("the pasted title shows as %q, want it to contain %q", got, ps[3].text)
		}
		checkInert(t, p, "pasted")
	})

	t.Run("html_file_dropped", func(t *testing.T) {
		// An HTML file becomes text through DOMParser: its markup, payloads
		// included, is dropped and nothing in it runs.
		var b strings.Builder
		b.WriteString("<!doctype html><html><head><title>Hostile page</title><script>window.__pwned=1</script></head><body><p>First paragraph.</p>\n")
		for _, x := range ps {
			b.WriteString(x.text + "\n")
		}
		b.WriteString("<p>Last paragraph.</p></body></html>\n")
		eval[any](t, p, fmt.Sprintf(`(() => {
  const dt = new DataTransfer();
  dt.items.add(new File([%s], "hostile.html", {type: "text/html"}));
  const at = document.getElementById("article");
  at.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
  at.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
})()`, js(b.String())))
		// An unclosed <svg> or <math> payload swallows what follows it, and
		// the app drops those elements: only the first paragraph is sure.
		waitFor(t, p, "the dropped page", `__t.status().includes("hostile.html")`)
		if got := eval[string](t, p, `document.getElementById("doc-title").textContent`); got != "Hostile page" {
			t.Errorf("the dropped page's title shows as %q, want its <title> \"Hostile page\"", got)
		}
		got := eval[[]string](t, p, `[...document.querySelectorAll("#article p[data-start]")].map((p) => p.textContent)`)
		if len(got) == 0 || got[0] != "First paragraph." {
			t.Errorf("the dropped page's first paragraph is %q, want \"First paragraph.\"", got)
		}
		checkInert(t, p, "html file")
	})

	t.Run("documents_dialog", func(t *testing.T) {
		clickSelector(t, p, "#docs")
		waitFor(t, p, "the documents list", `__t.visible("#docs-list")`)
		listed := eval[string](t, p, `document.getElementById("docs-list").textContent`)
		for _, x := range ps {
			if !strings.Contains(listed, x.text) {
				t.Errorf("%s: the documents list does not show the title verbatim", x.name)
			}
		}
		for _, tag := range eval[[]string](t, p, `__t.tags("#docs-list")`) {
			if slices.Contains([]string{"script", "img", "svg", "iframe", "object", "embed", "style", "meta", "base", "link", "template", "math", "video", "marquee"}, tag) {
				t.Errorf("#docs-list holds a <%s> element; a title became markup", tag)
			}
		}
		checkInert(t, p, "documents list")
	})
}
