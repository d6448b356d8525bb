package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// loadProbe opens the article text in the tab.
const loadProbe = `(async (text, title) => {
  await spanmark.ready;
  await spanmark.load({text, title, source: "bench"});
  await nextFrame();
  return true;
})`

// importProbe imports a file onto the open article and returns the milliseconds from spanmark.import to the painted frame,
// what the import reports, the annotations listed after it, and the
// longest task of the main thread meanwhile (over 50 ms, the browser's
// long tasks; 0 when none).
const importProbe = `(async (file) => {
  const long = [];
  const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(e.duration); });
  obs.observe({type: "longtask"});
  const t0 = performance.now();
  const r = await spanmark.import(file);
  await nextFrame();
  const ms = performance.now() - t0;
  await new Promise((res) => setTimeout(res, 0)); // the observer's last entries
  obs.disconnect();
  return {ms, moved: r.moved, orphaned: r.orphaned, count: spanmark.list().length, longest: Math.max(0, ...long)};
})`

// importResult is what importProbe returns.
type importResult struct {
	MS              float64
	Moved, Orphaned int
	Count           int
	Longest         float64
}

// importRows measures importing work of count annotations, exported as
// spanmark JSON and as W3C, in a fresh browser context made from browser:
// onto the article text itself, onto an edited copy of it in the native
// format, and onto the edited copy in the W3C format (which carries no
// text, so the quotes are placed by their context and order).
// The first placing of the visit includes the start of the page's worker.
// With top > 0, the main thread is profiled during each import that
// places, and the top functions listed (the page's build must keep its
// function names).
func importRows(browser context.Context, base, text, exported, w3c string, count, top int) ([]row, error) {
	var rows []row
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(base)); err != nil {
		return rows, err
	}
	edited := edit(text)
	for _, c := range []struct {
		what, text, title, file, target string
		placed                          bool
	}{
		{"import %s annotations, to painted", text, "bench", exported, "< 1000 ms", false},
		{"import %s annotations onto the article edited (%s moved, %s orphaned), to painted", edited, "bench edited", exported, "< 1000 ms, no long task", true},
		{"import %s annotations as W3C onto the article edited (%s moved, %s orphaned), to painted", edited, "bench edited w3c", w3c, "< 1000 ms, no long task", true},
	} {
		if _, err := eval[bool](ctx, loadProbe+`(`+jsString(c.text)+`, `+jsString(c.title)+`)`); err != nil {
			return rows, fmt.Errorf("load the article: %w", err)
		}
		var r importResult
		profile := top > 0 && c.placed
		if profile {
			if err := startProfile(ctx); err != nil {
				return rows, err
			}
		}
		raw, err := eval[json.RawMessage](ctx, importProbe+`(`+jsString(c.file)+`)`)
		if err == nil {
			err = json.Unmarshal(raw, &r)
		}
		var prof *profiler.Profile
		if profile {
			res, perr := chromedp.Call(ctx, profiler.Stop, cdp.Empty{})
			if perr != nil && err == nil {
				err = perr
			}
			prof = res.Profile
		}
		if err != nil {
			return rows, fmt.Errorf("%s: %w", fmt.Sprintf(c.what, commas(count), "?", "?"), err)
		}
		if !c.placed && r.Count != count {
			return rows, fmt.Errorf("import: the page lists %d annotations after importing a file of %d", r.Count, count)
		}
		what := fmt.Sprintf(c.what, commas(count))
		if c.placed {
			what = fmt.Sprintf(c.what, commas(count), commas(r.Moved), commas(r.Orphaned))
		}
		long := "no task over 50 ms"
		if r.Longest > 0 {
			long = fmt.Sprintf("longest task %.0f ms", r.Longest)
		}
		rows = append(rows, row{what: what,
			value:  fmt.Sprintf("%.0f ms, %.3f ms per selector (%s)", r.MS, r.MS/float64(max(1, count)), long),
			target: c.target, heap: heapUsed(ctx)})
		if prof != nil {
			rows = append(rows, profileTop(prof, "  profile: main thread during the import", top)...)
		}
	}
	return rows, nil
}

// startProfile starts V8's sampling profiler in the tab.
func startProfile(ctx context.Context) error {
	if _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 100}); err != nil { // microseconds
		return err
	}
	_, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{})
	return err
}
