//go:build !js

package main

// Browser tests of the detail panel's text fields: a note or an entity is
// kept as it is typed, without leaving the field.

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestNoteSavedAsTyped types a note and an entity, never leaving the
// field, and expects each in the work at once, one undo to take back the
// whole note, each stored within a second with the field still focused,
// and a reload then to keep both.
func TestNoteSavedAsTyped(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	s, e := find(t, text, "President Vladimir Putin", 0)
	id := eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, s, e))
	eval[any](t, p, fmt.Sprintf(`spanmark.select(%s)`, js(id)))
	noteOf := fmt.Sprintf(`(spanmark.list().find((a) => a.id === %s) || {})`, js(id))

	clickSelector(t, p, "#detail-note")
	const note = "named in full"
	// In two parts with a save between, as a slow typist's note is.
	do(t, p, "type the note", chromedp.KeyEvent(note[:5]))
	waitFor(t, p, "the first part of the note", noteOf+`.note === `+js(note[:5]))
	do(t, p, "type the note", chromedp.KeyEvent(note[5:]))
	waitFor(t, p, "the note in the work while the field has focus", noteOf+`.note === `+js(note))
	if !eval[bool](t, p, `document.activeElement.id === "detail-note"`) {
		t.Fatalf("the note field lost focus while typing")
	}
	if !eval[bool](t, p, `spanmark.undo()`) {
		t.Fatalf("spanmark.undo() after typing the note changed nothing")
	}
	if got := eval[string](t, p, noteOf+`.note || ""`); got != "" {
		t.Errorf("one undo left the note %q, want the whole typed note taken back", got)
	}
	eval[bool](t, p, `spanmark.redo()`)

	clickSelector(t, p, "#detail-entity")
	const entity = "Vladimir Putin"
	do(t, p, "type the entity", chromedp.KeyEvent(entity))
	waitFor(t, p, "the entity in the work while the field has focus", noteOf+`.entity === `+js(entity))
	// Stored within a second of the typing, with the field still focused:
	// the record in IndexedDB holds the whole entity.
	waitFor(t, p, "the entity stored", `new Promise((done) => {
  const r = indexedDB.open("spanmark");
  r.onerror = () => done(false);
  r.onsuccess = () => {
    const db = r.result, all = db.transaction("documents").objectStore("documents").getAll();
    all.onerror = () => { db.close(); done(false); };
    all.onsuccess = () => {
      db.close();
      done(all.result.some((d) => d.file && new TextDecoder().decode(d.file).includes(`+js(`"entity": "`+entity+`"`)+`)));
    };
  };
})`)
	if !eval[bool](t, p, `document.activeElement.id === "detail-entity"`) {
		t.Fatalf("the entity field lost focus before the save")
	}

	p.Reload()
	if got := eval[string](t, p, noteOf+`.note || ""`); got != note {
		t.Errorf("after a reload the note is %q, want %q", got, note)
	}
	if got := eval[string](t, p, noteOf+`.entity || ""`); got != entity {
		t.Errorf("after a reload the entity is %q, want %q", got, entity)
	}
	p.CheckProblems(t)
}

// TestSelectNull selects an annotation through the API and deselects it
// with select(null): the panel closes.
func TestSelectNull(t *testing.T) {
	p := openApp(t)
	id := eval[string](t, p, `spanmark.annotate({start: 0, end: 4, label: "actor"})`)
	eval[any](t, p, fmt.Sprintf(`spanmark.select(%s)`, js(id)))
	waitFor(t, p, "the panel", `__t.visible("#detail")`)
	if r := try(t, p, `spanmark.select(null)`); !r.OK {
		t.Fatalf("spanmark.select(null) threw %q, want it to deselect", r.Err)
	}
	waitFor(t, p, "the panel to close", `!__t.visible("#detail") && !document.querySelector("#article .sel")`)
	p.CheckProblems(t)
}

// TestLastKeystrokeKept types an entity in two parts with a save between,
// and leaves the field in the frame in which the detail panel is repainted
// for another change: the repaint must not put the saved first part back
// into the field before the typed rest is saved.
func TestLastKeystrokeKept(t *testing.T) {
	p := openApp(t)
	_, ann := typedSetup(t, p)
	entityOf := ann + ".entity"

	clickSelector(t, p, "#detail-entity")
	do(t, p, "type the entity", chromedp.KeyEvent("Vladimir Puti"))
	waitFor(t, p, "the first part saved", entityOf+` === "Vladimir Puti"`)
	do(t, p, "type the last letter", chromedp.KeyEvent("n"))
	ks, ke := find(t, sampleRunes(t), "Kremlin", 0)
	// Nothing pending, then: focus leaves the field in an animation frame
	// registered before the app's, which the annotation's change queues.
	eval[any](t, p, fmt.Sprintf(`new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
  requestAnimationFrame(() => document.getElementById("detail-note").focus());
  spanmark.annotate({start: %d, end: %d, label: "actor"});
  done();
})))`, ks, ke))
	waitFor(t, p, "the whole entity saved", entityOf+` === "Vladimir Putin"`)
	if got := eval[string](t, p, `document.getElementById("detail-entity").value`); got != "Vladimir Putin" {
		t.Errorf("the entity field shows %q, want %q", got, "Vladimir Putin")
	}
	p.CheckProblems(t)
}
