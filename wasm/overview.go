//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/spanmark/spanmark/wasm/dom"
)

// The overview (#overview, a canvas) is a density strip beside the
// scrollbar: the article's length top to bottom, one column per label, a
// mark wherever annotations fall. A click jumps to that place.

// overviewBins is the strip's resolution: one bin per few pixels of a
// typical window height.
const overviewBins = 200

func (a *app) wireOverview() {
	dom.On(a.el.overview, "click", func(ev js.Value) {
		if a.set == nil || a.set.Document().Len() == 0 {
			return
		}
		h := a.el.overview.Get("clientHeight").Float()
		frac := ev.Get("offsetY").Float() / max(h, 1)
		doc := a.set.Document()
		i := doc.ParagraphAt(int(frac * float64(doc.Len())))
		a.settle()
		if i >= a.page.shown {
			i = a.page.shown - 1
		}
		if i >= 0 {
			a.para(i).Call("scrollIntoView", map[string]any{"block": "center"})
		}
	})
	dom.On(js.Global(), "resize", func(js.Value) { a.renderOverview() })
}

func (a *app) renderOverview() {
	if a.set == nil {
		return
	}
	c := a.el.overview
	w, h := c.Get("clientWidth").Int(), c.Get("clientHeight").Int()
	if w == 0 || h == 0 {
		return
	}
	dpr := js.Global().Get("devicePixelRatio").Float()
	c.Set("width", int(float64(w)*dpr))
	c.Set("height", int(float64(h)*dpr))
	ctx := c.Call("getContext", "2d")
	ctx.Call("setTransform", dpr, 0, 0, dpr, 0, 0)
	ctx.Call("clearRect", 0, 0, w, h)
	n := a.set.Document().Len()
	labels := a.set.Schema().Labels
	if n == 0 || len(labels) == 0 {
		return
	}
	col := map[string]int{}
	for i, l := range labels {
		col[l.ID] = i
	}
	bins := make([][overviewBins]int, len(labels))
	for i := range a.set.Len() {
		x := a.set.At(i)
		k, ok := col[x.Label]
		if !ok {
			continue
		}
		for b := x.Start * overviewBins / n; b <= (x.End-1)*overviewBins/n && b < overviewBins; b++ {
			bins[k][b]++
		}
	}
	cw := float64(w) / float64(len(labels))
	bh := float64(h) / overviewBins
	for k, l := range labels {
		color := l.Color
		if color == "" {
			color = "#888888"
		}
		ctx.Set("fillStyle", color)
		for b, v := range bins[k] {
			if v > 0 {
				ctx.Call("fillRect", float64(k)*cw, float64(b)*bh, cw, max(bh, 2))
			}
		}
	}
}
