//go:build !js

package main

// Browser tests of the documents dialog (#docs), which lists the stored
// documents from their summaries (persist.go): the list must follow
// saves, deletions and reloads, the summaries must never disagree with
// the stored work, and a database written by the version before the
// summaries must come through its upgrade with every document listed and
// its work intact.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/tools/browser"
)

// docsDialog opens the documents dialog and returns its rows as "title:
// count annotations", in the order shown.
func docsDialog(t *testing.T, p *browser.Page) []string {
	t.Helper()
	if !eval[bool](t, p, `document.getElementById("docs-dialog").open`) {
		do(t, p, "open the documents list", chromedp.Click(chromedp.ID("docs")))
	}
	waitFor(t, p, "the documents list", `document.getElementById("docs-dialog").open`)
	// A rendered frame, so that the rows have boxes for the clicks that follow.
	eval[any](t, p, `new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))`)
	return eval[[]string](t, p, `[...document.querySelectorAll("#docs-list li")].map((li) =>
  li.querySelector("[data-open]").textContent + ": " + li.querySelector(".doc-info").textContent.split(" · ")[0])`)
}

// storedDocs reads the database as it is: every record of the work and
// every summary, as "id title count saved rev tab" (with "file" when a
// summary holds the work, which it must not), sorted by id.
const storedDocs = `(async () => {
  const req = indexedDB.open("spanmark");
  const db = await new Promise((ok, fail) => { req.onsuccess = () => ok(req.result); req.onerror = () => fail(req.error); });
  const all = (s) => new Promise((ok, fail) => {
    const r = db.transaction(s).objectStore(s).getAll();
    r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error);
  });
  const [docs, sums] = await Promise.all([all("documents"), all("summaries")]);
  db.close();
  return {
    docs: docs.map((r) => [r.id, r.title, r.count, r.saved, r.rev, r.tab].join(" ")),
    sums: sums.map((r) => [r.id, r.title, r.count, r.saved, r.rev, r.tab].join(" ") + ("file" in r ? " file" : "")),
  };
})()`

type storedState struct{ Docs, Sums []string }

// checkAgree checks that the summaries are those of the stored records,
// one each.
func checkAgree(t *testing.T, p *browser.Page, what string) storedState {
	t.Helper()
	s := eval[storedState](t, p, storedDocs)
	if diff := cmp.Diff(s.Docs, s.Sums); diff != "" {
		t.Errorf("%s: the summaries differ from the stored documents (-documents +summaries):\n%s", what, diff)
	}
	return s
}

// TestDocsDialogFollowsSavesDeletesAndReloads saves three documents,
// deletes one from the dialog and reloads, checking the dialog's titles
// and counts and the summaries against the stored work at each step.
func TestDocsDialogFollowsSavesDeletesAndReloads(t *testing.T) {
	p := openApp(t)
	first := work(t, p)
	eval[any](t, p, `spanmark.flush()`)
	eval[string](t, p, `spanmark.load({text: "A second article.\nWith two paragraphs, one actor.", title: "Second"})`)
	eval[string](t, p, `spanmark.annotate({start: 0, end: 8, label: "proposal"})`)
	eval[any](t, p, `spanmark.flush()`)
	eval[string](t, p, `spanmark.load({text: "A third one, é and 😀 in it.", title: "Third <b>x</b>"})`)
	eval[string](t, p, `spanmark.annotate({start: 2, end: 7, label: "actor"})`)
	eval[string](t, p, `spanmark.annotate({start: 13, end: 14, label: "actor"})`)
	eval[any](t, p, `spanmark.flush()`)

	firstRow := fmt.Sprintf("%s: %d annotations", first.Title, len(first.State.Annotations))
	want := []string{"Third <b>x</b>: 2 annotations", "Second: 1 annotation", firstRow}
	if diff := cmp.Diff(want, docsDialog(t, p)); diff != "" {
		t.Errorf("the dialog after three saves (-want +got):\n%s", diff)
	}
	checkAgree(t, p, "after three saves")

	// Delete "Second" from the dialog: its record and its summary go.
	p.AcceptDialogs(true) // the confirm is expected, not a problem
	del := eval[string](t, p, `[...document.querySelectorAll("#docs-list [data-delete]")].find((b) => b.dataset.title === "Second").dataset.delete`)
	do(t, p, "delete Second", chromedp.Click(`#docs-list button[data-delete="`+del+`"]`))
	waitFor(t, p, "the deletion", `__t.status().includes("Deleted")`)
	want = []string{"Third <b>x</b>: 2 annotations", firstRow}
	if diff := cmp.Diff(want, docsDialog(t, p)); diff != "" {
		t.Errorf("the dialog after deleting Second (-want +got):\n%s", diff)
	}
	if s := checkAgree(t, p, "after the deletion"); len(s.Sums) != 2 {
		t.Errorf("after the deletion %d summaries are stored, want 2: %q", len(s.Sums), s.Sums)
	}

	// A change to the first document updates its row.
	do(t, p, "close the documents list", chromedp.Click(chromedp.ID("docs-close")))
	eval[string](t, p, `spanmark.load({text: `+js(first.Text)+`})`)
	eval[string](t, p, `spanmark.annotate({start: 0, end: 3, label: "actor"})`)
	eval[any](t, p, `spanmark.flush()`)
	firstRow = fmt.Sprintf("%s: %d annotations", first.Title, len(first.State.Annotations)+1)
	p.Reload()
	want = []string{firstRow, "Third <b>x</b>: 2 annotations"}
	if diff := cmp.Diff(want, docsDialog(t, p)); diff != "" {
		t.Errorf("the dialog after a change and a reload (-want +got):\n%s", diff)
	}
	checkAgree(t, p, "after the reload")
	p.CheckProblems(t)
}

// TestDocumentsUpgradeFromVersion1 writes a database as the version before
// the summaries did (database version 1, one store "documents" of records
// {id, title, count, saved, rev, tab, file}, file a Uint8Array of the
// native JSON, or a string in older records), then starts the app on it:
// every document must be listed, with a summary each, and open with its
// work.
func TestDocumentsUpgradeFromVersion1(t *testing.T) {
	// The work, made by the app in a browser context of its own.
	a := openApp(t)
	first := work(t, a)
	eval[any](t, a, `spanmark.flush()`)
	eval[string](t, a, `spanmark.load({text: "An old article.\nKept as a string.", title: "Old string", source: "old.txt"})`)
	eval[string](t, a, `spanmark.annotate({start: 3, end: 6, label: "actor", note: "kept"})`)
	second := saved(t, a)
	type oldRecord struct {
		ID, Title, Tab, File string
		Count, Rev           int
		Saved                float64
	}
	recs := []oldRecord{
		{ID: eval[string](t, a, `spanmark.load({text: `+js(first.Text)+`})`), Title: first.Title, Count: len(first.State.Annotations), Rev: 3, Tab: "old", Saved: 1000},
		{ID: eval[string](t, a, `spanmark.load({text: "An old article.\nKept as a string."})`), Title: second.Title, Count: len(second.State.Annotations), Rev: 1, Tab: "old", Saved: 2000},
	}
	for i := range recs {
		eval[string](t, a, `spanmark.load({text: `+js([]string{first.Text, second.Text}[i])+`})`)
		recs[i].File = eval[string](t, a, `spanmark.export("spanmark")`)
	}

	// The old database, written on a page of the site that is not the
	// app, in a fresh context, before the app ever runs there.
	p := browser.NewTab(t)
	installLib(t, p)
	p.Do("open a page of the site", chromedp.Navigate(p.URL+"demo/project.json"))
	eval[any](t, p, `((recs) => new Promise((ok, fail) => {
  const req = indexedDB.open("spanmark", 1);
  req.onupgradeneeded = () => {
    const os = req.result.createObjectStore("documents", {keyPath: "id"});
    recs.forEach((r, i) => os.put({id: r.ID, title: r.Title, count: r.Count, saved: r.Saved, rev: r.Rev, tab: r.Tab,
      file: i === 0 ? new TextEncoder().encode(r.File) : r.File}));
  };
  req.onsuccess = () => { req.result.close(); ok(true); };
  req.onerror = () => fail(req.error);
}))(`+js(recs)+`)`)
	for _, pr := range p.TakeProblems() {
		if !strings.Contains(pr, "favicon.ico") { // asked for by a page that is not the app
			t.Errorf("writing the old database: %s", pr)
		}
	}
	p.Load()

	want := []string{
		fmt.Sprintf("%s: %d annotation", second.Title, len(second.State.Annotations)),
		fmt.Sprintf("%s: %d annotations", first.Title, len(first.State.Annotations)),
	}
	if diff := cmp.Diff(want, docsDialog(t, p)); diff != "" {
		t.Errorf("the dialog after the upgrade (-want +got):\n%s", diff)
	}
	checkAgree(t, p, "after the upgrade")
	for i, st := range []savedState{first, second} {
		do(t, p, "open "+recs[i].Title, chromedp.Click(`#docs-list button[data-open="`+recs[i].ID+`"]`))
		waitFor(t, p, "the document", `document.getElementById("doc-title").textContent === `+js(recs[i].Title))
		checkSaved(t, p, "document "+recs[i].Title+" after the upgrade", st)
		docsDialog(t, p)
	}
	a.CheckProblems(t)
	checkProblemsButFavicon(t, p)
}

// checkProblemsButFavicon is CheckProblems for a tab that first showed a
// page of the site that is not the app: the browser asks for
// /favicon.ico for it, now or later, and the site has none.
func checkProblemsButFavicon(t *testing.T, p *browser.Page) {
	t.Helper()
	for _, pr := range p.TakeProblems() {
		if !strings.Contains(pr, "favicon.ico") {
			t.Errorf("browser: %s", pr)
		}
	}
}

// TestStorageBlockedByOldTab opens the app while another tab holds the
// database open at version 1, as a tab of the version before does: the
// upgrade waits, the page says why and what to do, and once that tab lets
// go, the work made meanwhile is saved.
func TestStorageBlockedByOldTab(t *testing.T) {
	old := browser.NewTab(t)
	installLib(t, old)
	old.Do("open a page of the site", chromedp.Navigate(old.URL+"demo/project.json"))
	eval[any](t, old, `new Promise((ok, fail) => {
  const req = indexedDB.open("spanmark", 1);
  req.onupgradeneeded = () => req.result.createObjectStore("documents", {keyPath: "id"});
  req.onsuccess = () => { window.__old = req.result; ok(true); };
  req.onerror = () => fail(req.error);
})`)
	checkProblemsButFavicon(t, old)
	a := old.OpenSibling(t)
	installLib(t, a)
	a.Load()
	waitFor(t, a, "the status to say why nothing is saved", `document.getElementById("status").textContent.includes("another tab")`)
	text := sampleRunes(t)
	s, e := find(t, text, "Kremlin", 0)
	eval[string](t, a, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, s, e))

	eval[any](t, old, `window.__old.close()`)
	eval[any](t, a, `spanmark.flush()`)
	if got := statusText(t, a); !strings.Contains(got, "saved") {
		t.Errorf("status once the old tab let go: %q, want it to say the work is saved", got)
	}
	a.Reload()
	if got := list(t, a); len(got) != 1 || got[0].Quote != "Kremlin" {
		t.Errorf("after a reload: %+v, want the Kremlin annotation made while storage was blocked", got)
	}
	a.CheckProblems(t)
	checkProblemsButFavicon(t, old)
}
