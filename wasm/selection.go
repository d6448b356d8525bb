//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// paraBlock matches the paragraphs of the article, the blocks in which a
// selection's UTF-16 offsets are counted.
const paraBlock = "p[data-p]"

func (a *app) wireSelection() {
	dom.On(dom.Document(), "selectionchange", func(js.Value) {
		a.page.toolbarDue = true
		a.queueFrame()
	})
	// One delegated listener for every highlight: a listener each would cost
	// a js.Func per highlight, thousands on a long article.
	dom.On(a.el.article, "click", func(ev js.Value) {
		t := ev.Get("target")
		if t.Get("nodeType").Int() != 1 {
			return
		}
		run := t.Call("closest", "[data-ids],[data-first]")
		if run.IsNull() {
			return
		}
		// A click that ends a drag selection labels text, not a highlight.
		if _, _, ok := a.selectionSpan(); ok {
			return
		}
		id := a.pickAt(run)
		if ev.Get("clientY").Float() < run.Call("getBoundingClientRect").Get("top").Float() {
			id = focusOf(run) // on the badge, above the run: its annotation
		}
		if id == "" {
			return
		}
		if a.linkMode && a.selected != "" && id != a.selected {
			a.linkTo(id)
			return
		}
		a.selectAnnotation(id, false)
	})
	// Focus on a highlight does not open it (Enter does): moving through
	// the article must not reflow the page with panels.
	// The toolbar keeps the selection: a press on it must not clear it.
	dom.On(a.el.toolbar, "mousedown", func(ev js.Value) { ev.Call("preventDefault") })
	dom.On(a.el.toolbar, "click", func(ev js.Value) {
		if b := ev.Get("target").Call("closest", "button[data-label]"); !b.IsNull() {
			a.labelSelection(b.Call("getAttribute", "data-label").String())
		}
	})
}

// pickAt returns the annotation a click on run means: the one whose focus
// element it is; else the innermost covering one, or, when that is
// already selected, the next one outwards, so that repeated clicks walk
// through nested highlights.
func (a *app) pickAt(run js.Value) string {
	if run.Call("getAttribute", "data-ids").IsNull() {
		return focusOf(run) // a marker
	}
	v := run.Call("getAttribute", "data-ids")
	if v.IsNull() {
		return ""
	}
	ids := strings.Fields(v.String())
	for i := len(ids) - 1; i >= 0; i-- {
		if ids[i] == a.selected && i > 0 {
			return ids[i-1]
		}
	}
	return ids[len(ids)-1]
}

// selectionSpan returns the text selected in the article as a code point
// span of the document.
func (a *app) selectionSpan() (start, end int, ok bool) {
	if a.set == nil {
		return 0, 0, false
	}
	s, e, ok := dom.Selection(a.el.article, paraBlock)
	if !ok {
		return 0, 0, false
	}
	start, ok1 := a.offsetOf(s)
	end, ok2 := a.offsetOf(e)
	if !ok1 || !ok2 || end <= start {
		return 0, 0, false
	}
	return start, end, true
}

// offsetOf converts a point in a paragraph, in UTF-16 units, to a code
// point offset in the document, looking only at that paragraph's text.
func (a *app) offsetOf(p dom.Point) (int, bool) {
	i, err := strconv.Atoi(p.Block.Call("getAttribute", "data-p").String())
	paras := a.set.Document().Paragraphs()
	if err != nil || i < 0 || i >= len(paras) {
		return 0, false
	}
	pa := paras[i]
	text := string(a.set.Document().Runes()[pa.Start:pa.End])
	return pa.Start + annotations.UTF16ToCodePoint(text, p.Offset), true
}

// selectAnnotation makes id the selected annotation, marks its runs and
// opens the detail panel; with scroll it also brings it into view and
// flashes it. An empty id clears the selection.
func (a *app) selectAnnotation(id string, scroll bool) {
	a.commitFields() // the text typed belongs to the annotation selected before
	if a.selected != "" {
		a.markRuns(a.selected, classSel, false)
	}
	if _, ok := a.set.Annotation(id); !ok {
		id = ""
	}
	a.selected = id
	a.page.detailDue = true
	a.queueFrame()
	if id == "" {
		a.setLinkMode(false)
		return
	}
	a.markRuns(id, classSel, true)
	if scroll {
		a.jump(id)
		a.markRuns(id, classFlash, true)
		dom.After(1200, func() { a.markRuns(id, classFlash, false) })
		return
	}
	a.page.reveal = true
}

// reveal scrolls the start of the selected annotation into view, if it is
// out of it, once the detail panel shows: on a narrow screen the panel is
// a bottom sheet, and the stylesheet's scroll-padding keeps the span
// above it (web/style.css).
func (a *app) reveal() {
	if r := a.el.article.Call("querySelector", ".hl."+classSel); !r.IsNull() {
		r.Call("scrollIntoView", map[string]any{"block": "nearest"})
	}
}

// markRuns adds or removes class on every run of annotation id, without a
// repaint, so that focus and the text selection survive. It looks only in
// the paragraphs the annotation touches: a query over the whole article
// takes tens of milliseconds with thousands of highlights, and this runs
// on every label by key.
func (a *app) markRuns(id, class string, on bool) {
	ann, ok := a.set.Annotation(id)
	if !ok {
		return // deleted: its paragraphs were repainted without it
	}
	first, last := a.set.Document().ParagraphsIn(ann.Start, ann.End)
	if on && (last > a.page.shown || len(a.page.lazy) > 0) {
		a.settle() // every run on the page; a run still to come has no class to remove
	}
	sel := `[data-ids~="` + cssEscape(id) + `"]`
	for i := first; i < min(last, a.page.shown); i++ {
		runs := a.para(i).Call("querySelectorAll", sel)
		for j := range runs.Length() {
			runs.Index(j).Get("classList").Call("toggle", class, on)
		}
	}
}
