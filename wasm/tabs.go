//go:build js && wasm

package main

import (
	"errors"
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
		if d.Get("length").Type() != js.TypeNumber || d.Length() != 4 || d.Index(2).Type() != js.TypeNumber {
			return // not a message of this version (post)
		}
		a.act(a.tab.Receive(tabs.Message{Tab: d.Index(0).String(), ID: d.Index(1).String(), Rev: d.Index(2).Int(), Deleted: d.Index(3).Truthy()}))
	})
}

// post tells the other tabs.
func (a *app) post(m tabs.Message) {
	if a.db.channel.IsUndefined() {
		return
	}
	a.db.channel.Call("postMessage", []any{m.Tab, m.ID, m.Rev, m.Deleted}) // read in wireTabs
}

// act does what the protocol answered.
func (a *app) act(x tabs.Action) {
	switch x {
	case tabs.Reload:
		a.reload("Updated with changes made in another tab.")
	case tabs.Conflict:
		a.el.root.Get("classList").Call("add", classReadOnly)
		a.hideToolbar()
		a.offer("This document was changed in another tab, so this tab is read-only and its last change was not saved.",
			"Load the latest version", func() { a.reload("Loaded the latest version, saved in another tab.") })
	}
}

// reload shows the stored state of the current document, in a
// goroutine, and says done. A change made here while it read the store is
// not overwritten: the tab goes read-only and says so instead.
func (a *app) reload(done string) {
	gen := a.gen
	a.report(func() error {
		rec, ok, err := a.record(a.key)
		switch {
		case gen != a.gen:
			return nil // another document was shown meanwhile
		case err == nil && !ok:
			err = errors.New("the document is no longer stored")
		case err == nil:
			if x := a.tab.Reloading(); x != tabs.Reload {
				a.act(x)
				return nil
			}
			err = a.restore(rec, false)
		}
		if err != nil {
			return errors.New("reload from the other tab: " + err.Error())
		}
		a.say(done)
		return nil
	})
}
