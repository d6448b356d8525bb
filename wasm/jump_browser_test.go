//go:build !js

package main

// Browser tests of jumping to an annotation on a long article (jump.go):
// wherever it is, it ends in view, however the article's parts lay out
// on the way.

import (
	"fmt"
	"testing"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

func TestJumpLongArticle(t *testing.T) {
	p := openApp(t)
	text, paras := largeText(t)
	const count = 5000
	doc := annotations.NewDocument(text, "Long", "api")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	when := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	// "Paragraph" in every paragraph, and in the first ones also the
	// number after it, so that there are count in all.
	if len(paras) > count || 2*len(paras) < count {
		t.Fatalf("the long article has %d paragraphs, want %d to %d", len(paras), count/2, count)
	}
	start := 0
	for i, para := range paras {
		for _, at := range [][2]int{{0, 9}, {10, 12}} {
			if at[0] > 0 && i >= count-len(paras) {
				continue
			}
			if _, err := set.Apply(annotations.Add{Label: "claim", Start: start + at[0], End: start + at[1]}, when); err != nil {
				t.Fatalf("paragraph %d: %v", i, err)
			}
		}
		start += len([]rune(para)) + 1
	}
	data, err := codec.Encode(annotations.NewFile(set, "", when))
	if err != nil {
		t.Fatal(err)
	}
	eval[any](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: "Long"}).then(() => spanmark.import(%s))`, js(text), js(string(data))))
	if got := eval[int](t, p, `spanmark.list().length`); got != count {
		t.Fatalf("spanmark.list() has %d annotations, want %d", got, count)
	}
	type landing struct {
		Top, Bottom, Height float64
		Frames              int
		Focused             bool
	}
	// Down a long way, back up, to the end, to the start, and next door.
	for _, i := range []int{3900, 1200, count - 1, 3, 2400, 2401} {
		id := eval[string](t, p, fmt.Sprintf(`spanmark.list()[%d].id`, i))
		// Once the page has stopped scrolling (ten frames alike), where is it?
		got := eval[landing](t, p, fmt.Sprintf(`new Promise((resolve) => {
  spanmark.select(%s);
  const el = () => document.querySelector(%s);
  let last = NaN, same = 0, n = 0;
  const tick = () => {
    n++;
    if (scrollY === last) same++; else { same = 0; last = scrollY; }
    if (same >= 10 || n > 600) {
      const r = el().getBoundingClientRect();
      resolve({top: r.top, bottom: r.bottom, height: innerHeight, frames: n, focused: document.activeElement === el()});
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`, js(id), js(`[data-first~="`+id+`"]`)))
		if got.Top < 0 || got.Bottom > got.Height {
			t.Errorf("annotation %d: after the jump its highlight is at %.0f–%.0f px, outside the viewport of %.0f px (settled after %d frames)",
				i, got.Top, got.Bottom, got.Height, got.Frames)
		}
		if !got.Focused {
			t.Errorf("annotation %d: after the jump its highlight does not have focus", i)
		}
	}
	p.CheckProblems(t)
}
