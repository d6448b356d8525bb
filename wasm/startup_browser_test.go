//go:build !js

package main

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/tools/browser"
	"github.com/spanmark/spanmark/web"
)

// watchShifts is a statement of the probes below: it adds up the layout
// shifts in s.shift and describes each in s.shifts, naming the elements
// that moved with their boxes before and after.
const watchShifts = `new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) {
      s.shift += e.value;
      s.shifts.push(e.value.toFixed(4) + " at " + Math.round(e.startTime) + " ms: " + e.sources.map((x) => {
        const n = x.node, r = (b) => Math.round(b.x) + "," + Math.round(b.y) + " " + Math.round(b.width) + "×" + Math.round(b.height);
        return (n ? n.nodeName + (n.id ? "#" + n.id : "") + (n.className && typeof n.className === "string" ? "." + n.className.split(" ").join(".") : "") : "?") + " " + r(x.previousRect) + " → " + r(x.currentRect);
      }).join("; "));
    }
  }).observe({type: "layout-shift", buffered: true});`

// startProbe runs in the page before its own scripts. It adds up the
// layout shifts (PerformanceObserver, layout-shift), and when the page is
// parsed (before the program can run: web/boot.js waits for that) it
// keeps the article's paragraphs; once the first frame after is rendered
// it keeps the first paragraph's box and whether the program was ready
// yet. Not earlier: until a frame has been rendered, Chromium has not
// decided which content-visibility: auto paragraphs (style.css) are in
// view, and sizes every one by its estimate, which nobody sees; and not
// the whole article's height, since the paragraphs out of view are sized
// by estimate for good.
const startProbe = `(() => {
  const s = window.__start = {shift: 0, shifts: [], paras: [], height: 0, top: 0, readyAtParse: null, readyAtFrame: null};
  ` + watchShifts + `
  document.addEventListener("DOMContentLoaded", () => {
    const article = document.getElementById("article");
    s.paras = [...article.querySelectorAll("p")];
    s.readyAtParse = document.documentElement.dataset.ready === "true";
    requestAnimationFrame(() => setTimeout(() => {
      const r = s.paras[0].getBoundingClientRect();
      s.height = r.height;
      s.top = r.top;
      s.readyAtFrame = document.documentElement.dataset.ready === "true";
    }));
  });
})();`

// TestStartTextFirst loads the app as a first visitor: the sample
// article's text is on the page, laid out, before the program can run; the
// program takes over the same paragraph elements; and nothing shifts on
// the way (cumulative layout shift 0, and the first paragraph's box the
// same in the first frame as once ready, when the program was not ready by
// that frame).
func TestStartTextFirst(t *testing.T) {
	p := browser.NewTab(t)
	if _, err := chromedp.Call(p.Context(), page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: startProbe}); err != nil {
		t.Fatalf("install the probe: %v", err)
	}
	p.Load()
	raw := browser.Eval[json.RawMessage](p, `new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => {
  const s = window.__start, article = document.getElementById("article");
  resolve({
    paras: s.paras.length,
    kept: s.paras.filter((p) => p.isConnected).length,
    nowParas: article.querySelectorAll("p[data-p]").length,
    textAtParse: s.paras.map((p) => p.textContent).join("\n"),
    heightAtParse: s.height,
    height: article.querySelector("p").getBoundingClientRect().height,
    topAtParse: s.top,
    top: article.querySelector("p").getBoundingClientRect().top,
    readyAtParse: s.readyAtParse,
    readyAtFrame: s.readyAtFrame,
    shift: s.shift,
    shifts: s.shifts,
    marked: article.dataset.doc !== undefined,
  });
}, 100)))`)
	var got struct {
		Paras, Kept, NowParas      int
		TextAtParse                string
		HeightAtParse, Height      float64
		TopAtParse, Top            float64
		ReadyAtParse, ReadyAtFrame bool
		Shift                      float64
		Shifts                     []string
		Marked                     bool
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("decode the probe's result %s: %v", raw, err)
	}
	b, err := web.FS.ReadFile("sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	if want := strings.Join(lines, "\n"); got.TextAtParse != want {
		t.Errorf("the article's paragraphs when the page is parsed:\nwant %q\ngot  %q", head(want), head(got.TextAtParse))
	}
	if got.ReadyAtParse {
		t.Errorf("ready when the page was parsed; want the text there before the program can run")
	}
	if got.HeightAtParse <= 0 {
		t.Errorf("the first paragraph is %v px high when the page is parsed; want its text laid out", got.HeightAtParse)
	}
	if got.Kept != got.Paras || got.NowParas != got.Paras {
		t.Errorf("of %d paragraphs on the page when it was parsed, %d are still there, among %d; want the program to keep them all", got.Paras, got.Kept, got.NowParas)
	}
	// The program may be ready by the first frame (it is fast, and the
	// text needs no program to paint): then the box was measured after
	// the takeover, and only the layout shift below tells.
	if !got.ReadyAtFrame && (math.Abs(got.Height-got.HeightAtParse) > 0.5 || math.Abs(got.Top-got.TopAtParse) > 0.5) {
		t.Errorf("the first paragraph was %v px high at %v in the first frame, and %v px high at %v once ready; want no change",
			got.HeightAtParse, got.TopAtParse, got.Height, got.Top)
	}
	if got.Shift > 0.001 {
		t.Errorf("cumulative layout shift %.4f up to ready; want 0; the shifts: %q", got.Shift, got.Shifts)
	}
	if got.Marked {
		t.Errorf("#article still has data-doc once the program has taken it over")
	}
	p.CheckProblems(t)
}

// keptProbe runs in the page before its own scripts and keeps, when the
// page is parsed (before the program can run), what #article and the
// title above it hold, and adds up the layout shifts.
const keptProbe = `(() => {
  const s = window.__kept = {shift: 0, shifts: [], paras: [], html: "", title: "", titleHidden: null, byline: "", bylineHidden: null, ready: null, swap: null};
  ` + watchShifts + `
  document.addEventListener("DOMContentLoaded", () => {
    const article = document.getElementById("article");
    const title = document.getElementById("doc-title"), byline = document.getElementById("doc-byline");
    s.paras = [...article.querySelectorAll("p")];
    s.html = article.innerHTML;
    s.title = title.textContent;
    s.titleHidden = title.hidden;
    s.byline = byline.textContent;
    s.bylineHidden = byline.hidden;
    s.ready = document.documentElement.dataset.ready === "true";
    s.swap = document.documentElement.dataset.swap !== undefined;
  });
})();`

// TestStartKeptFirst reloads the app after working on an article of
// one's own: that article, not the sample, is on the page when it is
// parsed, before the program can run, in exactly the markup the program
// writes (its first whole parts, for a long one); the program then takes
// over those paragraphs, highlights the work on them and appends the
// rest, with nothing shifting on the way.
func TestStartKeptFirst(t *testing.T) {
	var long strings.Builder
	for i := range 200 {
		fmt.Fprintf(&long, "Paragraph %d says what the one before it said, and a little more & <more>.\n", i)
	}
	for _, tc := range []struct {
		name, title, text string
		partial           bool
	}{
		{"short", "", "A <b>title</b> & \"quotes\"\nBy Jane Doe\nThe first paragraph, with <tags> & 'ampersands'.\nThe second paragraph.\n", false},
		{"long", "A long one", long.String(), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openApp(t)
			id := eval[string](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: %s})`, js(tc.text), js(tc.title)))
			doc := annotations.NewDocument(tc.text, tc.title, "")
			if id != doc.ID {
				t.Fatalf("spanmark.load gave document %q, want %q", id, doc.ID)
			}
			// Work on the second paragraph, for the program to repaint.
			para := doc.Paragraphs()[1]
			eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, para.Start, para.Start+5))
			eval[any](t, p, `spanmark.flush()`)
			waitFor(t, p, "the first paragraphs kept", `JSON.parse(localStorage.getItem("spanmark:first") || "null")?.doc === `+js(id))
			if _, err := chromedp.Call(p.Context(), page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: keptProbe}); err != nil {
				t.Fatalf("install the probe: %v", err)
			}
			p.Reload()
			n := len(doc.Paragraphs())
			waitFor(t, p, "the whole article", fmt.Sprintf(`document.querySelectorAll("#article p[data-p]").length === %d`, n))
			ar := annotations.NewArticle(doc)
			var got struct {
				Paras, Kept, Marked       int
				Same, Marks               bool
				Text, Title, Byline       string
				TitleHidden, BylineHidden bool
				Ready, Swap               bool
				Shift                     float64
				Shifts                    []string
			}
			raw := eval[json.RawMessage](t, p, `(() => {
  const s = window.__kept, article = document.getElementById("article");
  // The program's own markup of the whole article, as the browser writes it.
  const t = document.createElement("template");
  t.innerHTML = `+js(string(ar.AppendPlain(nil)))+`;
  const parts = [...t.content.children].slice(0, Math.ceil(s.paras.length / `+fmt.Sprint(annotations.PartSize)+`));
  const now = [...article.querySelectorAll("p[data-p]")];
  return {
    paras: s.paras.length,
    kept: s.paras.filter((p, i) => p.isConnected && now[i] === p).length,
    marked: article.querySelectorAll("p[data-p='1'] span.hl").length,
    same: s.html === parts.map((p) => p.outerHTML).join(""),
    marks: article.dataset.doc !== undefined || article.dataset.kept !== undefined,
    text: s.paras.map((p) => p.textContent).join("\n"),
    title: s.title, titleHidden: s.titleHidden, byline: s.byline, bylineHidden: s.bylineHidden,
    ready: s.ready, swap: s.swap, shift: s.shift, shifts: s.shifts,
  };
})()`)
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatalf("decode the probe's result %s: %v", raw, err)
			}
			want := n
			if tc.partial {
				want = 2 * annotations.PartSize // whole parts of about 8,000 code points
			}
			if got.Paras != want {
				t.Errorf("%d paragraphs on the page when it was parsed, want %d (of %d)", got.Paras, want, n)
			}
			if rs := doc.Runes(); got.Paras > 0 && got.Paras <= n {
				var lines []string
				for _, para := range doc.Paragraphs()[:got.Paras] {
					lines = append(lines, string(rs[para.Start:para.End]))
				}
				if w := strings.Join(lines, "\n"); got.Text != w {
					t.Errorf("the article when the page was parsed:\nwant %q\ngot  %q", head(w), head(got.Text))
				}
			}
			if !got.Same {
				t.Errorf("the article's markup when the page was parsed is not the program's")
			}
			if got.Ready || got.Swap {
				t.Errorf("when the page was parsed: ready %v, still hiding the sample %v; want neither", got.Ready, got.Swap)
			}
			if ar.TitlePara != got.TitleHidden || !ar.TitlePara && (got.Title != doc.Title || got.Byline != ar.Byline || got.BylineHidden != (ar.Byline == "")) {
				t.Errorf("when the page was parsed, the title %q (hidden %v) and byline %q (hidden %v); want the title paragraph to be the heading: %v, or %q and %q",
					got.Title, got.TitleHidden, got.Byline, got.BylineHidden, ar.TitlePara, doc.Title, ar.Byline)
			}
			if got.Kept != got.Paras {
				t.Errorf("of %d paragraphs on the page when it was parsed, %d are the same elements once ready; want all", got.Paras, got.Kept)
			}
			if got.Marked != 1 {
				t.Errorf("%d highlights in the second paragraph once ready, want the one stored", got.Marked)
			}
			if got.Marks {
				t.Errorf("#article is still marked data-doc or data-kept once the program has taken it over")
			}
			if got.Shift > 0.001 {
				t.Errorf("cumulative layout shift %.4f, want 0; the shifts: %q", got.Shift, got.Shifts)
			}

			// Deleted, the document leaves none of its text behind.
			docsDialog(t, p)
			p.AcceptDialogs(true) // the confirm is expected, not a problem
			do(t, p, "delete the document", chromedp.Click(`#docs-list button[data-delete="`+id+`"]`))
			waitFor(t, p, "the deletion", `__t.status().includes("Deleted")`)
			if kept := eval[string](t, p, `localStorage.getItem("spanmark:first") || ""`); strings.Contains(kept, id) {
				t.Errorf("after deleting the document, localStorage still keeps its first paragraphs: %s", head(kept))
			}
			p.CheckProblems(t)
		})
	}
}

// TestStartKeptArticle opens an article of the site with ?article=, works
// on it and comes back by the same link: the article is fetched while the
// wasm compiles, once; on the way back its kept paragraphs are on the
// page when it is parsed and the program takes them over with the work.
// When the file has changed on the site meanwhile, the program opens what
// the site serves now, with none of the kept text left.
func TestStartKeptArticle(t *testing.T) {
	const before = "Corpus piece\nThe minister said the talks were useful.\nThe envoy disagreed with her.\n"
	const after = "Corpus piece, revised\nThe minister said nothing at all.\n"
	var text atomic.Value
	text.Store(before)
	var fetches atomic.Int32
	mux := http.NewServeMux()
	mux.Handle("/", browser.Handler(browser.Site(t).FS()))
	mux.HandleFunc("/corpus/piece.txt", func(w http.ResponseWriter, r *http.Request) {
		fetches.Add(1)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte(text.Load().(string)))
	})
	p := browser.NewOn(t, mux)
	installLib(t, p)
	p.Do("open ?article=", chromedp.Navigate(p.URL+"?article=corpus/piece.txt"))
	p.WaitReady()
	if n := fetches.Load(); n != 1 {
		t.Errorf("the article was fetched %d times, want once", n)
	}
	if early := eval[bool](t, p, `performance.getEntriesByName(new URL("corpus/piece.txt", location.href).href)[0].startTime < performance.getEntriesByName("spanmark:compiled")[0].startTime`); !early {
		t.Errorf("the article was fetched after the wasm was compiled; want its fetch begun while the page parses")
	}
	doc := annotations.NewDocument(before, "", "corpus/piece.txt")
	para := doc.Paragraphs()[1]
	eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, para.Start, para.Start+12))
	eval[any](t, p, `spanmark.flush()`)
	waitFor(t, p, "the first paragraphs kept", `JSON.parse(localStorage.getItem("spanmark:first") || "null")?.source === "corpus/piece.txt"`)
	if _, err := chromedp.Call(p.Context(), page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: keptProbe}); err != nil {
		t.Fatalf("install the probe: %v", err)
	}

	fetches.Store(0)
	p.Reload()
	waitFor(t, p, "the work", `document.querySelectorAll("#article p[data-p='1'] span.hl").length === 1`)
	var got struct {
		Text         string
		Kept, Paras  int
		Ready, Marks bool
		Shift        float64
		Shifts       []string
	}
	probe := `(() => {
  const s = window.__kept, article = document.getElementById("article");
  const now = [...article.querySelectorAll("p[data-p]")];
  return {
    text: s.paras.map((p) => p.textContent).join("\n"),
    paras: s.paras.length,
    kept: s.paras.filter((p, i) => p.isConnected && now[i] === p).length,
    ready: s.ready,
    marks: article.dataset.doc !== undefined || article.dataset.kept !== undefined,
    shift: s.shift, shifts: s.shifts,
  };
})()`
	raw := eval[json.RawMessage](t, p, probe)
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("decode the probe's result %s: %v", raw, err)
	}
	if want := strings.TrimSuffix(before, "\n"); got.Text != want || got.Ready {
		t.Errorf("back by ?article=, when the page was parsed: the article %q, ready %v; want %q before the program runs", got.Text, got.Ready, want)
	}
	if got.Kept != got.Paras || got.Paras != len(doc.Paragraphs()) {
		t.Errorf("of %d paragraphs on the page when it was parsed, %d are the same elements once ready; want all %d", got.Paras, got.Kept, len(doc.Paragraphs()))
	}
	if got.Marks || got.Shift > 0.001 {
		t.Errorf("once ready: #article still marked %v, layout shift %.4f %q; want neither", got.Marks, got.Shift, got.Shifts)
	}
	if n := fetches.Load(); n != 1 {
		t.Errorf("back by ?article=, the article was fetched %d times, want once", n)
	}

	// The site serves another text now: the kept one shows while the page
	// parses, then gives way to it.
	text.Store(after)
	p.Reload()
	want := docSummary{Title: "Corpus piece, revised", Source: "corpus/piece.txt", Text: after}
	if diff := cmp.Diff(want, openDoc(t, p)); diff != "" {
		t.Errorf("after the file changed on the site, the document opened (-want +got):\n%s", diff)
	}
	raw = eval[json.RawMessage](t, p, probe)
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("decode the probe's result %s: %v", raw, err)
	}
	if got.Text != strings.TrimSuffix(before, "\n") {
		t.Errorf("when the page was parsed, the article %q; want the kept one", got.Text)
	}
	if now := eval[string](t, p, `document.getElementById("article").textContent`); strings.Contains(now, "talks were useful") || got.Marks {
		t.Errorf("once ready, the changed article still shows kept text (%q) or marks (%v)", head(now), got.Marks)
	}
	if kept := eval[string](t, p, `localStorage.getItem("spanmark:first") || ""`); strings.Contains(kept, "talks were useful") {
		t.Errorf("after the file changed, the old text is still kept for the next visit: %s", head(kept))
	}
	p.CheckProblems(t)
}
