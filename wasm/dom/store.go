//go:build js && wasm

package dom

import (
	"errors"
	"syscall/js"
)

// Store is one IndexedDB object store whose records are objects keyed by
// their "id" property, with a second store beside it of one small summary
// per record, under the same id, written and deleted in the same
// transaction as the record: listing the records reads only the
// summaries. Its methods block until IndexedDB answers, so call them from
// a goroutine, never inside a js.FuncOf callback. Every failure (private
// mode, quota, a blocked upgrade) comes back as an error.
type Store struct {
	db    js.Value
	name  string
	meta  string   // the summaries' store
	scope js.Value // [name, meta]
}

// storeVersion is the database's version; version 1 had no summaries.
const storeVersion = 2

// OpenStore wraps indexedDB.open, creating the object store named store
// and its summaries' store meta in database db at their first use. A
// database of version 1 gets meta filled in its upgrade, with summary of
// each stored record, so that everything stored before is listed: the
// upgrade is one transaction, and when it fails the database stays as it
// was.
//
// An upgrade waits while another tab holds the database open at an older
// version: blocked is called then, so that the page can say why nothing is
// saved yet (the open completes once that tab closes or reloads). Once
// open, changed is called when a tab of a newer version asks for the
// database: this tab keeps it, since closing it would stop its saves, and
// should ask its user to reload.
func OpenStore(db, store, meta string, summary func(rec js.Value) js.Value, blocked, changed func()) (*Store, error) {
	idb := global.Get("indexedDB")
	if idb.IsUndefined() || idb.IsNull() {
		return nil, errors.New("open storage: this browser has no IndexedDB")
	}
	var req js.Value
	if err := catch(func() { req = idb.Call("open", db, storeVersion) }); err != nil {
		return nil, errors.New("open storage: " + err.Error())
	}
	up := js.FuncOf(func(_ js.Value, args []js.Value) any {
		// Version 2 is the newest: an upgrade always makes the
		// summaries, and the records' store too when there was none.
		d := req.Get("result")
		byID := js.ValueOf(map[string]any{"keyPath": "id"})
		if args[0].Get("oldVersion").Int() < 1 {
			d.Call("createObjectStore", store, byID)
		}
		ms := d.Call("createObjectStore", meta, byID)
		cur := req.Get("transaction").Call("objectStore", store).Call("openCursor")
		// Not released: it runs in the one upgrade a database has.
		next := js.FuncOf(func(js.Value, []js.Value) any {
			if c := cur.Get("result"); !c.IsNull() {
				ms.Call("put", summary(c.Get("value")))
				c.Call("continue")
			}
			return nil
		})
		cur.Set("onsuccess", next)
		return nil
	})
	defer up.Release()
	req.Set("onupgradeneeded", up)
	onBlocked := js.FuncOf(func(js.Value, []js.Value) any { blocked(); return nil })
	defer onBlocked.Release()
	req.Set("onblocked", onBlocked)
	d, err := wait(req)
	if err != nil {
		return nil, errors.New("open storage: " + err.Error())
	}
	// Not released: it lives as long as the connection.
	d.Set("onversionchange", js.FuncOf(func(js.Value, []js.Value) any { changed(); return nil }))
	return &Store{db: d, name: store, meta: meta, scope: js.ValueOf([]any{store, meta})}, nil
}

// catch runs fn and turns a JavaScript exception thrown in it (which
// syscall/js raises as a panic of type js.Error) into an error.
func catch(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if je, ok := r.(js.Error); ok {
				err = ErrorOf(je.Value)
				return
			}
			panic(r)
		}
	}()
	fn()
	return nil
}

// wait waits for an IDBRequest's success or error event.
func wait(req js.Value) (js.Value, error) {
	ch := make(chan error, 1)
	ok := js.FuncOf(func(js.Value, []js.Value) any { ch <- nil; return nil })
	fail := js.FuncOf(func(js.Value, []js.Value) any {
		ch <- ErrorOf(req.Get("error"))
		return nil
	})
	req.Set("onsuccess", ok)
	req.Set("onerror", fail)
	err := <-ch
	ok.Release()
	fail.Release()
	if err != nil {
		return js.Undefined(), err
	}
	return req.Get("result"), nil
}

// tx wraps IDBDatabase.transaction over the records and their summaries
// and waits for it to complete, after do has queued its requests on the
// two stores.
func (s *Store) tx(mode string, do func(os, meta js.Value)) error {
	ch := make(chan error, 1)
	var t js.Value
	err := catch(func() {
		t = s.db.Call("transaction", s.scope, mode)
		do(t.Call("objectStore", s.name), t.Call("objectStore", s.meta))
	})
	if err != nil {
		return err
	}
	done := js.FuncOf(func(js.Value, []js.Value) any { ch <- nil; return nil })
	fail := js.FuncOf(func(js.Value, []js.Value) any {
		e := t.Get("error")
		if e.IsNull() {
			ch <- errors.New("transaction aborted")
		} else {
			ch <- ErrorOf(e)
		}
		return nil
	})
	t.Set("oncomplete", done)
	t.Set("onerror", fail)
	t.Set("onabort", fail)
	err = <-ch
	done.Release()
	fail.Release()
	return err
}

// All wraps IDBObjectStore.getAll: the records, or with meta their
// summaries, whose keys are from lo to hi (lo to lo is one record, or
// none).
func (s *Store) All(meta bool, lo, hi string) (js.Value, error) {
	store := s.name
	if meta {
		store = s.meta
	}
	var req js.Value
	if err := catch(func() {
		r := global.Get("IDBKeyRange").Call("bound", lo, hi)
		req = s.db.Call("transaction", store, "readonly").Call("objectStore", store).Call("getAll", r)
	}); err != nil {
		return js.Undefined(), err
	}
	return wait(req)
}

// Delete deletes a record and its summary and waits for the transaction.
func (s *Store) Delete(key string) error {
	return s.tx("readwrite", func(os, meta js.Value) {
		os.Call("delete", key)
		meta.Call("delete", key)
	})
}

// PutIf wraps a read-write transaction that reads the record with v's id,
// asks check about it (undefined when there is none) and, when check
// returns nil, puts v and summary(v), made after check (which may change
// v). Reading and writing in one transaction means no other tab can write
// in between, and a record and its summary never disagree. It returns
// check's error or the browser's.
func (s *Store) PutIf(v js.Value, summary func(js.Value) js.Value, check func(old js.Value) error) error {
	var refused error
	var got js.Func
	err := s.tx("readwrite", func(os, meta js.Value) {
		req := os.Call("get", v.Get("id"))
		got = js.FuncOf(func(js.Value, []js.Value) any {
			if refused = check(req.Get("result")); refused == nil {
				os.Call("put", v)
				meta.Call("put", summary(v))
			}
			return nil
		})
		req.Set("onsuccess", got)
	})
	got.Release()
	if refused != nil {
		return refused
	}
	return err
}

// LocalGet wraps localStorage.getItem; a missing key or a browser that
// refuses storage gives "".
func LocalGet(key string) string {
	v, err := local("getItem", key)
	if err != nil || v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// LocalSet wraps localStorage.setItem and returns the browser's refusal
// (private mode, quota) as an error. An empty value removes the key, which
// LocalGet reads as "" all the same.
func LocalSet(key, value string) error {
	method, args := "setItem", []any{key, value}
	if value == "" {
		method, args = "removeItem", args[:1]
	}
	_, err := local(method, args...)
	return err
}

// local calls a method of localStorage and returns the browser's refusal
// as an error. Its defer keeps it from being inlined: the callers stay
// small.
func local(method string, args ...any) (v js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			je, ok := r.(js.Error)
			if !ok {
				panic(r)
			}
			err = ErrorOf(je.Value)
		}
	}()
	return global.Get("localStorage").Call(method, args...), nil
}
