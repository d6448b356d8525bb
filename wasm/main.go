//go:build js && wasm

// Command wasm is Spanmark in the browser: it shows an article, lets a
// person annotate it, and keeps the work in IndexedDB. It is a thin
// adapter: DOM events in, annotations calls, batched DOM writes out. One
// file per area of the page: render, selection, keys, labels (toolbar),
// detail, sidebar, overview, storage, io, api.
package main

func main() {
	a := newApp()
	a.wire()
	go a.start()
	select {}
}
