//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/spanmark/spanmark/wasm/dom"
)

// The documents dialog: the stored documents, newest first, each to open
// or delete.

// wireDocuments wires the list; its buttons are in commands.go.
func (a *app) wireDocuments() {
	docs := dom.ByID(idDocsDialog)
	dom.On(dom.ByID(idDocsList), "click", func(ev js.Value) {
		t := ev.Get("target")
		if b := t.Call("closest", "button[data-open]"); !b.IsNull() {
			id := b.Call("getAttribute", "data-open").String()
			docs.Call("close")
			a.report(func() error {
				if err := a.saveFirst(); err != nil {
					return err
				}
				rec, ok, err := a.record(id)
				if err != nil {
					return err
				}
				if !ok {
					return errors.New("open: the document is no longer stored")
				}
				return a.restore(rec, true)
			})
		} else if b := t.Call("closest", "button[data-delete]"); !b.IsNull() {
			id := b.Call("getAttribute", "data-delete").String()
			if !dom.Confirm("Delete “" + b.Call("getAttribute", "data-title").String() + "” and its annotations from this browser? This cannot be undone.") {
				return
			}
			a.report(func() error {
				if err := a.deleteDocument(id); err != nil {
					return err
				}
				a.say("Deleted.")
				return a.showDocuments()
			})
		}
	})
}

// documentInfo is what the documents list shows of a stored record.
type documentInfo struct {
	ID, Title string
	Count     int
	Saved     float64   // milliseconds since 1970, as Date.now
	_         [0]func() // not comparable: no equality function in the wasm
}

// documents lists the stored documents, newest first, from their
// summaries: one request that never reads the work.
func (a *app) documents() ([]documentInfo, error) {
	st, err := a.storage()
	if err != nil {
		return nil, err
	}
	all, err := st.Summaries()
	if err != nil {
		return nil, errors.New("list documents: " + err.Error())
	}
	out := make([]documentInfo, 0, all.Length())
	for i := range all.Length() {
		r := all.Index(i)
		out = append(out, documentInfo{ID: r.Get("id").String(), Title: r.Get("title").String(),
			Count: r.Get("count").Int(), Saved: r.Get("saved").Float()})
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Saved > out[j-1].Saved; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

// deleteDocument removes a stored document and tells the other tabs; the
// current one is replaced by the first article of a visit.
func (a *app) deleteDocument(id string) error {
	st, err := a.storage()
	if err != nil {
		return err
	}
	if err := st.Delete(id); err != nil {
		return errors.New("delete document: " + err.Error())
	}
	a.post(a.tab.Delete(id))
	_ = dom.LocalSet(journalPrefix+id, "") // typed text of a deleted document
	if a.set != nil && a.key == id {
		a.jr.typed = nil
		setLastDocument("")
		return a.openFirst()
	}
	return nil
}

// showDocuments fills and opens the documents dialog. There may be
// thousands of documents: each row is a clone of the page's empty row
// (#docs-row), and the list is replaced in one call.
func (a *app) showDocuments() error {
	docs, err := a.documents()
	if err != nil {
		return err
	}
	rows := make([]any, 0, len(docs)+1)
	if len(docs) == 0 {
		rows = append(rows, dom.Create("li", "", "No saved documents yet."))
	}
	proto := dom.ByID(idDocsRow).Get("content").Get("firstChild")
	date := js.Global().Get("Date")
	for _, d := range docs {
		li := proto.Call("cloneNode", true)
		open, del := li.Get("firstChild"), li.Get("lastChild")
		open.Set("textContent", d.Title)
		open.Call("setAttribute", "data-open", d.ID)
		if a.set != nil && d.ID == a.key {
			open.Call("setAttribute", "aria-current", "true")
		}
		saved := date.New(d.Saved).Call("toLocaleString").String()
		open.Get("nextSibling").Set("textContent", formatCount(d.Count, "annotation", "annotations")+" · saved "+saved)
		del.Call("setAttribute", "data-delete", d.ID)
		del.Call("setAttribute", "data-title", d.Title)
		del.Call("setAttribute", "aria-label", "Delete "+d.Title)
		rows = append(rows, li)
	}
	dom.ByID(idDocsList).Call("replaceChildren", rows...)
	if dlg := dom.ByID(idDocsDialog); !dlg.Get("open").Bool() {
		dlg.Call("showModal")
	}
	return nil
}
