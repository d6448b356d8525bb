//go:build !js

package main

import (
	"context"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/emulation"
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
	// The page and its files come from the cache by the worker's static
	// routes, without the worker's script having to start.
	sources := browser.Eval[map[string]string](p, `Object.fromEntries(performance.getEntries()
		.filter((e) => e.entryType === "navigation" || /\.(wasm|js|css)$/.test(e.name))
		.map((e) => [e.entryType === "navigation" ? "the page" : e.name.split("/").pop(), e.workerMatchedSourceType + "/" + e.workerFinalSourceType]))`)
	if len(sources) < 3 {
		t.Errorf("offline reload: resource timing lists %d of the page and its files, want the page, wasm_exec.js and the wasm: %v", len(sources), sources)
	}
	for name, src := range sources {
		if src != "cache/cache" {
			t.Errorf("offline reload: %s came from %s (matched/final source), want cache/cache", name, src)
		}
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

// TestScreenshot writes the README's screenshots, from the module root:
//
//	SPANMARK_SCREENSHOT=docs/screenshot.png go test ./wasm -run TestScreenshot
//
// writes the one at the top of the README (the app on the sample article,
// its annotations imported, one selected with its relation arcs), and
//
//	SPANMARK_SCREENSHOTS=docs go test ./wasm -run TestScreenshot
//
// writes every screenshot into the folder: that one, in the light and dark
// themes and on a 375 px phone, the demo project with its documents panel,
// and the argument map. The test is skipped when neither is set.
func TestScreenshot(t *testing.T) {
	dir, one := os.Getenv("SPANMARK_SCREENSHOTS"), os.Getenv("SPANMARK_SCREENSHOT")
	if dir == "" && one == "" {
		t.Skip("set SPANMARK_SCREENSHOT=docs/screenshot.png, or SPANMARK_SCREENSHOTS=docs for all of them, to write the README's screenshots")
	}
	type shot struct {
		file          string
		width, height int64
		dark, phone   bool
		show          func(t *testing.T, p *browser.Page)
	}
	shots := []shot{
		{"screenshot.png", 1280, 800, false, false, shotSample},
		{"screenshot-dark.png", 1280, 800, true, false, shotSample},
		{"screenshot-375.png", 375, 812, false, true, shotSample},
		{"screenshot-375-dark.png", 375, 812, true, true, shotSample},
		{"screenshot-project.png", 1280, 800, false, false, shotProject},
		{"screenshot-argmap.png", 1280, 900, false, false, shotArgmap},
	}
	if dir == "" {
		shots = shots[:1]
	}
	for _, s := range shots {
		out := one
		if dir != "" {
			out = filepath.Join(dir, s.file)
		}
		t.Run(strings.TrimSuffix(s.file, ".png"), func(t *testing.T) {
			p := browser.NewTab(t)
			installLib(t, p)
			if _, err := chromedp.Call(p.Context(), emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
				Width: s.width, Height: s.height, DeviceScaleFactor: 1, Mobile: s.phone}); err != nil {
				t.Fatalf("set the viewport: %v", err)
			}
			if s.phone {
				if _, err := chromedp.Call(p.Context(), emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true}); err != nil {
					t.Fatalf("emulate touch: %v", err)
				}
			}
			if s.dark {
				if _, err := chromedp.Call(p.Context(), emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
					t.Fatalf("emulate the dark theme: %v", err)
				}
			}
			s.show(t, p)
			// Let the sidebar and overview catch up (about 150 ms after the
			// last change) and the page settle before the picture.
			eval[any](t, p, `new Promise((r) => setTimeout(r, 400)).then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))`)
			if e := eval[string](t, p, `document.querySelector("#status.err") ? document.getElementById("status").textContent : ""`); e != "" {
				t.Fatalf("#status shows an error: %q", e)
			}
			png, err := chromedp.Run(p.Context(), chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			// Tests run in wasm/; the path is relative to the module root.
			if err := os.WriteFile(filepath.Join("..", out), png, 0o644); err != nil {
				t.Fatalf("write the screenshot: %v", err)
			}
			t.Logf("wrote %s (%d KB)", out, len(png)/1024)
			p.CheckProblems(t)
		})
	}
}

// importSample places the sample annotations of testdata on the article shown.
func importSample(t *testing.T, p *browser.Page) {
	t.Helper()
	work, err := os.ReadFile("../testdata/files/sample.spanmark.json")
	if err != nil {
		t.Fatalf("read the sample annotations: %v", err)
	}
	eval[any](t, p, `spanmark.import(`+js(string(work))+`)`)
}

// shotSample shows the sample article with its annotations and selects the
// annotation with the most relations, so that its arcs are drawn.
func shotSample(t *testing.T, p *browser.Page) {
	p.Load()
	importSample(t, p)
	eval[any](t, p, `(() => {
  const rels = spanmark.relations();
  const n = (id) => rels.filter((r) => r.from === id || r.to === id).length;
  const best = spanmark.list().reduce((a, b) => n(b.id) > n(a.id) ? b : a);
  spanmark.select(best.id);
  return true;
})()`)
	// On a phone the panel rises from the bottom in the next frame, after
	// select has scrolled: select again, now that the panel is there, so
	// that the annotation shows above it.
	waitFor(t, p, "the detail panel", `__t.visible("#detail")`)
	eval[any](t, p, `(spanmark.select(document.querySelector("#article .sel[data-first]").dataset.first.split(" ")[0]), true)`)
	waitFor(t, p, "the selected annotation's arcs", `document.querySelectorAll("#arcs path.arc").length > 0`)
}

// shotProject opens the demo project, places the sample annotations on its
// first document, marks that document done with the d key, and goes to the
// next document and back, as a person checking their work would.
func shotProject(t *testing.T, p *browser.Page) {
	p.Do("open the demo project", chromedp.Navigate(p.URL+"?project=demo/project.json"))
	p.WaitReady()
	waitCurrent(t, p, "sample")
	importSample(t, p)
	eval[any](t, p, `spanmark.flush()`)
	key(t, p, "d")
	waitFor(t, p, "the sample marked done", `spanmark.project().documents[0].status === "done"`)
	key(t, p, "n")
	waitCurrent(t, p, "river-road")
	key(t, p, "p")
	waitCurrent(t, p, "sample")
	waitFor(t, p, "the panel to show the sample done, with its annotations", `(() => {
  const d = spanmark.project().documents[0];
  return d.status === "done" && d.count > 0 && __t.visible("#project") &&
    document.querySelector("#project-docs li[data-status=done]") !== null;
})()`)
	eval[any](t, p, `(document.activeElement && document.activeElement.blur(), scrollTo(0, 0), true)`)
}

// shotArgmap opens the argument map of the sample annotations.
func shotArgmap(t *testing.T, p *browser.Page) {
	p.Load()
	importSample(t, p)
	clickSelector(t, p, "#argmap-view > summary")
	waitFor(t, p, "the argument map drawn", `document.getElementById("argmap-view").dataset.ready === "true"`)
	eval[any](t, p, `(document.getElementById("argmap-view").scrollIntoView({block: "start"}), true)`)
}

func head(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
