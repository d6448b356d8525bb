//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The review of placements (#review): after a file was placed on a text
// that differs from its own, the person steps through each annotation
// that moved or was placed fuzzily, sees the file's quote and context
// beside the words it landed on, and accepts it, fixes it (selects the
// right words and confirms: annotations.Move) or turns it into an orphan
// (annotations.SetAside). It works from the report of a placing alone, whoever
// computed it. Fixing and orphaning are edits, undone like any other; an
// item handled leaves the review and an undo does not bring it back.

// review is the open review, or the one offered in #status.
type review struct {
	el, pos, was, now, fix js.Value         // #review and its parts
	set                    *annotations.Set // the work the report is about; another set ends the review
	items                  []placement
	at                     int
	fixing                 bool // waiting for the right words to be selected in the article
}

// offerReview says msg, the report of a placing, and offers the review
// when there is something to review.
func (a *app) offerReview(msg string, rep placeReport) {
	a.reviewDo("close") // the review of an earlier placing, if open
	r := &a.rv
	r.set, r.items, r.at, r.fixing = a.set, rep.placements, 0, false
	if len(rep.placements) == 0 {
		a.say(msg)
		return
	}
	a.offer(msg, "Review "+formatCount(len(rep.placements), "placement", "placements"), func() { a.reviewDo("open") })
}

// pending returns the placements still to review: those not handled whose
// annotation is on the text (one deleted and then restored by an undo is
// pending again).
func (a *app) pending() []placement {
	if a.rv.set != a.set || a.set == nil {
		return nil
	}
	var out []placement
	for _, p := range a.rv.items {
		if _, ok := a.set.Annotation(p.ID); ok {
			out = append(out, p)
		}
	}
	return out
}

// reviewCmd names what key does in #review (reviewDo), or "".
func reviewCmd(key string) string {
	switch key {
	case "ArrowRight", "ArrowDown":
		return "next"
	case "ArrowLeft", "ArrowUp":
		return "prev"
	case "a", "A":
		return "accept"
	case "f", "F":
		return "fix"
	case "o", "O":
		return "orphan"
	case "Escape":
		return "close"
	}
	return ""
}

func (a *app) wireReview() {
	r := &a.rv
	for _, x := range []struct {
		v  *js.Value
		id string
	}{{&r.el, idReview}, {&r.pos, idReviewPos}, {&r.was, idReviewWas}, {&r.now, idReviewNow}, {&r.fix, idReviewFix}} {
		*x.v = dom.ByID(x.id)
	}
	dom.On(r.el, "keydown", func(ev js.Value) {
		if cmd := reviewCmd(ev.Get("key").String()); cmd != "" {
			a.reviewDo(cmd)
			ev.Call("preventDefault")
			ev.Call("stopPropagation") // the page's keys (keys.go) must not act too
		}
	})
	// Confirming a fix must not take the selection it reads away.
	dom.On(r.fix, "mousedown", func(ev js.Value) {
		if r.fixing {
			ev.Call("preventDefault")
		}
	})
}

// reviewCommand runs the review's button with id (commands.go): the id
// after "review-" names what it does.
func (a *app) reviewCommand(id string) {
	if cmd, ok := strings.CutPrefix(id, "review-"); ok {
		a.reviewDo(cmd)
	}
}

// reviewDo does cmd: open, close, next, prev, accept, fix or orphan.
// Accept drops the placement shown from the review; fix first asks for
// the right words and then, asked again, moves the annotation onto the
// words selected in the article; orphan sets it aside.
func (a *app) reviewDo(cmd string) {
	r := &a.rv
	ps := a.pending()
	open := !r.el.Get("hidden").Bool()
	switch {
	case cmd == "open":
		r.at, open = 0, true
	case !open:
		return
	case cmd == "close" || len(ps) == 0:
		r.fixing = false
		r.el.Set("hidden", true)
		a.el.article.Call("focus", noScroll)
		return
	}
	r.el.Set("hidden", false)
	r.at = min(r.at, max(len(ps)-1, 0))
	done := ""
	var err error
	if len(ps) > 0 {
		p := ps[r.at]
		switch cmd {
		case "next", "prev":
			by := 1
			if cmd == "prev" {
				by = len(ps) - 1
			}
			r.at = (r.at + by) % len(ps)
		case "accept":
			done = p.ID
		case "orphan":
			if _, err = a.apply(annotations.SetAside{ID: p.ID, Reason: "set aside in review: placed on the wrong words", Was: p.Before}); err == nil {
				a.say("Set aside: listed under Not placed. Ctrl+Z undoes it.")
				done = p.ID
			}
		case "fix":
			if !r.fixing {
				r.fixing = true
				r.fix.Set("textContent", "Confirm fix")
				a.say("Select the right words in the article, then press Enter or Confirm fix; Escape cancels.")
				a.el.article.Call("focus", noScroll)
				return
			}
			start, end, ok := a.selectionSpan()
			if !ok {
				a.say("Select the right words in the article first, then press Enter or Confirm fix.")
				return
			}
			if _, err = a.apply(annotations.Move{ID: p.ID, Start: start, End: end}); err == nil {
				dom.ClearSelection()
				a.hideToolbar()
				a.say("Fixed: the annotation is on the words selected. Ctrl+Z undoes it.")
				done = p.ID
				// Back to the review, on the section rather than a button:
				// the Enter that confirmed must not press one too.
				r.el.Call("focus", noScroll)
			}
		}
	}
	if err != nil {
		a.fail(err)
		return
	}
	if done != "" {
		for i, p := range r.items {
			if p.ID == done {
				r.items = append(r.items[:i:i], r.items[i+1:]...)
				break
			}
		}
		ps = a.pending()
	}
	r.fixing = false
	r.fix.Set("textContent", "Fix")
	if len(ps) == 0 {
		r.el.Set("hidden", true)
		a.el.article.Call("focus", noScroll)
		a.say("Review done: every placement is accepted, fixed or set aside.")
		return
	}
	if cmd == "open" {
		dom.ByID(idReviewAccept).Call("focus", noScroll)
	}
	// Show the placement: the file's text and the article's reach the
	// page only escaped.
	r.at = min(r.at, len(ps)-1)
	p := ps[r.at]
	cur, _ := a.set.Annotation(p.ID)
	p.To = [2]int{cur.Start, cur.End}
	r.pos.Set("textContent", strconv.Itoa(r.at+1)+" of "+strconv.Itoa(len(ps))+": "+
		a.label(cur.Label).Name+", "+p.Method+", score "+strconv.FormatFloat(p.Score, 'f', 2, 64))
	r.was.Set("innerHTML", string(appendContext(nil, p.Before)))
	r.now.Set("innerHTML", string(appendContext(nil, p.After(a.set.Document().Runes()))))
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

// reviewKey handles the keys of a fix in progress in the article (keys.go):
// Enter confirms it and Escape cancels it.
func (a *app) reviewKey(key string) bool {
	if !a.rv.fixing || a.rv.el.Get("hidden").Bool() || !a.inArticle() || key != "Enter" && key != "Escape" {
		return false
	}
	if key == "Enter" {
		a.reviewDo("fix")
		return true
	}
	a.reviewDo("") // shows the placement again, the fix cancelled
	a.say("Fix cancelled.")
	a.rv.el.Call("focus", noScroll)
	return true
}

// reviewJSON is spanmark.review(): the placements still to review.
func (a *app) reviewJSON() any {
	ps := a.pending()
	out := make([]any, len(ps))
	for i, p := range ps {
		out[i] = map[string]any{"id": p.ID, "method": p.Method, "score": p.Score,
			"from": []any{p.From[0], p.From[1]}, "to": []any{p.To[0], p.To[1]}}
	}
	return out
}
