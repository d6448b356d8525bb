//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"syscall/js"

	"github.com/spanmark/spanmark/wasm/dom"
)

// "Make available offline" (#project-offline) keeps every file of the
// open project (project.json, its articles and its guidelines file) in
// the Cache API, under offlineCache, and fetchText falls back on that
// cache when the network fails. The app itself is kept by the service
// worker (web/sw.js), whose cache names start "spanmark-"; this one's
// does not, so that a new build does not drop it.

const offlineCache = "spanmark:offline"

func (a *app) wireOffline() {
	dom.On(dom.ByID(idProjectOffline), "click", func(js.Value) { a.report(a.makeOffline) })
}

// makeOffline stores every file of the open project in offlineCache,
// showing its progress in #offline-bar. A file that cannot be fetched is
// named in the error, after the others are stored. It blocks; call it
// from a goroutine.
func (a *app) makeOffline() error {
	ps := a.proj
	switch {
	case ps == nil:
		return errors.New("make available offline: no project is open")
	case ps.files != nil:
		return errors.New("make available offline: this project is read from a folder on this computer, which needs no network")
	}
	paths := []string{""} // the project file itself
	if g, ok := ps.p.GuidelinesPath(); ok {
		paths = append(paths, g)
	}
	for _, d := range ps.p.Documents {
		paths = append(paths, d.Path)
	}
	cache, err := dom.Await(js.Global().Get("caches").Call("open", offlineCache))
	if err != nil {
		return errors.New("make available offline: " + err.Error())
	}
	bar := dom.ByID(idOfflineBar)
	bar.Set("max", len(paths))
	bar.Set("value", 0)
	bar.Set("hidden", false)
	var failed error
	for i, path := range paths {
		url, err := ps.url, error(nil)
		if path != "" {
			url, err = ps.fileURL(path)
		}
		if err == nil {
			// cache.add fetches afresh and refuses an HTTP error.
			_, err = dom.Await(cache.Call("add", js.Global().Get("Request").New(url, map[string]any{"cache": "no-cache"})))
		}
		if err != nil && failed == nil {
			failed = errors.New("make available offline: " + path + ": " + err.Error())
		}
		bar.Set("value", i+1)
		a.say("Making available offline: " + strconv.Itoa(i+1) + " of " + formatCount(len(paths), "file", "files") + "…")
	}
	bar.Set("hidden", true)
	if failed != nil {
		return failed
	}
	a.say("Available offline: " + formatCount(len(paths), "file", "files") + " of this project are kept in this browser.")
	return nil
}

// fetchText fetches url as dom.FetchText does, and when that fails
// returns the copy kept by makeOffline, if there is one; otherwise the
// fetch's error. It blocks; call it from a goroutine.
func fetchText(url string) (string, error) {
	text, err := dom.FetchText(url)
	if err == nil {
		return text, nil
	}
	r, cerr := dom.Await(js.Global().Get("caches").Call("match", url, map[string]any{"cacheName": offlineCache, "ignoreVary": true}))
	if cerr != nil || r.IsUndefined() {
		return "", err
	}
	t, cerr := dom.Await(r.Call("text"))
	if cerr != nil {
		return "", err
	}
	return t.String(), nil
}
