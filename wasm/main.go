//go:build js && wasm

// Command wasm is Spanmark's app in the browser. This is a placeholder from
// the build work (issue 3) that the UI replaces: it fetches the sample
// article named by <html data-sample>, shows it in #article and marks the
// page ready, which is the contract boot.js and the browser tests rely on.
package main

import "syscall/js"

func main() {
	doc := js.Global().Get("document")
	root := doc.Get("documentElement")
	url := root.Get("dataset").Get("sample").String()
	then := func(f func(v js.Value)) js.Func {
		return js.FuncOf(func(_ js.Value, args []js.Value) any {
			f(args[0])
			return nil
		})
	}
	fail := then(func(err js.Value) {
		doc.Call("getElementById", "article").Set("textContent", "could not load the sample article: "+err.Call("toString").String())
	})
	js.Global().Call("fetch", url).Call("then", then(func(res js.Value) {
		res.Call("text").Call("then", then(func(text js.Value) {
			doc.Call("getElementById", "article").Set("textContent", text)
			root.Get("dataset").Set("ready", "true")
		}), fail)
	}), fail)
	select {}
}
