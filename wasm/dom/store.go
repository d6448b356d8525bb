//go:build js && wasm

package dom

import (
	"errors"
	"syscall/js"
)

// Store is one IndexedDB object store whose records are objects keyed by
// their "id" property. Its methods block until IndexedDB answers, so call
// them from a goroutine, never inside a js.FuncOf callback. Every failure
// (private mode, quota, a blocked upgrade) comes back as an error.
type Store struct {
	db   js.Value
	name string
}

// OpenStore wraps indexedDB.open, creating the object store named store
// in database db at its first use.
func OpenStore(db, store string) (*Store, error) {
	idb := global.Get("indexedDB")
	if idb.IsUndefined() || idb.IsNull() {
		return nil, errors.New("open storage: this browser has no IndexedDB")
	}
	var req js.Value
	if err := catch(func() { req = idb.Call("open", db, 1) }); err != nil {
		return nil, errors.New("open storage: " + err.Error())
	}
	up := js.FuncOf(func(js.Value, []js.Value) any {
		d := req.Get("result")
		if !d.Get("objectStoreNames").Call("contains", store).Bool() {
			d.Call("createObjectStore", store, map[string]any{"keyPath": "id"})
		}
		return nil
	})
	defer up.Release()
	req.Set("onupgradeneeded", up)
	d, err := wait(req)
	if err != nil {
		return nil, errors.New("open storage: " + err.Error())
	}
	return &Store{db: d, name: store}, nil
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

// tx wraps IDBDatabase.transaction and waits for it to complete, after do
// has queued its requests on the object store.
func (s *Store) tx(mode string, do func(os js.Value)) error {
	ch := make(chan error, 1)
	var t js.Value
	err := catch(func() {
		t = s.db.Call("transaction", s.name, mode)
		do(t.Call("objectStore", s.name))
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

// Get wraps IDBObjectStore.get; a missing key gives undefined.
func (s *Store) Get(key string) (js.Value, error) {
	var req js.Value
	if err := catch(func() {
		req = s.db.Call("transaction", s.name, "readonly").Call("objectStore", s.name).Call("get", key)
	}); err != nil {
		return js.Undefined(), err
	}
	return wait(req)
}

// All wraps IDBObjectStore.getAll.
func (s *Store) All() (js.Value, error) {
	var req js.Value
	if err := catch(func() {
		req = s.db.Call("transaction", s.name, "readonly").Call("objectStore", s.name).Call("getAll")
	}); err != nil {
		return js.Undefined(), err
	}
	return wait(req)
}

// Delete wraps IDBObjectStore.delete and waits for the transaction.
func (s *Store) Delete(key string) error {
	return s.tx("readwrite", func(os js.Value) { os.Call("delete", key) })
}

// PutIf wraps a read-write transaction that reads the record with v's id,
// asks check about it (undefined when there is none) and, when check
// returns nil, puts v. Reading and writing in one transaction means no
// other tab can write in between. It returns check's error or the
// browser's.
func (s *Store) PutIf(v js.Value, check func(old js.Value) error) error {
	var refused error
	var got js.Func
	err := s.tx("readwrite", func(os js.Value) {
		req := os.Call("get", v.Get("id"))
		got = js.FuncOf(func(js.Value, []js.Value) any {
			if refused = check(req.Get("result")); refused == nil {
				os.Call("put", v)
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
