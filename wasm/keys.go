//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// Keyboard: label keys from the schema (1/2/3 by default), Delete and
// Backspace, Ctrl/Cmd+Z, Ctrl+Shift+Z and Ctrl+Y, Escape, ? for help, l for
// link mode, Enter on a highlight to open it, and in a project [ and ] for
// the previous and next document and d for done (project.go); Tab and Shift+Tab move
// across highlights natively (each is in the tab order). In the focused
// article, Shift+arrows extend a text selection (and Ctrl+Shift+arrows by
// words), starting at the focused highlight or the first paragraph in view.

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
	handled := true
	switch {
	case ctrl && (key == "z" || key == "Z") && !shift:
		a.undo()
	case ctrl && ((key == "z" || key == "Z") && shift || key == "y" || key == "Y"):
		a.redo()
	case shift && (key == "ArrowLeft" || key == "ArrowRight" || key == "ArrowUp" || key == "ArrowDown"):
		handled = a.extendSelection(key, ev.Get("ctrlKey").Bool() || ev.Get("altKey").Bool())
	case ctrl:
		handled = false
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
				// Tab on to the highlight to link to and press Enter.
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

// projectKey moves across the project's documents ([ and ]) and marks
// the one shown done (d).
func (a *app) projectKey(key string) bool {
	switch key {
	case "]":
		return a.step(1)
	case "[":
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
	if b := a.el.detailLabels.Call("querySelector", "button"); !b.IsNull() {
		b.Call("focus")
	}
	return true
}

// escape leaves the innermost mode: link mode, the toolbar and text
// selection, the detail panel (back to the highlight), or a text field.
func (a *app) escape(typing bool, target js.Value) {
	switch {
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

// extendSelection extends the text selection in the article with
// Selection.modify, starting one at the focused highlight or at the first
// paragraph in view when there is none.
func (a *app) extendSelection(key string, word bool) bool {
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
	dir := "forward"
	if key == "ArrowLeft" || key == "ArrowUp" {
		dir = "backward"
	}
	unit := "character"
	switch {
	case key == "ArrowUp" || key == "ArrowDown":
		unit = "line"
	case word:
		unit = "word"
	}
	sel.Call("modify", "extend", dir, unit)
	return true
}

// firstVisibleParagraph returns the first paragraph whose box is in the
// viewport, or null.
func (a *app) firstVisibleParagraph() js.Value {
	if i := a.firstVisibleIndex(); i < a.page.shown {
		return a.para(i)
	}
	return js.Null()
}
