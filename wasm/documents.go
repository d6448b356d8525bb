//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
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
	all, err := st.All(true, "", "\uffff") // every key: ids and URLs start below U+FFFF
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
	a.forgetFirst(id)
	if a.set != nil && a.key == id {
		a.jr.typed = nil
		setLastDocument("")
		return a.openFirst()
	}
	return nil
}

// showDocuments fills and opens the documents dialog. There may be
// thousands of documents, and every value that crosses from the page
// into the wasm costs: the list is one HTML text, its untrusted parts
// (titles, ids) escaped, set in one call.
func (a *app) showDocuments() error {
	docs, err := a.documents()
	if err != nil {
		return err
	}
	var b []byte
	if len(docs) == 0 {
		b = append(b, "<li>No saved documents yet.</li>"...)
	}
	date := js.Global().Get("Date")
	for _, d := range docs {
		cur := ""
		if a.set != nil && d.ID == a.key {
			cur = ` aria-current="true"`
		}
		info := formatCount(d.Count, "annotation", "annotations") + " · saved " + date.New(d.Saved).Call("toLocaleString").String()
		// Markup and text in turn: every odd part is escaped.
		parts := [...]string{`<li><button type="button" class="doc-open"` + cur + ` data-open="`, d.ID, `">`, d.Title,
			`</button><span class="doc-info">`, info, `</span><button type="button" class="danger" data-delete="`, d.ID,
			`" data-title="`, d.Title, `" aria-label="Delete `, d.Title, `">Delete</button></li>`}
		for i, p := range parts {
			if i%2 == 0 {
				b = append(b, p...)
			} else {
				b = annotations.AppendEscaped(b, p)
			}
		}
	}
	dom.ByID(idDocsList).Set("innerHTML", string(b))
	if dlg := dom.ByID(idDocsDialog); !dlg.Get("open").Bool() {
		dlg.Call("showModal")
	}
	return nil
}
