//go:build js && wasm

// Command worker is Spanmark's second browser program: the work the page
// asks for only when a person turns it on or reaches for it. That is the
// analyses, suggestions (annotations/suggest) and the argument map
// (annotations/argmap), and the formats for other tools, W3C Web
// Annotation (annotations/codec/w3c) and JSONL (annotations/codec/jsonl).
// It runs in a dedicated Web Worker (web/worker.js), so the page's wasm
// neither links those packages (its first load stays small) nor waits on
// them.
//
// The page posts a request, {kind, gen, file, only, data}: kind is
// "suggest", "argmap", "export-w3c", "export-jsonl" or "ping" (or one of
// the page's heavy lifting, below); gen a number the page increases with
// every request of a kind; file the open document's work in the native
// JSON format (annotations/codec); only (argmap) a statement label to keep
// or ""; and data (place) the bytes of the file to import, a Uint8Array. The
// worker answers {kind, gen, result} or {kind, gen, error}. An analysis
// request that a newer one of the same kind overtakes while the worker is
// busy is dropped unanswered, and the page drops answers older than its
// latest gen; every export and import is answered. The formats of result
// are written in answer.go, and the page's readers point back here: the
// analyses' (web/analysis.js) and the formats' (wasm/worker.go).
//
// The worker also does the page's rare heavy lifting, so that the page's
// wasm links neither the Placer of annotations/anchor nor the corpus code
// of annotations/project: "place" (place.go) places a file on a text
// other than its own, and "corpus-export" and "corpus-import" (corpus.go)
// write and read a project's corpus. Their fields are named there; like
// the exports and the import, each is answered.
package main

import (
	"strconv"
	"syscall/js"
)

// request is one request of the page.
type request struct {
	kind, file, only string
	data             []byte
	gen              int
	msg              js.Value // the whole message, for the fields of one kind
}

// key is what a newer request replaces request r by while r waits: the
// kind for the analyses, where only the newest counts, and the kind and
// gen for the others, which are all answered.
func (r request) key() string {
	if r.kind == "suggest" || r.kind == "argmap" {
		return r.kind
	}
	return r.kind + " " + strconv.Itoa(r.gen)
}

func main() {
	w := &worker{latest: map[string]request{}, wake: make(chan struct{}, 1)}
	// web/worker.js hands every message to spanmarkWorker, the ones that
	// arrived while this program loaded first.
	js.Global().Set("spanmarkWorker", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 1 {
			w.receive(args[0])
		}
		return nil
	}))
	w.loop()
}

type worker struct {
	latest map[string]request // the requests not yet done, by key
	order  []string           // the keys of latest, oldest first
	wake   chan struct{}
}

// receive notes a request; it must not block (it runs in a js.FuncOf).
func (w *worker) receive(msg js.Value) {
	if msg.Type() != js.TypeObject {
		return
	}
	r := request{kind: str(msg, "kind"), file: str(msg, "file"), only: str(msg, "only"), msg: msg}
	if g := msg.Get("gen"); g.Type() == js.TypeNumber {
		r.gen = g.Int()
	}
	if d := msg.Get("data"); d.InstanceOf(js.Global().Get("Uint8Array")) {
		r.data = make([]byte, d.Length())
		js.CopyBytesToGo(r.data, d)
	}
	k := r.key()
	if _, ok := w.latest[k]; !ok {
		w.order = append(w.order, k)
	}
	w.latest[k] = r
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func str(o js.Value, key string) string {
	if v := o.Get(key); v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}

// loop answers requests one at a time, forever. Between two it lets the
// worker's event loop run, so that every message queued meanwhile is
// received and only the newest of each kind is answered.
func (w *worker) loop() {
	post := js.Global().Get("postMessage")
	for range w.wake {
		for len(w.order) > 0 {
			k := w.order[0]
			w.order = w.order[1:]
			r := w.latest[k]
			delete(w.latest, k)
			res, err := answer(r)
			msg := map[string]any{"kind": r.kind, "gen": r.gen}
			if err != nil {
				msg["error"] = err.Error()
			} else {
				msg["result"] = res
			}
			post.Invoke(msg)
			yield()
		}
	}
}

// yield returns after the worker's event loop has run once (a zero
// timeout), delivering the messages that arrived during the last answer.
func yield() {
	ch := make(chan struct{})
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		f.Release()
		close(ch)
		return nil
	})
	js.Global().Call("setTimeout", f, 0)
	<-ch
}
