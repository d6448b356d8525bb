//go:build !js

package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestArgumentView opens the argument view on annotated work, clicks a
// statement in the drawing and an actor from the keyboard, and checks
// that each selects its annotation; hostile text in the work stays text.
func TestArgumentView(t *testing.T) {
	p := openApp(t)
	hostile := `<img src=x onerror="window.__pwned=1">`
	text := "Lavrov said the talks were useful. Rubio urged a ceasefire on Moscow.\n"
	eval[string](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: "Talks"})`, js(text)))
	ids := eval[[]string](t, p, fmt.Sprintf(`[
  spanmark.annotate({start: 0, end: 6, label: "actor", entity: %s}),
  spanmark.annotate({start: 7, end: 33, label: "claim"}),
  spanmark.annotate({start: 35, end: 40, label: "actor"}),
  spanmark.annotate({start: 41, end: 58, label: "proposal"}),
  spanmark.annotate({start: 62, end: 68, label: "actor"}),
]`, js(hostile)))
	eval[string](t, p, fmt.Sprintf(`spanmark.link({from: %s, to: %s, type: "source"})`, js(ids[1]), js(ids[0])))
	eval[string](t, p, fmt.Sprintf(`spanmark.link({from: %s, to: %s, type: "source"})`, js(ids[3]), js(ids[2])))
	eval[string](t, p, fmt.Sprintf(`spanmark.link({from: %s, to: %s, type: "target"})`, js(ids[3]), js(ids[4])))

	clickSelector(t, p, "#argmap-view > summary")
	waitFor(t, p, "the argument map drawn", `document.getElementById("argmap-view").dataset.ready === "true" && document.querySelectorAll("#argmap-graph g.statement").length === 2`)
	if n := eval[int](t, p, `document.querySelectorAll("#argmap-tables .matrix td button").length`); n != 1 {
		t.Errorf("the actor × actor table has %d filled cells, want 1 (Rubio to Moscow)", n)
	}

	// A click on the claim's dot (it has a source, no target) selects it.
	clickSelector(t, p, fmt.Sprintf(`#argmap-graph g.statement[data-annotation=%s] circle`, js(ids[1])))
	waitFor(t, p, "the claim selected", fmt.Sprintf(`document.querySelector('#article .hl.sel[data-ids~=%s]') !== null`, js(ids[1])))

	// Enter on the focused first actor selects its mention.
	eval[bool](t, p, `(document.querySelector("#argmap-graph g.actor").focus(), true)`)
	actor := eval[string](t, p, `(() => {
  const i = document.activeElement.getAttribute("data-actor");
  return document.querySelector('#argmap-tables button[data-actor="' + i + '"]').getAttribute("data-annotation");
})()`)
	do(t, p, "press Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, p, "the actor selected", fmt.Sprintf(`document.querySelector('#article .hl.sel[data-ids~=%s]') !== null`, js(actor)))

	// A table's button selects too.
	clickSelector(t, p, fmt.Sprintf(`#argmap-tables li button[data-annotation=%s]`, js(ids[3])))
	waitFor(t, p, "the proposal selected", fmt.Sprintf(`document.querySelector('#article .hl.sel[data-ids~=%s]') !== null`, js(ids[3])))

	// The filter keeps one label; an edit redraws.
	eval[bool](t, p, `(() => { const f = document.getElementById("argmap-filter"); f.value = "claim"; f.dispatchEvent(new Event("change")); return true; })()`)
	waitFor(t, p, "only the claim drawn", `document.querySelectorAll("#argmap-graph g.statement").length === 1`)
	c := eval[string](t, p, `spanmark.annotate({start: 41, end: 68, label: "claim"})`)
	eval[string](t, p, fmt.Sprintf(`spanmark.link({from: %s, to: %s, type: "source"})`, js(c), js(ids[2])))
	waitFor(t, p, "the new claim drawn", `document.querySelectorAll("#argmap-graph g.statement").length === 2`)

	if n := eval[int](t, p, `document.querySelectorAll("#argmap-view img, #argmap-view script, #argmap-view style").length`); n != 0 {
		t.Errorf("the argument view holds %d img, script or style elements", n)
	}
	if pwned := eval[bool](t, p, `!!window.__pwned`); pwned {
		t.Errorf("hostile text ran a script")
	}
	p.CheckProblems(t)
}

// TestArgumentMapReadable draws a map of many actors in the sidebar and
// checks that its labels stay readable: the drawing shrinks to at most
// 10/12 of its size, and the sidebar scrolls sideways to show the rest.
func TestArgumentMapReadable(t *testing.T) {
	p := openApp(t)
	var text strings.Builder
	for i := range 30 {
		fmt.Fprintf(&text, "Minister Number%02d of Somewhere said the talks were useful.\n", i)
	}
	eval[string](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: "Many"})`, js(text.String())))
	// Each line: the actor is its first 30 characters, the claim "the
	// talks were useful".
	line := len([]rune("Minister Number00 of Somewhere said "))
	claim := len([]rune("the talks were useful"))
	n := eval[int](t, p, fmt.Sprintf(`(() => {
  let at = 0, n = 0;
  for (let i = 0; i < 30; i++, at += %d) {
    const a = spanmark.annotate({start: at, end: at + 30, label: "actor"});
    const c = spanmark.annotate({start: at + %d, end: at + %d, label: "claim"});
    spanmark.link({from: c, to: a, type: "source"});
    n++;
  }
  return n;
})()`, line+claim+2, line, line+claim))
	if n != 30 {
		t.Fatalf("%d actors annotated, want 30", n)
	}
	clickSelector(t, p, "#argmap-view > summary")
	waitFor(t, p, "the argument map drawn", `document.getElementById("argmap-view").dataset.ready === "true" && document.querySelectorAll("#argmap-graph g.actor").length === 30`)
	type size struct{ Natural, Shown, Box, Scroll float64 }
	s := eval[size](t, p, `(() => {
  const g = document.getElementById("argmap-graph"), svg = g.querySelector("svg");
  return {Natural: svg.width.baseVal.value, Shown: svg.getBoundingClientRect().width, Box: g.clientWidth, Scroll: g.scrollWidth};
})()`)
	if s.Natural <= s.Box {
		t.Fatalf("the map is %.0f px wide, the sidebar %.0f px: the test needs a map wider than the sidebar", s.Natural, s.Box)
	}
	if scale := s.Shown / s.Natural; scale < 10.0/12-0.01 {
		t.Errorf("the map shows at %.2f of its size (%.0f of %.0f px): labels of %.1f px, want at least 10", scale, s.Shown, s.Natural, 12*scale)
	}
	if s.Scroll <= s.Box {
		t.Errorf("the map's box scrolls %.0f px in %.0f: the part beyond the sidebar cannot be reached", s.Scroll, s.Box)
	}
	p.CheckProblems(t)
}
