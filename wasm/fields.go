//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The note and entity fields of the detail panel save as they are typed:
// fieldDelay after the last keystroke, when the field loses focus, before
// anything else changes the work (undo, another annotation selected), and
// when the page is hidden or unloaded. The saves of one visit to a field
// join into one step of the history (annotations.Set.ApplyJoined), so one
// undo takes back the whole note typed.

// fieldDelay is the debounce of a typed note or entity in milliseconds:
// short enough that a reload a moment after typing keeps it, long enough
// that a word typed is one repaint, not one per letter.
const fieldDelay = 300

// fields is the state of the note and entity fields' saving.
type fields struct {
	el    js.Value // the field of this visit, or undefined
	id    string   // the annotation it edits
	key   string   // "n" or "e" (note or entity), then id: its key in the journal (journal.go)
	dirty bool     // el holds text not yet saved
	timer int      // the pending save, or 0
	// joinAt is a.edits right after this visit's last save, or -1 before
	// it: a later save joins that step only when nothing else changed the
	// work in between.
	joinAt int
}

func (a *app) wireFields() {
	a.form = fields{el: js.Undefined(), joinAt: -1}
	for i, el := range []js.Value{a.el.note, a.el.entity} {
		kind := "ne"[i : i+1] // the journal's mark of the field (journal.go)
		dom.On(el, "input", func(js.Value) { a.typed(el, kind) })
		dom.On(el, "focusout", func(js.Value) {
			// After focus has landed: a repaint while it moves (Escape
			// back to the highlight) would remove the element taking it
			// and drop focus on <body>. (So no commit on "change" either:
			// it fires during the move.)
			dom.After(0, func() {
				a.commitFields()
				a.form.el = js.Undefined()
				a.form.joinAt = -1 // the next visit is a step of its own
			})
		})
	}
	// The tab may be closed or killed next: save now, with the text
	// typed.
	dom.On(dom.Document(), "visibilitychange", func(js.Value) {
		if dom.Document().Get("visibilityState").String() == "hidden" {
			a.commitFields()
			go a.autosave()
		}
	})
	dom.On(js.Global(), "pagehide", func(js.Value) {
		a.commitFields()
		go a.autosave()
	})
}

// typed notes an edit of field el, of kind "n" (note) or "e" (entity),
// journals it and schedules its save.
func (a *app) typed(el js.Value, kind string) {
	if a.selected == "" {
		return
	}
	if !a.form.el.Equal(el) || a.form.id != a.selected {
		a.commitFields()
		a.form.joinAt = -1
	}
	a.form.el, a.form.id, a.form.dirty = el, a.selected, true
	a.form.key = kind + a.selected
	if a.form.timer != 0 {
		js.Global().Call("clearTimeout", a.form.timer)
	}
	a.form.timer = dom.After(fieldDelay, func() {
		a.form.timer = 0
		a.commitFields()
	})
	if a.editable() == nil {
		a.journalTyped()
	}
}

// typingIn reports whether field el holds text a repaint must leave: it
// has focus, or it holds typed text not yet saved (focus has just left
// it, and its save follows: wireFields).
func (a *app) typingIn(el js.Value) bool {
	return dom.Document().Get("activeElement").Equal(el) || (a.form.dirty && a.form.el.Equal(el))
}

// commitFields saves the text of the field typed in, if any, now.
func (a *app) commitFields() {
	if a.form.timer != 0 {
		js.Global().Call("clearTimeout", a.form.timer)
		a.form.timer = 0
	}
	el := a.form.el
	if !a.form.dirty || a.set == nil {
		return
	}
	a.form.dirty = false
	v := el.Get("value").String()
	var e annotations.Edit = annotations.SetNote{ID: a.form.id, Note: v}
	if a.form.key[0] == 'e' {
		e = annotations.SetEntity{ID: a.form.id, Entity: v}
	}
	if err := a.editable(); err != nil {
		a.fail(err)
		return
	}
	apply := a.set.Apply
	if a.form.joinAt == a.edits {
		apply = a.set.ApplyJoined
	}
	c, err := apply(e, time.Now())
	if err != nil {
		a.fail(err)
		return
	}
	if !c.IsEmpty() {
		a.changed(c)
		a.form.joinAt = a.edits
	}
}
