//go:build js && wasm

package main

import (
	"runtime"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The article is one <p data-p=i data-start=offset> per paragraph of the
// document, in parts of annotations.PartSize paragraphs (the markup is
// annotations.Article's, which the build also writes for the sample), the
// inside of each written as one escaped HTML string by
// annotations.Highlighter, so that a change repaints only the paragraphs
// it touches with one DOM write each.

// para returns paragraph i's element; i must be below a.page.shown.
func (a *app) para(i int) js.Value {
	return a.el.parts.Index(i / annotations.PartSize).Get("children").Index(i % annotations.PartSize)
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
	a.labelsNow()
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
	if a.page.reveal {
		a.page.reveal = false
		a.reveal()
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
	a.jr.typed = nil // the journal of the document shown before stays stored
	a.gen++          // work begun on the document shown before gives up
	a.hl = annotations.NewHighlighter(set.Schema())
	a.selected, a.linkMode = "", false
	a.el.root.Get("classList").Call("remove", classLinking, classReadOnly)
	clear(a.page.dirty)
	a.page.lazy = a.page.lazy[:0]
	if a.gen == 1 {
		// The first document of a visit lists its labels in the first
		// frame, after the page is ready (labelsNow).
		a.page.labelsDue = true
	} else {
		a.applySchema()
	}
	doc := set.Document()
	a.page.article = annotations.NewArticle(doc)
	titleHidden, bylineHidden := headings(a.page.article)
	// Hard-wrapped text shows its lines flowing into paragraphs (style.css).
	a.el.article.Get("classList").Call("toggle", classWrapped, a.page.article.Wrapped)
	a.el.title.Set("textContent", doc.Title)
	a.el.title.Set("hidden", titleHidden)
	paras := doc.Paragraphs()
	a.el.load.Set("hidden", true)
	if !a.adopt(doc) {
		a.el.article.Set("innerHTML", "")
		a.page.shown = 0
		if doc.Len() >= largeArticle {
			a.appendParagraphs(firstSlice)
		} else {
			a.appendParagraphs(doc.Len() + 1)
		}
	}
	a.el.byline.Set("textContent", a.page.article.Byline)
	a.el.byline.Set("hidden", bylineHidden)
	if a.page.shown < len(paras) {
		a.queueRest()
	}
	a.page.detailDue = true
	a.queueFrame()
	// A new document lists its work at once (an import's orphans among
	// it); a large set a moment later, after the article is painted. So
	// does the first document of a visit: the sidebar and overview can
	// follow the first interactive frame (style.css keeps their room).
	if a.gen == 1 {
		a.queueList()
	} else {
		a.showLists()
	}
	a.analysesStale()
	setLastDocument(key)
	dom.Document().Set("title", doc.Title+" · Spanmark")
	a.projectShown()
	a.el.root.Get("dataset").Set("ready", "true") // from the first article on (web/boot.js)
}

// headings reports whether #doc-title and #doc-byline above the article
// are hidden. The byline shows under the title: drawn by CSS from the
// title paragraph's data-byline when the title is the first paragraph,
// else in #doc-byline under #doc-title. web/boot.js shows a kept article
// the same way (keepFirst).
func headings(ar annotations.Article) (titleHidden, bylineHidden bool) {
	return ar.TitlePara, ar.Byline == "" || ar.TitlePara
}

// adopt takes over the paragraphs already in #article when they are the
// plain article of doc, marked with data-doc, the document's id: the
// sample the build wrote into the page (tools/internal/site,
// prerender.go), or the first parts of the article a person worked on
// last, which web/boot.js wrote from what keepFirst gave it. The text then
// stays as it is through start-up, with no layout shift; only the
// paragraphs with highlights are repainted, and the rest of a longer
// article is appended (queueRest).
// It reports whether it did. Either way the mark goes: from now on the
// article is the program's. Kept paragraphs of another text are dropped
// from what web/boot.js keeps too (the site's file behind ?article= has
// changed, say): shown on the next visit, they would give way again.
func (a *app) adopt(doc *annotations.Document) bool {
	ds := a.el.article.Get("dataset")
	mark := ds.Get("doc")
	if mark.Type() != js.TypeString {
		return false
	}
	kept := ds.Get("kept").Type() == js.TypeString
	ds.Delete("doc")
	ds.Delete("kept")
	if mark.String() != doc.ID {
		if kept {
			a.keep(js.Null())
		}
		return false
	}
	n, all := a.el.article.Call("querySelectorAll", paraBlock).Length(), len(doc.Paragraphs())
	// The first whole parts, from web/boot.js (keepFirst), or all of it.
	if n > all || (n < all && (n == 0 || n%annotations.PartSize != 0)) {
		return false
	}
	a.page.shown = n
	for i := range n {
		if len(a.set.InParagraph(i)) > 0 {
			a.page.dirty[i] = true
		}
	}
	a.paint()
	return true
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
// page, at least one and about size code points of text, whole parts, in
// one write.
func (a *app) appendParagraphs(size int) {
	doc := a.set.Document()
	paras := doc.Paragraphs()
	rs := doc.Runes()
	b := a.page.buf[:0]
	b, a.page.shown = a.page.article.AppendParagraphs(b, a.page.shown, size, func(b []byte, i int) []byte {
		return a.hl.AppendParagraph(b, rs, paras[i].Start, paras[i].End, a.set.InParagraph(i), a.selected)
	})
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
	var todo []int
	for i := range min(a.page.shown, len(set.Document().Paragraphs())) {
		if len(old.InParagraph(i)) > 0 || len(set.InParagraph(i)) > 0 {
			todo = append(todo, i)
		}
	}
	// The paragraphs in view are read from the layout before anything
	// changes on the page: after the new schema's colours and buttons, the
	// reads would lay out the whole article again, a long task.
	first, last := 0, -1
	if len(todo) > eagerRepaint {
		first = a.firstVisibleIndex()
		last = a.lastVisibleIndex(first)
	}
	a.set = set
	a.hl = annotations.NewHighlighter(set.Schema())
	a.selected, a.linkMode = "", false
	a.el.root.Get("classList").Call("remove", classLinking)
	a.applySchema()
	if len(todo) <= eagerRepaint {
		for _, i := range todo {
			a.page.dirty[i] = true
		}
	} else {
		// In view first; the rest from there downwards, then upwards.
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
	a.projectChanged() // an import's count and status in the project panel
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
	// Binary searches on the bottoms, a few layout reads, not n: first of
	// the parts, whose boxes are known without laying out their
	// paragraphs (web/style.css skips those off screen: reading one of
	// them would lay it out), then of the paragraphs of the part found.
	bottom := func(v js.Value) float64 { return v.Call("getBoundingClientRect").Get("bottom").Float() }
	lo, hi := 0, (a.page.shown+annotations.PartSize-1)/annotations.PartSize
	for lo < hi {
		m := (lo + hi) / 2
		if bottom(a.el.parts.Index(m)) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	lo, hi = lo*annotations.PartSize, min(a.page.shown, (lo+1)*annotations.PartSize)
	for lo < hi {
		m := (lo + hi) / 2
		if bottom(a.para(m)) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return min(lo, a.page.shown)
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

// paceStep is how many annotations an import decodes, checks or adds
// between two calls of its pace function: well under a millisecond.
const paceStep = 64

// pace returns a function that yields to the browser (yieldToBrowser)
// when paceBudget milliseconds of work have passed since it last did, for
// work done in steps on the main thread: it stays far from a long task
// (50 ms) without a pause after every small step. Call it only from a
// goroutine.
func pace() func() {
	perf := js.Global().Get("performance")
	last := perf.Call("now").Float()
	return func() {
		if perf.Call("now").Float()-last >= paceBudget {
			yieldToBrowser()
			last = perf.Call("now").Float()
		}
	}
}

// paceBudget is the work between two yields of pace, in milliseconds.
const paceBudget = 20

// yieldToBrowser blocks until the browser has run its event loop once
// (a zero timeout, so that it may paint; unlike an animation frame it also
// fires in a hidden tab). Call it only from a goroutine.
func yieldToBrowser() {
	ch := make(chan struct{})
	dom.After(0, func() { close(ch) })
	<-ch
	runtime.Gosched()
}
