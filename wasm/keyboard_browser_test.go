//go:build !js

package main

// Browser tests of working by keyboard alone: the caret in the article,
// moving between highlights, the label toolbar, the panel and the menus,
// with focus never dropped to <body>.

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/spanmark/spanmark/tools/browser"
)

// caretAt is a JavaScript expression for the code point offset of the
// selection's focus (the caret) in the article, or -1.
const caretAt = `(() => {
  const s = getSelection();
  if (!s.rangeCount) return -1;
  const n = s.focusNode, el = n.nodeType === 3 ? n.parentElement : n;
  const p = el.closest("#article p[data-start]");
  if (!p) return -1;
  const r = document.createRange();
  r.setStart(p, 0);
  r.setEnd(n, s.focusOffset);
  return Number(p.dataset.start) + [...r.toString()].length;
})()`

// focusKept fails the test when focus is on <body> (or nowhere) after step.
func focusKept(t *testing.T, p *browser.Page, step string) {
	t.Helper()
	waitWithin(t, p, 3*time.Second, "focus on an element, not <body>, after "+step,
		`document.activeElement !== null && document.activeElement !== document.body`)
}

// caretTo moves the caret (with shift, the selection's end) to code point
// off with the arrow keys, by paragraphs and words while far and by
// characters when near, as a person would.
func caretTo(t *testing.T, p *browser.Page, off int, shift bool) {
	t.Helper()
	var mods []chromedp.Modifier
	if shift {
		mods = append(mods, chromedp.ModifierShift)
	}
	for range 400 {
		at := eval[int](t, p, caretAt)
		switch d := off - at; {
		case d == 0:
			return
		case d > 300:
			key(t, p, kb.ArrowDown, append(mods, chromedp.ModifierCtrl)...)
		case d > 12:
			key(t, p, kb.ArrowRight, append(mods, chromedp.ModifierCtrl)...)
		case d > 0:
			key(t, p, kb.ArrowRight, mods...)
		case d < -12:
			key(t, p, kb.ArrowLeft, append(mods, chromedp.ModifierCtrl)...)
		default:
			key(t, p, kb.ArrowLeft, mods...)
		}
	}
	t.Fatalf("400 arrow keys did not bring the caret to %d (it is at %d)", off, eval[int](t, p, caretAt))
}

// tabUntil presses Tab (back with Shift) until cond holds, at most n times.
func tabUntil(t *testing.T, p *browser.Page, what, cond string, back bool, n int) {
	t.Helper()
	var mods []chromedp.Modifier
	if back {
		mods = append(mods, chromedp.ModifierShift)
	}
	for range n {
		if eval[bool](t, p, cond) {
			return
		}
		key(t, p, kb.Tab, mods...)
		focusKept(t, p, "Tab")
	}
	if !eval[bool](t, p, cond) {
		t.Fatalf("%d presses of Tab did not reach %s (focus is on %s)", n, what, eval[string](t, p, `document.activeElement.outerHTML.slice(0, 120)`))
	}
}

// TestKeyboardOnly labels an actor and a claim that start mid-paragraph,
// links them, writes a note, undoes and redoes, closes the panel and
// exports, with the keyboard alone, and checks after every step that focus
// is on an element, never <body>.
func TestKeyboardOnly(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	actorS, actorE := find(t, text, "Donald Trump", 0)
	claimS, claimE := find(t, text, "the existing sanctions are taking a toll", 0)
	focused := func(sel string) string {
		return fmt.Sprintf(`document.activeElement && document.activeElement.matches(%s)`, js(sel))
	}

	tabUntil(t, p, "the article", `document.activeElement === document.getElementById("article")`, false, 40)

	// The actor: caret to its start, Shift+arrows to its end, key 1.
	caretTo(t, p, actorS, false)
	focusKept(t, p, "moving the caret")
	if !eval[bool](t, p, `!document.getElementById("caret").hidden`) {
		t.Errorf("the caret in the article is not drawn")
	}
	caretTo(t, p, actorE, true)
	if got := eval[string](t, p, `getSelection().toString()`); got != "Donald Trump" {
		t.Fatalf("after Shift+arrows the selection is %q, want %q", got, "Donald Trump")
	}
	key(t, p, "1")
	waitFor(t, p, "the actor", `spanmark.list().length === 1`)
	focusKept(t, p, "labelling with 1")

	// The claim, labelled from the toolbar: Tab goes to it from the text.
	eval[any](t, p, `document.getElementById("article").focus()`)
	caretTo(t, p, claimS, false)
	caretTo(t, p, claimE, true)
	if got := eval[string](t, p, `getSelection().toString()`); got != string(text[claimS:claimE]) {
		t.Fatalf("after Shift+arrows the selection is %q, want %q", got, string(text[claimS:claimE]))
	}
	waitFor(t, p, "the toolbar", `__t.visible("#toolbar")`)
	key(t, p, kb.Tab)
	waitWithin(t, p, 3*time.Second, "focus in the toolbar", focused("#toolbar button"))
	tabUntil(t, p, "the claim button", focused(`#toolbar button[data-label="claim"]`), false, 5)
	key(t, p, kb.Enter)
	waitFor(t, p, "the claim", `spanmark.list().length === 2`)
	focusKept(t, p, "labelling from the toolbar")
	anns := list(t, p)
	var actor, claim string
	for _, a := range anns {
		switch {
		case a.Label == "actor" && a.Start == actorS && a.End == actorE:
			actor = a.ID
		case a.Label == "claim" && a.Start == claimS && a.End == claimE:
			claim = a.ID
		}
	}
	if actor == "" || claim == "" {
		t.Fatalf("want an actor at [%d,%d) and a claim at [%d,%d), got %+v", actorS, actorE, claimS, claimE, anns)
	}
	onHighlight := func(id string) string { return focused(fmt.Sprintf(`#article [data-first~=%q]`, id)) }

	// Moving to a highlight with ] and [ does not open it; Enter does.
	key(t, p, kb.Escape) // deselect the claim just labelled
	waitFor(t, p, "the panel to close", `!__t.visible("#detail")`)
	focusKept(t, p, "Escape")
	for range 10 {
		if eval[bool](t, p, onHighlight(claim)) {
			break
		}
		key(t, p, "]")
		focusKept(t, p, "]")
	}
	if !eval[bool](t, p, onHighlight(claim)) {
		t.Fatalf("] never focused the claim's highlight")
	}
	if eval[bool](t, p, `__t.visible("#detail")`) {
		t.Errorf("focusing a highlight opened its panel")
	}
	key(t, p, kb.Enter)
	waitFor(t, p, "the claim's panel", `__t.visible("#detail")`)
	focusKept(t, p, "Enter on the claim")

	// Link mode, then Tab to × and Enter: the panel closes, focus stays.
	key(t, p, "l")
	waitFor(t, p, "link mode", `document.documentElement.classList.contains("linking")`)
	tabUntil(t, p, "the close button", focused("#detail-close"), false, 10)
	key(t, p, kb.Enter)
	waitFor(t, p, "the panel to close", `!__t.visible("#detail")`)
	focusKept(t, p, "Enter on × in link mode")

	// Link: open the claim, l, [ to the actor, Enter.
	if !eval[bool](t, p, onHighlight(claim)) {
		eval[any](t, p, fmt.Sprintf(`document.querySelector(%s).focus()`, js(fmt.Sprintf(`#article [data-first~=%q]`, claim))))
	}
	key(t, p, kb.Enter)
	waitFor(t, p, "the claim's panel", `__t.visible("#detail")`)
	key(t, p, "l")
	waitFor(t, p, "link mode", `document.documentElement.classList.contains("linking")`)
	for range 10 {
		if eval[bool](t, p, onHighlight(actor)) {
			break
		}
		key(t, p, "[")
	}
	key(t, p, kb.Enter)
	waitFor(t, p, "the link", fmt.Sprintf(`spanmark.relations().some((r) => [r.from, r.to].includes(%q) && [r.from, r.to].includes(%q))`, actor, claim))
	focusKept(t, p, "linking")

	// A note, typed in the panel, then Escape back to the highlight.
	tabUntil(t, p, "the note", focused("#detail-note"), false, 15)
	const note = "the Kremlin's aim"
	do(t, p, "type the note", chromedp.KeyEvent(note))
	key(t, p, kb.Escape)
	focusKept(t, p, "Escape from the note")
	waitFor(t, p, "the note", fmt.Sprintf(`spanmark.list().some((a) => a.id === %q && a.note === %s)`, claim, js(note)))

	// Undo and redo redraw the focused highlight.
	key(t, p, "z", chromedp.ModifierCtrl)
	waitFor(t, p, "the undone note", fmt.Sprintf(`spanmark.list().some((a) => a.id === %q && !a.note)`, claim))
	focusKept(t, p, "undo")
	key(t, p, "y", chromedp.ModifierCtrl)
	waitFor(t, p, "the redone note", fmt.Sprintf(`spanmark.list().some((a) => a.id === %q && a.note === %s)`, claim, js(note)))
	focusKept(t, p, "redo")
	key(t, p, "z", chromedp.ModifierCtrl)
	key(t, p, "z", chromedp.ModifierCtrl)
	waitFor(t, p, "the undone link", `spanmark.relations().length === 0`)
	focusKept(t, p, "undoing the link")
	key(t, p, "y", chromedp.ModifierCtrl)
	key(t, p, "y", chromedp.ModifierCtrl)
	waitFor(t, p, "the redone link", `spanmark.relations().length === 1`)
	focusKept(t, p, "redoing the link")

	// Close the panel with ×: focus goes back to the highlight.
	if !eval[bool](t, p, `__t.visible("#detail")`) {
		eval[any](t, p, fmt.Sprintf(`document.querySelector(%s).focus()`, js(fmt.Sprintf(`#article [data-first~=%q]`, claim))))
		key(t, p, kb.Enter)
		waitFor(t, p, "the claim's panel", `__t.visible("#detail")`)
	}
	tabUntil(t, p, "the close button", focused("#detail-close"), false, 15)
	key(t, p, kb.Enter)
	waitFor(t, p, "the panel to close", `!__t.visible("#detail")`)
	focusKept(t, p, "closing the panel with ×")

	// Export from the menu: it closes on the choice, and on Escape.
	eval[any](t, p, `document.getElementById("article").focus()`)
	tabUntil(t, p, "the Export menu", focused("details.menu > summary"), true, 30)
	key(t, p, kb.Enter)
	waitFor(t, p, "the open menu", `document.querySelector("details.menu").open`)
	key(t, p, kb.Escape)
	waitFor(t, p, "the menu closed by Escape", `!document.querySelector("details.menu").open`)
	focusKept(t, p, "Escape in the menu")
	key(t, p, kb.Enter)
	waitFor(t, p, "the open menu", `document.querySelector("details.menu").open`)
	tabUntil(t, p, "Spanmark JSON", focused("#export-json"), false, 5)
	key(t, p, kb.Enter)
	waitFor(t, p, "the menu closed by the choice", `!document.querySelector("details.menu").open`)
	focusKept(t, p, "exporting")

	f := exportFile(t, p)
	if len(f.Annotations) != 2 || len(f.Relations) != 1 {
		t.Errorf("the export has %d annotations and %d relations, want 2 and 1", len(f.Annotations), len(f.Relations))
	}
	for _, a := range f.Annotations {
		if a.ID == claim && a.Note != note {
			t.Errorf("the exported claim's note is %q, want %q", a.Note, note)
		}
	}
	p.CheckProblems(t)
}
