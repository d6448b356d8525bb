//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"syscall/js"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/wasm/dom"
)

// Every change is saved to IndexedDB (database "spanmark", store
// "documents"), one record per document keyed by its id, a short debounce
// after the last change; a hidden or closing tab saves at once. A record
// is {id, title, count, saved, rev, tab, file}, where file is the native
// JSON of the work (codec.Encode) as UTF-8 bytes in a Uint8Array
// (a string in records of earlier versions, which restore still reads).
//
// Two tabs on one document: each record has a revision. A tab writes only
// if the stored revision is the one its state was built on (checked in the
// same IndexedDB transaction), then tells other tabs on a BroadcastChannel.
// A tab told of a newer revision reloads it if it has no unsaved change,
// and otherwise becomes read-only and says so: no tab silently overwrites
// another's work.

const (
	dbName      = "spanmark"
	storeName   = "documents"
	lastDocKey  = "spanmark:last"
	channelName = "spanmark"
	// saveDelay is the debounce of autosave in milliseconds: edits in a
	// burst are written once, and the work is stored well within a second.
	saveDelay = 300
	// largeSet is the number of annotations from which saving and listing
	// wait longer after a change, so that they interrupt labelling less.
	largeSet = 2000
	// saveStep is the number of annotations written between pauses of a
	// save: a few milliseconds of work.
	saveStep = 500
)

// pauseUnlessHidden lets the browser run its event loop once, unless the
// tab is hidden: then it may be closing, timers are slowed down, and
// nobody waits for a frame, so the save goes on at once.
func pauseUnlessHidden() {
	if dom.Document().Get("visibilityState").String() != "hidden" {
		yieldToBrowser()
	}
}

func (a *app) wireStorage() {
	bc := js.Global().Get("BroadcastChannel")
	if bc.IsUndefined() {
		return
	}
	a.channel = bc.New(channelName)
	dom.On(a.channel, "message", func(ev js.Value) {
		d := ev.Get("data")
		if d.Type() != js.TypeObject || a.set == nil || d.Get("tab").String() == a.tab {
			return
		}
		if d.Get("id").String() != a.set.Document().ID {
			return
		}
		if d.Get("deleted").Truthy() {
			a.rev = 0
			return
		}
		if d.Get("rev").Int() <= a.rev {
			return
		}
		if a.unsaved {
			a.conflict()
			return
		}
		go func() {
			if err := a.reloadFromStore(); err != nil {
				a.fail("reload from the other tab: " + err.Error())
				return
			}
			a.say("Updated with changes made in another tab.")
		}()
	})
}

func (a *app) openStorage() {
	a.store, a.storeErr = dom.OpenStore(dbName, storeName)
	close(a.storeReady)
	if a.storeErr != nil {
		a.fail(a.storeErr.Error() + " — your work will not be kept after this tab closes; export it to keep it")
	}
}

// storage waits for the store to open and returns it.
func (a *app) storage() (*dom.Store, error) {
	<-a.storeReady
	return a.store, a.storeErr
}

// conflict makes the document read-only after another tab changed it.
func (a *app) conflict() {
	a.readOnly = "it was changed in another tab"
	a.unsaved = false
	a.el.root.Get("classList").Call("add", classReadOnly)
	a.hideToolbar()
	a.offer("This document was changed in another tab, so this tab is read-only and its last change was not saved.",
		"Load the latest version", func() {
			go func() {
				if err := a.reloadFromStore(); err != nil {
					a.fail("reload: " + err.Error())
				}
			}()
		})
}

// queueSave schedules a save after the debounce.
func (a *app) queueSave() {
	a.unsaved = true
	if a.saveTimer != 0 {
		js.Global().Call("clearTimeout", a.saveTimer)
	}
	delay := saveDelay
	if a.set != nil && a.set.Len() >= largeSet {
		// Encoding thousands of annotations takes a while: batch more
		// edits into one save, still within a second of the last.
		delay = 3 * saveDelay
	}
	a.saveTimer = dom.After(delay, func() {
		a.saveTimer = 0
		go a.flush()
	})
}

// flush writes any unsaved change now and reports the storage error, if
// any, also in #status. It blocks; call it from a goroutine.
func (a *app) flush() error {
	if a.saveTimer != 0 {
		js.Global().Call("clearTimeout", a.saveTimer)
		a.saveTimer = 0
	}
	a.saveMu.Lock()
	defer a.saveMu.Unlock()
	if !a.unsaved || a.set == nil {
		return nil
	}
	st, err := a.storage()
	if err != nil {
		return errors.New("save: " + err.Error())
	}
	set := a.set
	base, rev := a.rev, a.rev+1
	// The file is a copy of the work as it is now; changes from now on
	// need another save. It is written in steps with the browser's own
	// work in between, so a large set never holds the page for long.
	f := annotations.NewFile(set, "", time.Now())
	a.unsaved = false
	if set.Len() >= largeSet {
		pauseUnlessHidden() // between the copy and the writing
	}
	data, err := codec.EncodeInSteps(f, saveStep, pauseUnlessHidden)
	if err != nil {
		a.unsaved = true
		a.fail("save: " + err.Error())
		return err
	}
	doc := set.Document()
	rec := js.ValueOf(map[string]any{
		"id": doc.ID, "title": doc.Title, "count": set.Len(),
		"saved": js.Global().Get("Date").Call("now"), "rev": rev, "tab": a.tab, "file": jsBytes(data),
	})
	errStale := errors.New("the stored document is newer")
	err = st.PutIf(rec, func(old js.Value) error {
		have := 0
		if old.Type() == js.TypeObject {
			have = old.Get("rev").Int()
		}
		if have != base {
			return errStale
		}
		return nil
	})
	if a.set != set {
		return err // another document was opened meanwhile
	}
	switch {
	case errors.Is(err, errStale):
		a.conflict()
		return errors.New("save: " + err.Error())
	case err != nil:
		a.unsaved = true
		a.fail("save: " + err.Error() + " — your latest changes are not stored; export them to keep them")
		return errors.New("save: " + err.Error())
	}
	a.rev = rev
	if !a.channel.IsUndefined() {
		a.channel.Call("postMessage", map[string]any{"id": doc.ID, "rev": rev, "tab": a.tab})
	}
	return nil
}

// jsBytes copies b into a new Uint8Array: a copy, where a string would
// be decoded from UTF-8 (tens of milliseconds for the megabytes of a
// large set).
func jsBytes(b []byte) js.Value {
	u8 := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	return u8
}

// goBytes returns the bytes of a stored file: a Uint8Array, or a string
// in a record saved by an earlier version.
func goBytes(v js.Value) []byte {
	switch v.Type() {
	case js.TypeString:
		return []byte(v.String())
	case js.TypeObject:
	default:
		return nil // not a file: Decode says so
	}
	b := make([]byte, v.Get("length").Int())
	js.CopyBytesToGo(b, v)
	return b
}

// record reads the stored record of document id; ok is false when there
// is none.
func (a *app) record(id string) (js.Value, bool, error) {
	st, err := a.storage()
	if err != nil {
		return js.Undefined(), false, err
	}
	v, err := st.Get(id)
	if err != nil {
		return js.Undefined(), false, errors.New("read storage: " + err.Error())
	}
	return v, v.Type() == js.TypeObject, nil
}

// restore shows the work stored in rec.
func (a *app) restore(rec js.Value) error {
	f, err := codec.Decode(goBytes(rec.Get("file")))
	if err != nil {
		return errors.New("restore the saved document: " + err.Error())
	}
	doc := annotations.NewDocument(f.Document.Text, f.Document.Title, f.Document.Source)
	set, _, err := anchor.Place(f, doc)
	if err != nil {
		return errors.New("restore the saved document: " + err.Error())
	}
	a.show(set, rec.Get("rev").Int())
	return nil
}

// reloadFromStore shows the stored state of the current document. A
// change made here while it read the store is not overwritten: the tab
// goes read-only and says so instead.
func (a *app) reloadFromStore() error {
	set := a.set
	rec, ok, err := a.record(set.Document().ID)
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("the document is no longer stored")
	}
	if a.set != set {
		return nil // another document was opened meanwhile
	}
	if a.unsaved && a.readOnly == "" {
		a.conflict()
		return nil
	}
	return a.restore(rec)
}

// loadText opens text as the current document, with its stored work if
// there is some. It returns the document id.
func (a *app) loadText(text, title, source string) (string, error) {
	if err := a.flush(); err != nil && a.storeErr == nil {
		return "", errors.New("load: the current work could not be saved first: " + err.Error())
	}
	doc := annotations.NewDocument(text, title, source)
	rec, ok, err := a.record(doc.ID)
	if err == nil && ok {
		if err := a.restore(rec); err == nil {
			return doc.ID, nil
		}
	}
	a.show(annotations.NewSet(doc, annotations.DefaultSchema()), 0)
	return doc.ID, nil
}

// openFirst opens ?article=URL (same origin only), else the document last
// worked on, else the sample article.
func (a *app) openFirst() error {
	loc := js.Global().Get("location")
	params := js.Global().Get("URLSearchParams").New(loc.Get("search"))
	if p := params.Call("get", "article"); !p.IsNull() {
		u := js.Global().Get("URL").New(p.String(), loc.Get("href"))
		if u.Get("origin").String() != loc.Get("origin").String() {
			a.fail("open ?article=: " + p.String() + " is not on this site; only same-origin articles can be opened")
		} else if text, err := dom.FetchText(u.Get("href").String()); err != nil {
			a.fail("open ?article=" + p.String() + ": " + err.Error())
		} else {
			return a.openFirstText(text, p.String())
		}
	}
	if id := dom.LocalGet(lastDocKey); id != "" {
		rec, ok, err := a.record(id)
		if err == nil && ok {
			if err := a.restore(rec); err == nil {
				return nil
			} else {
				a.fail(err.Error())
			}
		}
	}
	sample := a.el.root.Get("dataset").Get("sample")
	if sample.Type() != js.TypeString {
		return errors.New("the page names no sample article")
	}
	var text string
	var err error
	if p := js.Global().Get("spanmark").Get("_sample"); p.Type() == js.TypeObject {
		// Fetched by web/boot.js while the wasm compiled.
		var v js.Value
		if v, err = dom.Await(p); err == nil {
			text = v.String()
		}
	} else {
		text, err = dom.FetchText(sample.String())
	}
	if err != nil {
		return errors.New("fetch the sample " + sample.String() + ": " + err.Error())
	}
	return a.openFirstText(text, "sample")
}

// openFirstText opens the first article of a visit. Storage may still be
// opening then (a new database takes a while): rather than wait, it
// shows the text at once, and its stored work, if any, once storage
// answers, unless the text was edited or left meanwhile (then the
// revision check of the next save keeps either tab from overwriting the
// other).
func (a *app) openFirstText(text, source string) error {
	select {
	case <-a.storeReady:
		_, err := a.loadText(text, "", source)
		return err
	default:
	}
	set := annotations.NewSet(annotations.NewDocument(text, "", source), annotations.DefaultSchema())
	a.show(set, 0)
	go func() {
		rec, ok, err := a.record(set.Document().ID)
		if err != nil || !ok || a.set != set || a.unsaved || set.Len() > 0 {
			return
		}
		if err := a.restore(rec); err != nil {
			a.fail(err.Error())
		}
	}()
	return nil
}

func setLastDocument(id string) { _ = dom.LocalSet(lastDocKey, id) }

// documentInfo is what the documents list shows of a stored record.
type documentInfo struct {
	ID, Title string
	Count     int
	Saved     float64 // milliseconds since 1970, as Date.now
}

// documents lists the stored documents, newest first.
func (a *app) documents() ([]documentInfo, error) {
	st, err := a.storage()
	if err != nil {
		return nil, err
	}
	all, err := st.All()
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

// deleteDocument removes a stored document; the current one is replaced
// by the sample.
func (a *app) deleteDocument(id string) error {
	st, err := a.storage()
	if err != nil {
		return err
	}
	if err := st.Delete(id); err != nil {
		return errors.New("delete document: " + err.Error())
	}
	if !a.channel.IsUndefined() {
		a.channel.Call("postMessage", map[string]any{"id": id, "deleted": true, "tab": a.tab})
	}
	if a.set != nil && a.set.Document().ID == id {
		a.unsaved = false
		_ = dom.LocalSet(lastDocKey, "")
		a.rev = 0
		return a.openFirst()
	}
	return nil
}

func formatCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
