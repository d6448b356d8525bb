//go:build js && wasm

package main

import (
	"errors"
	"sync"
	"syscall/js"
)

// The page's side of the worker (wasm/worker, run by web/worker.js): a
// second Go program in a Web Worker that does the rare heavy work the
// page's wasm leaves out to stay small, placing a file on another text
// (place.go) and a project's corpus (project.go). The page starts it the
// first time it needs it, from <html data-worker>; the service worker has
// precached it by then, so it starts offline too. The protocol is written
// in wasm/worker/main.go.

// workerClient sends requests to the worker and waits for their answers.
type workerClient struct {
	// mu lets one request out at a time: the worker drops a request that
	// a newer one of its kind overtakes, and each of these must be
	// answered.
	mu      sync.Mutex
	w       js.Value // the Worker, once started
	onMsg   js.Func
	answers chan js.Value
	gen     int
}

// ask posts a request of kind with fields to the worker, starting it if
// needed, and returns its result, or its error as the worker words it.
// It blocks; call it from a goroutine.
func (c *workerClient) ask(kind string, fields map[string]any) (js.Value, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.start(); err != nil {
		return js.Undefined(), err
	}
	for len(c.answers) > 0 {
		<-c.answers // late answers to requests given up on
	}
	c.gen++
	msg := map[string]any{"kind": kind, "gen": c.gen}
	for k, v := range fields {
		msg[k] = v
	}
	if err := jsCatch(func() { c.w.Call("postMessage", msg) }); err != nil {
		return js.Undefined(), errors.New("the worker: " + err.Error())
	}
	for m := range c.answers {
		if m.Type() != js.TypeObject {
			return js.Undefined(), errors.New("the worker stopped: " + js.Global().Get("String").Invoke(m).String())
		}
		if k, g := m.Get("kind"), m.Get("gen"); k.Type() != js.TypeString || k.String() != kind || g.Type() != js.TypeNumber || g.Int() != c.gen {
			continue // an answer to a request given up on
		}
		if e := m.Get("error"); e.Type() == js.TypeString {
			return js.Undefined(), errors.New(e.String())
		}
		return m.Get("result"), nil
	}
	panic("unreachable: answers is never closed")
}

// start starts the worker unless it runs. An error event (the script
// could not load) stops it, fails the request waiting and lets the next
// one start it again.
func (c *workerClient) start() error {
	if c.w.Truthy() {
		return nil
	}
	if c.answers == nil {
		c.answers = make(chan js.Value, 8)
		c.onMsg = js.FuncOf(func(_ js.Value, args []js.Value) any {
			ev := args[0]
			var m js.Value
			if ev.Get("type").String() == "message" {
				m = ev.Get("data")
			} else { // error or messageerror: a string says what happened
				m = js.ValueOf("could not start it (" + ev.Get("type").String() + ")")
				if msg := ev.Get("message"); msg.Type() == js.TypeString && msg.String() != "" {
					m = msg
				}
				if c.w.Truthy() {
					c.w.Call("terminate")
					c.w = js.Undefined()
				}
			}
			select {
			case c.answers <- m:
			default: // nobody waits for this many
			}
			return nil
		})
	}
	url := js.Global().Get("document").Get("documentElement").Get("dataset").Get("worker")
	if url.Type() != js.TypeString {
		return errors.New("the worker: the page names none (<html data-worker>)")
	}
	var w js.Value
	if err := jsCatch(func() { w = js.Global().Get("Worker").New(url.String()) }); err != nil {
		return errors.New("the worker could not start: " + err.Error())
	}
	for _, ev := range []string{"message", "error", "messageerror"} {
		w.Call("addEventListener", ev, c.onMsg)
	}
	c.w = w
	return nil
}
