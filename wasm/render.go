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
// touches with one DOM write each, within a frame at 10,000 annotations. The
// paragraphs are grouped in parts, <div class="part">, of partSize each:
// a part out of view skips style, layout and paint as a whole
// (content-visibility in style.css), so that a frame's cost follows the
// part in view rather than the length of the article.

// partSize is the number of paragraphs per part.
const partSize = 64

// para returns paragraph i's element; i must be below a.page.shown.
func (a *app) para(i int) js.Value {
	return a.el.parts.Index(i / partSize).Get("children").Index(i % partSize)
}

// queueFrame asks for one render step in the next animation frame.
func (a *app) queueFrame() {
	if !a.page.frameQueued {
		a.page.frameQueued = true
		a.page.frame.Request()
	}
}

// render runs once per animation frame when something is queued: it
// repaints what is still dirty and updates the toolbar, detail panel and
// undo buttons.
func (a *app) render() {
	a.page.frameQueued = false
	if a.set == nil {
		return
	}
	a.paint()
	if a.page.toolbarDue {
		a.page.toolbarDue = false
		a.placeToolbar()
		a.placeCaret()
	}
	if a.page.detailDue {
		a.page.detailDue = false
		a.renderDetail()
		a.page.arcsDue = true
	}
	if a.page.arcsDue {
		a.page.arcsDue = false
		a.drawArcs()
	}
	if a.page.overviewDue {
		a.page.overviewDue = false
		a.renderOverview()
	}
	a.checkJump()
	a.el.undo.Set("disabled", !a.set.CanUndo())
	a.el.redo.Set("disabled", !a.set.CanRedo())
	a.keepFocus()
}

// paint is the one place that writes the article: it repaints the dirty
// paragraphs, one innerHTML write each, and gives focus back to the
// highlight that had it. A change paints at once (see changed), so that
// the page and the model never disagree after an event; everything else
// waits for the frame.
func (a *app) paint() {
	if len(a.page.dirty) == 0 || a.set == nil {
		return
	}
	focusID := ""
	if f := dom.Document().Get("activeElement"); !f.IsNull() && a.el.article.Call("contains", f).Bool() {
		focusID = focusOf(f)
	}
	doc := a.set.Document()
	paras := doc.Paragraphs()
	for i := range a.page.dirty {
		if i < 0 || i >= len(paras) || i >= a.page.shown {
			continue // not on the page yet: appended as it is now
		}
		a.page.buf = a.hl.AppendParagraph(a.page.buf[:0], doc.Runes(), paras[i].Start, paras[i].End, a.set.InParagraph(i), a.selected)
		a.para(i).Set("innerHTML", string(a.page.buf))
	}
	clear(a.page.dirty)
	if focusID != "" {
		// Its paragraph is on the page (it had focus): no need to settle.
		if el := a.queryFocus(focusID); !el.IsNull() {
			el.Call("focus", map[string]any{"preventScroll": true})
		}
	}
}

// focusElement returns the element that takes focus for annotation id,
// or null, after putting every pending paragraph on the page.
func (a *app) focusElement(id string) js.Value {
	a.settle()
	return a.queryFocus(id)
}

func (a *app) queryFocus(id string) js.Value {
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
// on the page in steps: the first screenfuls at once, so that the page is
// ready to read and label, and the rest in slices between frames.
const largeArticle = 200_000

// Slices of a large article, in code points: the first part, written with
// the page's first frame, holds far more than a screen; the later ones are
// small enough that a slice and the frame after it stay short.
const (
	firstSlice = 30_000
	nextSlice  = 40_000
)

// show makes set the current work and puts its article on the page. rev
// is the stored revision it was read from (0 for new work). A large
// article shows its beginning at once and appends the rest in slices
// between frames (queueRest); the work can be edited meanwhile, since
// every paragraph is written from the current set when it is appended.
func (a *app) show(set *annotations.Set, rev int) { a.showKey(set.Document().ID, set, rev) }

// showKey shows set as the document stored under key.
func (a *app) showKey(key string, set *annotations.Set, rev int) {
	a.set, a.key = set, key
	a.tab.Show(key, rev)
	a.gen++ // work begun on the document shown before gives up
	a.all = nil
	a.hl = annotations.NewHighlighter(set.Schema())
	a.selected, a.linkMode = "", false
	a.el.root.Get("classList").Call("remove", classLinking, classReadOnly)
	clear(a.page.dirty)
	a.page.lazy = a.page.lazy[:0]
	a.applySchema()
	doc := set.Document()
	a.el.title.Set("textContent", doc.Title)
	paras := doc.Paragraphs()
	rs := doc.Runes()
	// The title shows as the heading; when it is the first paragraph, that
	// paragraph is styled as the heading instead, so its text stays
	// annotatable at its offsets.
	a.page.titlePara = len(paras) > 0 && strings.TrimSpace(string(rs[paras[0].Start:paras[0].End])) == doc.Title
	a.el.title.Set("hidden", a.page.titlePara)
	byline := ""
	for i, p := range paras {
		if !(i == 0 && a.page.titlePara) && annotations.IsByline(rs[p.Start:p.End]) {
			byline = string(rs[p.Start:p.End])
			break
		}
	}
	a.el.article.Set("innerHTML", "")
	// Hard-wrapped text shows its lines flowing into paragraphs (style.css).
	a.page.wrapped = doc.IsHardWrapped()
	a.el.article.Get("classList").Call("toggle", classWrapped, a.page.wrapped)
	a.page.shown = 0
	a.el.load.Set("hidden", true)
	if doc.Len() >= largeArticle {
		a.appendParagraphs(firstSlice)
	} else {
		a.appendParagraphs(doc.Len() + 1)
	}
	// The byline shows under the title: drawn by CSS from data-byline when
	// the title is the first paragraph (so no text node shifts an offset),
	// else in #doc-byline under #doc-title.
	a.el.byline.Set("textContent", byline)
	a.el.byline.Set("hidden", byline == "" || a.page.titlePara)
	if a.page.titlePara && byline != "" {
		a.para(0).Call("setAttribute", "data-byline", byline)
	}
	if a.page.shown < len(paras) {
		a.queueRest()
	}
	a.page.detailDue = true
	a.queueFrame()
	// A new document lists its work at once (an import's orphans among
	// it); a large set a moment later, after the article is painted.
	a.showLists()
	a.analysesStale()
	setLastDocument(key)
	dom.Document().Set("title", doc.Title+" · Spanmark")
	a.projectShown()
	a.el.root.Get("dataset").Set("ready", "true") // from the first article on (web/boot.js)
}

// showLists renders the sidebar and overview of a newly shown set: at
// once (the overview in the next frame) when it is small, after the
// debounce when it is large.
func (a *app) showLists() {
	if a.set.Len() >= largeSet {
		a.queueList()
		return
	}
	a.renderList()
	// The overview reads the layout: in the frame, after the article.
	a.page.overviewDue = true
	a.queueFrame()
}

// appendParagraphs appends the next paragraphs of the article to the
// page, at least one and about size code points of text, in one write.
func (a *app) appendParagraphs(size int) {
	doc := a.set.Document()
	paras := doc.Paragraphs()
	rs := doc.Runes()
	b := a.page.buf[:0]
	// Whole parts: a slice ends where a part does (or at the end).
	for n := 0; a.page.shown < len(paras) && (n < size || a.page.shown%partSize != 0); a.page.shown++ {
		i, p := a.page.shown, paras[a.page.shown]
		n += p.End - p.Start + 1
		if i%partSize == 0 {
			b = append(b, `<div class="`+classPart+`">`...)
		}
		class := ""
		if i == 0 && a.page.titlePara {
			class = classTitle
		} else if annotations.IsByline(rs[p.Start:p.End]) {
			class = classByline
		} else if a.page.wrapped && doc.StartsBlock(i) {
			class = classBlock
		}
		b = append(b, `<p data-p="`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `" data-start="`...)
		b = strconv.AppendInt(b, int64(p.Start), 10)
		if class != "" {
			b = append(b, `" class="`...)
			b = append(b, class...)
		}
		if class == classTitle {
			// The page's h1 then: #doc-title is hidden.
			b = append(b, `" role="heading" aria-level="1`...)
		}
		b = append(b, `">`...)
		b = a.hl.AppendParagraph(b, rs, p.Start, p.End, a.set.InParagraph(i), a.selected)
		b = append(b, "</p>"...)
		if i%partSize == partSize-1 || i == len(paras)-1 {
			b = append(b, "</div>"...)
		}
	}
	if len(b) > 0 {
		a.el.article.Call("insertAdjacentHTML", "beforeend", string(b))
	}
	if cap(b) <= 1<<16 {
		a.page.buf = b // keep a small buffer for repaints, not a whole article
	}
}

// replace makes set the current work on the document already shown (an
// import onto it), repainting only the paragraphs whose highlights may
// differ: at once those in view, and the others in slices after it when
// there are many (queueRest), so the import shows without waiting for
// the whole article.
func (a *app) replace(set *annotations.Set) {
	old := a.set
	a.set = set
	a.all = nil
	a.hl = annotations.NewHighlighter(set.Schema())
	a.selected, a.linkMode = "", false
	a.el.root.Get("classList").Call("remove", classLinking)
	a.applySchema()
	var todo []int
	for i := range min(a.page.shown, len(set.Document().Paragraphs())) {
		if len(old.InParagraph(i)) > 0 || len(set.InParagraph(i)) > 0 {
			todo = append(todo, i)
		}
	}
	if len(todo) <= eagerRepaint {
		for _, i := range todo {
			a.page.dirty[i] = true
		}
	} else {
		// In view first; the rest from there downwards, then upwards.
		first := a.firstVisibleIndex()
		last := a.lastVisibleIndex(first)
		a.page.lazy = a.page.lazy[:0]
		for _, i := range todo {
			switch {
			case i >= first && i <= last:
				a.page.dirty[i] = true
			case i > last:
				a.page.lazy = append(a.page.lazy, i)
			}
		}
		for j := len(todo) - 1; j >= 0; j-- {
			if todo[j] < first {
				a.page.lazy = append(a.page.lazy, todo[j])
			}
		}
		a.queueRest()
	}
	a.paint()
	a.page.detailDue = true
	a.queueFrame()
	a.showLists()
	a.analysesStale()
}

// eagerRepaint is the number of paragraphs up to which a new set on the
// same document is repainted at once.
const eagerRepaint = 200

// lazySlice is how many paragraphs of a.page.lazy queueRest repaints per
// tick.
const lazySlice = 100

// queueRest asks for the page's deferred work, a slice per timer tick, so
// that frames and edits run in between: first the repaints that replace
// left for later (a.page.lazy), then the rest of a large article. Each
// tick works on what is current then, so a document shown meanwhile
// cancels nothing: show empties a.page.lazy and resets a.page.shown, and
// the ticks go on with the new document's rest.
func (a *app) queueRest() {
	if a.page.resting {
		return
	}
	a.page.resting = true
	dom.After(0, func() {
		a.page.resting = false
		switch {
		case a.set == nil:
			return
		case len(a.page.lazy) > 0:
			n := min(lazySlice, len(a.page.lazy))
			for _, i := range a.page.lazy[:n] {
				a.page.dirty[i] = true
			}
			a.page.lazy = a.page.lazy[n:]
			a.paint()
		case a.page.shown < len(a.set.Document().Paragraphs()):
			a.appendParagraphs(nextSlice)
		default:
			return
		}
		a.queueRest()
	})
}

// settle puts the whole article and every pending repaint on the page
// now, for what looks up highlights in it (focus, selection, scrolling
// to an annotation).
func (a *app) settle() {
	if a.set == nil {
		return
	}
	for _, i := range a.page.lazy {
		a.page.dirty[i] = true
	}
	a.page.lazy = a.page.lazy[:0]
	a.paint()
	for a.page.shown < len(a.set.Document().Paragraphs()) {
		a.appendParagraphs(1 << 30)
	}
}

// firstVisibleIndex returns the index of the first paragraph on the page
// whose box reaches into the viewport, or a.page.shown when there is none.
func (a *app) firstVisibleIndex() int {
	// Binary search on the paragraphs' bottoms: a few layout reads, not n.
	lo, hi := 0, a.page.shown
	for lo < hi {
		m := (lo + hi) / 2
		if a.para(m).Call("getBoundingClientRect").Get("bottom").Float() < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// lastVisibleIndex returns the index of the last paragraph from first on
// whose top is inside the viewport (at most a screenful of paragraphs).
func (a *app) lastVisibleIndex(first int) int {
	h := js.Global().Get("innerHeight").Float()
	last := first
	for i := first; i < a.page.shown && i < first+eagerRepaint; i++ {
		if a.para(i).Call("getBoundingClientRect").Get("top").Float() > h {
			break
		}
		last = i
	}
	return last
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
