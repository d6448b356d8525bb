//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations/project"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The documents panel of the open project (#project): a row per document
// the filter shows, and the progress. A project may have thousands of
// documents, and each call from the wasm into the page costs, so the list
// is drawn whole only when a project opens, the filter changes or a
// corpus is imported; opening a document or labelling draws again only
// the rows that changed. Titles are text, never markup.

var statusWords = map[project.Status]string{
	project.StatusNew: "new", project.StatusProgress: "in progress", project.StatusDone: "done",
}

// renderProject draws the rows of the documents ids ("" is none), or
// with none the whole list, and the progress, in the open project. A
// status that moves a row in or out of the filter's list draws the list.
func (a *app) renderProject(ids ...string) {
	ps := a.proj
	if ps == nil {
		return
	}
	full := len(ids) == 0
	for _, id := range ids {
		li, ok := ps.rows[id]
		d, known := ps.doc(id)
		if known && ps.filter != "" && ok != (ps.statusOf(id) == ps.filter) {
			full = true
		} else if known && ok {
			// The new row is a new element: the focus, when the old
			// row had it (a click on its button gives it), moves to
			// it, or the keyboard would start again from the top.
			focused := li.Call("matches", ":focus-within").Bool()
			n := ps.row(d)
			li.Call("replaceWith", n)
			if focused {
				n.Get("firstChild").Call("focus")
			}
		}
	}
	if full {
		dom.ByID(idProjectTitle).Set("textContent", ps.p.Title)
		ps.rows = make(map[string]js.Value, len(ps.p.Documents))
		shown := make([]any, 0, len(ps.p.Documents))
		for _, d := range ps.p.Documents {
			if ps.filter == "" || ps.statusOf(d.ID) == ps.filter {
				shown = append(shown, ps.row(d))
			}
		}
		dom.ByID(idProjectDocs).Call("replaceChildren", shown...)
	}
	done := 0
	for _, d := range ps.p.Documents {
		if ps.statusOf(d.ID) == project.StatusDone {
			done++
		}
	}
	n := len(ps.p.Documents)
	bar := dom.ByID(idProjectBar)
	bar.Set("max", max(n, 1))
	bar.Set("value", done)
	dom.ByID(idProjectCount).Set("textContent", strconv.Itoa(done)+" of "+strconv.Itoa(n)+" done")
	mark := dom.ByID(idProjectDone)
	mark.Set("disabled", ps.current == "")
	isDone := ps.current != "" && ps.statusOf(ps.current) == project.StatusDone
	mark.Call("setAttribute", "aria-pressed", strconv.FormatBool(isDone))
}

// row makes the row of document d and keeps it in ps.rows. It is a clone
// of the page's empty row (#project-row): one call instead of the half
// dozen that making one takes.
func (ps *projectState) row(d project.Document) js.Value {
	if ps.proto.IsUndefined() {
		ps.proto = dom.ByID(idProjectRow).Get("content").Get("firstChild")
	}
	s := ps.statusOf(d.ID)
	info := statusWords[s] + " · " + formatCount(ps.count[d.ID], "annotation", "annotations")
	li := ps.proto.Call("cloneNode", true)
	li.Call("setAttribute", "data-status", string(s))
	if why, ok := ps.missing[d.ID]; ok {
		info = "missing: " + why
		li.Call("setAttribute", "data-missing", "true")
	}
	li.Get("lastChild").Set("textContent", info)
	b := li.Get("firstChild")
	b.Set("textContent", docTitle(d))
	b.Call("setAttribute", "data-doc", d.ID)
	if d.ID == ps.current {
		b.Call("setAttribute", "aria-current", "true")
	}
	ps.rows[d.ID] = li
	return li
}
