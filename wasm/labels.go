//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The labels of the schema drive the toolbar at the selection, the label
// buttons of the detail panel and the label filter. Their colours reach
// the stylesheet as custom properties --l0 … --l7 set through the CSSOM
// (inline style attributes are blocked by the page's CSP).

// applySchema rebuilds everything that lists the labels. a.hl must be
// the highlighter of the current schema: its slots are the styles.
func (a *app) applySchema() {
	a.page.labelsDue = false
	s := a.set.Schema()
	style := a.el.root.Get("style")
	a.el.toolbar.Set("textContent", "")
	a.el.detailLabels.Set("textContent", "")
	a.el.filterLabel.Set("textContent", "")
	a.el.filterLabel.Call("append", option("", "All labels"))
	for _, l := range s.Labels {
		slot := strconv.Itoa(max(0, a.hl.Slot(l.ID))) // the highlighter's slot, as the article uses
		// A default label in its default colour takes the theme's colour
		// for its slot, which meets the contrast rules in light and dark
		// (web/style.css); a schema's own colour replaces it in both,
		// under the badge text it was checked with
		// (annotations.CheckReadable), where the dark theme's is dark.
		if l.Color != "" && !isDefaultColor(l) {
			style.Call("setProperty", "--l"+slot, l.Color)
			style.Call("setProperty", "--o"+slot, annotations.BadgeText)
		} else {
			style.Call("removeProperty", "--l"+slot)
			style.Call("removeProperty", "--o"+slot)
		}
		a.el.toolbar.Call("append", labelButton(l, slot, "Label the selection "+l.Name))
		a.el.detailLabels.Call("append", labelButton(l, slot, "Change the label to "+l.Name))
		a.el.filterLabel.Call("append", option(l.ID, l.Name))
	}
	a.el.linkType.Set("textContent", "")
	for _, r := range s.Relations {
		a.el.linkType.Call("append", option(r.ID, r.Name))
	}
}

// labelsNow lists the labels if showKey left that to the first frame:
// what reads the lists before it calls it first. The page is ready
// sooner without them: the buttons are many DOM calls, and code that the
// browser compiles on its first call, while nothing shows them before
// the first frame (the toolbar and the detail panel are hidden, the
// label filter lists "All labels" by default).
func (a *app) labelsNow() {
	if a.page.labelsDue && a.set != nil {
		a.applySchema()
	}
}

// isDefaultColor reports whether l has the colour annotations.DefaultSchema
// gives the label of its id.
func isDefaultColor(l annotations.Label) bool {
	d, ok := annotations.DefaultSchema().Label(l.ID)
	return ok && asciiLower(d.Color) == asciiLower(l.Color)
}

// asciiLower lower-cases the ASCII letters of s, enough for "#rrggbb"
// (strings.EqualFold would link Unicode's case tables into the wasm).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// labelButton returns a button[data-label] showing the label's badge,
// name and key.
func labelButton(l annotations.Label, slot, title string) js.Value {
	b := dom.Create("button", "label-btn in-l"+slot, "")
	b.Set("type", "button")
	b.Call("setAttribute", "data-label", l.ID)
	t := title
	if l.Key != "" {
		t += " (key " + l.Key + ")"
		b.Call("setAttribute", "aria-keyshortcuts", l.Key)
	}
	if l.Description != "" {
		t += ": " + l.Description
	}
	b.Set("title", t)
	b.Call("append", dom.Create("span", "badge", annotations.Badge(l)), dom.Create("span", "name", l.Name))
	if l.Key != "" {
		b.Call("append", dom.Create("kbd", "", l.Key))
	}
	return b
}

func option(value, text string) js.Value {
	o := dom.Create("option", "", text)
	o.Set("value", value)
	return o
}

// appendOption appends <option value=value>text</option> to b, both
// escaped: for lists long enough that one innerHTML write beats a DOM
// call per option.
func appendOption(b []byte, value, text string) []byte {
	b = append(b, `<option value="`...)
	b = annotations.AppendEscaped(b, value)
	b = append(b, `">`...)
	b = annotations.AppendEscaped(b, text)
	return append(b, `</option>`...)
}

// labelSelection labels the text selected in the article.
func (a *app) labelSelection(label string) bool {
	start, end, ok := a.selectionSpan()
	if !ok {
		return false
	}
	// The selection goes before the edit repaints its paragraph: cleared
	// after, with the paragraph's layout stale, it would make the browser
	// lay the page out once here and again for the frame.
	sel := js.Global().Call("getSelection")
	r := sel.Call("getRangeAt", 0)
	sel.Call("removeAllRanges")
	c, err := a.apply(annotations.Add{Label: label, Start: start, End: end, Snap: a.snap})
	if err != nil {
		sel.Call("addRange", r) // to try another label on it
		a.fail(err)
		return true
	}
	a.hideToolbar()
	if len(c.Added) == 1 {
		a.selectAnnotation(c.Added[0], false)
		l := a.label(label)
		ann, _ := a.set.Annotation(c.Added[0])
		a.say("Labelled “" + clip(ann.Quote, 60) + "” as " + l.Name + ".")
	}
	return true
}

// placeToolbar shows the toolbar above the selection, or hides it when
// nothing in the article is selected. Under a finger (and on a narrow
// screen) it goes below the selection instead, clear of its handles:
// above it is where the phone shows its own menu (copy, share). When
// there is no room below a selection in view, the page scrolls to make
// it; one out of view gets the toolbar at the bottom of the screen.
func (a *app) placeToolbar() {
	if _, _, ok := a.selectionSpan(); !ok || a.tab.ReadOnly {
		a.hideToolbar()
		return
	}
	l, t, _, b, ok := dom.SelectionRect()
	if !ok {
		a.hideToolbar()
		return
	}
	tb := a.el.toolbar
	tb.Set("hidden", false)
	w := tb.Get("offsetWidth").Float()
	h := tb.Get("offsetHeight").Float()
	win := js.Global()
	vw, vh := win.Get("innerWidth").Float(), win.Get("innerHeight").Float()
	top := t - h - 8
	if win.Call("matchMedia", touchMedia).Get("matches").Bool() {
		top = b + handleRoom
		if over := top + h + 8 - vh; over > 0 && t-over > 0 && b <= vh {
			y := win.Get("scrollY").Float()
			win.Call("scrollBy", 0, over)
			top -= win.Get("scrollY").Float() - y // as far as the page could scroll
		}
		top = min(top, vh-h-8)
	}
	if top < 8 {
		top = b + 8
	}
	left := max(8, min(l, vw-w-8))
	st := tb.Get("style")
	st.Call("setProperty", "top", strconv.Itoa(int(top))+"px")
	st.Call("setProperty", "left", strconv.Itoa(int(left))+"px")
}

const (
	// touchMedia matches where the toolbar goes below the selection.
	touchMedia = "(pointer: coarse), (max-width: 800px)"
	// handleRoom is the gap under the selection, in CSS pixels, that
	// leaves room for a phone's selection handles.
	handleRoom = 30
)

func (a *app) hideToolbar() { a.el.toolbar.Set("hidden", true) }

// clip shortens s to n code points with an ellipsis.
func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}
