//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"syscall/js"

	"github.com/spanmark/spanmark/wasm/dom"
	"github.com/spanmark/spanmark/wasm/internal/tabs"
)

// Two tabs on one document: wasm/internal/tabs decides (a.tab), and this
// file carries its messages over a BroadcastChannel and does what it
// answers. Saves check the stored revision in persist.go (flush).

const channelName = "spanmark"

// errReadOnly is returned for edits while another tab owns the document.
var errReadOnly = errors.New("this document is read-only here: it was changed in another tab")

// newTabID returns a random id that tells this tab's broadcasts from
// other tabs'.
func newTabID() string {
	return strconv.FormatFloat(js.Global().Get("Math").Call("random").Float(), 'f', 12, 64)[2:]
}

func (a *app) wireTabs() {
	bc := js.Global().Get("BroadcastChannel")
	if bc.IsUndefined() {
		return
	}
	a.db.channel = bc.New(channelName)
	dom.On(a.db.channel, "message", func(ev js.Value) {
		d := ev.Get("data")
		if d.Type() != js.TypeObject || a.set == nil {
			return
		}
		m := tabs.Message{Tab: d.Get("tab").String(), ID: d.Get("id").String(), Deleted: d.Get("deleted").Truthy()}
		if v := d.Get("rev"); v.Type() == js.TypeNumber {
			m.Rev = v.Int()
		}
		a.act(a.tab.Receive(m))
	})
}

// post tells the other tabs.
func (a *app) post(m tabs.Message) {
	if a.db.channel.IsUndefined() {
		return
	}
	msg := map[string]any{"id": m.ID, "tab": m.Tab}
	if m.Deleted {
		msg["deleted"] = true
	} else {
		msg["rev"] = m.Rev
	}
	a.db.channel.Call("postMessage", msg)
}

// act does what the protocol answered.
func (a *app) act(x tabs.Action) {
	switch x {
	case tabs.Reload:
		go a.reload("Updated with changes made in another tab.")
	case tabs.Conflict:
		a.el.root.Get("classList").Call("add", classReadOnly)
		a.hideToolbar()
		a.offer("This document was changed in another tab, so this tab is read-only and its last change was not saved.",
			"Load the latest version", func() { go a.reload("Loaded the latest version, saved in another tab.") })
	}
}

// reload shows the stored state of the current document and says done.
// A change made here while it read the store is not overwritten: the tab
// goes read-only and says so instead. It blocks; call it in a goroutine.
func (a *app) reload(done string) {
	gen := a.gen
	rec, ok, err := a.record(a.key)
	switch {
	case gen != a.gen:
		return // another document was shown meanwhile
	case err != nil:
		a.fail(errors.New("reload from the other tab: " + err.Error()))
		return
	case !ok:
		a.fail(errors.New("reload from the other tab: the document is no longer stored"))
		return
	}
	if x := a.tab.Reloading(); x != tabs.Reload {
		a.act(x)
		return
	}
	if err := a.restore(rec); err != nil {
		a.fail(errors.New("reload from the other tab: " + err.Error()))
		return
	}
	a.say(done)
}
