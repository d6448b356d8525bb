//go:build js && wasm

package main

import (
	"errors"
	"sync"
	"syscall/js"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/wasm/dom"
)

// Every change is saved to IndexedDB (database "spanmark", store
// "documents"), one record per document keyed by its id (a project
// document's key also names its project: projectKey), a short debounce
// after the last change; a hidden or closing tab saves at once. A record
// is {id, title, count, saved, rev, tab, file}, where file is the native
// JSON of the work (codec.Encode) as UTF-8 bytes in a Uint8Array
// (a string in records of earlier versions, which restore still reads).
// rev and tab belong to the two-tab protocol (tabs.go,
// wasm/internal/tabs). Beside it, store "summaries" holds each
// document's summary, written in the same transaction (summaryOf): the
// documents dialog lists those and never reads the work, which may be
// megabytes for a thousand documents.

const (
	dbName     = "spanmark"
	storeName  = "documents"
	metaName   = "summaries"
	lastDocKey = "spanmark:last"
	// storedKey names the document last saved or restored here: one with
	// work in storage, which a visit waits for (start.go, pristineSample).
	storedKey = "spanmark:stored"
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

// storage is the open IndexedDB store and the autosave's state.
type storage struct {
	store   *dom.Store
	err     error         // why the store could not be opened
	ready   chan struct{} // closed once store or err is set
	saveMu  sync.Mutex    // one save at a time
	timer   int           // the pending autosave, or 0
	channel js.Value      // the BroadcastChannel to other tabs (tabs.go), or undefined
}

// errStale is a save refused because another tab stored a newer revision.
var errStale = errors.New("the stored document is newer")

// pauseUnlessHidden lets the browser run its event loop once, unless the
// tab is hidden: then it may be closing, timers are slowed down, and
// nobody waits for a frame, so the save goes on at once.
func pauseUnlessHidden() {
	if dom.Document().Get("visibilityState").String() != "hidden" {
		yieldToBrowser()
	}
}

func (a *app) openStorage() {
	blocked := false
	a.db.store, a.db.err = dom.OpenStore(dbName, storeName, metaName, summaryOf, func() {
		blocked = true
		a.fail(errors.New("another tab runs an older Spanmark, which holds its storage: close or reload that tab, and this one saves your work again"))
	}, func() {
		a.fail(errors.New("another tab runs a newer Spanmark: reload this tab to go on (your work is saved)"))
	})
	close(a.db.ready)
	if a.db.err != nil {
		a.fail(errors.New(a.db.err.Error() + " — your work will not be kept after this tab closes; export it to keep it"))
	} else if blocked {
		a.say("Storage is open again: your work is saved.")
	}
}

// storage waits for the store to open and returns it.
func (a *app) storage() (*dom.Store, error) {
	<-a.db.ready
	return a.db.store, a.db.err
}

// queueSave schedules a save after the debounce.
func (a *app) queueSave() {
	a.tab.Change()
	if a.db.timer != 0 {
		js.Global().Call("clearTimeout", a.db.timer)
	}
	delay := saveDelay
	if a.set != nil && a.set.Len() >= largeSet {
		// Encoding thousands of annotations takes a while: batch more
		// edits into one save, still within a second of the last.
		delay = 3 * saveDelay
	}
	a.db.timer = dom.After(delay, func() {
		a.db.timer = 0
		go a.autosave()
	})
}

// autosave saves and shows the error, if any; a conflict with another
// tab has been shown already, with its action.
func (a *app) autosave() {
	if err := a.flush(); err != nil && !errors.Is(err, errStale) {
		a.fail(err)
	}
}

// flush writes any unsaved change now. It blocks; call it from a
// goroutine.
func (a *app) flush() error {
	a.commitFields()
	if a.db.timer != 0 {
		js.Global().Call("clearTimeout", a.db.timer)
		a.db.timer = 0
	}
	a.db.saveMu.Lock()
	defer a.db.saveMu.Unlock()
	if !a.tab.Unsaved || a.set == nil {
		return nil
	}
	st, err := a.storage()
	if err != nil {
		return errors.New("save: " + err.Error())
	}
	set, gen, key := a.set, a.gen, a.key
	base, rev, ok := a.tab.BeginSave()
	if !ok {
		return nil
	}
	seq := a.jr.seq
	// The file is a copy of the work as it is now; changes from now on
	// need another save. It is written in steps with the browser's own
	// work in between, so a large set never holds the page for long.
	f := annotations.NewFile(set, "", time.Now())
	if set.Len() >= largeSet {
		pauseUnlessHidden() // between the copy and the writing
	}
	data, err := codec.EncodeInSteps(f, saveStep, pauseUnlessHidden)
	if err != nil {
		a.tab.Change() // still to save
		return errors.New("save: " + err.Error())
	}
	doc := set.Document()
	rec := js.ValueOf(map[string]any{
		"id": key, "title": doc.Title, "count": set.Len(),
		"saved": js.Global().Get("Date").Call("now"), "rev": rev, "tab": a.tab.Tab, "file": jsBytes(data),
	})
	err = st.PutIf(rec, summaryOf, func(old js.Value) error {
		stored := 0
		if old.Type() == js.TypeObject {
			stored = old.Get("rev").Int()
		}
		if stored != base {
			return errStale // another tab saved since: tabs.State.Stale
		}
		return nil
	})
	if gen != a.gen {
		return err // another document was shown meanwhile
	}
	switch {
	case errors.Is(err, errStale):
		a.act(a.tab.Stale())
		return errors.New("save: " + err.Error())
	case err != nil:
		a.tab.Change() // still to save
		return errors.New("save: " + err.Error() + " — your latest changes are not stored; export them to keep them")
	}
	a.post(a.tab.Saved(rev))
	_ = dom.LocalSet(storedKey, key)
	a.journalSaved(seq)
	a.queueKeepFirst()
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
	all, err := st.All(false, id, id)
	if err != nil {
		return js.Undefined(), false, errors.New("read storage: " + err.Error())
	}
	v := all.Index(0) // undefined when there is none
	return v, v.Type() == js.TypeObject, nil
}

// restore shows the work stored in rec, and then applies the journal of
// text typed in it (journal.go) when replay is set: on opening a
// document, not on following another tab's save.
func (a *app) restore(rec js.Value, replay bool) error { return a.restoreOn(rec, replay, nil, "") }

// restoreOn is restore for a document whose text is now file's, named
// name: a project's file read from its folder. When the work was saved on
// another text (the file was edited since, or it is another folder's of
// the same name), the file's text is shown, never the text saved, and
// the work is placed on it as an import is, with the review; the record
// stays as it was until the work is edited here.
func (a *app) restoreOn(rec js.Value, replay bool, file *annotations.Document, name string) error {
	data := goBytes(rec.Get("file"))
	f, err := codec.Decode(data)
	if err != nil {
		return errors.New("restore the saved document: " + err.Error())
	}
	doc := annotations.NewDocument(f.Document.Text, f.Document.Title, f.Document.Source)
	changed := file != nil && file.ID != doc.ID
	if changed {
		doc, replay = file, false // a journal of typed text is of the text saved
	}
	set, rep, err := a.place(f, data, doc)
	if err != nil {
		return errors.New("restore the saved document: " + err.Error())
	}
	key := rec.Get("id").String()
	a.showKey(key, set, rec.Get("rev").Int())
	if changed {
		a.offerReview(placedMessage(name+" differs from the text its work was saved on. Placed on the file's text:", set.Len(), rep), rep)
		return nil
	}
	_ = dom.LocalSet(storedKey, key)
	a.queueKeepFirst()
	if replay {
		a.replayJournal(rec)
	}
	return nil
}

// saveFirst saves the current work before another document is shown. A
// tab without storage goes on: its work was never going to be kept.
func (a *app) saveFirst() error {
	if err := a.flush(); err != nil && a.db.err == nil {
		return errors.New("load: the current work could not be saved first: " + err.Error())
	}
	return nil
}

func setLastDocument(id string) { _ = dom.LocalSet(lastDocKey, id) }

// putRecord stores data, work in the native JSON format (codec.Encode)
// with its document's title and count annotations, under key as a
// revision after the stored one, for work that was never shown here (an
// imported project's documents). It returns the revision written. It
// blocks; call it from a goroutine.
func putRecord(st *dom.Store, key, title string, count int, data []byte, tab string) (int, error) {
	rec := js.ValueOf(map[string]any{
		"id": key, "title": title, "count": count,
		"saved": js.Global().Get("Date").Call("now"), "rev": 1, "tab": tab, "file": jsBytes(data),
	})
	rev := 1
	err := st.PutIf(rec, summaryOf, func(old js.Value) error {
		if old.Type() == js.TypeObject {
			rev = old.Get("rev").Int() + 1
			rec.Set("rev", rev)
		}
		return nil
	})
	return rev, err
}

// summaryOf is the summary of record rec: the record without its file,
// {id, title, count, saved, rev, tab} (a project document's id names its
// project: projectKey). Records of every version have these, so the
// database's upgrade makes the summaries of earlier records with it too.
func summaryOf(rec js.Value) js.Value {
	obj := js.Global().Get("Object")
	s := obj.Call("assign", obj.New(), rec)
	s.Delete("file")
	return s
}
