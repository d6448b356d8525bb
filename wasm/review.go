//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The review of placements (#review): after a file was placed on a text
// that differs from its own, the person steps through each annotation
// that moved or was placed fuzzily, sees the file's quote and context
// beside the words it landed on, and accepts it, fixes it (selects the
// right words and confirms: annotations.Move) or turns it into an orphan
// (annotations.SetAside). It works from an anchor.Report alone, whoever
// computed it. Fixing and orphaning are edits, undone like any other; an
// item handled leaves the review and an undo does not bring it back.

// review is the open review, or the one offered in #status.
type review struct {
	el     js.Value         // #review
	set    *annotations.Set // the work the report is about; another set ends the review
	items  []anchor.Placement
	at     int
	fixing bool // waiting for the right words to be selected in the article
}

// offerReview says msg, the report of a placing, and offers the review
// when there is something to review.
func (a *app) offerReview(msg string, rep anchor.Report) {
	if !a.rv.el.Get("hidden").Bool() {
		a.closeReview() // the review of an earlier placing
	}
	a.rv = review{el: a.rv.el, set: a.set, items: rep.Moved}
	if len(rep.Moved) == 0 {
		a.say(msg)
		return
	}
	a.offer(msg, "Review "+formatCount(len(rep.Moved), "placement", "placements"), a.openReview)
}

// pending returns the placements still to review: those not handled whose
// annotation is still on the text.
func (a *app) pending() []anchor.Placement {
	if a.rv.set != a.set || a.set == nil {
		return nil
	}
	out := a.rv.items[:0]
	for _, p := range a.rv.items {
		if _, ok := a.set.Annotation(p.ID); ok {
			out = append(out, p)
		}
	}
	a.rv.items = out
	return out
}

func (a *app) wireReview() {
	el := dom.ByID(idReview)
	a.rv.el = el
	// Confirming a fix must not take the selection it reads away.
	dom.On(dom.ByID(idReviewFix), "mousedown", func(ev js.Value) {
		if a.rv.fixing {
			ev.Call("preventDefault")
		}
	})
	dom.On(el, "keydown", func(ev js.Value) {
		handled := true
		switch ev.Get("key").String() {
		case "ArrowRight", "ArrowDown":
			a.stepReview(1)
		case "ArrowLeft", "ArrowUp":
			a.stepReview(-1)
		case "a", "A":
			a.acceptPlacement()
		case "f", "F":
			a.fixPlacement()
		case "o", "O":
			a.orphanPlacement()
		case "Escape":
			a.closeReview()
		default:
			handled = false
		}
		if handled {
			ev.Call("preventDefault")
			ev.Call("stopPropagation") // the page's keys (keys.go) must not act too
		}
	})
}

// reviewCommand runs the review's button with id, and reports whether id
// is one (commands.go).
func (a *app) reviewCommand(id string) bool {
	switch id {
	case idReviewNext:
		a.stepReview(1)
	case idReviewPrev:
		a.stepReview(-1)
	case idReviewAccept:
		a.acceptPlacement()
	case idReviewFix:
		a.fixPlacement()
	case idReviewOrphan:
		a.orphanPlacement()
	case idReviewClose:
		a.closeReview()
	default:
		return false
	}
	return true
}

func (a *app) openReview() {
	a.rv.at = 0
	a.rv.el.Set("hidden", false)
	a.showPlacement()
	dom.ByID(idReviewAccept).Call("focus", noScroll)
}

func (a *app) closeReview() {
	a.rv.fixing = false
	a.rv.el.Set("hidden", true)
	a.el.article.Call("focus", noScroll)
}

func (a *app) stepReview(by int) {
	if ps := a.pending(); len(ps) > 0 {
		a.rv.at = (a.rv.at + by + len(ps)) % len(ps)
	}
	a.showPlacement()
}

// showPlacement fills #review with the current placement and brings its
// span into view, or closes the review when none is left. Text from the
// file and the article is escaped: it reaches the page only as text.
func (a *app) showPlacement() {
	ps := a.pending()
	if len(ps) == 0 {
		if a.rv.set != a.set {
			a.rv.el.Set("hidden", true) // another document or import: nothing to say
		} else if !a.rv.el.Get("hidden").Bool() {
			a.closeReview()
			a.say("Review done: every placement is accepted, fixed or set aside.")
		}
		return
	}
	a.rv.at = min(a.rv.at, len(ps)-1)
	p := ps[a.rv.at]
	cur, _ := a.set.Annotation(p.ID)
	p.To = [2]int{cur.Start, cur.End}
	now := p.After(a.set.Document().Runes())
	var b []byte
	b = annotations.AppendEscaped(b, strconv.Itoa(a.rv.at+1)+" of "+strconv.Itoa(len(ps))+": "+
		a.label(cur.Label).Name+", "+string(p.Method)+", score "+strconv.FormatFloat(p.Score, 'f', 2, 64))
	dom.ByID(idReviewPos).Set("innerHTML", string(b))
	dom.ByID(idReviewWas).Set("innerHTML", string(appendContext(nil, p.Before)))
	dom.ByID(idReviewNow).Set("innerHTML", string(appendContext(nil, now)))
	dom.ByID(idReviewFix).Set("textContent", "Fix")
	a.rv.fixing = false
	if el := a.focusElement(p.ID); !el.IsNull() {
		el.Call("scrollIntoView", map[string]any{"block": "center"})
		a.markRuns(p.ID, classFlash, true)
		dom.After(1200, func() { a.markRuns(p.ID, classFlash, false) })
	}
}

// appendContext appends s as escaped HTML: its prefix, its quote marked,
// its suffix.
func appendContext(b []byte, s annotations.Selector) []byte {
	b = annotations.AppendEscaped(b, s.Prefix)
	b = append(b, "<mark>"...)
	b = annotations.AppendEscaped(b, s.Exact)
	b = append(b, "</mark>"...)
	return annotations.AppendEscaped(b, s.Suffix)
}

// current returns the placement shown, if the review is open.
func (a *app) current() (anchor.Placement, bool) {
	ps := a.pending()
	if a.rv.el.Get("hidden").Bool() || len(ps) == 0 {
		return anchor.Placement{}, false
	}
	return ps[min(a.rv.at, len(ps)-1)], true
}

// drop removes the current placement from the review and shows the next.
func (a *app) drop(id string) {
	for i, p := range a.rv.items {
		if p.ID == id {
			a.rv.items = append(a.rv.items[:i:i], a.rv.items[i+1:]...)
			break
		}
	}
	a.showPlacement()
}

func (a *app) acceptPlacement() {
	if p, ok := a.current(); ok {
		a.drop(p.ID)
	}
}

func (a *app) orphanPlacement() {
	p, ok := a.current()
	if !ok {
		return
	}
	if _, err := a.apply(annotations.SetAside{ID: p.ID, Reason: "set aside in review: placed on the wrong words", Was: p.Before}); err != nil {
		a.fail(err)
		return
	}
	a.say("Set aside: listed under Not placed. Ctrl+Z undoes it.")
	a.drop(p.ID)
}

// fixPlacement asks for the right words, or, asked already, moves the
// annotation onto the words selected in the article.
func (a *app) fixPlacement() {
	p, ok := a.current()
	if !ok {
		return
	}
	if !a.rv.fixing {
		a.rv.fixing = true
		dom.ByID(idReviewFix).Set("textContent", "Confirm fix")
		a.say("Select the right words in the article, then press Enter or Confirm fix; Escape cancels.")
		a.el.article.Call("focus", noScroll)
		return
	}
	start, end, ok := a.selectionSpan()
	if !ok {
		a.say("Select the right words in the article first, then press Enter or Confirm fix.")
		return
	}
	if _, err := a.apply(annotations.Move{ID: p.ID, Start: start, End: end}); err != nil {
		a.fail(err)
		return
	}
	dom.ClearSelection()
	a.hideToolbar()
	a.say("Fixed: the annotation is on the words selected. Ctrl+Z undoes it.")
	a.drop(p.ID)
	if !a.rv.el.Get("hidden").Bool() {
		dom.ByID(idReviewFix).Call("focus", noScroll)
	}
}

// reviewKey handles the keys of a fix in progress in the article (keys.go):
// Enter confirms it and Escape cancels it.
func (a *app) reviewKey(key string) bool {
	if !a.rv.fixing || a.rv.el.Get("hidden").Bool() || !a.inArticle() {
		return false
	}
	switch key {
	case "Enter":
		a.fixPlacement()
	case "Escape":
		a.rv.fixing = false
		dom.ByID(idReviewFix).Set("textContent", "Fix")
		a.say("Fix cancelled.")
		dom.ByID(idReviewFix).Call("focus", noScroll)
	default:
		return false
	}
	return true
}

// reviewJSON is spanmark.review(): the placements still to review.
func (a *app) reviewJSON() any {
	ps := a.pending()
	out := make([]any, len(ps))
	for i, p := range ps {
		out[i] = map[string]any{"id": p.ID, "method": string(p.Method), "score": p.Score,
			"from": []any{p.From[0], p.From[1]}, "to": []any{p.To[0], p.To[1]}}
	}
	return out
}
