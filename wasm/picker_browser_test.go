//go:build !js

package main

// Browser tests of the link target picker (picker.go): an input that
// filters a listbox, operated by keyboard as the ARIA combobox pattern
// says, over many actors.

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestLinkPicker labels every word of the sample as an actor (about a
// thousand) and a claim, then finds an actor for the claim's source by
// typing part of its name, the arrows and Enter.
func TestLinkPicker(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	cs, ce := find(t, text, "the existing sanctions are taking a toll", 0)
	var spans []string
	for i := 0; i < len(text); {
		if !unicode.IsLetter(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && unicode.IsLetter(text[j]) {
			j++
		}
		spans = append(spans, fmt.Sprintf("[%d,%d]", i, j))
		i = j
	}
	n := eval[int](t, p, `(() => {
  for (const [start, end] of [`+strings.Join(spans, ",")+`]) spanmark.annotate({start, end, label: "actor"});
  return spanmark.list().length;
})()`)
	if n < 1000 {
		t.Fatalf("%d actors, want every word of the sample", n)
	}
	claim := eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "claim"})`, cs, ce))
	eval[any](t, p, fmt.Sprintf(`spanmark.select(%s)`, js(claim)))
	waitFor(t, p, "the panel", `__t.visible("#detail")`)

	options := `[...document.querySelectorAll("#link-options [role=option]")].map((o) => o.textContent)`
	// Opened empty, it lists the first fifty, not a thousand.
	clickSelector(t, p, "#link-target")
	key(t, p, kb.ArrowDown)
	waitFor(t, p, "the list", `document.getElementById("link-target").getAttribute("aria-expanded") === "true"`)
	if got := eval[[]string](t, p, options); len(got) != 50 {
		t.Errorf("the open list has %d options, want 50", len(got))
	}

	// Typing narrows it to the actors that contain the text.
	do(t, p, "type in the picker", chromedp.KeyEvent("russia"))
	want := eval[[]string](t, p, `spanmark.list().filter((a) => a.label === "actor" && a.quote.toLowerCase().includes("russia")).map((a) => a.id)`)
	waitFor(t, p, "the filtered list", fmt.Sprintf(`%s.length === %d`, options, len(want)))
	for _, o := range eval[[]string](t, p, options) {
		if !strings.Contains(strings.ToLower(o), "russia") {
			t.Errorf("the list filtered by %q holds %q", "russia", o)
		}
	}

	// Down twice makes the second option active; focus stays in the input.
	key(t, p, kb.ArrowDown)
	key(t, p, kb.ArrowDown)
	type state struct {
		Focus, Active, Selected, Value string
		Open                           bool
	}
	get := func() state {
		return eval[state](t, p, `(() => {
  const in_ = document.getElementById("link-target"), id = in_.getAttribute("aria-activedescendant") || "";
  const o = id && document.getElementById(id);
  return {focus: document.activeElement.id, active: id, selected: o ? o.getAttribute("aria-selected") : "",
    value: in_.value, open: !document.getElementById("link-options").hidden};
})()`)
	}
	if s := get(); s.Focus != "link-target" || s.Active != "lo-1" || s.Selected != "true" || !s.Open {
		t.Errorf("after typing and two presses of Down: %+v, want focus on link-target and lo-1 active and selected", s)
	}
	// Escape closes the list, not the panel.
	key(t, p, kb.Escape)
	if s := get(); s.Open || s.Focus != "link-target" || !eval[bool](t, p, `__t.visible("#detail")`) {
		t.Errorf("after Escape: %+v, panel shown %v; want the list closed, the panel open, focus in the input",
			s, eval[bool](t, p, `__t.visible("#detail")`))
	}
	key(t, p, kb.ArrowDown)
	key(t, p, kb.ArrowDown)
	key(t, p, kb.ArrowDown)
	key(t, p, kb.Enter) // chooses
	if s := get(); s.Open || !strings.Contains(strings.ToLower(s.Value), "russia") {
		t.Errorf("after Enter on an option: %+v, want the list closed and the option's text in the input", s)
	}
	key(t, p, kb.Enter) // links
	waitFor(t, p, "the link", `spanmark.relations().length === 1`)
	type rel struct{ Type, From, To string }
	got := eval[[]rel](t, p, `spanmark.relations()`)
	if got[0].From != claim || got[0].To != want[1] || got[0].Type != "source" {
		t.Errorf("the link is %+v, want source from %s to %s (the second actor with %q)", got[0], claim, want[1], "russia")
	}
	focusKept(t, p, "linking")
	p.CheckProblems(t)
}
