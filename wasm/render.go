//go:build js && wasm

package main

import (
	"runtime"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The article is one <p data-p=i data-start=offset> per paragraph of the
// document, each written as one escaped HTML string by
// annotations.Highlighter, so that a change repaints only the paragraphs it
// touches with one DOM write each (see the speed notes in issue 4).

func (a *app) wireRender() {
	dom.On(dom.Document(), "visibilitychange", func(js.Value) {
		if dom.Document().Get("visibilityState").String() == "hidden" {
			// The tab may be closed or killed next: save now.
			go a.flush()
		}
	})
}

// queueFrame asks for one render step in the next animation frame.
func (a *app) queueFrame() {
	if !a.frameQueued {
		a.frameQueued = true
		a.frame.Request()
	}
}

// render runs once per animation frame when something is queued: it
// repaints what is still dirty and updates the toolbar, detail panel and
// undo buttons.
func (a *app) render() {
	a.frameQueued = false
	if a.set == nil || a.loading {
		return
	}
	a.paint()
	if a.toolbarDue {
		a.toolbarDue = false
		a.placeToolbar()
	}
	if a.detailDue {
		a.detailDue = false
		a.renderDetail()
	}
	a.el.undo.Set("disabled", !a.set.CanUndo())
	a.el.redo.Set("disabled", !a.set.CanRedo())
}

// paint is the one place that writes the article: it repaints the dirty
// paragraphs, one innerHTML write each, and gives focus back to the
// highlight that had it. A change paints at once (see changed), so that
// the page and the model never disagree after an event; everything else
// waits for the frame.
func (a *app) paint() {
	if len(a.dirty) == 0 || a.set == nil || a.loading {
		return
	}
	focusID := ""
	if f := dom.Document().Get("activeElement"); !f.IsNull() && a.el.article.Call("contains", f).Bool() {
		focusID = focusOf(f)
	}
	doc := a.set.Document()
	paras := doc.Paragraphs()
	for i := range a.dirty {
		if i < 0 || i >= len(paras) {
			continue
		}
		a.buf = a.hl.AppendParagraph(a.buf[:0], doc.Runes(), paras[i].Start, paras[i].End, a.set.InParagraph(i), a.selected)
		a.el.paras.Index(i).Set("innerHTML", string(a.buf))
	}
	clear(a.dirty)
	if focusID != "" {
		if el := a.focusElement(focusID); !el.IsNull() {
			el.Call("focus", map[string]any{"preventScroll": true})
		}
	}
}

// focusElement returns the element that takes focus for annotation id, or null.
func (a *app) focusElement(id string) js.Value {
	return a.el.article.Call("querySelector", `[data-first~="`+cssEscape(id)+`"]`)
}

// focusOf returns the annotation whose focus element el is: the first id
// of its data-first (see annotations.Highlighter), or "".
func focusOf(el js.Value) string {
	if el.Type() != js.TypeObject || el.Get("nodeType").Int() != 1 {
		return ""
	}
	v := el.Call("getAttribute", "data-first")
	if v.IsNull() {
		return ""
	}
	if f := strings.Fields(v.String()); len(f) > 0 {
		return f[0]
	}
	return ""
}

// runsOf returns the highlight runs of annotation id.
func (a *app) runsOf(id string) js.Value {
	return a.el.article.Call("querySelectorAll", `[data-ids~="`+cssEscape(id)+`"]`)
}

// cssEscape wraps CSS.escape, for ids inside attribute selectors; ids come
// from files and may hold anything.
func cssEscape(s string) string {
	return js.Global().Get("CSS").Call("escape", s).String()
}

// largeArticle is the size, in code points, from which an article is put
// on the page in steps with a progress bar; below it one write is faster
// than the bar would be visible.
const largeArticle = 200_000

// show makes set the current work and puts its article on the page. rev
// is the stored revision it was read from (0 for new work). Large
// articles go in chunks between frames with a progress bar, so the page
// stays responsive; show blocks while they do, so call it from a
// goroutine.
func (a *app) show(set *annotations.Set, rev int) {
	a.set, a.rev = set, rev
	a.hl = annotations.NewHighlighter(set.Schema())
	a.selected, a.linkMode, a.readOnly, a.unsaved = "", false, "", false
	a.el.root.Get("classList").Call("remove", classLinking, classReadOnly)
	clear(a.dirty)
	a.applySchema()
	doc := set.Document()
	a.el.title.Set("textContent", doc.Title)
	paras := doc.Paragraphs()
	rs := doc.Runes()
	// The title shows as the heading; when it is the first paragraph, that
	// paragraph is styled as the heading instead, so its text stays
	// annotatable at its offsets.
	titlePara := len(paras) > 0 && strings.TrimSpace(string(rs[paras[0].Start:paras[0].End])) == doc.Title
	a.el.title.Set("hidden", titlePara)
	byline := ""
	a.loading = true
	a.el.article.Set("innerHTML", "")
	large := doc.Len() >= largeArticle
	if large {
		a.el.load.Set("hidden", false)
		a.el.loadBar.Set("value", 0)
	}
	var b []byte
	const chunk = 400 // paragraphs per step of a large article
	for i, p := range paras {
		class := ""
		if i == 0 && titlePara {
			class = classTitle
		} else if isByline(rs[p.Start:p.End]) {
			class = classByline
			if byline == "" {
				byline = string(rs[p.Start:p.End])
			}
		}
		b = append(b, `<p data-p="`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `" data-start="`...)
		b = strconv.AppendInt(b, int64(p.Start), 10)
		if class != "" {
			b = append(b, `" class="`...)
			b = append(b, class...)
		}
		b = append(b, `">`...)
		b = a.hl.AppendParagraph(b, rs, p.Start, p.End, set.InParagraph(i), "")
		b = append(b, "</p>"...)
		if large && (i+1)%chunk == 0 {
			a.el.article.Call("insertAdjacentHTML", "beforeend", string(b))
			b = b[:0]
			a.el.loadBar.Set("value", float64(i+1)/float64(len(paras)))
			yieldToBrowser()
		}
	}
	a.el.article.Call("insertAdjacentHTML", "beforeend", string(b))
	a.el.load.Set("hidden", true)
	// The byline shows under the title: drawn by CSS from data-byline when
	// the title is the first paragraph (so no text node shifts an offset),
	// else in #doc-byline under #doc-title.
	a.el.byline.Set("textContent", byline)
	a.el.byline.Set("hidden", byline == "" || titlePara)
	if titlePara && byline != "" {
		a.el.paras.Index(0).Call("setAttribute", "data-byline", byline)
	}
	a.loading = false
	a.detailDue = true
	a.queueFrame()
	// A new document lists its work at once (an import's orphans among it).
	a.renderList()
	a.renderOverview()
	setLastDocument(doc.ID)
	dom.Document().Set("title", doc.Title+" · Spanmark")
	a.readyOnce.Do(func() { a.el.root.Get("dataset").Set("ready", "true") })
}

// isByline reports whether a paragraph reads as a byline: short, and
// starting "By" or "Edited by".
func isByline(rs []rune) bool {
	if len(rs) > 120 {
		return false
	}
	s := strings.ToLower(strings.TrimSpace(string(rs)))
	return strings.HasPrefix(s, "by ") || strings.HasPrefix(s, "edited by ") || strings.HasPrefix(s, "written by ")
}

// yieldToBrowser blocks until the browser has run its event loop once
// (a zero timeout, so that it may paint; unlike an animation frame it also
// fires in a hidden tab). Call it only from a goroutine.
func yieldToBrowser() {
	ch := make(chan struct{})
	dom.After(0, func() { close(ch) })
	<-ch
	runtime.Gosched()
}
