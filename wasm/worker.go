//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"syscall/js"

	"github.com/spanmark/spanmark/wasm/dom"
)

// The page's end of the worker: the second Go program (wasm/worker), run
// in a Web Worker by web/worker.js, that holds what the page needs only
// when a person reaches for it, so that the page's wasm stays small. The
// protocol, its kinds of request and the formats of their answers are
// written in wasm/worker/main.go and answer.go.
//
// The worker starts on the first request, from the hashed URL the build
// writes into <html data-worker>; after the first visit the service
// worker has it cached (web/sw.js, build.later), so it starts offline too.

// workerConn is the connection to the worker.
type workerConn struct {
	w       js.Value // the Worker, or undefined until the first request
	gen     int      // the gen of the latest request, of any kind
	waiting map[string]chan workerAnswer
}

type workerAnswer struct {
	result js.Value
	err    error
}

// errWorkerStart begins the message of a worker that could not start, as
// web/worker.js words it too.
const errWorkerStart = "the worker could not start: "

// ask posts a request of kind with the fields of msg and waits for its
// answer: the result, or the worker's error. It blocks; call it from a
// goroutine.
func (c *workerConn) ask(kind string, msg map[string]any) (js.Value, error) {
	if c.w.IsUndefined() {
		if err := c.start(); err != nil {
			return js.Undefined(), err
		}
	}
	c.gen++
	msg["kind"], msg["gen"] = kind, c.gen
	ch := make(chan workerAnswer, 1)
	c.waiting[answerKey(kind, c.gen)] = ch
	c.w.Call("postMessage", msg)
	ans := <-ch
	return ans.result, ans.err
}

// warm starts the worker, if it has not started, without asking it
// anything, so that a request about to come finds it ready: its start
// then overlaps the page's own work. An error is left for that request.
func (c *workerConn) warm() {
	if c.w.IsUndefined() {
		c.start()
	}
}

func answerKey(kind string, gen int) string { return kind + " " + strconv.Itoa(gen) }

func (c *workerConn) start() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New(errWorkerStart + panicMessage(r))
		}
	}()
	url := dom.Document().Get("documentElement").Get("dataset").Get("worker")
	if url.Type() != js.TypeString {
		return errors.New(errWorkerStart + "the page names no worker script")
	}
	c.w = js.Global().Get("Worker").New(url.String())
	c.waiting = map[string]chan workerAnswer{}
	dom.On(c.w, "message", func(ev js.Value) {
		d := ev.Get("data")
		kind, gen := d.Get("kind"), d.Get("gen")
		if kind.Type() != js.TypeString || gen.Type() != js.TypeNumber {
			return
		}
		k := answerKey(kind.String(), gen.Int())
		ch, ok := c.waiting[k]
		if !ok {
			return
		}
		delete(c.waiting, k)
		if e := d.Get("error"); e.Type() == js.TypeString {
			ch <- workerAnswer{result: js.Undefined(), err: errors.New(e.String())}
			return
		}
		ch <- workerAnswer{result: d.Get("result")}
	})
	// The script itself failed (it could not load, say): every waiting
	// request fails, and the next one starts a new worker.
	w := c.w
	dom.On(w, "error", func(ev js.Value) {
		ev.Call("preventDefault")
		msg := "the script failed"
		if m := ev.Get("message"); m.Type() == js.TypeString && m.String() != "" {
			msg = m.String()
		}
		for k, ch := range c.waiting {
			delete(c.waiting, k)
			ch <- workerAnswer{result: js.Undefined(), err: errors.New(errWorkerStart + msg)}
		}
		if c.w.Equal(w) {
			w.Call("terminate")
			c.w = js.Undefined()
		}
	})
	return nil
}
