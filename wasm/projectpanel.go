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
// the rows that changed (renderProjectDocs). Titles are text, never
// markup.

var statusWords = map[project.Status]string{
	project.StatusNew: "new", project.StatusProgress: "in progress", project.StatusDone: "done",
}

// renderProject draws the documents panel whole.
func (a *app) renderProject() {
	ps := a.proj
	if ps == nil {
		return
	}
	dom.ByID(idProjectTitle).Set("textContent", ps.p.Title)
	protos := map[string]js.Value{}
	ps.rows = make(map[string]js.Value, len(ps.p.Documents))
	shown := make([]any, 0, len(ps.p.Documents))
	for _, d := range ps.p.Documents {
		if ps.filter == "" || ps.statusOf(d.ID) == ps.filter {
			shown = append(shown, ps.row(d, protos))
		}
	}
	dom.ByID(idProjectDocs).Call("replaceChildren", shown...)
	a.renderProjectProgress()
}

// renderProjectDocs draws again the rows of the documents ids ("" is
// none) and the progress, in the open project. A status that moves a row
// in or out of the filter's list draws the list again.
func (a *app) renderProjectDocs(ids ...string) {
	ps := a.proj
	for _, id := range ids {
		li, ok := ps.rows[id]
		d, known := ps.doc(id)
		if !known {
			continue
		}
		if ps.filter != "" && ok != (ps.statusOf(id) == ps.filter) {
			a.renderProject()
			return
		}
		if ok {
			li.Call("replaceWith", ps.row(d, map[string]js.Value{}))
		}
	}
	a.renderProjectProgress()
}

// row makes the row of document d and keeps it in ps.rows. It is a clone
// of a row in protos with the same status and line of information (most
// of a large project's are new, with no annotations), made when there is
// none: one call instead of the dozen that making it takes.
func (ps *projectState) row(d project.Document, protos map[string]js.Value) js.Value {
	s := ps.statusOf(d.ID)
	info := statusWords[s] + " · " + formatCount(ps.count[d.ID], "annotation", "annotations")
	why, missing := ps.missing[d.ID]
	if missing {
		info = "missing: " + why
	}
	proto, ok := protos[string(s)+"\x00"+info]
	if !ok {
		proto = dom.Create("li", "", "")
		proto.Call("setAttribute", "data-status", string(s))
		proto.Call("toggleAttribute", "data-missing", missing)
		b := dom.Create("button", "doc-open", "")
		b.Set("type", "button")
		proto.Call("append", b, dom.Create("span", "doc-info", info))
		protos[string(s)+"\x00"+info] = proto
	}
	li := proto.Call("cloneNode", true)
	b := li.Get("firstChild")
	b.Set("textContent", docTitle(d))
	b.Call("setAttribute", "data-doc", d.ID)
	if d.ID == ps.current {
		b.Call("setAttribute", "aria-current", "true")
	}
	ps.rows[d.ID] = li
	return li
}

// renderProjectProgress draws the progress (done of all) and the Done
// button.
func (a *app) renderProjectProgress() {
	ps := a.proj
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
