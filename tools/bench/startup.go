package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/tools/internal/site"
	"github.com/spanmark/spanmark/web"
)

// Start-up is measured against a floor: a minimal syscall/js program that
// only declares itself ready, built by the same Go with the same flags and
// served the same way (the app's <head>, boot.js, wasm_exec.js and service
// worker, the same handler). Timings on a shared machine drift by tens of
// percent between minutes, so the app and the floor are measured
// alternately in the same run, and the table gives their ratio.

// floorMain is the floor program: main() is reached, and says so.
const floorMain = `//go:build js && wasm

package main

import "syscall/js"

func main() {
	js.Global().Get("document").Get("documentElement").Get("dataset").Set("ready", "true")
	select {}
}
`

// buildFloor builds the floor site: floorMain in a module of its own, and
// the app's web files with the page's body emptied, so that only the
// program differs.
func buildFloor(ctx context.Context) (*site.Site, error) {
	dir, err := os.MkdirTemp("", "spanmark-floor-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module floor\n\ngo 1.26\n"), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(floorMain), 0o644); err != nil {
		return nil, err
	}
	files := fstest.MapFS{}
	for _, name := range []string{site.IndexName, site.WorkerName, "boot.js", "style.css"} {
		b, err := fs.ReadFile(web.FS, name)
		if err != nil {
			return nil, err
		}
		files[name] = &fstest.MapFile{Data: b}
	}
	page := string(files[site.IndexName].Data)
	head, _, ok := strings.Cut(page, "<body>")
	if !ok {
		return nil, fmt.Errorf("floor: %s has no <body>", site.IndexName)
	}
	head = regexp.MustCompile(` data-sample="[^"]*"`).ReplaceAllString(head, "")
	head = regexp.MustCompile(`<link rel="(icon|manifest)"[^>]*>`).ReplaceAllString(head, "")
	// One line of text, so that the floor has a first contentful paint.
	files[site.IndexName].Data = []byte(head + "<body>\n<p>Floor.</p>\n</body>\n</html>\n")
	// The floor has no worker of its own: its program serves as both.
	return site.Build(ctx, site.Options{Web: files, ModuleDir: dir, Package: ".", WorkerPackage: ".", Quick: true})
}

// serveSite serves s on a loopback port until ctx ends and returns its URL.
func serveSite(ctx context.Context, s *site.Site, extra http.Handler) (string, error) {
	mux := http.NewServeMux()
	mux.Handle("/", site.Handler(s.FS()))
	if extra != nil {
		mux.Handle("/bench/", extra)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	return "http://" + ln.Addr().String() + "/", nil
}

// startupProbe runs before the page's own scripts and records, in
// milliseconds since navigation started: when the article's first
// paragraph with text was painted (window.__benchText: a frame after it
// was in the DOM, as a message posted from requestAnimationFrame), when
// the page declared itself ready (window.__benchReady), every layout
// shift (window.__benchCLS), and the browser's own first contentful paint
// (window.__benchFCP, the Paint Timing API), which the floor has too.
// With window.__benchFirst set, the paragraph painted is the first one
// with that text.
const startupProbe = `(() => {
  const root = () => document.documentElement;
  window.__benchCLS = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__benchCLS += e.value;
    }).observe({type: "layout-shift", buffered: true});
  } catch (e) {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "first-contentful-paint") window.__benchFCP = e.startTime;
    }).observe({type: "paint", buffered: true});
  } catch (e) {}
  let textSeen = false;
  const check = () => {
    if (!textSeen) {
      const p = document.querySelector("#article p");
      if (p && p.textContent.trim() !== "" && (window.__benchFirst === undefined || p.textContent === window.__benchFirst)) {
        textSeen = true;
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => { window.__benchText = performance.now(); };
          ch.port2.postMessage(0);
        });
      }
    }
    const r = root();
    if (r && r.dataset.ready === "true" && window.__benchReady === undefined) {
      window.__benchReady = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-ready"], childList: true});
})();`

// visit is what one page load measured, in milliseconds since navigation.
type visit struct {
	Text     float64 // article text painted; 0 when the page has no article
	FCP      float64 // first contentful paint, by the browser's account
	Compiled float64 // the wasm compiled (web/boot.js marks it)
	Ready    float64 // interactive
	CLS      float64 // cumulative layout shift up to interactive and a frame after
	// Cached is the compiled wasm in the browser's code cache once the
	// visit's browser has closed, in bytes; not measured for a run's last
	// visit.
	Cached int64
}

// startupRun starts a browser with a fresh profile and loads url (the
// first visit), waits for the service worker and for the compiled code to
// have had time to reach the cache, closes the browser and loads url again
// in a new browser on the same profile (the second visit). A new browser,
// because within one renderer process V8 reuses a module still in memory,
// which a visit on another day never finds. Nor, in practice, does it find
// compiled code on disk, which the table shows (wasmCacheSize): V8 hands
// a module to the cache 2 s after its last optimised function (its
// --wasm-caching-timeout-ms), and in Chromium 156 that never happens, not
// after 400 labels and 12 s of quiet; with the timeout at 0 the same visit
// writes 16 to 22 MB. So a second visit validates and compiles again, and
// saves the download.
//
// With own, the text of an article of one's own, the second visit opens
// it (spanmark.load) and labels a word, and a third visit, in a new browser again, measures
// the start-up of a person coming back to it: its text painted (its first
// paragraph, own's first line) and interactive.
func startupRun(ctx context.Context, exe, url, own string) (visits []visit, err error) {
	dir, err := os.MkdirTemp("", "spanmark-bench-profile-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	n := 2
	if own != "" {
		n = 3
	}
	for i := range n {
		probe := startupProbe
		if i == 2 {
			first, _, _ := strings.Cut(own, "\n")
			probe = "window.__benchFirst = " + jsString(first) + ";\n" + probe
		}
		bctx, closeBrowser, v, err := startVisit(ctx, exe, dir, probe, url)
		if err != nil {
			return nil, fmt.Errorf("visit %d: %w", i+1, err)
		}
		defer closeBrowser()
		visits = append(visits, v)
		switch {
		case i == n-1:
			return visits, nil
		case i == 0:
			// The worker precaches the site; V8 would write the compiled
			// wasm to the code cache once enough of it is optimised and a
			// timer fires.
			if _, err := eval[any](bctx, `navigator.serviceWorker ? navigator.serviceWorker.ready.then(() => 0) : 0`); err != nil {
				return nil, fmt.Errorf("wait for the service worker: %w", err)
			}
		case i == 1:
			// Worked on, so stored: a word labelled.
			if _, err := eval[any](bctx, `spanmark.load({text: `+jsString(own)+`}).then(() => spanmark.annotate({start: 0, end: 2, label: "actor"})).then(() => spanmark.flush()).then(() => 0)`); err != nil {
				return nil, fmt.Errorf("open an article of one's own: %w", err)
			}
		}
		select {
		case <-time.After(3 * time.Second):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		// Close the browser, so its profile is written and the next one
		// starts from it.
		if err := closeBrowser(); err != nil {
			return nil, fmt.Errorf("close the browser: %w", err)
		}
		if visits[i].Cached, err = wasmCacheSize(dir); err != nil {
			return nil, err
		}
	}
	return visits, nil
}

// wasmCacheSize returns the bytes of compiled wasm in the code cache of
// the browser profile in dir: Chromium's "Code Cache/wasm", a simple
// disk cache, whose entries are the files beside its index.
func wasmCacheSize(dir string) (int64, error) {
	cache := filepath.Join(dir, "Default", "Code Cache", "wasm")
	entries, err := os.ReadDir(cache)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("the code cache: %w", err)
	}
	var n int64
	for _, e := range entries {
		if !e.Type().IsRegular() || e.Name() == "index" {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return 0, fmt.Errorf("the code cache: %w", err)
		}
		n += info.Size()
	}
	return n, nil
}

func loadVisit(ctx context.Context, url string) (visit, error) {
	var v visit
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return v, err
	}
	raw, err := eval[json.RawMessage](ctx, `spanmark.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() =>
  resolve({text: window.__benchText ?? 0, fcp: window.__benchFCP ?? 0, compiled: performance.getEntriesByName("spanmark:compiled")[0]?.startTime ?? 0, ready: window.__benchReady ?? performance.now(), cls: window.__benchCLS ?? 0}), 50))))`)
	if err == nil {
		err = json.Unmarshal(raw, &v)
	}
	return v, err
}

// startupRows measures start-up runs times, the app and the floor in
// turn, and returns the table's rows.
func startupRows(ctx context.Context, exe string, app, floor *site.Site, runs int, logw io.Writer) ([]row, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sample, err := fs.ReadFile(web.FS, "sample.txt")
	if err != nil {
		return nil, err
	}
	// An article of the site opened by ?article=, which the server sends
	// articleDelay after it is asked, as a host further away than
	// loopback would.
	article := "From the corpus: " + string(sample)
	appURL, err := serveSite(ctx, app, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/bench/article.txt" {
			http.NotFound(w, r)
			return
		}
		time.Sleep(articleDelay)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, article)
	}))
	if err != nil {
		return nil, err
	}
	floorURL, err := serveSite(ctx, floor, nil)
	if err != nil {
		return nil, err
	}
	var text, fcp, ffcp, cold, warm, cls, fcold, fwarm, rcold, rwarm, ccold, cwarm, fccold, fcwarm []float64
	// From compiled to interactive: the program's own start-up (the Go
	// runtime, package init and main until ready), the part the app's
	// code decides; V8 compiles each function on its first call, so it
	// grows with the code that runs before ready.
	var gcold, gwarm, fgcold, fgwarm []float64
	// Coming back to an article of one's own: the sample with another
	// first line, so a document of the same size that the build did not
	// write into the page.
	own := "My own copy: " + string(sample)
	var owntext, ownready, articleReady []float64
	// The compiled wasm in the code cache after the app's first and second
	// visits, in KB.
	var cached1, cached2 []float64
	for i := range runs {
		fmt.Fprintf(logw, "bench: start-up run %d of %d…\n", i+1, runs)
		fv, err := startupRun(ctx, exe, floorURL, "")
		if err != nil {
			return nil, fmt.Errorf("floor: %w", err)
		}
		av, err := startupRun(ctx, exe, appURL, own)
		if err != nil {
			return nil, fmt.Errorf("app: %w", err)
		}
		fc, fw, ac, aw := fv[0], fv[1], av[0], av[1]
		cached1, cached2 = append(cached1, float64(ac.Cached)/1024), append(cached2, float64(aw.Cached)/1024)
		owntext, ownready = append(owntext, av[2].Text), append(ownready, av[2].Ready)
		cls = append(cls, av[2].CLS)
		text = append(text, ac.Text)
		fcp, ffcp = append(fcp, ac.FCP), append(ffcp, fc.FCP)
		ccold, cwarm = append(ccold, ac.Compiled), append(cwarm, aw.Compiled)
		fccold, fcwarm = append(fccold, fc.Compiled), append(fcwarm, fw.Compiled)
		cold = append(cold, ac.Ready)
		warm = append(warm, aw.Ready)
		cls = append(cls, ac.CLS, aw.CLS)
		fcold = append(fcold, fc.Ready)
		fwarm = append(fwarm, fw.Ready)
		gcold, gwarm = append(gcold, ac.Ready-ac.Compiled), append(gwarm, aw.Ready-aw.Compiled)
		fgcold, fgwarm = append(fgcold, fc.Ready-fc.Compiled), append(fgwarm, fw.Ready-fw.Compiled)
		rcold = append(rcold, ac.Ready/fc.Ready)
		rwarm = append(rwarm, aw.Ready/fw.Ready)
		v, err := freshVisit(ctx, exe, appURL+"?article=bench/article.txt")
		if err != nil {
			return nil, fmt.Errorf("?article=: %w", err)
		}
		articleReady = append(articleReady, v.Ready)
	}
	// spread gives the median of xs and their range, each number in the
	// verb num, the median followed by unit.
	spread := func(xs []float64, num, unit string) string {
		return fmt.Sprintf(num+unit+" (median of %d; "+num+"–"+num+")", median(xs), len(xs), slices.Min(xs), slices.Max(xs))
	}
	med := func(xs []float64) string { return spread(xs, "%.0f", " ms") }
	kb := func(xs []float64) string { return spread(xs, "%.0f", " KB") }
	ratio := func(xs []float64) string { return spread(xs, "%.2f", "") }
	return []row{
		{what: "article text painted, cold", value: med(text), target: "≤ 100 ms"},
		{what: "first contentful paint, cold: app | floor", value: med(fcp) + " | " + med(ffcp)},
		{what: "wasm compiled, cold | second visit", value: med(ccold) + " | " + med(cwarm)},
		{what: "floor wasm compiled, cold | second visit", value: med(fccold) + " | " + med(fcwarm)},
		{what: "compiled → interactive, cold: app | floor", value: med(gcold) + " | " + med(fgcold)},
		{what: "compiled → interactive, second visit: app | floor", value: med(gwarm) + " | " + med(fgwarm)},
		{what: "interactive, sample article, cold", value: med(cold), target: "≤ 300 ms"},
		{what: "interactive, sample article, second visit", value: med(warm), target: "≤ 150 ms"},
		{what: "compiled wasm in the code cache after the first | second visit", value: kb(cached1) + " | " + kb(cached2)},
		{what: "coming back to an article of one's own: text painted | interactive", value: med(owntext) + " | " + med(ownready)},
		{what: fmt.Sprintf("an article of the site by ?article=, sent %d ms after asked: interactive", articleDelay.Milliseconds()), value: med(articleReady)},
		{what: "floor (minimal syscall/js program), cold", value: med(fcold)},
		{what: "floor, second visit", value: med(fwarm)},
		{what: "interactive / floor, cold", value: ratio(rcold), target: "≤ 1.5"},
		{what: "interactive / floor, second visit", value: ratio(rwarm), target: "≤ 1.5"},
		{what: "layout shift (CLS), worst visit", value: fmt.Sprintf("%.3f", slices.Max(cls)), target: "≈ 0"},
	}, nil
}

// articleDelay is how long the bench's server takes to send the article
// of the ?article= row.
const articleDelay = 80 * time.Millisecond

// freshVisit loads url once in a browser with a fresh profile.
func freshVisit(ctx context.Context, exe, url string) (visit, error) {
	dir, err := os.MkdirTemp("", "spanmark-bench-profile-")
	if err != nil {
		return visit{}, err
	}
	defer os.RemoveAll(dir)
	_, closeBrowser, v, err := startVisit(ctx, exe, dir, startupProbe, url)
	if err == nil {
		closeBrowser()
	}
	return v, err
}

// startVisit starts a browser on the profile in dir, with probe run in
// every page before its own scripts, and loads url. closeBrowser closes
// the browser, and may be called again.
func startVisit(ctx context.Context, exe, dir, probe, url string) (bctx context.Context, closeBrowser func() error, v visit, err error) {
	actx, acancel := chromedp.NewExecAllocator(ctx, chromeOptions(exe, dir)...)
	bctx, bcancel := chromedp.NewContext(actx)
	closed := false
	closeBrowser = func() error {
		if closed {
			return nil // chromedp.Cancel closes a browser once only
		}
		closed = true
		err := chromedp.Cancel(bctx)
		bcancel()
		acancel()
		return err
	}
	if err := chromedp.Do(bctx); err != nil {
		closeBrowser()
		return nil, nil, visit{}, fmt.Errorf("start %s: %w", exe, err)
	}
	if _, err := chromedp.Call(bctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probe}); err != nil {
		closeBrowser()
		return nil, nil, visit{}, err
	}
	if v, err = loadVisit(bctx, url); err != nil {
		closeBrowser()
		return nil, nil, visit{}, err
	}
	return bctx, closeBrowser, v, nil
}

// chromeOptions are the bench's browser: headless, with its profile in
// dir.
func chromeOptions(exe, dir string) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.UserDataDir(dir))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run its sandbox as root
	}
	return opts
}

// profileStartup loads the app in a fresh profile with V8's sampling
// profiler on, from navigation until the page is ready, and returns the
// functions with the most self time. s must keep the wasm's function
// names (site.Options.Names).
func profileStartup(ctx context.Context, exe string, s *site.Site, top int, out string) ([]row, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	blank := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>blank</title>")
	})
	base, err := serveSite(ctx, s, blank)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "spanmark-bench-profile-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// One renderer process for both pages of the site, so the profiler
	// started on the first sees the second.
	opts := append(chromeOptions(exe, dir), chromedp.Flag("disable-features", "BackForwardCache,ProactivelySwapBrowsingInstance"))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx, chromedp.Navigate(base+"bench/blank")); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(bctx, profiler.Enable, cdp.Empty{}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(bctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 100}); err != nil { // microseconds
		return nil, err
	}
	if _, err := chromedp.Call(bctx, profiler.Start, cdp.Empty{}); err != nil {
		return nil, err
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(base)); err != nil {
		return nil, err
	}
	ready, err := eval[float64](bctx, `spanmark.ready.then(() => performance.now())`)
	if err != nil {
		return nil, err
	}
	res, err := chromedp.Call(bctx, profiler.Stop, cdp.Empty{})
	if err != nil {
		return nil, err
	}
	if out != "" {
		// The .cpuprofile format DevTools opens (Performance, Load profile).
		b, err := json.Marshal(res.Profile)
		if err == nil {
			err = os.WriteFile(out, b, 0o644)
		}
		if err != nil {
			return nil, fmt.Errorf("write the profile: %w", err)
		}
	}
	return profileTop(res.Profile, fmt.Sprintf("profile: busy main thread up to ready (%.0f ms after navigation)", ready), top), nil
}

// profileTop returns the top functions of p by self time, as rows, after
// a row titled title with the total. A function is its name and, for JavaScript, its
// file; V8's idle samples are left out.
func profileTop(p *profiler.Profile, title string, top int) []row {
	// A sample's time is the delta to the next one (the last gets none).
	hits := map[int64]float64{} // node id to milliseconds
	for i := 0; i+1 < len(p.Samples) && i+1 < len(p.TimeDeltas); i++ {
		hits[p.Samples[i]] += float64(p.TimeDeltas[i+1]) / 1000
	}
	self := map[string]float64{}
	total := 0.0
	for _, n := range p.Nodes {
		name := n.CallFrame.FunctionName
		ms := hits[n.ID]
		if name == "(idle)" || ms == 0 {
			continue
		}
		if name == "" {
			name = "(anonymous)"
		}
		if u := n.CallFrame.URL; u != "" && !strings.HasPrefix(name, "(") && strings.HasSuffix(u, ".js") {
			name += " " + filepath.Base(u)
		}
		self[name] += ms
		total += ms
	}
	names := make([]string, 0, len(self))
	for name := range self {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		if self[a] != self[b] {
			if self[a] > self[b] {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	rows := []row{{what: title, value: fmt.Sprintf("%.1f ms", total)}}
	for _, name := range names[:min(top, len(names))] {
		rows = append(rows, row{what: "  self " + name, value: fmt.Sprintf("%.1f ms", self[name])})
	}
	// The program's own functions by total time (themselves and what they
	// call): where the start-up goes, in the program's terms.
	parent := map[int64]int64{}
	byID := map[int64]*profiler.ProfileNode{}
	for _, n := range p.Nodes {
		byID[n.ID] = n
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	inclusive := map[string]float64{}
	for id, ms := range hits {
		seen := map[string]bool{}
		for n, ok := byID[id]; ok; n, ok = byID[parent[n.ID]] {
			name := n.CallFrame.FunctionName
			if !seen[name] && (strings.HasPrefix(name, "main.") || strings.Contains(name, "spanmark") || strings.Contains(name, ".init") || name == "runtime.main" || name == "runtime.doInit1" || name == "runtime.schedinit") {
				seen[name] = true
				inclusive[name] += ms
			}
			if n.ID == parent[n.ID] {
				break
			}
		}
	}
	names = names[:0]
	for name := range inclusive {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		if inclusive[a] != inclusive[b] {
			if inclusive[a] > inclusive[b] {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	for _, name := range names[:min(top, len(names))] {
		rows = append(rows, row{what: "  total " + name, value: fmt.Sprintf("%.1f ms", inclusive[name])})
	}
	return rows
}
