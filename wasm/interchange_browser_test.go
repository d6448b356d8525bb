//go:build !js

package main

// Browser tests of the formats for other tools, W3C Web Annotation and
// JSONL, which the page leaves to its worker (wasm/worker.go): exporting
// them through spanmark.export, and importing a W3C file, online and
// offline.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/jsonl"
	"github.com/spanmark/spanmark/annotations/codec/w3c"
	"github.com/spanmark/spanmark/tools/browser"
)

// TestExportW3CAndJSONL exports the work as W3C and JSONL, which the
// worker makes, through spanmark.export and through the export menu's
// download, checks them against the codecs run in Go on the page's native
// export, and imports the W3C export back over changed work.
func TestExportW3CAndJSONL(t *testing.T) {
	p := openApp(t)
	work(t, p)
	want := state(t, p)
	type exports struct{ Native, W3C, JSONL string }
	got := eval[exports](t, p, `(async () => {
  const w3c = spanmark.export("w3c"), jsonl = spanmark.export("jsonl");
  if (!(w3c instanceof Promise) || !(jsonl instanceof Promise)) {
    throw new Error("export of w3c or jsonl did not return a promise");
  }
  return {native: spanmark.export("spanmark"), w3c: await w3c, jsonl: await jsonl};
})()`)
	f, err := codec.Decode([]byte(got.Native))
	if err != nil {
		t.Fatalf("the native export: %v", err)
	}
	g, err := w3c.Decode([]byte(got.W3C))
	if err != nil {
		t.Fatalf("the W3C export: %v\n%s", err, short(got.W3C))
	}
	f.Exported = g.Exported // the two exports may be a second apart
	wantW3C, err := w3c.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(wantW3C), got.W3C); diff != "" {
		t.Errorf("spanmark.export(\"w3c\") differs from w3c.Encode of the native export (-want +got):\n%s", diff)
	}
	wantJSONL, err := jsonl.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(wantJSONL), got.JSONL); diff != "" {
		t.Errorf("spanmark.export(\"jsonl\") differs from jsonl.Encode of the native export (-want +got):\n%s", diff)
	}

	// The export menu's button downloads the worker's answer as a file.
	dir := t.TempDir()
	if _, err := chromedp.Call(p.Context(), cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
		BrowserContextID: chromedp.FromContext(p.Context()).BrowserContextID}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	status := eval[string](t, p, `new Promise((resolve) => {
  const s = document.getElementById("status");
  s.textContent = "";
  new MutationObserver((_, obs) => { if (s.textContent) { obs.disconnect(); resolve(s.textContent); } })
    .observe(s, {childList: true, characterData: true, subtree: true});
  document.getElementById("export-w3c").click();
})`)
	name, ok := strings.CutPrefix(status, "Downloaded ")
	if !ok || !strings.HasSuffix(name, ".w3c.jsonld.") {
		t.Fatalf("#status after the W3C export button: %q, want \"Downloaded <title>.w3c.jsonld.\"", status)
	}
	path := filepath.Join(dir, strings.TrimSuffix(name, "."))
	var file []byte // the download is written after the status says so: poll for it
	for deadline := time.Now().Add(10 * time.Second); ; {
		if file, err = os.ReadFile(path); err == nil && len(file) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the download %s did not arrive: %v", path, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	h, err := w3c.Decode(file)
	if err != nil {
		t.Fatalf("the downloaded W3C file: %v", err)
	}
	f.Exported = h.Exported
	if want, err := w3c.Encode(f); err != nil || string(want) != string(file) {
		t.Errorf("the downloaded W3C file differs from w3c.Encode of the work (%v; -want +got):\n%s", err, cmp.Diff(string(want), string(file)))
	}

	// Undo the work, then import the W3C export: all of it comes back.
	eval[any](t, p, `(() => { for (const a of spanmark.list()) spanmark.remove(a.id); })()`)
	if n := len(state(t, p).Annotations); n != 0 {
		t.Fatalf("%d annotations left after removing them all", n)
	}
	r := eval[map[string]int](t, p, fmt.Sprintf(`spanmark.import(%s)`, js(got.W3C)))
	if r["moved"] != 0 || r["orphaned"] != 0 {
		t.Errorf("import of the W3C export: %v, want nothing moved or orphaned", r)
	}
	if diff := cmp.Diff(want, state(t, p)); diff != "" {
		t.Errorf("the work after importing its W3C export (-want +got):\n%s", diff)
	}
	if status := eval[string](t, p, `document.getElementById("status").textContent`); !strings.HasPrefix(status, "Imported ") {
		t.Errorf("#status after the import: %q, want it to begin \"Imported \"", status)
	}
	// Again with the items in reverse order: the same work comes back,
	// each annotation at its own spot (the worker answers with the work
	// in the encoder's order and the spots in the same order).
	eval[any](t, p, `(() => { for (const a of spanmark.list()) spanmark.remove(a.id); })()`)
	r = eval[map[string]int](t, p, fmt.Sprintf(`(() => { const w = JSON.parse(%s); w.first.items.reverse(); return spanmark.import(JSON.stringify(w)); })()`, js(got.W3C)))
	if r["moved"] != 0 || r["orphaned"] != 0 {
		t.Errorf("import of the W3C export reversed: %v, want nothing moved or orphaned", r)
	}
	if diff := cmp.Diff(want, state(t, p)); diff != "" {
		t.Errorf("the work after importing its W3C export reversed (-want +got):\n%s", diff)
	}
	// An unknown format is still refused at once, without a promise.
	if r := try(t, p, `spanmark.export("csv")`); r.OK || !strings.Contains(r.Err, `unknown format "csv"`) {
		t.Errorf("spanmark.export(\"csv\"): %+v, want an unknown format error", r)
	}
	p.CheckProblems(t)
}

// TestImportW3COffline visits once, cuts the network and reloads, then
// drops a W3C file on the page: the worker that decodes it must come from
// the service worker's cache.
func TestImportW3COffline(t *testing.T) {
	f, err := codec.Decode(goodFile(t))
	if err != nil {
		t.Fatal(err)
	}
	data, err := w3c.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	p := browser.Open(t)
	p.WaitServiceWorker()
	p.SetOffline(true)
	p.Reload()
	browser.Eval[any](p, fmt.Sprintf(`(() => {
  const dt = new DataTransfer();
  dt.items.add(new File([%s], "work.w3c.jsonld", {type: "application/ld+json"}));
  const at = document.getElementById("article");
  at.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
  at.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
})()`, js(string(data))))
	status := browser.Eval[string](p, `new Promise((resolve) => {
  const s = document.getElementById("status");
  const done = () => /^(Opened|import)/.test(s.textContent);
  if (done()) return resolve(s.textContent);
  new MutationObserver((_, obs) => { if (done()) { obs.disconnect(); resolve(s.textContent); } })
    .observe(s, {childList: true, characterData: true, subtree: true});
})`)
	if status != "Opened work.w3c.jsonld." {
		t.Errorf("offline: #status after dropping a W3C file: %q", status)
	}
	ids := browser.Eval[[]string](p, `spanmark.list().map((a) => a.id).sort()`)
	if want := []string{"a1", "a2"}; !cmp.Equal(ids, want) {
		t.Errorf("offline: annotations after the W3C import: %v, want %v", ids, want)
	}
	if n := browser.Eval[int](p, `spanmark.relations().length`); n != 1 {
		t.Errorf("offline: %d relations after the W3C import, want 1", n)
	}
	p.CheckProblems(t)
}
