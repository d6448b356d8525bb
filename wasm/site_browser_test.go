//go:build !js

package main

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

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
