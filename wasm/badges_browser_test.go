//go:build !js

package main

// Browser test of the label badges where several annotations start at the
// same code point: each shows its own badge, apart from the others, and a
// click on a badge selects its annotation.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/tools/browser"
)

// badgeBox is the box of a badge drawn for annotation ID, in viewport
// pixels.
type badgeBox struct {
	ID                       string
	Left, Top, Right, Bottom float64
}

// badges returns the box of every badge in the article, as the browser
// lays it out: the ::before of each element with data-first, measured
// through the DevTools protocol (a script cannot measure a pseudo-element).
// A badge belongs to the first id of its element's data-first.
func badges(t *testing.T, p *browser.Page) []badgeBox {
	t.Helper()
	depth := int64(-1)
	doc, err := chromedp.Call(p.Context(), dom.GetDocument, dom.GetDocumentParams{Depth: &depth})
	if err != nil {
		t.Fatalf("read the DOM: %v", err)
	}
	var out []badgeBox
	var walk func(n *cdp.Node)
	walk = func(n *cdp.Node) {
		first := ""
		for i := 0; i+1 < len(n.Attributes); i += 2 {
			if n.Attributes[i] == "data-first" {
				first = n.Attributes[i+1]
			}
		}
		if first != "" {
			for _, ps := range n.PseudoElements {
				if ps.PseudoType != cdp.PseudoTypeBefore {
					continue
				}
				m, err := chromedp.Call(p.Context(), dom.GetBoxModel, dom.GetBoxModelParams{NodeID: ps.NodeID})
				if err != nil {
					t.Fatalf("measure the badge of %q: %v", first, err)
				}
				q := m.Model.Border // x1 y1 … x4 y4, clockwise from the top left
				out = append(out, badgeBox{strings.Fields(first)[0], q[0], q[1], q[4], q[5]})
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(doc.Root)
	return out
}

// TestBadgesSharedStart makes three annotations start on one word and
// expects three badges that do not overlap, each of which selects its
// annotation when clicked.
func TestBadgesSharedStart(t *testing.T) {
	p := openApp(t)
	s, e := find(t, sampleRunes(t), "President Vladimir Putin", 0)
	ids := map[string]string{} // label by id
	for _, x := range []struct {
		label string
		end   int
	}{{"actor", e}, {"claim", s + len("President")}, {"proposal", e + 4}} {
		id := eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: %q})`, s, x.end, x.label))
		ids[id] = x.label
	}
	eval[any](t, p, fmt.Sprintf(`__t.para(%d).scrollIntoView({block: "center"})`, s))
	eval[any](t, p, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`)

	bs := badges(t, p)
	got := map[string]string{}
	for _, b := range bs {
		got[b.ID] = ids[b.ID]
	}
	if diff := cmp.Diff(ids, got); diff != "" {
		t.Fatalf("the badges drawn, by annotation (-want +got):\n%s\nboxes: %+v", diff, bs)
	}
	for i, a := range bs {
		if a.Right-a.Left < 4 || a.Bottom-a.Top < 4 {
			t.Errorf("badge of %s (%s) is %+v: too small to see or click", a.ID, ids[a.ID], a)
		}
		for _, b := range bs[i+1:] {
			if a.Left < b.Right-0.5 && b.Left < a.Right-0.5 && a.Top < b.Bottom-0.5 && b.Top < a.Bottom-0.5 {
				t.Errorf("badges overlap: %s (%s) at %+v and %s (%s) at %+v", a.ID, ids[a.ID], a, b.ID, ids[b.ID], b)
			}
		}
	}
	for _, b := range bs {
		eval[any](t, p, `spanmark.select(null)`)
		do(t, p, "click the badge of "+b.ID, chromedp.MouseClickXY((b.Left+b.Right)/2, (b.Top+b.Bottom)/2))
		waitFor(t, p, "the annotation of the badge clicked ("+ids[b.ID]+") selected",
			fmt.Sprintf(`__t.visible("#detail") && [...document.querySelectorAll("#article .sel")].some((e) => (e.dataset.ids || "").split(" ").includes(%s)) && document.getElementById("detail-badge").textContent.toLowerCase().includes(%s)`, js(b.ID), js(ids[b.ID])))
	}
	p.CheckProblems(t)
}
