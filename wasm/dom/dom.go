//go:build js && wasm

// Package dom is a few typed helpers over syscall/js: the browser calls the
// app makes, each named after the browser API it wraps. Misuse that can
// only be our bug (a missing element id) panics; what the browser may
// refuse (storage, clipboard, network) returns an error.
package dom

import (
	"errors"
	"runtime"
	"syscall/js"
)

var (
	global   = js.Global()
	document = global.Get("document")
)

// Document returns window.document.
func Document() js.Value { return document }

// ByID wraps document.getElementById. A missing element is our bug, so it
// panics.
func ByID(id string) js.Value {
	el := document.Call("getElementById", id)
	if el.IsNull() {
		panic("dom: no element #" + id)
	}
	return el
}

// Create wraps document.createElement, setting className and textContent
// when they are not empty. Text goes in as text, never as markup.
func Create(tag, class, text string) js.Value {
	el := document.Call("createElement", tag)
	if class != "" {
		el.Set("className", class)
	}
	if text != "" {
		el.Set("textContent", text)
	}
	return el
}

// On wraps addEventListener. The returned Func lives as long as the page;
// the listener gets the event.
func On(target js.Value, event string, fn func(ev js.Value)) js.Func {
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		defer survive()
		fn(args[0])
		return nil
	})
	target.Call("addEventListener", event, f)
	return f
}

// Frame runs fn in the next animation frame, through
// requestAnimationFrame. The caller keeps f for the life of the page and
// passes it each time, so a frame costs no new Func.
type Frame struct{ f js.Func }

// NewFrame returns a Frame that runs fn.
func NewFrame(fn func()) *Frame {
	return &Frame{f: js.FuncOf(func(js.Value, []js.Value) any {
		defer survive()
		fn()
		return nil
	})}
}

// Request wraps window.requestAnimationFrame.
func (f *Frame) Request() { global.Call("requestAnimationFrame", f.f) }

// After wraps setTimeout: fn runs once after ms milliseconds, and the
// Func is released then. It returns the timer id for [Cancel].
func After(ms int, fn func()) int {
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		f.Release()
		defer survive()
		fn()
		return nil
	})
	return global.Call("setTimeout", f, ms).Int()
}

// survive recovers a panic in a callback, which would otherwise end the
// program and freeze the page, and reports it on the console with its
// stack: it is our bug, for developers to see, and the page goes on.
// Call it deferred at the top of every callback.
func survive() {
	if r := recover(); r != nil {
		msg := "spanmark: internal error: "
		switch v := r.(type) {
		case js.Error:
			msg += ErrorOf(v.Value).Error()
		case error:
			msg += v.Error()
		case string:
			msg += v
		}
		buf := make([]byte, 4096)
		buf = buf[:runtime.Stack(buf, false)]
		global.Get("console").Call("error", msg+"\n"+string(buf))
	}
}

// Await waits for a JavaScript promise and returns its value, or its
// rejection as an error. It blocks, so call it only from a goroutine of
// its own, never inside a js.FuncOf callback.
func Await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	ok := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: arg0(args)}
		return nil
	})
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: ErrorOf(arg0(args))}
		return nil
	})
	p.Call("then", ok, fail)
	r := <-ch
	ok.Release()
	fail.Release()
	return r.v, r.err
}

func arg0(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

// ErrorOf turns a JavaScript exception or rejection value into a Go error
// with its message.
func ErrorOf(v js.Value) error {
	if v.Type() == js.TypeObject {
		if m := v.Get("message"); m.Type() == js.TypeString {
			name := v.Get("name")
			if name.Type() == js.TypeString && name.String() != "Error" && name.String() != "" {
				return errors.New(name.String() + ": " + m.String())
			}
			return errors.New(m.String())
		}
	}
	if v.IsUndefined() || v.IsNull() {
		return errors.New("unknown error")
	}
	return errors.New(v.Call("toString").String())
}

// NewPromise wraps the Promise constructor: it returns a promise and runs
// fn in a goroutine of its own, resolving the promise with fn's value or
// rejecting it with an Error carrying fn's error message.
func NewPromise(fn func() (any, error)) js.Value {
	exec := js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve, reject := args[0], args[1]
		go func() {
			v, err := fn()
			if err != nil {
				reject.Invoke(global.Get("Error").New(err.Error()))
				return
			}
			resolve.Invoke(v)
		}()
		return nil
	})
	p := global.Get("Promise").New(exec)
	exec.Release()
	return p
}

// Confirm wraps window.confirm, the browser's own modal yes/no question.
func Confirm(question string) bool { return global.Call("confirm", question).Bool() }
