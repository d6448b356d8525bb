//go:build !js

package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/tools/browser"
	"github.com/spanmark/spanmark/web"
)

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
  const s = window.__start = {shift: 0, paras: [], height: 0, top: 0, readyAtParse: null, readyAtFrame: null};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) s.shift += e.value;
  }).observe({type: "layout-shift", buffered: true});
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
		t.Errorf("cumulative layout shift %.4f up to ready; want 0", got.Shift)
	}
	if got.Marked {
		t.Errorf("#article still has data-doc once the program has taken it over")
	}
	p.CheckProblems(t)
}
