//go:build !js

package main

// Browser tests of the journal of typed text (wasm/journal.go): a note or
// an entity typed a moment before a reload, or before the tab is closed,
// is there when the page opens again, though the IndexedDB save of it had
// no time to finish.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/tools/browser"
)

// typedSetup annotates Putin on the sample, stores it, selects it and
// returns its id and an expression for its listing.
func typedSetup(t *testing.T, p *browser.Page) (id, ann string) {
	t.Helper()
	s, e := find(t, sampleRunes(t), "President Vladimir Putin", 0)
	id = eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, s, e))
	eval[any](t, p, `spanmark.flush()`)
	eval[any](t, p, fmt.Sprintf(`spanmark.select(%s)`, js(id)))
	return id, fmt.Sprintf(`(spanmark.list().find((a) => a.id === %s) || {})`, js(id))
}

// TestTypedThenReload types a note and reloads at once, with no blur and
// no wait: the note is there after the reload, and one undo takes the
// restored text back, as for any edit. Then an entity is typed and the
// tab killed (no unload handler runs): a new tab of the profile shows it.
func TestTypedThenReload(t *testing.T) {
	p := openApp(t)
	id, ann := typedSetup(t, p)

	clickSelector(t, p, "#detail-note")
	const note = "typed just before the reload"
	// The keys and the reload go in one run: nothing between them lets
	// the page's timers fire.
	p.Do("type the note and reload", chromedp.KeyEvent(note), chromedp.Reload())
	p.WaitReady()
	waitFor(t, p, "the note after the reload", ann+`.note === `+js(note))
	// Again at once, before the restored note can have been saved.
	p.Reload()
	waitFor(t, p, "the note after a second reload", ann+`.note === `+js(note))
	if !eval[bool](t, p, `spanmark.undo()`) {
		t.Errorf("spanmark.undo() after the restored note changed nothing, want it to take the note back")
	}
	if got := eval[string](t, p, ann+`.note || ""`); got != "" {
		t.Errorf("after undo the note is %q, want the stored note %q", got, "")
	}
	eval[bool](t, p, `spanmark.redo()`)

	// The restored note reaches IndexedDB, and the journal is then cleared.
	waitFor(t, p, "the journal cleared after the save", `!Object.keys(localStorage).some((k) => k.startsWith("spanmark:typed:"))`)

	eval[any](t, p, fmt.Sprintf(`spanmark.select(%s)`, js(id)))
	clickSelector(t, p, "#detail-entity")
	const entity = "Vladimir Putin"
	q := p.OpenSibling(t)
	installLib(t, q)
	do(t, p, "type the entity", chromedp.KeyEvent(entity))
	p.Kill()
	q.Load()
	waitFor(t, q, "the entity in a new tab after the killed one", ann+`.entity === `+js(entity))
	if got := eval[string](t, q, ann+`.note || ""`); got != note {
		t.Errorf("in the new tab the note is %q, want %q", got, note)
	}
	p.CheckProblems(t)
	q.CheckProblems(t)
}

// TestJournalMismatch writes journals that do not fit the stored
// document, reloads, and expects the work unchanged and the journals gone.
func TestJournalMismatch(t *testing.T) {
	p := openApp(t)
	id, ann := typedSetup(t, p)
	before := saved(t, p)
	// The storage key of a document outside a project is its text's id.
	docID := eval[string](t, p, `spanmark.documents().then((ds) => ds[0].id)`)
	for _, tc := range []struct{ name, journal string }{
		{"another text", journal("tab", "1", "0123456789abcdef", "n"+id, "wrong")},
		{"an unknown annotation", journal("tab", "1", docID, "nno-such-id", "wrong")},
		{"a newer revision from another tab", journal("tab", "0", docID, "n"+id, "wrong")},
		{"garbage", "v1 17:x"},
		{"a cut journal", "v1\x00tab"},
	} {
		eval[any](t, p, fmt.Sprintf(`localStorage.setItem(%s, %s)`, js("spanmark:typed:"+docID), js(tc.journal)))
		p.Reload()
		checkSaved(t, p, "after a journal of "+tc.name, before)
		if got := eval[bool](t, p, `Object.keys(localStorage).some((k) => k.startsWith("spanmark:typed:"))`); got {
			t.Errorf("the journal of %s is still in localStorage after the reload", tc.name)
		}
		if got := eval[string](t, p, ann+`.note || ""`); got != "" {
			t.Errorf("after a journal of %s the note is %q, want none", tc.name, got)
		}
	}
	p.CheckProblems(t)
}

// journal encodes parts as wasm/journal.go writes them.
func journal(parts ...string) string {
	return strings.Join(append([]string{"v1"}, parts...), "\x00")
}

// TestJournalRefused types a note while localStorage refuses writes (a
// full quota): the status says so, and the note is still saved.
func TestJournalRefused(t *testing.T) {
	p := openApp(t)
	_, ann := typedSetup(t, p)
	eval[any](t, p, `Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); }`)
	clickSelector(t, p, "#detail-note")
	const note = "kept all the same"
	do(t, p, "type the note", chromedp.KeyEvent(note))
	if st := statusText(t, p); !strings.Contains(st, "quota") {
		t.Errorf("#status = %q, want it to say the browser refused to keep the typed text", st)
	}
	waitFor(t, p, "the note in the work", ann+`.note === `+js(note))
	eval[any](t, p, `spanmark.flush()`)
	p.Reload()
	if got := eval[string](t, p, ann+`.note || ""`); got != note {
		t.Errorf("after a reload the note is %q, want %q", got, note)
	}
	p.CheckProblems(t)
}
