//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The relations of the selected annotation are drawn over the article, as
// brat and Label Studio draw them: an arc from each relation's start to its
// end, with an arrowhead and the relation's name. The drawing is one SVG in
// #arcs, absolutely placed in page coordinates like the caret (focus.go),
// and aria-hidden: the panel lists the same links as text (detail.go). It
// is redrawn in the frame after a change, a selection, a scroll (an
// article part that comes into view takes its real height and moves what
// follows it) and a resize.

// idArcs is the element that holds the drawing (style.css).
const idArcs = "arcs"

func (a *app) wireArcs() {
	d := dom.Create("div", "", "")
	d.Set("id", idArcs)
	d.Call("setAttribute", "aria-hidden", "true")
	dom.Document().Get("body").Call("append", d)
	a.arcs = d
	redraw := func(js.Value) {
		if a.selected != "" || a.arcsShown {
			a.page.arcsDue = true
			a.queueFrame()
		}
	}
	dom.On(js.Global(), "resize", redraw)
	dom.On(js.Global(), "scroll", redraw)
}

// drawArcs draws the relations of the selected annotation whose two ends
// are on the page, or clears the drawing.
func (a *app) drawArcs() {
	var rels []annotations.Relation
	if a.selected != "" {
		rels = a.set.RelationsOf(a.selected)
	}
	if len(rels) == 0 {
		if a.arcsShown {
			a.arcs.Set("innerHTML", "")
			a.arcsShown = false
		}
		return
	}
	sx, sy := js.Global().Get("scrollX").Float(), js.Global().Get("scrollY").Float()
	// anchor is the middle of the top of an annotation's first line box,
	// in page coordinates.
	anchor := func(id string) (x, y float64, ok bool) {
		el := a.queryFocus(id)
		if el.IsNull() {
			return 0, 0, false
		}
		rs := el.Call("getClientRects")
		if rs.Length() == 0 {
			return 0, 0, false
		}
		r := rs.Index(0)
		return r.Get("left").Float() + r.Get("width").Float()/2 + sx, r.Get("top").Float() + sy, true
	}
	b := append(a.page.buf[:0], `<svg><defs><marker id="arc-head" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L8 4L0 8z"/></marker></defs>`...)
	for _, r := range rels {
		x1, y1, ok1 := anchor(r.From)
		x2, y2, ok2 := anchor(r.To)
		if !ok1 || !ok2 {
			continue
		}
		// The arc rises above both ends, higher the farther apart they
		// are, so that it clears the line of text it starts from.
		h := 18 + min(80, (abs(x2-x1)+abs(y2-y1))/8)
		top := min(y1, y2) - h
		b = append(b, `<path class="arc" data-rel="`...)
		b = annotations.AppendEscaped(b, r.ID)
		b = append(b, `" marker-end="url(#arc-head)" d="`...)
		// One loop over the numbers rather than a call each: each call
		// site costs the wasm a resume point. The last number is the
		// label's y, at the curve's highest point, three quarters of the
		// way up.
		nums := [...]float64{x1, y1 - 2, x1, top, x2, top, x2, y2 - 2, (x1 + x2) / 2, (y1+y2)/2 - .75*((y1+y2)/2-top) - 3}
		for i, sep := range [...]string{"M", " ", "C", " ", " ", " ", " ", " ", `"/><text x="`, `" y="`} {
			b = append(b, sep...)
			b = strconv.AppendInt(b, int64(nums[i]), 10)
		}
		b = append(b, `">`...)
		name := r.Type
		if rt, ok := a.set.Schema().Relation(r.Type); ok && rt.Name != "" {
			name = rt.Name
		}
		b = annotations.AppendEscaped(b, name)
		b = append(b, `</text>`...)
	}
	b = append(b, `</svg>`...)
	a.arcs.Set("innerHTML", string(b))
	a.arcsShown = true
	if cap(b) <= 1<<16 {
		a.page.buf = b
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
