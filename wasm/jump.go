//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
)

// Jumping to an annotation (spanmark.select, a click in the list or on a
// link) on a long article. Parts out of view skip layout and stand in at
// a guessed height (content-visibility in style.css, render.go), so a
// position measured across them is a guess: the parts around the target
// then render and take their real height, and a smooth scroll aimed at
// the guess ends where the target is not. So the target's part and its
// neighbours are laid out for real first (classNear), a far jump is
// instant rather than smooth, and for a few frames after it the target is
// put back in view if the layout moved it out.

// jumpFrames is how many frames after a far jump the target is checked:
// the parts that came into view lay out in the first, and their images
// and fonts rarely need more than a couple more.
const jumpFrames = 4

// jump scrolls annotation id's highlight into view and focuses it.
func (a *app) jump(id string) {
	el := a.focusElement(id)
	if el.IsNull() {
		return
	}
	for _, p := range a.page.near {
		p.Get("classList").Call("remove", classNear)
	}
	a.page.near = a.page.near[:0]
	if part := el.Call("closest", "."+annotations.ClassPart); !part.IsNull() {
		for _, p := range []js.Value{part.Get("previousElementSibling"), part, part.Get("nextElementSibling")} {
			if !p.IsNull() {
				p.Get("classList").Call("add", classNear)
				a.page.near = append(a.page.near, p)
			}
		}
	}
	r := el.Call("getBoundingClientRect")
	h := js.Global().Get("innerHeight").Float()
	far := r.Get("top").Float() > 2*h || r.Get("bottom").Float() < -h
	behavior := "smooth"
	if far {
		behavior = "instant"
	}
	el.Call("scrollIntoView", map[string]any{"block": "center", "behavior": behavior})
	el.Call("focus", noScroll)
	if far {
		a.page.jumpTo, a.page.jumpLeft = id, jumpFrames
		a.queueFrame()
	}
}

// checkJump runs in the frames after a far jump: it puts the target back
// in view when the layout around it moved it out.
func (a *app) checkJump() {
	if a.page.jumpLeft == 0 {
		return
	}
	a.page.jumpLeft--
	el := a.queryFocus(a.page.jumpTo)
	if el.IsNull() {
		a.page.jumpLeft = 0
		return
	}
	r := el.Call("getBoundingClientRect")
	if r.Get("bottom").Float() < 0 || r.Get("top").Float() > js.Global().Get("innerHeight").Float() {
		el.Call("scrollIntoView", map[string]any{"block": "center", "behavior": "instant"})
	}
	if a.page.jumpLeft > 0 {
		a.queueFrame()
	}
}
