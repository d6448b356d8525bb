//go:build !js

package main

// Browser tests on a phone's screen, 375 px wide, with touch: the label
// toolbar keeps clear of the phone's own selection menu, and the span
// labelled stays in sight above the bottom sheet that opens.

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/tools/browser"
)

type rect struct{ Left, Top, Right, Bottom float64 }

// openPhone opens the app on a 375 × 740 touch screen.
func openPhone(t *testing.T) *browser.Page {
	t.Helper()
	p := browser.NewTab(t)
	installLib(t, p)
	if _, err := chromedp.Call(p.Context(), emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 375, Height: 740, DeviceScaleFactor: 1, Mobile: true}); err != nil {
		t.Fatalf("emulate a 375 px screen: %v", err)
	}
	if _, err := chromedp.Call(p.Context(), emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatalf("emulate touch: %v", err)
	}
	p.Load()
	return p
}

// TestPhoneLabelNearBottom selects a word near the bottom of the screen:
// the toolbar shows below it (a phone's own menu goes above), on the
// screen; labelling it opens the sheet, and the word is then on the
// screen above the sheet's top.
func TestPhoneLabelNearBottom(t *testing.T) {
	p := openPhone(t)
	s, e := find(t, sampleRunes(t), "Kremlin", 0)
	rangeRect := fmt.Sprintf(`(() => { const r = __t.range(%d, %d).getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })()`, s, e)
	eval[any](t, p, fmt.Sprintf(`(() => {
  __t.para(%d).scrollIntoView({block: "start"});
  const r = __t.range(%d, %d).getBoundingClientRect();
  scrollBy(0, r.bottom - (innerHeight - 24));
})()`, s, s, e))
	sel := eval[rect](t, p, rangeRect)
	vh := eval[float64](t, p, `innerHeight`)
	if sel.Bottom < vh-80 || sel.Bottom > vh {
		t.Fatalf("the word's box is %+v, want it within 80 px of the bottom of the %v px screen", sel, vh)
	}
	eval[any](t, p, fmt.Sprintf(`__t.select(%d, %d)`, s, e))
	waitFor(t, p, "the toolbar", `__t.visible("#toolbar")`)
	sel = eval[rect](t, p, rangeRect)
	tb := eval[rect](t, p, `(() => { const r = document.getElementById("toolbar").getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })()`)
	vw := eval[float64](t, p, `innerWidth`)
	if tb.Top < sel.Bottom || tb.Bottom > vh || tb.Left < 0 || tb.Right > vw {
		t.Errorf("toolbar at %+v, selection at %+v on a %v × %v screen: want the toolbar below the selection, on the screen", tb, sel, vw, vh)
	}

	clickSelector(t, p, `#toolbar button[data-label="actor"]`)
	waitFor(t, p, "the annotation", fmt.Sprintf(`spanmark.list().some((a) => a.start === %d && a.end === %d)`, s, e))
	waitFor(t, p, "the sheet", `__t.visible("#detail")`)
	// The sheet opens and the page scrolls in the frame after.
	eval[any](t, p, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`)
	span := eval[rect](t, p, `(() => { const r = document.querySelector("#article .hl.sel").getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })()`)
	sheet := eval[rect](t, p, `(() => { const r = document.getElementById("detail").getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })()`)
	if span.Top < 0 || span.Bottom > sheet.Top || span.Bottom > vh {
		t.Errorf("the labelled span is at %+v, the sheet's top at %v: want the span on the screen above the sheet", span, sheet.Top)
	}
	p.CheckProblems(t)
}
