package browser

// This file adds to browser.go a Chromium shared by the tests of one
// process: starting a browser costs about a second of a two-core machine,
// so the annotator's many browser tests each get a fresh browser context
// (an incognito-like profile: its own IndexedDB, cache and service worker)
// in one process rather than a process each. It also turns JavaScript
// dialogs (alert, confirm, prompt) into problems, so that a canary such as
// alert(1) in a hostile input fails the test.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/tools/internal/site"
)

var (
	sharedOnce sync.Once
	sharedCtx  context.Context // the browser's chromedp context
	sharedURL  string
	sharedErr  error
)

// startShared starts the process's browser and server; they live until the
// test binary exits (chromedp kills the browser with its parent).
func startShared(t testing.TB, chrome string) {
	sharedOnce.Do(func() {
		h := site.Handler(Site(t).FS())
		mux := http.NewServeMux()
		mux.Handle(BasePath, http.StripPrefix(strings.TrimSuffix(BasePath, "/"), h))
		srv := httptest.NewUnstartedServer(mux)
		if err := startOnLoopback(srv); err != nil {
			sharedErr = err
			return
		}
		sharedURL = srv.URL + BasePath

		dir, err := makeTempDir()
		if err != nil {
			sharedErr = err
			return
		}
		opts := chromeOptions(chrome, dir,
			// A desktop window, so the sidebar and detail panel are laid
			// out beside the article rather than folded away.
			chromedp.WindowSize(1280, 900),
		)
		allocCtx, _ := chromedp.NewExecAllocator(context.Background(), opts...)
		sharedCtx, _ = chromedp.NewContext(allocCtx)
		if err := chromedp.Do(sharedCtx); err != nil {
			sharedErr = fmt.Errorf("start %s: %w", chrome, err)
		}
	})
	if sharedErr != nil {
		t.Fatalf("browser: %v", sharedErr)
	}
}

// NewTab returns a [Page] on the built site, not yet loaded, in a new
// browser context of the process's shared Chromium. The context, with all
// it stored, is thrown away when the test ends. Like [Open], it skips the
// test when there is no browser.
func NewTab(t testing.TB) *Page {
	t.Helper()
	chrome := needChrome(t)
	startShared(t, chrome)
	ctx, cancel := chromedp.NewContext(sharedCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	return attach(t, ctx, sharedURL)
}

// OpenSibling opens another tab in the same browser context as p, so it
// shares p's storage (IndexedDB, service worker, BroadcastChannel), as a
// second tab of the same user would. It does not load anything.
func (p *Page) OpenSibling(t testing.TB) *Page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(p.ctx)
	t.Cleanup(cancel)
	return attach(t, ctx, p.URL)
}

// Kill closes p's tab at once, as a crash or a killed tab would: no
// beforeunload prompt runs and the page gets no chance to save. The
// browser context and its storage stay.
func (p *Page) Kill() {
	p.t.Helper()
	c := chromedp.FromContext(p.ctx)
	if c == nil || c.Target == nil {
		p.fatal("kill the tab", fmt.Errorf("no target"))
	}
	if _, err := chromedp.CallBrowser(p.ctx, target.CloseTarget, target.CloseTargetParams{TargetID: c.Target.TargetID}); err != nil {
		p.fatal("kill the tab", err)
	}
}

// attach sets up a Page on a new chromedp context: problem recording, the
// CSP violation reporter and the dialog watcher.
func attach(t testing.TB, ctx context.Context, url string) *Page {
	t.Helper()
	p := &Page{t: t, ctx: ctx, URL: url}
	p.watchProblems("open a tab")
	p.WatchDialogs()
	return p
}

// WatchDialogs records every JavaScript dialog the page opens (alert,
// confirm, prompt, beforeunload) as a problem, and dismisses it so the page
// does not stall. A page that shows dialogs on purpose, such as a delete
// confirmation, must be driven with [Page.AcceptDialogs] instead.
func (p *Page) WatchDialogs() {
	p.t.Helper()
	err := chromedp.Listen(p.ctx, func(ev any) {
		d, ok := ev.(*page.EventJavascriptDialogOpening)
		if !ok {
			return
		}
		dialogsMu.Lock()
		accept := acceptDialogs[p]
		dialogsMu.Unlock()
		if !accept {
			p.mu.Lock()
			p.problems = append(p.problems, fmt.Sprintf("JavaScript %s dialog opened: %q", d.Type, d.Message))
			p.mu.Unlock()
		}
		// Answering from the event loop would deadlock: see chromedp.Listen.
		go chromedp.Call(p.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: accept})
	})
	if err != nil {
		p.t.Fatalf("browser: watch dialogs: %v", err)
	}
}

var (
	dialogsMu     sync.Mutex
	acceptDialogs = map[*Page]bool{}
)

// AcceptDialogs makes p accept the dialogs it opens (such as confirm("Delete
// this document?")) instead of recording them as problems.
func (p *Page) AcceptDialogs(accept bool) {
	dialogsMu.Lock()
	defer dialogsMu.Unlock()
	acceptDialogs[p] = accept
}

// makeTempDir makes the shared browser's profile directory. It outlives
// the test process (nothing runs after the last test to remove it); the
// browser contexts of the tests keep their data in memory anyway.
func makeTempDir() (string, error) {
	dir, err := os.MkdirTemp("", "spanmark-chromium-")
	if err != nil {
		return "", fmt.Errorf("make the browser's profile directory: %w", err)
	}
	return dir, nil
}
