//go:build !js

package main

// Browser tests on a phone's screen, 375 px wide, with touch: the label
// toolbar keeps clear of the phone's own selection menu, and the span
// labelled stays in sight above the bottom sheet that opens.

import (
	"encoding/json"
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

// TestPhoneBar checks the top bar on a phone, and on a screen where the
// bar would wrap beside the sidebar: one row, which leaves the article
// the screen, in which every command can be reached: each one, scrolled
// to, is in view and not under the Annotations button, which stays at
// the row's end on a phone; and the Export menu opens whole, on the
// screen and not clipped by the row.
func TestPhoneBar(t *testing.T) {
	p := openPhone(t)
	for _, width := range []int64{375, 900} {
		if _, err := chromedp.Call(p.Context(), emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: width, Height: 740, DeviceScaleFactor: 1, Mobile: width < 800}); err != nil {
			t.Fatalf("emulate a %d px screen: %v", width, err)
		}
		var got struct {
			Bar, Button float64
			Hidden      []string
			Toggle      bool
			Menu        []string
		}
		raw := eval[string](t, p, `(async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  await frame();
  const bar = document.querySelector(".topbar"), toggle = document.getElementById("panel-toggle");
  const shown = (el) => el.offsetParent !== null;
  // Whether a tap at the middle of el finds it.
  const hit = (el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const at = x >= 0 && x < innerWidth && y >= 0 && y < innerHeight ? document.elementFromPoint(x, y) : null;
    return at !== null && (at === el || el.contains(at));
  };
  const out = {bar: bar.getBoundingClientRect().height, button: document.getElementById("open").getBoundingClientRect().height, hidden: [], toggle: true, menu: []};
  for (const el of document.querySelectorAll(".actions > button, .actions > details > summary")) {
    if (!shown(el)) continue;
    el.scrollIntoView({block: "nearest", inline: "nearest"});
    await frame();
    if (!hit(el)) out.hidden.push(el.id || el.textContent);
    if (shown(toggle) && !hit(toggle)) out.toggle = false;
  }
  const menu = document.querySelector("details.menu");
  menu.open = true;
  await frame();
  for (const el of menu.querySelectorAll(".menu-items button, .menu-items input")) {
    if (shown(el) && !hit(el)) out.menu.push(el.id);
  }
  menu.open = false;
  return JSON.stringify(out);
})()`)
		if err := json.Unmarshal([]byte(raw), &got); err != nil {
			t.Fatalf("decode %s: %v", raw, err)
		}
		if got.Bar >= 2*got.Button {
			t.Errorf("%d px: the top bar is %.0f px high, its buttons %.0f px: want one row", width, got.Bar, got.Button)
		}
		if len(got.Hidden) > 0 {
			t.Errorf("%d px: scrolled to, these commands are out of view or covered: %q", width, got.Hidden)
		}
		if !got.Toggle {
			t.Errorf("%d px: the Annotations button went out of view or was covered as the bar scrolled", width)
		}
		if len(got.Menu) > 0 {
			t.Errorf("%d px: with the Export menu open, these of its items are off the screen, clipped or covered: %q", width, got.Menu)
		}
	}
	p.CheckProblems(t)
}
