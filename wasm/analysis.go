//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

// The analyses, suggestions and the argument map, are no part of this
// program: the page loads them only when a person turns one on. Their
// interface, web/analysis.js, reads the work through spanmark.work() and
// makes accepted suggestions ordinary annotations through spanmark.annotate
// and spanmark.link; the analysis worker (wasm/worker) computes them. What
// this program gives them is the two hooks below, so that its wasm, and
// with it every first visit, stays as small as it was (README, "Size
// budget"): each function of an adapter costs the wasm about 2 KB of
// gzip, a script a tenth of that, and only when used.

// analysesStale tells the analyses that the work or the document changed,
// with a "spanmark-change" event on window (web/analysis.js recomputes what
// it shows).
func (a *app) analysesStale() {
	js.Global().Call("dispatchEvent", js.Global().Get("Event").New("spanmark-change"))
}

// work returns the current work in the native JSON format, written between
// frames so that a large document never blocks the page (spanmark.work()).
// Without text, the document's text is written as "" (its length and id
// stay): the text is the one part written in one go, a long task on a
// large article, and it changes only with the document, so the analyses
// ask for it once per document.
func (a *app) work(text bool) (string, error) {
	if a.set == nil {
		return "", errors.New("work: the article is still loading")
	}
	f := annotations.NewFile(a.set, "", time.Now())
	if !text {
		f.Document.Text = ""
	}
	data, err := codec.EncodeInSteps(f, saveStep, yieldToBrowser)
	if err != nil {
		return "", errors.New("work: " + err.Error())
	}
	return string(data), nil
}
