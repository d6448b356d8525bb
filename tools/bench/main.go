// Command bench measures Spanmark in headless Chromium and prints a table:
// the wasm's size; the start-up (article text painted, interactive on a
// first and a second visit and on coming back to an article of one's own,
// each run in a fresh profile, and the compiled wasm the browser kept in
// its code cache for the next visit) beside a floor, a
// minimal syscall/js program built and served the same way, and their
// ratio (startup.go); the functions with most self time in a profile of
// the start-up; the latency of labelling a span with 0, 1,000 and 10,000
// annotations; the time to export and import 10,000 annotations (onto the
// article, and onto an edited copy of it, placed again, from the native
// file and from the W3C one, with the longest task meanwhile); the time
// from turning the suggestions on (and from an edit) to their highlights
// painted on the sample and the large article, with the longest task
// meanwhile; a project of 1,000 articles of 50 KB (project.go: opening it,
// drawing its documents panel, opening documents one after another,
// exporting it); and the JavaScript heap after each step. Everything goes
// through window.spanmark (docs/api.md), against the site that tools/build
// makes, served on 127.0.0.1.
//
// Usage:
//
//	go run ./tools/bench [-quick] [-startup | -import | -project] [-runs n] [-profile n] [-profile-out file] [-chromium path] [-article file] [-samples n]
//
// -import measures the imports only: 10,000 annotations (and the probes'
// 180) exported from the page and imported onto the article, onto an
// edited copy of it, and as W3C onto the edited copy, each with the time
// per selector and the longest task of the main thread (imports.go); with
// -profile n, the n functions with most self time on the main thread
// during each import that places.
//
// -startup measures the start-up only, in -runs fresh-profile runs (7 by
// default; the table gives medians and ranges). -project measures the
// project rows only, and with -profile n lists the functions with most
// self time while they run. -profile n lists the n
// functions with most self time, and the program's own by total time;
// -profile-out writes the profile as a .cpuprofile for DevTools.
// Run it from inside the module. -article is the large article (default
// testdata/corpus/war_and_peace_books_1-5.txt, about 1 MB). -quick measures
// a small version (a 64 KB article, 10 and 100 annotations, few samples,
// a project of 20 documents) so
// that its test can run it in seconds. The browser is $SPANMARK_CHROMIUM,
// or chromium on the PATH.
//
// Label latency is measured in the page: performance.now() before
// spanmark.annotate, and again once the next frame has been rendered (a
// requestAnimationFrame callback registered before the call, then a
// message posted from it, which runs after the frame's style, layout and
// paint). "latency" is call to painted frame and so includes the wait for
// the display's next frame (up to 16.7 ms at 60 Hz); "busy" leaves that
// wait out: the call itself plus the frame's work, which is what must stay
// under 16 ms for labelling to feel instant.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/tools/internal/cli"
	"github.com/spanmark/spanmark/tools/internal/site"
	"github.com/spanmark/spanmark/web"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is what one run measures.
type config struct {
	article  []rune // the large article
	levels   []int  // annotation counts at which to measure label latency
	samples  int    // labels measured per level
	runs     int    // page loads measured per article
	startup  int    // fresh-profile start-up runs (app and floor each)
	only     bool   // measure the start-up only
	imports  bool   // measure the imports only
	proj     projectBench
	projOnly bool   // measure the project rows only
	profile  int    // functions of the start-up profile to list; 0 for none
	profOut  string // where to write the start-up profile, or ""
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	quick := fl.Bool("quick", false, "measure a small version, for tests")
	chromium := fl.String("chromium", "", "the Chromium `binary` (default $SPANMARK_CHROMIUM or chromium on the PATH)")
	article := fl.String("article", "testdata/corpus/war_and_peace_books_1-5.txt", "the large article, a UTF-8 text `file`")
	samples := fl.Int("samples", 60, "labels to measure at each annotation count")
	runs := fl.Int("runs", 7, "fresh-profile start-up `runs` of the app and of the floor")
	only := fl.Bool("startup", false, "measure the start-up only")
	imports := fl.Bool("import", false, "measure the imports only")
	projOnly := fl.Bool("project", false, "measure the project rows only")
	prof := fl.Int("profile", 15, "list the `n` functions with most self time in a profile of the start-up; 0 for none")
	profOut := fl.String("profile-out", "", "write the start-up profile to `file` (.cpuprofile, for DevTools)")
	if status, ok := cli.Parse(fl, "usage: go run ./tools/bench [-quick] [-startup | -import | -project] [-runs n] [-profile n] [-profile-out file] [-chromium path] [-article file] [-samples n]", args, stderr); !ok {
		return status
	}
	if *runs < 1 {
		fmt.Fprintf(stderr, "bench: -runs: want 1 or more, got %d\n", *runs)
		return 2
	}
	if *samples < 1 {
		fmt.Fprintf(stderr, "bench: -samples: want 1 or more, got %d\n", *samples)
		return 2
	}
	exe, err := findChromium(*chromium)
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	if n := btoi(*only) + btoi(*imports) + btoi(*projOnly); n > 1 {
		fmt.Fprintln(stderr, "bench: -startup, -import and -project: choose one")
		return 2
	}
	cfg := config{levels: []int{0, 1000, 10000}, samples: *samples, runs: 3, startup: *runs, only: *only, imports: *imports, profile: max(0, *prof), profOut: *profOut,
		proj: projectBench{docs: 1000, size: 50 << 10, switches: 15}, projOnly: *projOnly}
	if *quick {
		sample, err := fs.ReadFile(web.FS, "sample.txt")
		if err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return 1
		}
		var b strings.Builder
		for b.Len() < 64<<10 {
			b.Write(sample)
			b.WriteByte('\n')
		}
		cfg = config{article: []rune(b.String()), levels: []int{0, 10, 100}, samples: min(*samples, 5), runs: 1, startup: 1, only: *only, imports: *imports,
			proj: projectBench{docs: 20, size: 50 << 10, switches: 3}, projOnly: *projOnly}
	} else {
		b, err := os.ReadFile(*article)
		if err != nil {
			fmt.Fprintln(stderr, "bench: read the article:", err)
			return 1
		}
		cfg.article = []rune(strings.ReplaceAll(string(b), "\r\n", "\n"))
	}
	// A failed step still prints what was measured before it.
	rows, err := measure(context.Background(), exe, cfg, stderr)
	if werr := writeTable(stdout, rows); werr != nil && err == nil {
		err = werr
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	return 0
}

func findChromium(flagValue string) (string, error) {
	for _, p := range []string{flagValue, os.Getenv("SPANMARK_CHROMIUM")} {
		if p != "" {
			return p, nil
		}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("find a browser: no chromium on the PATH; install Debian's chromium or pass -chromium")
}

// row is one line of the table.
type row struct {
	what, value, target string
	heap                float64 // JS heap used after the step, bytes; 0 when not measured
}

func writeTable(w io.Writer, rows []row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "measure\tvalue\ttarget\tJS heap after")
	for _, r := range rows {
		heap := ""
		if r.heap > 0 {
			heap = fmt.Sprintf("%.1f MB", r.heap/(1<<20))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.what, r.value, r.target, heap)
	}
	return tw.Flush()
}

// readyProbe runs before the page's own scripts (CDP scripts are not
// subject to the page's Content-Security-Policy) and records when the app
// declares itself interactive, <html data-ready="true">, as milliseconds
// since navigation started.
const readyProbe = `new MutationObserver((_, obs) => {
  const r = document.documentElement;
  if (r && r.dataset.ready === "true" && window.__benchReady === undefined) {
    window.__benchReady = performance.now();
    obs.disconnect();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-ready"], childList: true});`

func measure(ctx context.Context, exe string, cfg config, logw io.Writer) ([]row, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
	defer cancel()

	fmt.Fprintln(logw, "bench: building the site…")
	var rows []row
	s, err := site.Build(ctx, site.Options{Web: web.FS})
	if err != nil {
		return rows, err
	}
	for _, a := range s.Assets {
		if a.Source == site.WasmName {
			rows = append(rows, row{what: "wasm size raw / gzip", value: fmt.Sprintf("%.0f KB / %.0f KB", float64(a.Raw)/1024, float64(a.Gzip)/1024)})
		}
	}

	large := s
	if !cfg.projOnly && !cfg.imports {
		var err error
		if rows, large, err = startupAndProfile(ctx, exe, s, cfg, rows, logw); err != nil || cfg.only {
			return rows, err
		}
	} else if cfg.profile > 0 {
		fmt.Fprintln(logw, "bench: building the site with function names, to profile…")
		if large, err = site.Build(ctx, site.Options{Web: web.FS, Quick: true, Names: true}); err != nil {
			return rows, err
		}
	}
	// The project rows use a folder of their own, made now.
	projDir, err := os.MkdirTemp("", "spanmark-bench-project-")
	if err != nil {
		return rows, err
	}
	defer os.RemoveAll(projDir)
	if cfg.proj.mean, err = writeProject(projDir, cfg.article, cfg.proj); err != nil {
		return rows, fmt.Errorf("write the project: %w", err)
	}

	text := string(cfg.article)
	mux := http.NewServeMux()
	mux.Handle("/", site.Handler(large.FS()))
	mux.Handle("/bench/proj/", projectHandler(projDir))
	mux.HandleFunc("/bench/article.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, text)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return rows, fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/"

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run its sandbox as root
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx); err != nil {
		return rows, fmt.Errorf("start %s: %w", exe, err)
	}
	if cfg.projOnly {
		pr, err := projectRows(bctx, base, cfg.proj, cfg.profile)
		return append(rows, pr...), err
	}

	// Navigation to interactive, in a fresh browser context each time, so
	// that nothing is cached: no HTTP cache, service worker or IndexedDB.
	for _, c := range []struct {
		what, url, target string
	}{
		{fmt.Sprintf("interactive, %s article (?article=)", size(len(text))), base + "?article=bench/article.txt", ""},
	} {
		if cfg.imports {
			break
		}
		var times []float64
		var heap float64
		for range cfg.runs {
			ms, h, err := loadTime(bctx, c.url)
			if err != nil {
				return rows, fmt.Errorf("%s: %w", c.what, err)
			}
			times = append(times, ms)
			heap = h
		}
		rows = append(rows, row{what: c.what, value: fmt.Sprintf("%.0f ms (median of %d)", median(times), len(times)), target: c.target, heap: heap})
	}

	// Everything else happens in one tab, first on the sample, then on
	// the large article.
	tctx, tcancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(base)); err != nil {
		return rows, err
	}
	if _, err := eval[any](tctx, `spanmark.ready`); err != nil {
		return rows, fmt.Errorf("wait for the app: %w", err)
	}
	if !cfg.imports {
		if rows, err = suggestRows(tctx, rows, "sample article"); err != nil {
			return rows, err
		}
	}
	ms, err := eval[float64](tctx, `(async (text) => {
  const t0 = performance.now();
  await spanmark.load({text, title: "bench", source: "bench"});
  await nextFrame();
  return performance.now() - t0;
})(`+jsString(text)+`)`)
	if err != nil {
		return rows, fmt.Errorf("load the article: %w", err)
	}
	rows = append(rows, row{what: fmt.Sprintf("spanmark.load of the %s article, to painted", size(len(text))), value: fmt.Sprintf("%.0f ms", ms), heap: heapUsed(tctx)})
	if !cfg.imports {
		if rows, err = suggestRows(tctx, rows, size(len(text))+" article"); err != nil {
			return rows, err
		}
	}

	words := wordSpans(cfg.article)
	maxLevel := slices.Max(cfg.levels)
	need := maxLevel + cfg.samples*len(cfg.levels)
	if len(words) < need {
		return rows, fmt.Errorf("the article has %d words; %d are needed", len(words), need)
	}
	// Bulk annotations take every other word from the front; the measured
	// ones come from the rest, so no span is labelled twice.
	var bulk, probe [][2]int
	for i, w := range words {
		if i%2 == 0 && len(bulk) < maxLevel {
			bulk = append(bulk, w)
		} else {
			probe = append(probe, w)
		}
	}
	have := 0 // bulk annotations added so far; the probes come on top
	for li, level := range cfg.levels {
		if level > have {
			if _, err := eval[int](tctx, `((spans) => {
  for (const [start, end] of spans) spanmark.annotate({start, end, label: "claim"});
  return spanmark.list().length;
})(`+jsonOf(bulk[have:level])+`)`); err != nil {
				return rows, fmt.Errorf("add %d annotations: %w", level-have, err)
			}
			have = level
		}
		// Spread the probes across the article.
		step := len(probe) / (cfg.samples * len(cfg.levels))
		var spans [][2]int
		for i := range cfg.samples {
			spans = append(spans, probe[(li*cfg.samples+i)*step])
		}
		if cfg.imports {
			// The same annotations, unmeasured.
			if _, err := eval[int](tctx, `((spans) => {
  for (const [start, end] of spans) spanmark.annotate({start, end, label: "actor"});
  return spanmark.list().length;
})(`+jsonOf(spans)+`)`); err != nil {
				return rows, fmt.Errorf("label with %d annotations: %w", level, err)
			}
			continue
		}
		var res struct{ Latency, Busy []float64 }
		raw, err := eval[json.RawMessage](tctx, labelProbe+`(`+jsonOf(spans)+`)`)
		if err == nil {
			err = json.Unmarshal(raw, &res)
		}
		if err != nil {
			return rows, fmt.Errorf("label with %d annotations: %w", level, err)
		}
		target := ""
		if level == slices.Max(cfg.levels) {
			target = "busy p95 < 16 ms"
		}
		rows = append(rows, row{
			what: fmt.Sprintf("label with %s annotations (latency | busy)", commas(level+li*cfg.samples)),
			value: fmt.Sprintf("p50 %.1f p95 %.1f | p50 %.1f p95 %.1f ms",
				percentile(res.Latency, 50), percentile(res.Latency, 95), percentile(res.Busy, 50), percentile(res.Busy, 95)),
			target: target, heap: heapUsed(tctx)})
	}

	var exp struct {
		MS    float64
		Bytes int
		Count int
	}
	raw, err := eval[json.RawMessage](tctx, `(() => {
  const t0 = performance.now();
  const s = spanmark.export("spanmark");
  const ms = performance.now() - t0;
  window.__benchExport = s;
  return {ms, bytes: new TextEncoder().encode(s).length, count: spanmark.list().length};
})()`)
	if err == nil {
		err = json.Unmarshal(raw, &exp)
	}
	if err != nil {
		return rows, fmt.Errorf("export: %w", err)
	}
	rows = append(rows, row{what: fmt.Sprintf("export %s annotations (spanmark JSON, %s)", commas(exp.Count), size(exp.Bytes)),
		value: fmt.Sprintf("%.0f ms", exp.MS), heap: heapUsed(tctx)})
	// The same work as W3C, unmeasured, for the imports: labelling by key
	// adds annotations.
	w3c, err := eval[string](tctx, `spanmark.export("w3c")`)
	if err != nil {
		return rows, fmt.Errorf("export W3C: %w", err)
	}

	// Labelling by key after a mouse selection, on words between the
	// probes already labelled.
	step := len(probe) / (cfg.samples * len(cfg.levels))
	var spans [][2]int
	for i := range cfg.samples {
		spans = append(spans, probe[((len(cfg.levels)-1)*cfg.samples+i)*step+step/2])
	}
	if !cfg.imports {
		kr, err := keyLabelRows(tctx, spans, exp.Count, cfg.profile)
		rows = append(rows, kr...)
		if err != nil {
			return rows, err
		}
	}

	// Import into a fresh browser context, so the document starts empty.
	exported, err := eval[string](tctx, `window.__benchExport`)
	if err != nil {
		return rows, err
	}
	top := 0
	if cfg.imports {
		top = cfg.profile
	}
	ir, err := importRows(bctx, base, text, exported, w3c, exp.Count, top)
	rows = append(rows, ir...)
	if err != nil || cfg.imports {
		return rows, err
	}

	pr, err := projectRows(bctx, base, cfg.proj, 0)
	return append(rows, pr...), err
}

// startupAndProfile measures the floor, the start-up and, with -profile,
// profiles it; it returns the site the rest is measured on.
func startupAndProfile(ctx context.Context, exe string, s *site.Site, cfg config, rows []row, logw io.Writer) ([]row, *site.Site, error) {
	floor, err := buildFloor(ctx)
	if err != nil {
		return rows, s, fmt.Errorf("build the floor: %w", err)
	}
	for _, a := range floor.Assets {
		if a.Source == site.WasmName {
			rows = append(rows, row{what: "floor wasm size raw / gzip", value: fmt.Sprintf("%.0f KB / %.0f KB", float64(a.Raw)/1024, float64(a.Gzip)/1024)})
		}
	}
	sr, err := startupRows(ctx, exe, s, floor, cfg.startup, logw)
	rows = append(rows, sr...)
	if err != nil {
		return rows, s, err
	}
	// With -profile, the rest runs on a build that keeps the wasm's function
	// names, for the profile of labelling by key; names cost no speed.
	large := s
	if cfg.profile > 0 {
		fmt.Fprintln(logw, "bench: building the site with function names, to profile…")
		named, err := site.Build(ctx, site.Options{Web: web.FS, Quick: true, Names: true})
		if err != nil {
			return rows, s, err
		}
		large = named
		pr, err := profileStartup(ctx, exe, named, cfg.profile, cfg.profOut)
		rows = append(rows, pr...)
		if err != nil {
			return rows, s, fmt.Errorf("profile the start-up: %w", err)
		}
	}
	return rows, large, nil
}

// suggestRows measures the suggestions on the open article: from turning
// them on (the first time, loading web/analysis.js and starting the
// worker) to their highlights painted, then from an edit to the new
// suggestions painted, with the longest task of the main thread (over 50
// ms, the browser's long tasks) in each.
func suggestRows(ctx context.Context, rows []row, what string) ([]row, error) {
	var res struct {
		On, Edit       float64
		LongOn, LongEd float64
		N              int
	}
	raw, err := eval[json.RawMessage](ctx, `(async () => {
  const watch = () => {
    const long = [];
    const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(e.duration); });
    obs.observe({type: "longtask"});
    return () => { obs.disconnect(); return Math.max(0, ...long); };
  };
  const shown = async () => { await spanmark.suggestions(); await nextFrame(); };
  let stop = watch();
  let t0 = performance.now();
  const on = document.getElementById("suggest-on");
  if (!on.checked) on.click();
  await shown();
  const first = performance.now() - t0;
  const longOn = stop();
  const n = (await spanmark.suggestions()).length;
  const s = (await spanmark.suggestions())[0];
  stop = watch();
  t0 = performance.now();
  await spanmark.accept(s.id);
  await shown();
  const edit = performance.now() - t0;
  const longEd = stop();
  spanmark.undo();
  on.click();
  return {on: first, edit, longOn, longEd: longEd, n};
})()`)
	if err == nil {
		err = json.Unmarshal(raw, &res)
	}
	if err != nil {
		return rows, fmt.Errorf("suggestions on the %s: %w", what, err)
	}
	long := func(ms float64) string {
		if ms == 0 {
			return "none over 50 ms"
		}
		return fmt.Sprintf("longest task %.0f ms", ms)
	}
	return append(rows,
		row{what: fmt.Sprintf("suggestions on, %s (%s suggestions), to painted", what, commas(res.N)),
			value: fmt.Sprintf("%.0f ms (%s)", res.On, long(res.LongOn)), heap: heapUsed(ctx)},
		row{what: fmt.Sprintf("suggestions after an edit, %s, to painted", what),
			value: fmt.Sprintf("%.0f ms (%s)", res.Edit, long(res.LongEd)), target: "no long task"},
	), nil
}

// edit returns text edited as a person revising it might: a sentence
// inserted at the start of every 20th paragraph, and every 50th paragraph
// removed.
func edit(text string) string {
	paras := strings.Split(text, "\n")
	var out []string
	for i, p := range paras {
		switch {
		case i%50 == 49:
			continue
		case i%20 == 0 && p != "":
			p = "An inserted sentence, for the benchmark. " + p
		}
		out = append(out, p)
	}
	return strings.Join(out, "\n")
}

// nextFrameJS defines nextFrame(), which resolves once the next frame has
// been rendered: a message posted from a requestAnimationFrame callback is
// delivered after that frame's style, layout and paint.
const nextFrameJS = `const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve(performance.now());
  ch.port2.postMessage(0);
}));
`

// labelProbe labels each span, one per frame, and returns per label the
// time from the call to the painted frame, and the busy part of it: the
// call plus the frame's work, measured from the start of the frame's
// callbacks (ours is registered before the call, so it runs first).
const labelProbe = `(async (spans) => {
  const latency = [], busy = [];
  for (const [start, end] of spans) {
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    let frameStart = 0;
    const painted = new Promise((resolve) => requestAnimationFrame(() => {
      frameStart = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(0);
    }));
    const t0 = performance.now();
    spanmark.annotate({start, end, label: "actor"});
    const t1 = performance.now();
    const t2 = await painted;
    latency.push(t2 - t0);
    busy.push((t1 - t0) + (t2 - frameStart));
  }
  return {latency, busy};
})`

// eval evaluates expr in the tab, awaiting a promise, with nextFrame
// defined, and decodes the result into T.
func eval[T any](ctx context.Context, expr string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](`(() => {`+nextFrameJS+`return (`+expr+`);})()`, chromedp.EvalAwaitPromise))
}

// loadTime navigates a new tab in a new browser context to url and returns
// the milliseconds from navigation to interactive, and the JS heap then.
func loadTime(parent context.Context, url string) (ms, heap float64, err error) {
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	defer cancel()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: readyProbe}); err != nil {
		return 0, 0, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return 0, 0, err
	}
	ms, err = eval[float64](ctx, `spanmark.ready.then(() => window.__benchReady ?? performance.now())`)
	if err != nil {
		return 0, 0, fmt.Errorf("wait for the app: %w", err)
	}
	return ms, heapUsed(ctx), nil
}

// heapUsed returns the used JS heap of the tab's isolate in bytes, after a
// garbage collection, or 0 when the browser does not say.
func heapUsed(ctx context.Context) float64 {
	chromedp.Call(ctx, heapprofiler.CollectGarbage, cdp.Empty{})
	h, err := chromedp.Call(ctx, runtime.GetHeapUsage, cdp.Empty{})
	if err != nil {
		return 0
	}
	return h.UsedSize
}

// wordSpans returns the [start, end) code point spans of the words of text:
// maximal runs of letters and digits.
func wordSpans(text []rune) [][2]int {
	var spans [][2]int
	start := -1
	for i, r := range text {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case isWord && start < 0:
			start = i
		case !isWord && start >= 0:
			spans = append(spans, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		spans = append(spans, [2]int{start, len(text)})
	}
	return spans
}

func jsonOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain values are passed
	}
	return string(b)
}

// jsString quotes s as a JavaScript string literal. JSON strings are
// JavaScript strings, except that U+2028 and U+2029 needed escaping before
// ES2019; encoding/json escapes them anyway.
func jsString(s string) string { return jsonOf(s) }

func median(xs []float64) float64 { return percentile(xs, 50) }

// percentile returns the p-th percentile of xs by the nearest-rank method.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(p/100*float64(len(s))+0.999999) - 1
	return s[max(0, min(i, len(s)-1))]
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// commas writes n with thousands separators: 10000 is "10,000".
func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// btoi is 1 for true, 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
