//go:build !js

package main

// Browser tests of the relations drawn over the article (arcs.go) and
// listed with each annotation in the sidebar.

import (
	"fmt"
	"math"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// arcEnds is a JavaScript expression for the drawn arcs: for each, its
// two ends and, for comparison, where the first line box of the claim and
// the actor begins, all in page coordinates.
const arcEnds = `(() => {
  const top = (id) => {
    const r = document.querySelector("[data-first~='" + id + "']").getClientRects()[0];
    return {x: r.left + r.width / 2 + scrollX, y: r.top + scrollY};
  };
  const c = spanmark.list().find((a) => a.label === "claim").id;
  const a = spanmark.list().find((a) => a.label === "actor").id;
  return {
    arcs: [...document.querySelectorAll("#arcs path.arc")].map((p) => {
      const n = p.getTotalLength(), s = p.getPointAtLength(0), e = p.getPointAtLength(n);
      return {x1: s.x, y1: s.y, x2: e.x, y2: e.y};
    }),
    claim: top(c), actor: top(a),
    hidden: document.getElementById("arcs").getAttribute("aria-hidden"),
  };
})()`

type arcPoint struct{ X, Y float64 }

type arcState struct {
	Arcs         []struct{ X1, Y1, X2, Y2 float64 }
	Claim, Actor arcPoint
	Hidden       string
}

// near reports whether the drawn end (x, y) is at the point p, within the
// few pixels the drawing leaves between the arrow and the text.
func near(x, y float64, p arcPoint) bool { return math.Abs(x-p.X) <= 3 && math.Abs(y-p.Y) <= 4 }

func TestRelationArcs(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	as, ae := find(t, text, "Donald Trump", 0)
	cs, ce := find(t, text, "the existing sanctions are taking a toll", 0)
	actor := eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor", entity: "Trump"})`, as, ae))
	claim := eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "claim"})`, cs, ce))
	eval[string](t, p, fmt.Sprintf(`spanmark.link({from: %q, to: %q, type: "source"})`, claim, actor))

	// The main list says where the claim's relations point.
	waitFor(t, p, "the claim's source in the annotation list", fmt.Sprintf(
		`(document.querySelector(%s) || {}).textContent === "source: Trump"`, js(`#ann-list [data-id="`+claim+`"] .rel`)))

	// Nothing selected: nothing drawn.
	if n := eval[int](t, p, `document.querySelectorAll("#arcs path").length`); n != 0 {
		t.Errorf("with nothing selected %d arcs are drawn", n)
	}
	check := func(step string) {
		t.Helper()
		waitFor(t, p, "one arc from the claim to the actor "+step, `(() => {
  const s = `+arcEnds+`;
  if (s.arcs.length !== 1) return false;
  const a = s.arcs[0], near = (x, y, p) => Math.abs(x - p.x) <= 3 && Math.abs(y - p.y) <= 4;
  return near(a.x1, a.y1, s.claim) && near(a.x2, a.y2, s.actor);
})()`)
		s := eval[arcState](t, p, arcEnds)
		if s.Hidden != "true" {
			t.Errorf("%s: #arcs has aria-hidden=%q, want true", step, s.Hidden)
		}
		if len(s.Arcs) != 1 || !near(s.Arcs[0].X1, s.Arcs[0].Y1, s.Claim) || !near(s.Arcs[0].X2, s.Arcs[0].Y2, s.Actor) {
			t.Errorf("%s: arcs %+v, want one from the claim at %+v to the actor at %+v", step, s.Arcs, s.Claim, s.Actor)
		}
	}
	// Either end selected draws the arc, from its start to its end.
	eval[any](t, p, fmt.Sprintf(`spanmark.select(%q)`, claim))
	check("with the claim selected")
	eval[any](t, p, fmt.Sprintf(`spanmark.select(%q)`, actor))
	check("with the actor selected")

	// A narrower window moves the text: the arc follows it.
	if _, err := chromedp.Call(p.Context(), emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 600, Height: 800, DeviceScaleFactor: 1}); err != nil {
		t.Fatalf("resize: %v", err)
	}
	check("after a resize")
	eval[any](t, p, `scrollBy(0, 120)`)
	check("after a scroll")

	// Unlinked, or deselected: nothing drawn.
	eval[any](t, p, `spanmark.unlink(spanmark.relations()[0].id)`)
	waitFor(t, p, "no arc after unlinking", `document.querySelectorAll("#arcs path.arc").length === 0`)
	eval[string](t, p, fmt.Sprintf(`spanmark.link({from: %q, to: %q, type: "source"})`, claim, actor))
	check("after linking again")
	eval[any](t, p, `spanmark.select(null)`)
	waitFor(t, p, "no arc after deselecting", `document.querySelectorAll("#arcs path.arc").length === 0`)
	p.CheckProblems(t)
}
