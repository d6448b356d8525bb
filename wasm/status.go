//go:build js && wasm

package main

import (
	"errors"
	"strconv"
)

// The status area, #status, is the one place where the person learns what
// happened and what went wrong. An error is shown by fail, in the words of
// the Go error, once, by whoever handles it last: the function that can
// fail returns its error, and the event handler that called it reports it
// (report). The console is for developers.

// runAction runs the action offered beside #status, once: the button
// was clicked (commands.go).
func (a *app) runAction() {
	fn := a.action
	a.el.statusAction.Set("hidden", true)
	a.action = nil
	if fn != nil {
		fn()
	}
}

// say shows a message in #status.
func (a *app) say(msg string) { a.setStatus(msg, false) }

// fail shows err in #status as an error.
func (a *app) fail(err error) { a.setStatus(err.Error(), true) }

// report runs fn in a goroutine of its own, since fn may wait on the
// browser, and shows its error, if any. It is how an event handler ends
// work that can fail.
func (a *app) report(fn func() error) {
	go func() {
		if err := fn(); err != nil {
			a.fail(err)
		}
	}()
}

func (a *app) setStatus(msg string, isErr bool) {
	a.el.status.Set("textContent", msg)
	a.el.status.Get("classList").Call("toggle", classErr, isErr)
	a.el.statusAction.Set("hidden", true)
	a.action = nil
}

// offer shows a warning, msg, with one action button beside it, which
// runs fn once (runAction). The next message replaces both. The button's
// listener is the page's one for commands, so no js.Func is made per
// offer.
func (a *app) offer(msg, action string, fn func()) {
	a.setStatus(msg, true)
	a.el.statusAction.Set("textContent", action)
	a.el.statusAction.Set("hidden", false)
	a.action = fn
}

// maxFileSize bounds what is read into memory from a file or the API, in
// bytes: far above any article, below what would stall the tab.
const maxFileSize = 32 << 20

// checkSize refuses input of n bytes over maxFileSize. what begins the
// message: the operation and the input ("import: the input").
func checkSize(what string, n int) error {
	if n <= maxFileSize {
		return nil
	}
	return errors.New(what + " is " + strconv.Itoa(n>>20) + " MB; the limit is " + strconv.Itoa(maxFileSize>>20) + " MB")
}

func formatCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
