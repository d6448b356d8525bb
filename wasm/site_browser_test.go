//go:build !js

package main

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/tools/browser"
	"github.com/spanmark/spanmark/web"
)

// sampleTitle is the first line of the article the app opens with.
func sampleTitle(t *testing.T) string {
	t.Helper()
	b, err := web.FS.ReadFile("sample.txt")
	if err != nil {
		t.Fatalf("read the sample article: %v", err)
	}
	title, _, _ := strings.Cut(string(b), "\n")
	return title
}

// TestSiteLoads opens the built site as a first visitor does: the app
// starts, shows the sample article with its byline, and nothing goes wrong
// on the way (no console error, exception, failed load or CSP violation).
func TestSiteLoads(t *testing.T) {
	p := browser.Open(t)
	text := browser.Eval[string](p, `document.getElementById("article").textContent`)
	for _, want := range []string{sampleTitle(t), "Edited By Ali Musa"} {
		if !strings.Contains(text, want) {
			t.Errorf("article text lacks %q; it begins %q", want, head(text))
		}
	}
	if gone := browser.Eval[bool](p, `document.getElementById("boot-progress") === null`); !gone {
		t.Errorf("#boot-progress is still in the page after the app is ready")
	}
	if hidden := browser.Eval[bool](p, `document.getElementById("update-notice").hidden`); !hidden {
		t.Errorf("#update-notice is shown on a first visit")
	}
	p.CheckProblems(t)
}

// TestSiteOffline visits once, cuts the network and reloads: the service
// worker must serve the whole app from its cache.
func TestSiteOffline(t *testing.T) {
	p := browser.Open(t)
	p.WaitServiceWorker()
	p.SetOffline(true)
	// A URL the worker has not cached must fail now, or "offline" would
	// prove nothing below.
	if ok := browser.Eval[bool](p, `fetch("sw.js?probe", {cache: "no-store"}).then(() => true, () => false)`); ok {
		t.Fatalf("offline: a fetch of an uncached URL succeeded")
	}
	for _, msg := range p.TakeProblems() {
		if !strings.Contains(msg, "probe") {
			t.Errorf("browser: %s", msg)
		}
	}

	p.Reload()
	text := browser.Eval[string](p, `document.getElementById("article").textContent`)
	if title := sampleTitle(t); !strings.Contains(text, title) {
		t.Errorf("offline reload: article text lacks %q; it begins %q", title, head(text))
	}
	if controlled := browser.Eval[bool](p, `navigator.serviceWorker.controller !== null`); !controlled {
		t.Errorf("offline reload: the service worker does not control the page")
	}
	p.CheckProblems(t)
}

// TestSitePlainHost serves the build the way a host that knows nothing of
// it would: no compression, no CSP header, default caching, and the wasm
// as application/octet-stream. The app must still start, from a subpath.
func TestSitePlainHost(t *testing.T) {
	files := http.FileServer(http.FS(browser.Site(t).FS()))
	p := browser.OpenOn(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		files.ServeHTTP(w, r)
	}))
	text := browser.Eval[string](p, `document.getElementById("article").textContent`)
	if title := sampleTitle(t); !strings.Contains(text, title) {
		t.Errorf("article text lacks %q; it begins %q", title, head(text))
	}
	p.CheckProblems(t)
}

// TestSiteBootError serves the site without its wasm: the page must say
// that Spanmark could not start, and why, instead of loading forever.
func TestSiteBootError(t *testing.T) {
	files := browser.Handler(browser.Site(t).FS())
	p := browser.NewOn(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	}))
	p.Do("open "+p.URL, chromedp.Navigate(p.URL))
	const want = "Spanmark could not start: fetch app."
	shown, err := chromedp.Run(p.Context(), chromedp.Poll[string](
		`document.documentElement.dataset.bootError && document.getElementById("boot-progress").textContent`,
		chromedp.WithPollingTimeout(browser.ReadyTimeout)))
	if err != nil {
		t.Fatalf("wait for the start error: %v", err)
	}
	if !strings.HasPrefix(shown, want) || !strings.HasSuffix(shown, ": 404 Not Found") {
		t.Errorf("#boot-progress says %q, want %q...: 404 Not Found", shown, want)
	}
	var rest []string
	for _, msg := range p.TakeProblems() {
		if !strings.Contains(msg, ".wasm") && !strings.Contains(msg, want) {
			rest = append(rest, msg)
		}
	}
	if len(rest) > 0 {
		t.Errorf("unexpected problems:\n%s", strings.Join(rest, "\n"))
	}
}

// TestSiteUpdate visits one build, deploys another and checks the update
// flow: the page offers the update, does not reload by itself, and reloads
// into the new version when the user clicks.
func TestSiteUpdate(t *testing.T) {
	old := browser.Site(t).FS()
	// The next deploy differs in its worker's version, which is what a
	// change to any file does. Its compressed variants are left out, so the
	// server cannot send the old ones.
	next := fstest.MapFS{}
	fs.WalkDir(old, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(name, "sw.js.") {
			b, _ := fs.ReadFile(old, name)
			next[name] = &fstest.MapFile{Data: b}
		}
		return err
	})
	oldWorker := string(next["sw.js"].Data)
	const version = `version:"`
	i := strings.Index(oldWorker, version)
	if i < 0 {
		t.Fatalf("sw.js has no %s...: %.200s", version, oldWorker)
	}
	start := i + len(version)
	end := start + strings.IndexByte(oldWorker[start:], '"')
	newVersion := "next-" + oldWorker[start:end]
	next["sw.js"].Data = []byte(oldWorker[:start] + newVersion + oldWorker[end:])

	var served atomic.Pointer[http.Handler]
	first := browser.Handler(old)
	served.Store(&first)
	p := browser.OpenOn(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(*served.Load()).ServeHTTP(w, r)
	}))
	p.WaitServiceWorker()
	browser.Eval[bool](p, `(window.notReloaded = true)`)

	second := browser.Handler(next)
	served.Store(&second)
	browser.Eval[bool](p, `navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true)`)
	p.Do("wait for the update notice", chromedp.WaitVisible(chromedp.ID("update-notice")))
	if still := browser.Eval[bool](p, `window.notReloaded === true`); !still {
		t.Fatalf("the page reloaded by itself when the update arrived")
	}

	ctx, cancel := context.WithTimeout(p.Context(), browser.ActionTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS("#update-notice button"))))
	if err != nil {
		t.Fatalf("click Reload and wait for the reload: %v", err)
	}
	p.WaitReady()
	if reloaded := browser.Eval[bool](p, `window.notReloaded === undefined`); !reloaded {
		t.Errorf("clicking Reload did not reload the page")
	}
	// The worker drops the old cache before it reaches "activated".
	p.Do("wait for the new worker to finish activating", chromedp.Poll[chromedp.Void](
		`navigator.serviceWorker.controller && navigator.serviceWorker.controller.state === "activated"`))
	caches := browser.Eval[[]string](p, `caches.keys()`)
	if diff := cmp.Diff([]string{"spanmark-" + newVersion}, caches); diff != "" {
		t.Errorf("caches after the update (-want +got):\n%s", diff)
	}
	p.CheckProblems(t)
}

// TestScreenshot writes the README's screenshot of the app on the sample
// article when SPANMARK_SCREENSHOT names the file, from the module root:
//
//	SPANMARK_SCREENSHOT=docs/screenshot.png go test ./wasm -run TestScreenshot
func TestScreenshot(t *testing.T) {
	out := os.Getenv("SPANMARK_SCREENSHOT")
	if out == "" {
		t.Skip("set SPANMARK_SCREENSHOT=docs/screenshot.png to write the README's screenshot")
	}
	p := browser.New(t)
	p.Do("set the viewport", chromedp.EmulateViewport(1280, 800))
	p.Load()
	// Show some work: the sample annotations of testdata, one selected.
	work, err := os.ReadFile("../testdata/files/sample.spanmark.json")
	if err != nil {
		t.Fatalf("read the sample annotations: %v", err)
	}
	arg, _ := json.Marshal(string(work))
	browser.Eval[chromedp.Void](p, `spanmark.import(`+string(arg)+`)`)
	browser.Eval[chromedp.Void](p, `spanmark.select(spanmark.list()[1].id)`)
	png, err := chromedp.Run(p.Context(), chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	// Tests run in wasm/; the path is relative to the module root.
	if err := os.WriteFile("../"+out, png, 0o644); err != nil {
		t.Fatalf("write the screenshot: %v", err)
	}
	p.CheckProblems(t)
}

func head(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
