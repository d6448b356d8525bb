// Package browser runs Spanmark's browser tests: ordinary Go tests on the
// host that drive headless Chromium, through chromedp, against the real site.
// It is a test harness, not a command. It sits outside tools/internal
// because Go lets only code under tools/ import that, and the browser tests
// live beside the app in wasm/.
//
// The site is built once per test process by [site.Build], the code the
// build command runs (with a quicker brotli level), and each [Page] serves
// it with [site.Handler], the handler of the serve command, on its own
// loopback port and under a subpath, so the tests also check that every URL
// is relative.
//
// Chromium is found through SPANMARK_CHROME, or as chromium or
// google-chrome on PATH. Without one the tests skip with a message saying
// so; SPANMARK_BROWSER=required turns that into a failure, as in CI.
//
// A Page records every console error, uncaught exception, browser log error
// (failed loads among them) and Content-Security-Policy violation; tests
// end with [Page.CheckProblems].
//
// A typical test:
//
//	p := browser.Open(t) // built site, served, loaded and ready
//	p.Do("select the title", chromedp.Click(chromedp.CSS("#article p")))
//	got := browser.Eval[string](p, `document.title`)
//	p.CheckProblems(t)
package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/tools/internal/site"
	"github.com/spanmark/spanmark/web"
)

// BasePath is the path the site is served under in tests: not the root, as
// on a static host where the app lives in a folder.
const BasePath = "/spanmark/"

// ReadyTimeout bounds the wait for the app to start. It is generous: on a
// busy two-core machine the first compile of a 2 MB wasm takes seconds.
const ReadyTimeout = 60 * time.Second

// ChromePath returns the browser to drive: $SPANMARK_CHROME, or the first
// of chromium, chromium-browser, google-chrome and google-chrome-stable on
// PATH.
func ChromePath() (string, error) {
	if p := os.Getenv("SPANMARK_CHROME"); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("SPANMARK_CHROME=%s: %w", p, err)
		}
		return path, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", errors.New("no Chromium found: set SPANMARK_CHROME or put chromium or google-chrome on PATH")
}

// Required reports whether SPANMARK_BROWSER=required, which makes a missing
// browser a test failure instead of a skip.
func Required() bool { return os.Getenv("SPANMARK_BROWSER") == "required" }

// needChrome returns the browser's path, or skips the test (fails it when
// browsers are required).
func needChrome(t testing.TB) string {
	t.Helper()
	path, err := ChromePath()
	if err == nil && testing.Short() && !Required() {
		err = errors.New("-short")
	}
	if err != nil {
		if Required() {
			t.Fatalf("browser test: %v (SPANMARK_BROWSER=required)", err)
		}
		t.Skipf("browser test skipped: %v; set SPANMARK_BROWSER=required to make this a failure", err)
	}
	return path
}

var (
	buildOnce sync.Once
	built     *site.Site
	buildErr  error
)

// Site returns the site, built once per test process with [site.Build]
// (with Quick set: only the .br files differ from a deploy's).
func Site(t testing.TB) *site.Site {
	t.Helper()
	buildOnce.Do(func() {
		built, buildErr = site.Build(context.Background(), site.Options{Web: web.FS, Quick: true})
	})
	if buildErr != nil {
		t.Fatalf("build the site: %v", buildErr)
	}
	return built
}

// Page is one tab of a fresh headless Chromium, with its own profile, on
// the site served on its own port. It belongs to one test: its methods fail
// that test, so use a Page from that test's goroutine and not from a subtest
// (give each subtest a Page of its own).
type Page struct {
	t   testing.TB
	ctx context.Context
	// URL is the address of the app, ending in [BasePath].
	URL string

	down atomic.Bool // the server refuses every connection, see SetOffline

	mu       sync.Mutex
	problems []string
}

// Open starts a [Page] on the built site and loads the app: it returns once
// the app is ready. It skips the test when there is no browser.
func Open(t testing.TB) *Page {
	t.Helper()
	p := New(t)
	p.Load()
	return p
}

// New starts a [Page] on the built site without loading anything.
func New(t testing.TB) *Page {
	t.Helper()
	chrome := needChrome(t)
	return newPage(t, chrome, site.Handler(Site(t).FS()))
}

// Handler is [site.Handler], the serve command's handler, for tests that
// serve the site in their own way with [OpenOn]: Go lets only code under
// tools/ import tools/internal/site.
func Handler(files fs.FS) http.Handler { return site.Handler(files) }

// NewOn is [New] with the site served by h, as for [OpenOn].
func NewOn(t testing.TB, h http.Handler) *Page {
	t.Helper()
	return newPage(t, needChrome(t), h)
}

// OpenOn is [Open] with the site served by h instead of [site.Handler], to
// test the site on other hosts. h gets the requests with [BasePath]
// stripped; [Site] gives the files to serve.
func OpenOn(t testing.TB, h http.Handler) *Page {
	t.Helper()
	p := newPage(t, needChrome(t), h)
	p.Load()
	return p
}

// violationBinding is the name of the function through which the page
// reports Content-Security-Policy violations to the test.
const violationBinding = "spanmarkCSPViolation"

// reportViolations runs in every document before the page's own scripts.
// Scripts that DevTools adds are exempt from the page's policy.
const reportViolations = `document.addEventListener("securitypolicyviolation", (e) => {
  ` + violationBinding + `(JSON.stringify({directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample}));
});`

func newPage(t testing.TB, chrome string, h http.Handler) *Page {
	t.Helper()
	p := &Page{t: t}

	mux := http.NewServeMux()
	mux.Handle(BasePath, http.StripPrefix(strings.TrimSuffix(BasePath, "/"), h))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p.down.Load() {
			// Drop the connection with no answer, as an unreachable host would.
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
					return
				}
			}
			http.Error(w, "offline", http.StatusServiceUnavailable)
			return
		}
		mux.ServeHTTP(w, r)
	}))
	if err := startOnLoopback(srv); err != nil {
		t.Fatalf("browser: %v", err)
	}
	t.Cleanup(srv.Close)
	p.URL = srv.URL + BasePath

	opts := chromeOptions(chrome, t.TempDir())
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	p.ctx = ctx
	p.watchProblems("start " + chrome)
	return p
}

// startOnLoopback starts srv, made with httptest.NewUnstartedServer, on a
// free port of 127.0.0.1 only (httptest may pick [::1], or listen more
// widely where a flag asks it to).
func startOnLoopback(srv *httptest.Server) error {
	srv.Listener.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listen on a loopback port: %w", err)
	}
	srv.Listener = ln
	srv.Start()
	return nil
}

// chromeOptions are the options every test browser starts with: the
// binary chrome, headless, with its profile in dir, and with the
// background work that would make the tests slower or less repeatable
// (networking to Google, component updates, sync, QUIC) turned off. extra
// options come last and win.
func chromeOptions(chrome, dir string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(dir),
	)
	return append(opts, extra...)
}

// watchProblems makes p record the problems of its tab (see [Page.record])
// and installs the CSP violation reporter in every document the tab
// loads. doing says what failed, for the message when it cannot.
func (p *Page) watchProblems(doing string) {
	p.t.Helper()
	if err := chromedp.Listen(p.ctx, p.record); err != nil {
		p.t.Fatalf("browser: %s: %v", doing, err)
	}
	_, err := chromedp.Call(p.ctx, runtime.AddBinding, runtime.AddBindingParams{Name: violationBinding})
	if err == nil {
		_, err = chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: reportViolations})
	}
	if err != nil {
		p.t.Fatalf("browser: install the CSP violation reporter: %v", err)
	}
}

// record runs in chromedp's event loop, so it only files the event away.
func (p *Page) record(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var args []string
		for _, a := range ev.Args {
			args = append(args, remoteText(a))
		}
		msg = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " "))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			text += " " + remoteText(d.Exception)
		}
		msg = fmt.Sprintf("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text)
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.EntryLevelError {
			return
		}
		msg = fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
	case *runtime.EventBindingCalled:
		if ev.Name != violationBinding {
			return
		}
		msg = "Content-Security-Policy violation: " + ev.Payload
	default:
		return
	}
	p.mu.Lock()
	p.problems = append(p.problems, msg)
	p.mu.Unlock()
}

func remoteText(o *runtime.RemoteObject) string {
	if o.Description != "" {
		return o.Description
	}
	if len(o.Value) > 0 {
		var str string
		if o.Type == runtime.RemoteObjectTypeString && json.Unmarshal(o.Value, &str) == nil {
			return str
		}
		return string(o.Value)
	}
	return string(o.Type)
}

// Context returns the tab's chromedp context, for chromedp.Run and
// chromedp.Do.
func (p *Page) Context() context.Context { return p.ctx }

// Problems returns the console errors, exceptions, log errors and CSP
// violations seen so far.
func (p *Page) Problems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.problems...)
}

// TakeProblems returns the problems seen so far and forgets them, for a
// test that caused some on purpose.
func (p *Page) TakeProblems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	probs := p.problems
	p.problems = nil
	return probs
}

// CheckProblems fails t, the page's test or one of its subtests, for each
// problem seen so far.
func (p *Page) CheckProblems(t testing.TB) {
	t.Helper()
	for _, msg := range p.Problems() {
		t.Errorf("browser: %s", msg)
	}
}

// ActionTimeout bounds each call of [Page.Do] and [Eval], so that a wait
// for something that never happens fails the test instead of hanging it.
const ActionTimeout = 30 * time.Second

// Do runs chromedp actions in the tab and fails the test on an error,
// within [ActionTimeout]. what says what the actions do, for the message.
func (p *Page) Do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, ActionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.fatal(what, err)
	}
}

func (p *Page) fatal(what string, err error) {
	p.t.Helper()
	msg := fmt.Sprintf("browser: %s: %v", what, err)
	if probs := p.Problems(); len(probs) > 0 {
		msg += "\nproblems seen in the page:\n  " + strings.Join(probs, "\n  ")
	}
	p.t.Fatal(msg)
}

// Eval evaluates a JavaScript expression in the page, awaiting it when it
// is a promise, and decodes its value into T. It fails the test on an
// error, or when the value takes longer than [ActionTimeout].
func Eval[T any](p *Page, expr string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, ActionTimeout)
	defer cancel()
	var v T
	err := retryContextLost(ctx, func() (err error) {
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
		return err
	})
	if err != nil {
		p.fatal("evaluate "+expr, err)
	}
	return v
}

// retryContextLost runs f again while it fails because the page's
// JavaScript context went away under it: a navigation or reload replaces
// the context, and an evaluation sent in that moment names the old one.
// That is a race of the test, not a fault of the app, so it is retried
// until ctx is done; any other error is returned at once.
func retryContextLost(ctx context.Context, f func() error) error {
	for {
		err := f()
		if err == nil || !isContextLost(err) || ctx.Err() != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func isContextLost(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Cannot find context") ||
		strings.Contains(msg, "Execution context was destroyed") ||
		strings.Contains(msg, "uniqueContextId not found") ||
		strings.Contains(msg, "Inspected target navigated or closed")
}

// Load opens the app at [Page.URL] and waits until it is ready.
func (p *Page) Load() {
	p.t.Helper()
	p.Do("open "+p.URL, chromedp.Navigate(p.URL))
	p.WaitReady()
}

// Reload reloads the page and waits until the app is ready again.
func (p *Page) Reload() {
	p.t.Helper()
	p.Do("reload", chromedp.Reload())
	p.WaitReady()
}

// readyState is true once the app is interactive (see web/boot.js), and the
// error text once starting it failed.
const readyState = `(() => {
  const d = document.documentElement.dataset;
  return d.ready === "true" ? "ready" : d.bootError ? d.bootError : false;
})()`

// WaitReady waits until the app marks itself ready (<html data-ready="true">)
// and fails the test when it reports that it could not start.
func (p *Page) WaitReady() {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, ReadyTimeout+ActionTimeout)
	defer cancel()
	var state string
	err := retryContextLost(ctx, func() (err error) {
		state, err = chromedp.Run(ctx, chromedp.Poll[string](readyState, chromedp.WithPollingTimeout(ReadyTimeout)))
		return err
	})
	if err != nil {
		p.fatal("wait for the app to be ready", err)
	}
	if state != "ready" {
		p.fatal("start the app", errors.New(state))
	}
}

// SetOffline cuts the page off the network, or reconnects it: it turns on
// the browser's offline emulation for the page and its service worker, and
// makes the server drop every connection, so nothing can reach it.
func (p *Page) SetOffline(offline bool) {
	p.t.Helper()
	p.down.Store(offline)
	throughput := -1.0
	_, err := chromedp.Call(p.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &offline,
		MatchedNetworkConditions: []*network.Conditions{{
			Offline:            offline,
			DownloadThroughput: throughput,
			UploadThroughput:   throughput,
		}},
	})
	if err == nil {
		_, err = chromedp.Call(p.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
			Offline:            offline,
			DownloadThroughput: throughput,
			UploadThroughput:   throughput,
		})
	}
	if err != nil {
		p.fatal(fmt.Sprintf("set offline to %v", offline), err)
	}
}

// WaitServiceWorker waits until the page's service worker is active, which
// is after it has precached the site.
func (p *Page) WaitServiceWorker() {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, ReadyTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](
		`navigator.serviceWorker.ready.then(() => true)`, chromedp.EvalAwaitPromise))
	if err != nil {
		p.fatal("wait for the service worker", err)
	}
}
