package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// A project at scale: a project folder of many articles, made in a
// temporary folder at bench time and served beside the site under
// /bench/proj/, is opened by spanmark.openProject; then its documents
// panel is drawn again, several documents opened one after another (with
// three labels in each, timed too), the saved-documents dialog (#docs)
// opened, and the whole project exported as a corpus and as W3C.

// projectBench is what the project rows measure.
type projectBench struct {
	docs     int // documents in the project
	size     int // code points per article, about
	mean     int // bytes per article, as written
	switches int // documents opened one after another
}

// writeProject writes a project of pb.docs articles of about pb.size
// bytes each into dir: project.json and articles/dNNNN.txt, each article
// cut from text at its own place (whole lines, so that paragraphs stay
// paragraphs), with a title line of its own.
func writeProject(dir string, text []rune, pb projectBench) (mean int, err error) {
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		return 0, err
	}
	type doc struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Path  string `json:"path"`
	}
	var docs []doc
	chunk := min(pb.size, len(text)) // in code points; the corpus is mostly ASCII
	step := max(1, (len(text)-chunk)/max(1, pb.docs))
	for i := range pb.docs {
		start := (i * step) % max(1, len(text)-chunk+1)
		body := string(text[start : start+chunk])
		// Start and end at line breaks.
		if j := strings.IndexByte(body, '\n'); j >= 0 && j < len(body)/4 {
			body = body[j+1:]
		}
		if j := strings.LastIndexByte(body, '\n'); j > len(body)*3/4 {
			body = body[:j]
		}
		d := doc{ID: fmt.Sprintf("d%04d", i+1), Title: fmt.Sprintf("Article %d", i+1), Path: fmt.Sprintf("articles/d%04d.txt", i+1)}
		article := d.Title + "\n" + body + "\n"
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(d.Path)), []byte(article), 0o644); err != nil {
			return 0, err
		}
		mean += len(article)
		docs = append(docs, d)
	}
	b, err := json.MarshalIndent(map[string]any{"spanmark-project": 1, "title": "Bench project", "documents": docs}, "", "  ")
	if err != nil {
		return 0, err
	}
	return mean / max(1, pb.docs), os.WriteFile(filepath.Join(dir, "project.json"), b, 0o644)
}

// projectFormats are the formats of spanmark.exportProject measured.
var projectFormats = []string{"corpus", "w3c"}

// projectHandler serves the folder dir under /bench/proj/.
func projectHandler(dir string) http.Handler {
	return http.StripPrefix("/bench/proj/", http.FileServer(http.Dir(dir)))
}

// projectProbe opens the project and measures, in the page, to the next
// painted frame each time: opening it; drawing its documents panel again
// (the filter set to "done", which shows none, and back to all); opening
// the saved-documents dialog; opening documents one after another (spread
// over the project, a few labels added in each); and exporting the
// corpus and W3C; last, with as many documents stored as the project
// has, opening the saved-documents dialog again.
const projectProbe = `(async (url, switches, formats) => {
  const ms = async (fn) => { const t0 = performance.now(); await fn(); await nextFrame(); return performance.now() - t0; };
  const out = {};
  out.open = await ms(() => spanmark.openProject(url));
  const docs = spanmark.project().documents;
  out.docs = docs.length;
  out.rows = document.querySelectorAll("#project-docs li").length;
  const filter = document.getElementById("project-filter");
  const setFilter = (v) => { filter.value = v; filter.dispatchEvent(new Event("change")); };
  setFilter("done");
  await nextFrame();
  out.panel = await ms(() => {
    const t0 = performance.now();
    setFilter("");
    out.panelCall = performance.now() - t0;
  });
  out.switches = [];
  out.labels = [];
  for (let i = 1; i <= switches; i++) {
    const id = docs[Math.floor(i * docs.length / (switches + 1))].id;
    await new Promise((r) => setTimeout(r, 50));
    out.switches.push(await ms(() => spanmark.openDocument(id)));
    for (let k = 0; k < 3; k++) {
      out.labels.push(await ms(() => spanmark.annotate({start: 200 + 40 * k, end: 220 + 40 * k, label: "actor"})));
    }
  }
  await spanmark.flush();
  const dlg = document.getElementById("docs-dialog");
  out.dialog = await ms(async () => {
    document.getElementById("docs").click();
    while (!dlg.open) await new Promise((r) => setTimeout(r, 0));
  });
  out.stored = document.querySelectorAll("#docs-list li").length;
  dlg.close();
  out.exports = [];
  for (const format of formats) {
    const t0 = performance.now();
    const s = await spanmark.exportProject(format);
    out.exports.push({format, ms: performance.now() - t0, bytes: new TextEncoder().encode(s).length});
  }
  // As many stored documents as the project has: copies of the work of
  // the document shown, under keys of their own, written with IndexedDB
  // in whatever stores the database has (the documents and, where
  // there is one, their summaries), so the dialog lists them all.
  const req = indexedDB.open("spanmark");
  const db = await new Promise((ok, fail) => { req.onsuccess = () => ok(req.result); req.onerror = () => fail(req.error); });
  const stores = [...db.objectStoreNames];
  const key = new URL(url, location.href).href + "#" + spanmark.project().current;
  const tx = db.transaction(stores, "readwrite");
  const get = (s) => new Promise((ok) => { const r = tx.objectStore(s).get(key); r.onsuccess = () => ok(r.result); });
  const recs = await Promise.all(stores.map(get));
  for (let i = 0; i < docs.length; i++) {
    stores.forEach((s, k) => tx.objectStore(s).put({...recs[k], id: "bench:stored:" + i, title: "Stored " + i, saved: Date.now() - i}));
  }
  await new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = () => fail(tx.error); });
  db.close();
  // The median of five openings: the first alone is at the mercy of
  // whatever else the machine runs.
  const full = [];
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 50));
    full.push(await ms(async () => {
      document.getElementById("docs").click();
      while (!dlg.open) await new Promise((r) => setTimeout(r, 0));
    }));
    out.storedFull = document.querySelectorAll("#docs-list li").length;
    dlg.close();
  }
  out.dialogFull = full.sort((a, b) => a - b)[2];
  return out;
})`

// projectRows measures a project of pb.docs articles cut from text,
// served under base+"bench/proj/", in a fresh browser context.
// With top > 0, the rows end with the top functions of a profile of it
// all.
func projectRows(ctx context.Context, base string, pb projectBench, top int) ([]row, error) {
	tctx, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(base)); err != nil {
		return nil, err
	}
	if _, err := eval[any](tctx, `spanmark.ready`); err != nil {
		return nil, fmt.Errorf("wait for the app: %w", err)
	}
	if top > 0 {
		if _, err := chromedp.Call(tctx, profiler.Enable, cdp.Empty{}); err != nil {
			return nil, err
		}
		if _, err := chromedp.Call(tctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 100}); err != nil {
			return nil, err
		}
		if _, err := chromedp.Call(tctx, profiler.Start, cdp.Empty{}); err != nil {
			return nil, err
		}
	}
	var res struct {
		Open, Panel, Dialog float64
		PanelCall           float64
		DialogFull          float64
		StoredFull          int
		Docs, Rows, Stored  int
		Switches, Labels    []float64
		Exports             []struct {
			Format string
			MS     float64
			Bytes  int
		}
	}
	raw, err := eval[json.RawMessage](tctx, projectProbe+`("bench/proj/project.json", `+fmt.Sprint(pb.switches)+`, `+jsonOf(projectFormats)+`)`)
	if err == nil {
		err = json.Unmarshal(raw, &res)
	}
	if err != nil {
		return nil, fmt.Errorf("project of %d documents: %w", pb.docs, err)
	}
	if res.Docs != pb.docs || res.Rows != pb.docs {
		return nil, fmt.Errorf("project of %d documents: the page has %d documents and draws %d rows", pb.docs, res.Docs, res.Rows)
	}
	n := commas(pb.docs)
	work := fmt.Sprintf("%d with 3 annotations", pb.switches)
	var prof []row
	if top > 0 {
		p, err := chromedp.Call(tctx, profiler.Stop, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		prof = profileTop(p.Profile, "profile: busy main thread in the project rows", top)
	}
	rows := []row{
		{what: fmt.Sprintf("openProject of %s documents, to painted", n), value: fmt.Sprintf("%.0f ms", res.Open), heap: heapUsed(tctx)},
		{what: fmt.Sprintf("documents panel, %s rows, drawn to painted", n), value: fmt.Sprintf("%.0f ms (the program %.0f ms)", res.Panel, res.PanelCall), target: "< 100 ms"},
		{what: fmt.Sprintf("openDocument of a %s article, to painted (%d switches)", size(pb.mean), len(res.Switches)),
			value: fmt.Sprintf("p50 %.0f p95 %.0f ms", percentile(res.Switches, 50), percentile(res.Switches, 95)), target: "< 200 ms", heap: heapUsed(tctx)},
		{what: fmt.Sprintf("label in a %s-document project, to painted (%d labels)", n, len(res.Labels)),
			value: fmt.Sprintf("p50 %.0f p95 %.0f ms", percentile(res.Labels, 50), percentile(res.Labels, 95))},
		{what: fmt.Sprintf("Documents dialog (#docs) of %d stored, to painted", res.Stored), value: fmt.Sprintf("%.0f ms", res.Dialog), target: "< 100 ms"},
	}

	for i, e := range res.Exports {
		first := "" // the worker starts on its first task of the visit
		if i == 0 {
			first = ", the worker started"
		}
		rows = append(rows, row{what: fmt.Sprintf("exportProject %s of %s documents (%s; %s)%s", e.Format, n, work, size(e.Bytes), first),
			value: fmt.Sprintf("%.0f ms", e.MS), heap: heapUsed(tctx)})
	}
	rows = append(rows, row{what: fmt.Sprintf("Documents dialog (#docs) of %s stored %s documents, to painted (median of 5)", commas(res.StoredFull), size(pb.mean)),
		value: fmt.Sprintf("%.0f ms", res.DialogFull), target: "< 100 ms", heap: heapUsed(tctx)})
	return append(rows, prof...), nil
}
