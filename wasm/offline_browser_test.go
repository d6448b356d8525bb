//go:build !js

package main

// Browser test of keeping a project offline: every file of the project
// is stored, the network is cut, and every document still opens.

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/tools/browser"
)

// TestProjectOffline makes a project available offline, cuts the
// network, reloads, and opens every document: the two never opened
// before come from the kept copies, and so do project.json and the
// guidelines file.
func TestProjectOffline(t *testing.T) {
	files := map[string]string{
		"/off/project.json": `{"spanmark-project": 1, "title": "Offline", "guidelines": "rules.md",
  "documents": [{"id": "d1", "path": "d1.txt"}, {"id": "d2", "path": "texts/d2 two.txt"}, {"id": "d3", "path": "texts/d3.html"}]}`,
		"/off/rules.md":         "Mark every actor.",
		"/off/d1.txt":           "One\nThe mayor spoke.\n",
		"/off/texts/d2 two.txt": "Two\nThe council met.\n",
		"/off/texts/d3.html":    "<html><body><h1>Three</h1><p>The minister denied it.</p></body></html>",
	}
	mux := http.NewServeMux()
	mux.Handle("/", browser.Handler(browser.Site(t).FS()))
	mux.HandleFunc("/off/", func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	})
	p := browser.NewOn(t, mux)
	installLib(t, p)
	p.Do("open ?project=", chromedp.Navigate(p.URL+"?project=off/project.json"))
	p.WaitReady()
	waitCurrent(t, p, "d1")
	p.WaitServiceWorker()

	clickSelector(t, p, "#project-offline")
	waitFor(t, p, "the files kept", `__t.status().includes("Available offline")`)
	if s := statusText(t, p); !strings.Contains(s, "5 files") {
		t.Errorf("#status = %q, want it to count 5 files (project.json, rules.md and three articles)", s)
	}
	eval[any](t, p, `spanmark.flush()`)

	p.SetOffline(true)
	if ok := eval[bool](t, p, `fetch("off/rules.md", {cache: "no-store"}).then(() => true, () => false)`); ok {
		t.Fatalf("offline: a fetch from the server succeeded")
	}
	p.TakeProblems() // that fetch's failure
	p.Do("reload offline", chromedp.Navigate(p.URL+"?project=off/project.json"))
	p.WaitReady()
	waitCurrent(t, p, "d1")
	for _, d := range []struct{ id, source string }{{"d2", "texts/d2 two.txt"}, {"d3", "texts/d3.html"}, {"d1", "d1.txt"}} {
		if r := try(t, p, `spanmark.openDocument(`+js(d.id)+`)`); !r.OK {
			t.Errorf("offline: openDocument(%q): %s", d.id, r.Err)
			continue
		}
		waitCurrent(t, p, d.id)
		if got := openDoc(t, p); got.Source != d.source {
			t.Errorf("offline: document %s comes from %q, want %q", d.id, got.Source, d.source)
		}
	}
	for _, d := range viewProject(t, p).Documents {
		if d.Missing != "" {
			t.Errorf("offline: document %s is missing: %s", d.ID, d.Missing)
		}
	}
	if g := eval[string](t, p, `document.getElementById("guide-text").textContent`); g != "Mark every actor." {
		t.Errorf("offline: the guidelines read %q, want rules.md's text", g)
	}
	// The failed fetches before each kept copy was used are expected.
	for _, msg := range p.TakeProblems() {
		if !strings.Contains(msg, "/off/") && !strings.Contains(msg, "ERR_INTERNET_DISCONNECTED") {
			t.Errorf("browser: %s", msg)
		}
	}
}
