//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"

	"github.com/spanmark/spanmark/wasm/dom"
)

// Focus and the caret: the article is one tab stop in which the arrow
// keys move a caret (drawn by #caret, since the article is not editable)
// and [ and ] move focus between highlights; focus never falls to <body>
// when the element that had it is hidden or repainted away (keepFocus).

// noScroll is the option of HTMLElement.focus that keeps the page still.
var noScroll = js.ValueOf(map[string]any{"preventScroll": true})

// idCaret is the element that draws the caret in the article (style.css).
const idCaret = "caret"

func (a *app) wireFocus() {
	c := dom.Create("div", "", "")
	c.Set("id", idCaret)
	c.Call("setAttribute", "aria-hidden", "true")
	c.Set("hidden", true)
	dom.Document().Get("body").Call("append", c)
	a.caret = c
	a.lastFocus = js.Null()
	dom.On(dom.Document(), "focusin", func(ev js.Value) {
		a.lastFocus = ev.Get("target")
		a.page.toolbarDue = true // the caret shows only while the article has focus (focus elsewhere hides it)
		a.queueFrame()
	})
	// A menu (the Export menu) closes on a choice, and on Escape
	// (keys.go), with focus back on its summary.
	dom.On(dom.Document(), "click", func(ev js.Value) {
		if b := ev.Get("target").Call("closest", "details.menu .menu-items button"); !b.IsNull() {
			closeMenu(b)
		}
	})
}

// closeMenu closes the open menu around el, if any, and focuses its
// summary; it reports whether there was one.
func closeMenu(el js.Value) bool {
	m := el.Call("closest", "details.menu[open]")
	if m.IsNull() {
		return false
	}
	m.Set("open", false)
	m.Call("querySelector", "summary").Call("focus")
	return true
}

// inArticle reports whether focus is in the article (on it or a highlight).
func (a *app) inArticle() bool {
	f := dom.Document().Get("activeElement")
	return !f.IsNull() && a.el.article.Call("contains", f).Bool()
}

// keepFocus gives focus back when the element that had it was hidden or
// removed: to the selected annotation's highlight, or to the article. It
// runs after each render step, so a closed panel, an undone highlight or a
// hidden toolbar never leaves focus on <body>. A click elsewhere, which
// leaves the last element visible, is left alone.
func (a *app) keepFocus() {
	f := dom.Document().Get("activeElement")
	body := dom.Document().Get("body")
	if !f.IsNull() && !f.Equal(body) {
		return
	}
	last := a.lastFocus
	if last.IsNull() || last.Equal(body) || last.Get("isConnected").Bool() && last.Call("checkVisibility").Bool() {
		return
	}
	to := a.el.article
	if a.selected != "" {
		if el := a.queryFocus(a.selected); !el.IsNull() {
			to = el
		}
	}
	to.Call("focus", noScroll)
}

// moveCaret moves the caret in the article, or with extend the end of the
// selection, by the unit of key: a character (a word with ctrl) for the
// left and right arrows, a line (a paragraph with ctrl) for up and down,
// and to the line's start or end for Home and End. With no selection in the
// article it starts at the focused highlight or the first paragraph in
// view.
func (a *app) moveCaret(key string, extend, ctrl bool) bool {
	sel := js.Global().Call("getSelection")
	if sel.Get("rangeCount").Int() == 0 || !a.el.article.Call("contains", sel.Get("anchorNode")).Bool() {
		at := dom.Document().Get("activeElement")
		if !a.el.article.Call("contains", at).Bool() || at.Equal(a.el.article) {
			at = a.firstVisibleParagraph()
		}
		if at.IsNull() {
			return false
		}
		sel.Call("collapse", at, 0)
	}
	dir, unit := "forward", "character"
	switch key {
	case "ArrowLeft", "ArrowRight":
		if ctrl {
			unit = "word"
		}
	case "ArrowUp", "ArrowDown":
		unit = "line"
		if ctrl {
			unit = "paragraph"
		}
	case "Home", "End":
		unit = "lineboundary"
	}
	if key == "ArrowLeft" || key == "ArrowUp" || key == "Home" {
		dir = "backward"
	}
	alter := "move"
	if extend {
		alter = "extend"
	}
	sel.Call("modify", alter, dir, unit)
	if !a.inArticle() {
		a.el.article.Call("focus", noScroll)
	}
	a.page.toolbarDue = true
	a.queueFrame()
	return true
}

// placeCaret draws the caret at a collapsed selection in the focused
// article, and hides it otherwise.
func (a *app) placeCaret() {
	sel := js.Global().Call("getSelection")
	if sel.Get("rangeCount").Int() == 0 || !sel.Get("isCollapsed").Bool() || !a.inArticle() ||
		!a.el.article.Call("contains", sel.Get("anchorNode")).Bool() {
		a.caret.Set("hidden", true)
		return
	}
	// A caret at the end of a text node has a box; one between elements
	// may not, and then is not drawn.
	r := sel.Call("getRangeAt", 0).Call("getBoundingClientRect")
	if r.Get("height").Float() == 0 {
		a.caret.Set("hidden", true)
		return
	}
	st := a.caret.Get("style")
	px := func(f float64) string { return strconv.Itoa(int(f)) + "px" }
	st.Call("setProperty", "left", px(r.Get("left").Float()+js.Global().Get("scrollX").Float()))
	st.Call("setProperty", "top", px(r.Get("top").Float()+js.Global().Get("scrollY").Float()))
	st.Call("setProperty", "height", px(r.Get("height").Float()))
	a.caret.Set("hidden", false)
}

// moveHighlight moves focus to the next highlight after the focused one
// or the caret (back: the one before), and puts the caret at its start,
// so that the arrows go on from there.
func (a *app) moveHighlight(back bool) bool {
	a.settle()
	all := a.el.article.Call("querySelectorAll", "[data-first]")
	from := dom.Document().Get("activeElement")
	if focusOf(from) == "" {
		from = js.Undefined()
		if sel := js.Global().Call("getSelection"); sel.Get("rangeCount").Int() > 0 {
			from = sel.Get("focusNode")
		}
	}
	// compareDocumentPosition: 4 is FOLLOWING, 2 PRECEDING (with 8,
	// CONTAINS, for the highlight the caret is in).
	want := 4
	if back {
		want = 2
	}
	pick := js.Null()
	for i := range all.Length() {
		el := all.Index(i)
		if !from.IsUndefined() && from.Call("compareDocumentPosition", el).Int()&(want|8) != want {
			continue
		}
		pick = el
		if !back {
			break
		}
	}
	if !pick.IsNull() {
		pick.Call("focus")
		js.Global().Call("getSelection").Call("collapse", pick, 0)
	}
	return true
}

// focusToolbar moves focus to the first button of the selection's toolbar
// when it shows, for Tab from the article.
func (a *app) focusToolbar() bool {
	if a.el.toolbar.Get("hidden").Bool() {
		return false
	}
	b := a.el.toolbar.Call("querySelector", "button")
	if b.IsNull() {
		return false
	}
	b.Call("focus")
	return true
}
