//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// Keyboard: label keys from the schema (1/2/3 by default), Delete and
// Backspace, Ctrl/Cmd+Z, Ctrl+Shift+Z and Ctrl+Y, Escape, ? for help, l for
// link mode, Enter on a highlight to open it, and in a project n and p for
// the next and previous document and d for done (project.go). The article
// is one tab stop: in it the arrows move a caret (Ctrl by words and
// paragraphs, Home and End to the line's ends), Shift extends a text
// selection, ] and [ move focus between highlights, and Tab with text
// selected goes to the label toolbar (focus.go).

func (a *app) wireKeys() {
	dom.On(dom.Document(), "keydown", a.keydown)
}

func (a *app) keydown(ev js.Value) {
	key := ev.Get("key").String()
	ctrl := ev.Get("ctrlKey").Bool() || ev.Get("metaKey").Bool()
	shift := ev.Get("shiftKey").Bool()
	alt := ev.Get("altKey").Bool()
	target := ev.Get("target")
	tag := target.Get("tagName").String()
	typing := tag == "INPUT" || tag == "TEXTAREA" || tag == "SELECT" || target.Get("isContentEditable").Truthy()

	if a.reviewKey(key) { // Enter or Escape while fixing a placement (review.go)
		ev.Call("preventDefault")
		return
	}
	if key == "Escape" {
		a.escape(typing, target)
		return
	}
	if typing || alt || ev.Get("isComposing").Truthy() {
		return
	}
	if dom.ByID(idHelp).Get("open").Bool() || dom.ByID(idPasteDialog).Get("open").Bool() || dom.ByID(idDocsDialog).Get("open").Bool() {
		return
	}
	// A key for an annotation acts on the focused highlight: focusing one
	// does not open it, so select it first.
	if id := focusOf(target); id != "" && id != a.selected && !a.linkMode &&
		(key == "Delete" || key == "Backspace" || key == "l" || key == "L" || a.isLabelKey(key)) {
		a.selectAnnotation(id, false)
	}
	arrow := key == "ArrowLeft" || key == "ArrowRight" || key == "ArrowUp" || key == "ArrowDown"
	handled := true
	switch {
	case shift && arrow || (arrow || key == "Home" || key == "End") && a.inArticle():
		handled = a.moveCaret(key, shift, ev.Get("ctrlKey").Bool())
	case key == "Tab" && !shift && !ctrl && a.inArticle():
		handled = a.focusToolbar()
	case ctrl && (key == "z" || key == "Z") && !shift:
		a.undo()
	case ctrl && ((key == "z" || key == "Z") && shift || key == "y" || key == "Y"):
		a.redo()
	case ctrl:
		handled = false
	case key == "]" || key == "[":
		handled = a.moveHighlight(key == "[")
	case key == "?":
		a.toggleHelp()
	case key == "Delete" || key == "Backspace":
		handled = a.selected != ""
		a.deleteSelected()
	case key == "Enter":
		handled = a.enter(target)
	case key == "l" || key == "L":
		handled = a.selected != ""
		if handled {
			a.setLinkMode(!a.linkMode)
			if a.linkMode {
				// Move with ] and [ to the highlight to link to and press Enter.
				a.focusElement(a.selected).Call("focus")
			}
		}
	default:
		// A label key of the schema wins over a project key.
		handled = a.labelKey(key) || a.projectKey(key)
	}
	if handled {
		ev.Call("preventDefault")
	}
}

// projectKey moves across the project's documents (n and p) and marks
// the one shown done (d).
func (a *app) projectKey(key string) bool {
	switch key {
	case "n", "N":
		return a.step(1)
	case "p", "P":
		return a.step(-1)
	case "d", "D":
		if a.proj == nil || a.proj.current == "" {
			return false
		}
		a.report(a.toggleDone)
		return true
	}
	return false
}

// isLabelKey reports whether key is the shortcut of a label.
func (a *app) isLabelKey(key string) bool {
	if a.set == nil {
		return false
	}
	_, ok := a.set.Schema().LabelByKey(key)
	return ok
}

// labelKey labels the selected text, or relabels the selected annotation,
// with the label whose shortcut is key.
func (a *app) labelKey(key string) bool {
	if a.set == nil {
		return false
	}
	l, ok := a.set.Schema().LabelByKey(key)
	if !ok {
		return false
	}
	if a.labelSelection(l.ID) {
		return true
	}
	if a.selected != "" {
		a.do(annotations.Relabel{ID: a.selected, Label: l.ID})
		return true
	}
	return false
}

// enter opens the focused highlight in the detail panel, or in link mode
// links to it.
func (a *app) enter(target js.Value) bool {
	id := focusOf(target)
	if id == "" {
		return false
	}
	if a.linkMode && a.selected != "" && id != a.selected {
		a.linkTo(id)
		a.focusElement(a.selected).Call("focus")
		return true
	}
	a.selectAnnotation(id, false)
	// Move into the panel: its first label button.
	a.labelsNow()
	if b := a.el.detailLabels.Call("querySelector", "button"); !b.IsNull() {
		b.Call("focus")
	}
	return true
}

// escape leaves the innermost mode: an open menu, link mode, the toolbar and text
// selection, the detail panel (back to the highlight), or a text field.
func (a *app) escape(typing bool, target js.Value) {
	switch {
	case closeMenu(target):
	case a.linkMode:
		a.setLinkMode(false)
		a.say("Link mode off.")
	case !a.el.toolbar.Get("hidden").Bool():
		dom.ClearSelection()
		a.hideToolbar()
	case a.selected != "" && a.el.detail.Call("contains", target).Bool():
		a.focusElement(a.selected).Call("focus")
	case a.selected != "":
		a.selectAnnotation("", false)
	case typing:
		target.Call("blur")
	}
}

func (a *app) toggleHelp() {
	h := dom.ByID(idHelp)
	if h.Get("open").Bool() {
		h.Call("close")
	} else {
		h.Call("showModal")
	}
}

// firstVisibleParagraph returns the first paragraph whose box is in the
// viewport, or null.
func (a *app) firstVisibleParagraph() js.Value {
	if i := a.firstVisibleIndex(); i < a.page.shown {
		return a.para(i)
	}
	return js.Null()
}
