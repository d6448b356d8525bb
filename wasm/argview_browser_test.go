//go:build !js

package main

import (
	"fmt"
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
