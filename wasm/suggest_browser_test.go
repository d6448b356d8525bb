//go:build !js

package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// jsSuggestion is a suggestion as spanmark.suggestions() gives it.
type jsSuggestion struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Entity string `json:"entity"`
	Reason string `json:"reason"`
	Links  []struct {
		Type string `json:"type"`
		To   string `json:"to"`
	} `json:"links"`
}

// TestSuggestAcceptReject turns the suggestions on, steps to one and
// accepts it with Enter, rejects the next with x, and undoes both; the
// suggestions are never in an export until accepted, and a rejection is
// remembered across a reload.
func TestSuggestAcceptReject(t *testing.T) {
	p := openApp(t)
	clickSelector(t, p, "#suggest-on")
	waitFor(t, p, "the suggestions listed and drawn", `document.querySelectorAll("#suggest-list button").length > 5 && CSS.highlights.get("suggestion") && CSS.highlights.get("suggestion").size > 5`)
	sugs := eval[[]jsSuggestion](t, p, `spanmark.suggestions()`)
	if len(sugs) < 5 {
		t.Fatalf("spanmark.suggestions() gave %d suggestions for the sample, want many", len(sugs))
	}
	if n := len(exportFile(t, p).Annotations); n != 0 {
		t.Fatalf("with suggestions shown, the export has %d annotations, want none", n)
	}
	count := eval[string](t, p, `document.getElementById("suggest-count").textContent`)
	if want := fmt.Sprintf("%d suggestions", len(sugs)); count != want {
		t.Errorf("#suggest-count says %q, want %q", count, want)
	}

	// Accept the first with ] and Enter.
	eval[bool](t, p, `(document.activeElement.blur(), true)`)
	key(t, p, ".")
	waitFor(t, p, "the first suggestion current", `document.querySelector('#suggest-list [aria-current="true"]') !== null && CSS.highlights.get("suggestion-current").size === 1`)
	key(t, p, "\r")
	waitFor(t, p, "the accepted suggestion in the work", `spanmark.list().length === 1`)
	got := list(t, p)[0]
	if s := sugs[0]; got.Label != s.Label || got.Start != s.Start || got.End != s.End || got.Entity != s.Entity {
		t.Errorf("accepting %+v made %+v", s, got)
	}
	if f := exportFile(t, p); len(f.Annotations) != 1 {
		t.Errorf("after one acceptance the export has %d annotations, want 1", len(f.Annotations))
	}
	waitFor(t, p, "the accepted one gone from the suggestions", fmt.Sprintf(`spanmark.suggestions().then((l) => !l.some((s) => s.id === %s))`, js(sugs[0].ID)))

	// Reject the current one (the next) with x.
	cur := eval[string](t, p, `document.querySelector('#suggest-list [aria-current="true"]').textContent`)
	next := eval[jsSuggestion](t, p, `spanmark.suggestions().then((l) => l[0])`)
	key(t, p, "x")
	waitFor(t, p, "the rejected suggestion gone", fmt.Sprintf(`spanmark.suggestions().then((l) => !l.some((s) => s.id === %s))`, js(next.ID)))
	if n := len(list(t, p)); n != 1 {
		t.Errorf("rejecting changed the work: %d annotations, want 1", n)
	}
	if !strings.Contains(cur, "“") {
		t.Errorf("the current list item %q shows no quote", cur)
	}

	// Undo the rejection, then the acceptance.
	key(t, p, "z", chromedp.ModifierCtrl)
	waitFor(t, p, "the rejected suggestion back", fmt.Sprintf(`spanmark.suggestions().then((l) => l.some((s) => s.id === %s))`, js(next.ID)))
	if n := len(list(t, p)); n != 1 {
		t.Errorf("undoing the rejection changed the work: %d annotations, want 1", n)
	}
	key(t, p, "z", chromedp.ModifierCtrl)
	waitFor(t, p, "the acceptance undone", `spanmark.list().length === 0`)
	waitFor(t, p, "the suggestion back", fmt.Sprintf(`spanmark.suggestions().then((l) => l.some((s) => s.id === %s))`, js(sugs[0].ID)))

	// A label key accepts the current suggestion with that label.
	key(t, p, ".")
	waitFor(t, p, "a suggestion current", `document.querySelector('#suggest-list [aria-current="true"]') !== null`)
	first := eval[jsSuggestion](t, p, `spanmark.suggestions().then((l) => l[+document.querySelector('#suggest-list [aria-current="true"]').dataset.sug])`)
	key(t, p, "2")
	waitFor(t, p, "the suggestion accepted as a claim", fmt.Sprintf(`spanmark.list().some((a) => a.label === "claim" && a.start === %d && a.end === %d)`, first.Start, first.End))
	key(t, p, "z", chromedp.ModifierCtrl)
	waitFor(t, p, "the acceptance undone", `spanmark.list().length === 0`)

	// A rejection through the API is remembered across a reload.
	eval[any](t, p, fmt.Sprintf(`spanmark.reject(%s)`, js(next.ID)))
	p.Reload()
	if ids := eval[[]string](t, p, `spanmark.suggestions().then((l) => l.map((s) => s.id))`); containsString(ids, next.ID) {
		t.Errorf("after a reload the rejected suggestion %s is back", next.ID)
	}
	p.CheckProblems(t)
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestSuggestAcceptAll accepts every actor suggestion with one button,
// with their links to each other, takes them all back with one undo and
// brings them all back with one redo.
func TestSuggestAcceptAll(t *testing.T) {
	p := openApp(t)
	clickSelector(t, p, "#suggest-on")
	waitFor(t, p, "the accept-all buttons", `document.querySelector('#suggest-all [data-label="actor"]') !== null`)
	sugs := eval[[]jsSuggestion](t, p, `spanmark.suggestions()`)
	actors := 0
	for _, s := range sugs {
		if s.Label == "actor" {
			actors++
		}
	}
	clickSelector(t, p, `#suggest-all [data-label="actor"]`)
	waitFor(t, p, "every actor accepted", fmt.Sprintf(`spanmark.list().filter((a) => a.label === "actor").length === %d`, actors))
	if n := len(list(t, p)); n != actors {
		t.Errorf("accept all actors made %d annotations, want %d", n, actors)
	}
	clickSelector(t, p, "#undo")
	waitFor(t, p, "one undo takes them all back", `spanmark.list().length === 0`)
	// Redone whole too, by key and by button, and undone whole again.
	key(t, p, "z", chromedp.ModifierCtrl, chromedp.ModifierShift)
	waitFor(t, p, "one redo brings them all back", fmt.Sprintf(`spanmark.list().length === %d`, actors))
	key(t, p, "z", chromedp.ModifierCtrl)
	waitFor(t, p, "one undo by key takes them all back", `spanmark.list().length === 0`)
	clickSelector(t, p, "#redo")
	waitFor(t, p, "one click on Redo brings them all back", fmt.Sprintf(`spanmark.list().length === %d`, actors))
	clickSelector(t, p, "#undo")
	waitFor(t, p, "and one undo takes them back again", `spanmark.list().length === 0`)

	// Accepting a claim with its speaker through the API links them.
	var claim jsSuggestion
	for _, s := range sugs {
		if s.Label == "claim" && len(s.Links) > 0 {
			claim = s
			break
		}
	}
	if claim.ID == "" {
		t.Fatal("the sample has no claim suggestion with a link")
	}
	eval[any](t, p, fmt.Sprintf(`spanmark.accept(%s)`, js(claim.Links[0].To)))
	eval[any](t, p, fmt.Sprintf(`spanmark.accept(%s)`, js(claim.ID)))
	if rs := relations(t, p); len(rs) != 1 || rs[0].Type != claim.Links[0].Type {
		t.Errorf("accepting a claim after its %s: relations %+v, want one %s", claim.Links[0].Type, rs, claim.Links[0].Type)
	}

	// The switch turns them off: no highlight, no list.
	clickSelector(t, p, "#suggest-on")
	waitFor(t, p, "the suggestions gone", `!CSS.highlights.has("suggestion") && document.getElementById("suggest-body").hidden && document.getElementById("suggest-count").textContent === ""`)
	p.CheckProblems(t)
}

// TestSuggestHostileText checks that text from the work (an entity) and
// from the article reaches the suggestions list as text only.
func TestSuggestHostileText(t *testing.T) {
	p := openApp(t)
	hostile := `<img src=x onerror="window.__pwned=1">`
	text := "Lavrov said the talks were useful.\n\nAgain, Lavrov said " + hostile + " was wrong.\n"
	eval[string](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: "Hostile"})`, js(text)))
	eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: 0, end: 6, label: "actor", entity: %s})`, js(hostile)))
	clickSelector(t, p, "#suggest-on")
	waitFor(t, p, "the second Lavrov suggested with the entity", fmt.Sprintf(`[...document.querySelectorAll("#suggest-list button")].some((b) => b.textContent.includes(%s))`, js(hostile)))
	if n := eval[int](t, p, `document.querySelectorAll("#suggest-list img, #sidebar img, #article img").length`); n != 0 {
		t.Errorf("the page has %d img elements: hostile text became markup", n)
	}
	if pwned := eval[bool](t, p, `!!window.__pwned`); pwned {
		t.Errorf("hostile text ran a script")
	}
	p.CheckProblems(t)
}
