//go:build !js

package main

// Browser tests of keeping the work: a reload, a killed tab and a second
// tab on the same document must lose nothing a person made. Storage is
// IndexedDB in the test's own browser context, so tests do not see each
// other's documents.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spanmark/spanmark/tools/browser"
)

// work makes some of everything on the sample: annotations with a note and
// an entity, and a relation, and returns the state it leaves.
func work(t *testing.T, p *browser.Page) savedState {
	t.Helper()
	text := sampleRunes(t)
	putinS, putinE := find(t, text, "President Vladimir Putin", 0)
	claimS, claimE := find(t, text, "the existing sanctions are taking a toll", 0)
	eval[any](t, p, fmt.Sprintf(`(() => {
  const a = spanmark.annotate({start: %d, end: %d, label: "actor", entity: "Vladimir Putin", note: "named in full"});
  const c = spanmark.annotate({start: %d, end: %d, label: "claim"});
  spanmark.link({from: c, to: a, type: "target"});
})()`, putinS, putinE, claimS, claimE))
	return saved(t, p)
}

// savedState is everything of a document that must survive.
type savedState struct {
	Text, Title string
	State       docState
}

func saved(t *testing.T, p *browser.Page) savedState {
	t.Helper()
	f := exportFile(t, p)
	return savedState{f.Document.Text, f.Document.Title, state(t, p)}
}

func checkSaved(t *testing.T, p *browser.Page, what string, want savedState) {
	t.Helper()
	if diff := cmp.Diff(want, saved(t, p), ignoreTimes, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("%s: the document differs from before (-want +got):\n%s", what, diff)
	}
}

// TestReloadRestores reloads after a flush, and after only waiting for the
// automatic save, and expects the last document with all its work; the
// documents list keeps the earlier one.
func TestReloadRestores(t *testing.T) {
	p := openApp(t)
	before := work(t, p)
	eval[any](t, p, `spanmark.flush()`)
	p.Reload()
	checkSaved(t, p, "reload after flush", before)

	t.Run("autosave_without_flush", func(t *testing.T) {
		// The issue promises a save within a second of every change; wait
		// for the documents list to show it rather than for a time.
		text := sampleRunes(t)
		s, e := find(t, text, "Kremlin", 0)
		eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, s, e))
		after := saved(t, p)
		waitFor(t, p, "the automatic save", fmt.Sprintf(
			`spanmark.documents().then((ds) => ds.some((d) => d.count === %d))`, len(after.State.Annotations)))
		p.Reload()
		checkSaved(t, p, "reload after the automatic save", after)
	})

	t.Run("second_document", func(t *testing.T) {
		first := saved(t, p)
		eval[string](t, p, `spanmark.load({text: "A second article.\nWith two paragraphs, one actor.", title: "Second"})`)
		eval[string](t, p, `spanmark.annotate({start: 0, end: 8, label: "proposal"})`)
		second := saved(t, p)
		eval[any](t, p, `spanmark.flush()`)
		p.Reload()
		checkSaved(t, p, "reload shows the last document", second)
		type docInfo struct {
			ID, Title string
			Count     int
		}
		docs := eval[[]docInfo](t, p, `spanmark.documents()`)
		var titles []string
		for _, d := range docs {
			titles = append(titles, fmt.Sprintf("%s (%d)", d.Title, d.Count))
		}
		wantTitles := []string{fmt.Sprintf("%s (%d)", first.Title, len(first.State.Annotations)), "Second (1)"}
		if diff := cmp.Diff(wantTitles, titles, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
			t.Errorf("spanmark.documents() mismatch (-want +got):\n%s", diff)
		}
		// Opening the first text again brings its work back.
		eval[string](t, p, fmt.Sprintf(`spanmark.load({text: %s})`, js(first.Text)))
		checkSaved(t, p, "the first document opened again", first)
	})
	p.CheckProblems(t)
}

// TestReloadRestoresUnmarked reloads the sample with work stored but not
// marked as stored in localStorage, as an earlier version left it: the
// page may show the untouched sample first, but the work must come, and
// without a claim that another tab made it.
func TestReloadRestoresUnmarked(t *testing.T) {
	p := openApp(t)
	before := work(t, p)
	eval[any](t, p, `spanmark.flush()`)
	if got := eval[string](t, p, `localStorage.getItem("spanmark:stored") || ""`); got == "" {
		t.Errorf("after a save, localStorage has no spanmark:stored")
	}
	eval[any](t, p, `localStorage.removeItem("spanmark:stored")`)
	p.Reload()
	waitFor(t, p, "the stored work", fmt.Sprintf(`spanmark.list().length === %d`, len(before.State.Annotations)))
	checkSaved(t, p, "reload without the mark", before)
	if st := statusText(t, p); mentionsOtherTab(st) {
		t.Errorf("status = %q after restoring this browser's own saved work, want no word of another tab", st)
	}
	p.CheckProblems(t)
}

// TestKilledTabRestores closes the tab the way a crash does, with no
// unload handlers, and opens the app in a new tab of the same profile.
func TestKilledTabRestores(t *testing.T) {
	p := openApp(t)
	before := work(t, p)
	eval[any](t, p, `spanmark.flush()`)
	q := p.OpenSibling(t)
	installLib(t, q)
	p.Kill()
	q.Load()
	checkSaved(t, q, "a new tab after the killed one", before)
	p.CheckProblems(t)
	q.CheckProblems(t)
}

// TestTwoTabs edits the same document in two tabs of one profile, one after
// the other. After a reload both edits must be there, or a tab must have
// said clearly that the other tab changed the document: never a silent loss.
func TestTwoTabs(t *testing.T) {
	a := openApp(t)
	b := a.OpenSibling(t)
	installLib(t, b)
	b.Load()
	text := sampleRunes(t)
	s1, e1 := find(t, text, "Donald Trump", 0)
	s2, e2 := find(t, text, "Kremlin", 0)

	eval[string](t, a, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, s1, e1))
	eval[any](t, a, `spanmark.flush()`)
	r := try(t, b, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, s2, e2))
	if r.OK {
		// The flush may refuse because tab A saved a newer version: that
		// is a clear message, if the page says it too.
		if f := try(t, b, `spanmark.flush()`); !f.OK {
			r.Err = f.Err
		}
	}
	statusA, statusB := statusText(t, a), statusText(t, b)

	c := a.OpenSibling(t)
	installLib(t, c)
	c.Load()
	var quotes []string
	for _, x := range list(t, c) {
		quotes = append(quotes, x.Quote)
	}
	both := strings.Contains(strings.Join(quotes, "|"), "Donald Trump") && strings.Contains(strings.Join(quotes, "|"), "Kremlin")
	if !both {
		said := mentionsOtherTab(statusA) || mentionsOtherTab(statusB)
		if !said {
			t.Errorf("after editing in tab A (Donald Trump) then tab B (Kremlin), a new tab lists %q: an edit was lost, "+
				"and neither tab's #status said why (A's status %q, B's status %q, B's error %q)", quotes, statusA, statusB, r.Err)
		}
	}
	a.CheckProblems(t)
	b.CheckProblems(t)
	c.CheckProblems(t)
}

// mentionsOtherTab reports whether a status message tells the person that
// the document changed elsewhere.
func mentionsOtherTab(s string) bool {
	s = strings.ToLower(s)
	for _, w := range []string{"tab", "window", "elsewhere", "newer", "another"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// TestTwoTabsFollow checks the broadcast path of the two-tab protocol: a
// tab with nothing unsaved shows what another tab saved, and says so.
func TestTwoTabsFollow(t *testing.T) {
	a := openApp(t)
	b := a.OpenSibling(t)
	installLib(t, b)
	b.Load()
	text := sampleRunes(t)
	s, e := find(t, text, "Kremlin", 0)
	id := eval[string](t, a, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, s, e))
	eval[any](t, a, `spanmark.flush()`)
	waitFor(t, b, "tab B to show tab A's annotation", fmt.Sprintf(`spanmark.list().some(x => x.id === %s && x.quote === "Kremlin")`, js(id)))
	if st := statusText(t, b); !mentionsOtherTab(st) {
		t.Errorf("tab B's status = %q, want it to say the document changed in another tab", st)
	}
	a.CheckProblems(t)
	b.CheckProblems(t)
}
