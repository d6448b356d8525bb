//go:build !js

package main

// Browser tests of hard-wrapped text (annotations.Document.IsHardWrapped):
// its lines flow into paragraphs on the page, while the text and every
// offset stay the document's.

import (
	"fmt"
	"strings"
	"testing"
)

// wrappedText is a Project Gutenberg style text: a title, then paragraphs
// of lines wrapped at about 60 characters, a blank line between them.
const wrappedText = `The Wrapped Tale

It was the best of times, it was the worst of times, it was
the age of wisdom, it was the age of foolishness, it was the
epoch of belief, it was the epoch of incredulity, it was the
season of Light, it was the season of Darkness.

There were a king with a large jaw and a queen with a plain
face, on the throne of England; there were a king with a
large jaw and a queen with a fair face, on the throne of
France. In both countries it was clearer than crystal to the
lords of the State preserves of loaves and fishes.

It was the year of Our Lord one thousand seven hundred and
seventy-five. Spiritual revelations were conceded to England
at that favoured period, as at this.
`

func TestHardWrappedText(t *testing.T) {
	p := openApp(t)
	eval[string](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: "The Wrapped Tale"})`, js(wrappedText)))
	waitFor(t, p, "the wrapped article", `document.getElementById("article").classList.contains("wrapped")`)

	// Line 2 of the first paragraph goes on the line where line 1 ends;
	// the first line of the next paragraph starts below, after a gap.
	type box struct{ Top, Bottom float64 }
	type layout struct {
		Line1End, Line2Start, Para1End, Para2Start box
		Display                                    string
	}
	got := eval[layout](t, p, `(() => {
  const rects = (i) => document.querySelector('#article p[data-p="' + i + '"]').getClientRects();
  // The first character's box: the p's own first box may hold only its
  // generated line breaks.
  const first = (i) => {
    const r = document.createRange(), n = document.querySelector('#article p[data-p="' + i + '"]').firstChild;
    r.setStart(n, 0);
    r.setEnd(n, 1);
    const b = r.getBoundingClientRect();
    return {top: b.top, bottom: b.bottom};
  };
  const last = (i) => { const rs = rects(i), r = rs[rs.length - 1]; return {top: r.top, bottom: r.bottom}; };
  return {line1End: last(1), line2Start: first(2), para1End: last(4), para2Start: first(5),
    display: getComputedStyle(document.querySelector('#article p[data-p="2"]')).display};
})()`)
	if got.Display != "inline" || got.Line2Start.Top != got.Line1End.Top {
		t.Errorf("the second line of a paragraph shows as %s at top %.0f, want inline on the first line's last line (top %.0f)",
			got.Display, got.Line2Start.Top, got.Line1End.Top)
	}
	if lh := got.Para1End.Bottom - got.Para1End.Top; got.Para2Start.Top < got.Para1End.Bottom+lh/2 {
		t.Errorf("the next paragraph starts at %.0f, want a blank line below the last one's end at %.0f", got.Para2Start.Top, got.Para1End.Bottom)
	}

	// A selection across a soft break, made in the page as a mouse would,
	// labels exactly the document's text, line break and all.
	text := []rune(wrappedText)
	start, _ := find(t, text, "the age of foolishness", 0)
	_, end := find(t, text, "epoch of belief", 0)
	eval[any](t, p, `(() => {
  const at = (i, word) => {
    const n = document.querySelector('#article p[data-p="' + i + '"]').firstChild;
    return [n, n.textContent.indexOf(word)];
  };
  const [a, ao] = at(2, "the age of foolishness"), [b, bo] = at(3, "epoch of belief");
  const r = document.createRange();
  r.setStart(a, ao);
  r.setEnd(b, bo + "epoch of belief".length);
  getSelection().removeAllRanges();
  getSelection().addRange(r);
  document.getElementById("article").focus();
})()`)
	waitFor(t, p, "the toolbar", `__t.visible("#toolbar")`)
	key(t, p, "2")
	waitFor(t, p, "the claim", `spanmark.list().length === 1`)
	anns := list(t, p)
	want := string(text[start:end])
	if !strings.Contains(want, "\n") {
		t.Fatalf("the test's span %q does not cross a line break", want)
	}
	if a := anns[0]; a.Start != start || a.End != end || a.Quote != want {
		t.Errorf("the claim is [%d, %d) %q, want [%d, %d) %q", a.Start, a.End, a.Quote, start, end, want)
	}
	if got := eval[string](t, p, `JSON.parse(spanmark.export()).document.text`); got != wrappedText {
		t.Errorf("the exported document text differs from the loaded one:\n%q\nwant\n%q", got, wrappedText)
	}
	p.CheckProblems(t)
}
