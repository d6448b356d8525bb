//go:build !js

package main

// Browser tests of annotating: a person selects text with the mouse or the
// keyboard and labels it; nested and crossing highlights render; relations,
// notes, entities, relabelling, deleting and labelling all occurrences can
// each be undone and redone; offsets in a text of many scripts are code
// points. The helpers at the top are shared by the other *_browser_test.go
// files of this package (persist, security, import).
//
// Every expectation is computed here in Go from the article text; the page
// is asked only through window.spanmark and the hooks of docs/api.md.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/tools/browser"
	"github.com/spanmark/spanmark/web"
)

// testLib is installed in every document of a test tab before the page's
// own scripts, as window.__t. DevTools scripts are exempt from the page's
// Content-Security-Policy, so this adds nothing the app could use.
//
// It maps code point offsets (data-start of each paragraph, then the
// paragraph's text nodes) to DOM positions, the inverse of what the app does
// for a selection, so the tests can select exactly the text they mean.
const testLib = `window.__t = {
  para(off) {
    let p = null;
    for (const q of document.querySelectorAll("#article p[data-start]")) {
      if (Number(q.dataset.start) <= off) p = q; else break;
    }
    if (!p) throw new Error("no paragraph holds code point " + off);
    return p;
  },
  // locate returns the text node and UTF-16 offset of code point off; at a
  // boundary between nodes, the end of the earlier one when atEnd.
  locate(off, atEnd) {
    const p = this.para(atEnd ? off - 1 : off);
    let cp = Number(p.dataset.start), prev = null;
    const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (cp === off && atEnd && prev) return {node: prev, offset: prev.data.length};
      let u = 0;
      for (const ch of n.data) {
        if (cp === off) return {node: n, offset: u};
        cp++; u += ch.length;
      }
      prev = n;
    }
    if (cp === off && prev) return {node: prev, offset: prev.data.length};
    throw new Error("code point " + off + " is past paragraph " + p.dataset.p + " (ends at " + cp + ")");
  },
  range(start, end) {
    const a = this.locate(start, false), b = this.locate(end, true);
    const r = document.createRange();
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
    return r;
  },
  // dragPoints scrolls [start, end) into view and returns where a drag over
  // it starts (the left edge of its first character) and ends (the right
  // edge of its last), in viewport coordinates, for left-to-right text.
  dragPoints(start, end) {
    this.para(start).scrollIntoView({block: "center"});
    const a = this.range(start, start + 1).getClientRects();
    const b = this.range(end - 1, end).getClientRects();
    const first = a[0], last = b[b.length - 1];
    return {x0: first.left + 1, y0: (first.top + first.bottom) / 2, x1: last.right - 1, y1: (last.top + last.bottom) / 2};
  },
  select(start, end) {
    const r = this.range(start, end), s = getSelection();
    s.removeAllRanges();
    s.addRange(r);
    document.dispatchEvent(new Event("selectionchange"));
  },
  caret(off) {
    const a = this.locate(off, false);
    getSelection().collapse(a.node, a.offset);
  },
  runs() {
    return [...document.querySelectorAll("#article span.hl")].map((e) => ({
      ids: e.dataset.ids || "", first: e.dataset.first || "", text: e.textContent,
      tabindex: e.getAttribute("tabindex") || "", label: e.getAttribute("aria-label") || "",
    }));
  },
  // tags lists the element names under root, to prove no markup came from text.
  tags(sel) {
    const root = document.querySelector(sel);
    // The article's own parts (wasm/render.go) are the app's, not text's.
    const own = (e) => e.matches("#article > div.part") && e.attributes.length === 1;
    return root ? [...new Set([...root.querySelectorAll("*")].filter((e) => !own(e)).map((e) => e.localName))].sort() : [];
  },
  visible(sel) {
    const e = document.querySelector(sel);
    if (!e || e.hidden) return false;
    const r = e.getBoundingClientRect(), cs = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && cs.display !== "none";
  },
  status() {
    const e = document.getElementById("status");
    return e ? e.textContent.trim() : "";
  },
};`

// openApp opens the app in a fresh browser context of the shared browser,
// with the test library installed, and waits until it is ready.
func openApp(t *testing.T) *browser.Page {
	t.Helper()
	p := browser.NewTab(t)
	installLib(t, p)
	p.Load()
	return p
}

func installLib(t *testing.T, p *browser.Page) {
	t.Helper()
	if _, err := chromedp.Call(p.Context(), page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: testLib}); err != nil {
		t.Fatalf("install the test library: %v", err)
	}
}

// result is what try returns: the value of a JavaScript expression or the
// message of the error it threw or its promise rejected with.
type result struct {
	OK    bool            `json:"ok"`
	Value json.RawMessage `json:"v"`
	Err   string          `json:"err"`
}

// try evaluates expr in the page, awaiting it if it is a promise.
func try(t *testing.T, p *browser.Page, expr string) result {
	t.Helper()
	wrapped := `(async () => {
  try { const v = await (` + expr + `); return {ok: true, v: v === undefined ? null : v}; }
  catch (e) { return {ok: false, err: String(e && e.message !== undefined ? e.message : e)}; }
})()`
	ctx, cancel := context.WithTimeout(p.Context(), 60*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](wrapped, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v%s", short(expr), err, problems(p))
	}
	var r result
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("evaluate %s: decode %s: %v", short(expr), raw, err)
	}
	return r
}

// eval evaluates expr and decodes its value into T, failing the test when
// it throws.
func eval[T any](t *testing.T, p *browser.Page, expr string) T {
	t.Helper()
	r := try(t, p, expr)
	if !r.OK {
		t.Fatalf("evaluate %s: %s%s", short(expr), r.Err, problems(p))
	}
	var v T
	if err := json.Unmarshal(r.Value, &v); err != nil {
		t.Fatalf("evaluate %s: decode %s: %v", short(expr), short(string(r.Value)), err)
	}
	return v
}

// waitFor waits until the JavaScript condition is truthy, for up to 15
// seconds: generous, for a busy two-core machine.
func waitFor(t *testing.T, p *browser.Page, what, cond string) {
	t.Helper()
	waitWithin(t, p, 15*time.Second, what, cond)
}

// waitWithin is waitFor with a bound, for conditions that hold at once
// when the app is right, so that a broken app fails fast.
func waitWithin(t *testing.T, p *browser.Page, d time.Duration, what, cond string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Context(), d+5*time.Second)
	defer cancel()
	// Polled on a timer, not on animation frames (Poll's default): a frame
	// may wait on the one a dialog just closed, and the condition is then
	// not checked again however long the app has been done.
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(d), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		t.Fatalf("wait for %s (%s): %v; #status says %q%s", what, cond, err, statusText(t, p), problems(p))
	}
}

func statusText(t *testing.T, p *browser.Page) string {
	ctx, cancel := context.WithTimeout(p.Context(), 5*time.Second)
	defer cancel()
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`window.__t ? __t.status() : ""`))
	return s
}

func problems(p *browser.Page) string {
	if ps := p.Problems(); len(ps) > 0 {
		return "\nproblems seen in the page:\n  " + strings.Join(ps, "\n  ")
	}
	return ""
}

func short(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// js quotes a Go value as a JavaScript literal.
func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// do runs chromedp actions in the page and fails the test on an error.
func do(t *testing.T, p *browser.Page, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Context(), 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v%s", what, err, problems(p))
	}
}

// The state of a document as the page reports it.

// ignoreTimes leaves out what the page stamps from the clock.
var ignoreTimes = cmpopts.IgnoreFields(annotations.Annotation{}, "Created", "Modified")

// ignoreIDs also leaves out the ids the page assigns.
var ignoreIDs = cmpopts.IgnoreFields(annotations.Annotation{}, "ID", "Created", "Modified")

func list(t *testing.T, p *browser.Page) []annotations.Annotation {
	t.Helper()
	return eval[[]annotations.Annotation](t, p, `spanmark.list()`)
}

func relations(t *testing.T, p *browser.Page) []annotations.Relation {
	t.Helper()
	return eval[[]annotations.Relation](t, p, `spanmark.relations()`)
}

// exportFile exports the document as Spanmark JSON and decodes it with the
// strict decoder, so every export the tests see is also checked as a file.
func exportFile(t *testing.T, p *browser.Page) *annotations.File {
	t.Helper()
	s := eval[string](t, p, `spanmark.export("spanmark")`)
	f, err := codec.Decode([]byte(s))
	if err != nil {
		t.Fatalf("decode the page's export: %v\n%s", err, short(s))
	}
	return f
}

// sortAnns orders annotations as files do, so lists compare as sets.
func sortAnns(as []annotations.Annotation) []annotations.Annotation {
	as = slices.Clone(as)
	slices.SortFunc(as, func(a, b annotations.Annotation) int {
		if annotations.Compare(&a, &b) < 0 {
			return -1
		}
		if annotations.Compare(&b, &a) < 0 {
			return 1
		}
		return 0
	})
	return as
}

// The article.

// sampleRunes returns the sample article, which the app opens with, as
// code points.
func sampleRunes(t *testing.T) []rune {
	t.Helper()
	b, err := web.FS.ReadFile("sample.txt")
	if err != nil {
		t.Fatalf("read the sample article: %v", err)
	}
	return []rune(annotations.Normalize(string(b)))
}

// find returns the span of the n-th (0-based) occurrence of quote in text,
// in code points.
func find(t *testing.T, text []rune, quote string, n int) (start, end int) {
	t.Helper()
	q := []rune(quote)
	for i := 0; i+len(q) <= len(text); i++ {
		if string(text[i:i+len(q)]) == quote {
			if n == 0 {
				return i, i + len(q)
			}
			n--
		}
	}
	t.Fatalf("the article has no occurrence %d of %q", n, quote)
	return 0, 0
}

// want returns the annotation a span of text should export as: the quote
// is the text in [start, end), and prefix and suffix are the ContextLen
// code points around it, computed here independently of the page.
func want(text []rune, label string, start, end int) annotations.Annotation {
	n := annotations.ContextLen
	return annotations.Annotation{
		Label:  label,
		Start:  start,
		End:    end,
		Quote:  string(text[start:end]),
		Prefix: string(text[max(0, start-n):start]),
		Suffix: string(text[end:min(len(text), end+n)]),
	}
}

// Input, as a person gives it.

// drag presses the left button at the start of [start, end), moves to its
// end in steps and releases, as a person selecting with a mouse does.
func drag(t *testing.T, p *browser.Page, start, end int) {
	t.Helper()
	pt := eval[struct{ X0, Y0, X1, Y1 float64 }](t, p, fmt.Sprintf(`__t.dragPoints(%d, %d)`, start, end))
	mouse := func(typ input.DispatchMouseEventType, x, y float64, buttons int64, clicks int64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
				Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: buttons, ClickCount: clicks})
			return err
		})
	}
	steps := []chromedp.Action[chromedp.Void]{
		mouse(input.DispatchMouseEventTypeMouseMoved, pt.X0, pt.Y0, 0, 0),
		mouse(input.DispatchMouseEventTypeMousePressed, pt.X0, pt.Y0, 1, 1),
	}
	const n = 5
	for i := 1; i <= n; i++ {
		f := float64(i) / n
		steps = append(steps, mouse(input.DispatchMouseEventTypeMouseMoved, pt.X0+(pt.X1-pt.X0)*f, pt.Y0+(pt.Y1-pt.Y0)*f, 1, 0))
	}
	steps = append(steps, mouse(input.DispatchMouseEventTypeMouseReleased, pt.X1, pt.Y1, 0, 1))
	do(t, p, fmt.Sprintf("drag over [%d,%d)", start, end), steps...)
}

func key(t *testing.T, p *browser.Page, keys string, mods ...chromedp.Modifier) {
	t.Helper()
	do(t, p, fmt.Sprintf("press %q", keys), chromedp.KeyEvent(keys, chromedp.KeyModifiers(mods...)))
}

// clickSelector clicks the centre of the first element matching sel with
// a real mouse event, once it shows and is enabled: the app updates its
// buttons in the next animation frame after a change, and a click before
// that, faster than any person, would hit a disabled button.
func clickSelector(t *testing.T, p *browser.Page, sel string) {
	t.Helper()
	waitFor(t, p, sel+" to show, enabled", fmt.Sprintf(`window.__t.visible(%s) && !document.querySelector(%s).disabled`, js(sel), js(sel)))
	pt := eval[struct{ X, Y float64 }](t, p, fmt.Sprintf(`(() => {
  const e = document.querySelector(%s);
  e.scrollIntoView({block: "nearest"});
  const r = e.getBoundingClientRect();
  return {x: r.left + r.width / 2, y: r.top + r.height / 2};
})()`, js(sel)))
	do(t, p, "click "+sel, chromedp.MouseClickXY(pt.X, pt.Y))
}

// Tests.

// TestMouseDragLabels drags over words of the sample article and labels
// them with a key and with a toolbar button.
func TestMouseDragLabels(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	if got := eval[string](t, p, `spanmark.export("spanmark")`); !strings.Contains(got, `"source": "sample"`) && !strings.Contains(got, `"source":"sample"`) {
		t.Logf("note: the first document's source is not \"sample\"")
	}

	s1, e1 := find(t, text, "President Vladimir Putin", 0)
	drag(t, p, s1, e1)
	if got := eval[string](t, p, `getSelection().toString()`); got != string(text[s1:e1]) {
		t.Fatalf("after the drag the selection is %q, want %q", got, string(text[s1:e1]))
	}
	waitFor(t, p, "the toolbar", `__t.visible("#toolbar") && document.querySelector('#toolbar button[data-label="actor"]') !== null`)
	key(t, p, "1")
	waitFor(t, p, "one annotation", `spanmark.list().length === 1`)

	s2, e2 := find(t, text, "Kremlin", 0)
	drag(t, p, s2, e2)
	clickSelector(t, p, `#toolbar button[data-label="proposal"]`)
	waitFor(t, p, "two annotations", `spanmark.list().length === 2`)

	wantAnns := []annotations.Annotation{want(text, "actor", s1, e1), want(text, "proposal", s2, e2)}
	got := list(t, p)
	if diff := cmp.Diff(wantAnns, sortAnns(got), ignoreIDs); diff != "" {
		t.Errorf("spanmark.list() mismatch (-want +got):\n%s", diff)
	}
	f := exportFile(t, p)
	if diff := cmp.Diff(wantAnns, f.Annotations, ignoreIDs); diff != "" {
		t.Errorf("exported annotations mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(string(text), f.Document.Text); diff != "" {
		t.Errorf("exported text mismatch (-want +got):\n%s", diff)
	}
	for _, a := range got {
		checkRendered(t, p, a)
	}
	p.CheckProblems(t)
}

// checkRendered checks that annotation a is drawn: its runs join to its
// quote, and its first run is focusable and named for assistive technology.
func checkRendered(t *testing.T, p *browser.Page, a annotations.Annotation) {
	t.Helper()
	type run struct{ IDs, First, Text, Tabindex, Label string }
	runs := eval[[]run](t, p, `__t.runs()`)
	var text strings.Builder
	var first *run
	for i, r := range runs {
		if slices.Contains(strings.Fields(r.IDs), a.ID) {
			text.WriteString(r.Text)
		}
		if slices.Contains(strings.Fields(r.First), a.ID) {
			first = &runs[i]
		}
	}
	if got := text.String(); got != a.Quote {
		t.Errorf("runs of %s join to %q, want its quote %q", a.ID, got, a.Quote)
	}
	if first == nil {
		t.Errorf("no span.hl has data-first=%q", a.ID)
		return
	}
	// Focusable, but out of the tab order: the article is the tab stop
	// and ] and [ move between highlights.
	if first.Tabindex != "-1" {
		t.Errorf("first run of %s has tabindex %q, want \"-1\"", a.ID, first.Tabindex)
	}
	if first.Label == "" {
		t.Errorf("first run of %s has no aria-label", a.ID)
	}
}

// TestKeyboardSelectionLabels places the caret, extends the selection with
// Shift+ArrowRight and labels it with key 2, without a mouse.
func TestKeyboardSelectionLabels(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	start, end := find(t, text, "United States", 0)
	eval[any](t, p, fmt.Sprintf(`__t.caret(%d)`, start))
	for range end - start {
		key(t, p, kb.ArrowRight, chromedp.ModifierShift)
	}
	if got := eval[string](t, p, `getSelection().toString()`); got != "United States" {
		t.Fatalf("after Shift+ArrowRight ×%d the selection is %q, want %q", end-start, got, "United States")
	}
	key(t, p, "2")
	waitFor(t, p, "one annotation", `spanmark.list().length === 1`)
	if diff := cmp.Diff([]annotations.Annotation{want(text, "claim", start, end)}, list(t, p), ignoreIDs); diff != "" {
		t.Errorf("spanmark.list() mismatch (-want +got):\n%s", diff)
	}
	p.CheckProblems(t)
}

// TestNestedAndCrossingSpans makes a claim, an actor nested in it, a
// proposal crossing its end and the same span with two labels, and checks
// the highlight runs and the export.
func TestNestedAndCrossingSpans(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	claimS, claimE := find(t, text, "Russia has extended a curious invitation to Donald Trump, suggesting he might act as a mediator with President Vladimir Putin", 0)
	actorS, actorE := find(t, text, "Donald Trump", 0)
	putinS, putinE := find(t, text, "Vladimir Putin", 0)
	propS, propE := find(t, text, "President Vladimir Putin. This proposal", 0)
	spans := []annotations.Annotation{
		want(text, "claim", claimS, claimE),
		want(text, "actor", actorS, actorE),
		want(text, "actor", putinS, putinE),
		want(text, "proposal", propS, propE),
		want(text, "claim", putinS, putinE), // same span, second label
	}
	for i := range spans {
		a := &spans[i]
		a.ID = eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: %q, snap: false})`, a.Start, a.End, a.Label))
	}
	wantAnns := sortAnns(spans)
	if diff := cmp.Diff(wantAnns, sortAnns(list(t, p)), ignoreTimes); diff != "" {
		t.Errorf("spanmark.list() mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantAnns, exportFile(t, p).Annotations, ignoreTimes); diff != "" {
		t.Errorf("exported annotations mismatch (-want +got):\n%s", diff)
	}

	// Expected runs: cut at every boundary, each run with its covering ids,
	// longest first (outermost first), ties by start then label then id.
	type run struct {
		IDs  []string
		Text string
	}
	cuts := []int{}
	for _, a := range spans {
		cuts = append(cuts, a.Start, a.End)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	order := slices.Clone(spans)
	slices.SortStableFunc(order, func(a, b annotations.Annotation) int {
		if a.Len() != b.Len() {
			return b.Len() - a.Len()
		}
		if annotations.Compare(&a, &b) < 0 {
			return -1
		}
		return 1
	})
	var wantRuns []run
	for i := 0; i+1 < len(cuts); i++ {
		var ids []string
		for _, a := range order {
			if a.Start <= cuts[i] && a.End >= cuts[i+1] {
				ids = append(ids, a.ID)
			}
		}
		if len(ids) > 0 {
			wantRuns = append(wantRuns, run{ids, string(text[cuts[i]:cuts[i+1]])})
		}
	}
	type domRun struct{ IDs, Text string }
	var gotRuns []run
	for _, r := range eval[[]domRun](t, p, `__t.runs()`) {
		gotRuns = append(gotRuns, run{strings.Fields(r.IDs), r.Text})
	}
	if diff := cmp.Diff(wantRuns, gotRuns); diff != "" {
		t.Errorf("span.hl runs mismatch (-want +got):\n%s", diff)
	}
	for _, a := range spans {
		checkRendered(t, p, a)
	}
	p.CheckProblems(t)
}

// docState is what undo and redo must restore exactly.
type docState struct {
	Annotations []annotations.Annotation
	Relations   []annotations.Relation
}

func state(t *testing.T, p *browser.Page) docState {
	t.Helper()
	rels := relations(t, p)
	slices.SortFunc(rels, func(a, b annotations.Relation) int { return strings.Compare(a.ID, b.ID) })
	return docState{sortAnns(list(t, p)), rels}
}

// TestEditsUndoRedo applies each kind of edit through window.spanmark and
// checks its effect, that undo restores the state before it exactly and
// that redo brings the edit back.
func TestEditsUndoRedo(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	rusS, rusE := find(t, text, "Trump", 0)
	claimS, claimE := find(t, text, "the war appears to be at a standstill", 0)
	usS, usE := find(t, text, "The U.S.", 0)
	// Each case starts from a fresh document with an actor, a claim and a
	// source link between them.
	setup := fmt.Sprintf(`(async () => {
  await spanmark.load({text: %s + "\n" + Math.random(), title: "undo"});
  const actor = spanmark.annotate({start: %d, end: %d, label: "actor"});
  const claim = spanmark.annotate({start: %d, end: %d, label: "claim"});
  const rel = spanmark.link({from: claim, to: actor, type: "source"});
  return {actor, claim, rel};
})()`, js(string(text)), rusS, rusE, claimS, claimE)
	type ids struct{ Actor, Claim, Rel string }

	for _, tc := range []struct {
		name  string
		edit  string // JavaScript; ids is in scope
		check func(t *testing.T, id ids, before, after docState)
	}{
		{"annotate", fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor", note: "n", entity: "United States"})`, usS, usE),
			func(t *testing.T, id ids, before, after docState) {
				w := want(text, "actor", usS, usE)
				w.Note, w.Entity = "n", "United States"
				if diff := cmp.Diff(sortAnns(append(slices.Clone(before.Annotations), w)), after.Annotations, ignoreIDs); diff != "" {
					t.Errorf("annotations mismatch (-want +got):\n%s", diff)
				}
			}},
		{"link_target", `spanmark.link({from: ids.claim, to: ids.actor, type: "target"})`,
			func(t *testing.T, id ids, before, after docState) {
				var got []annotations.Relation
				for _, r := range after.Relations {
					if r.Type == "target" {
						r.ID = ""
						got = append(got, r)
					}
				}
				if diff := cmp.Diff([]annotations.Relation{{Type: "target", From: id.Claim, To: id.Actor}}, got); diff != "" {
					t.Errorf("target relations mismatch (-want +got):\n%s", diff)
				}
			}},
		{"link_reversed", `spanmark.link({from: ids.actor, to: ids.claim, type: "target"})`,
			func(t *testing.T, id ids, before, after docState) {
				// Only claim → actor fits the schema: made that way round.
				var got []annotations.Relation
				for _, r := range after.Relations {
					if r.Type == "target" {
						r.ID = ""
						got = append(got, r)
					}
				}
				if diff := cmp.Diff([]annotations.Relation{{Type: "target", From: id.Claim, To: id.Actor}}, got); diff != "" {
					t.Errorf("target relations mismatch (-want +got):\n%s", diff)
				}
			}},
		{"unlink", `spanmark.unlink(ids.rel)`,
			func(t *testing.T, id ids, before, after docState) {
				if len(after.Relations) != 0 {
					t.Errorf("relations after unlink = %v, want none", after.Relations)
				}
			}},
		{"note", `spanmark.note(ids.claim, "Said twice; check the transcript.")`,
			changed(func(a *annotations.Annotation, id ids) {
				if a.ID == id.Claim {
					a.Note = "Said twice; check the transcript."
				}
			})},
		{"entity", `spanmark.entity(ids.actor, "Russian Federation")`,
			changed(func(a *annotations.Annotation, id ids) {
				if a.ID == id.Actor {
					a.Entity = "Russian Federation"
				}
			})},
		{"relabel", `spanmark.relabel(ids.claim, "proposal")`,
			changed(func(a *annotations.Annotation, id ids) {
				if a.ID == id.Claim {
					a.Label = "proposal"
				}
			})},
		{"remove_with_relations", `spanmark.remove(ids.actor)`,
			func(t *testing.T, id ids, before, after docState) {
				var w []annotations.Annotation
				for _, a := range before.Annotations {
					if a.ID != id.Actor {
						w = append(w, a)
					}
				}
				if diff := cmp.Diff(docState{Annotations: w, Relations: []annotations.Relation{}}, after, ignoreTimes, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("state mismatch (-want +got):\n%s", diff)
				}
			}},
		{"label_all", `spanmark.labelAll(ids.actor)`,
			func(t *testing.T, id ids, before, after docState) {
				w := slices.Clone(before.Annotations)
				for n := 1; n < 4; n++ { // "Trump" is in the sample 4 times, never inside a longer word
					s, e := find(t, text, "Trump", n)
					w = append(w, want(text, "actor", s, e))
				}
				if diff := cmp.Diff(sortAnns(w), after.Annotations, ignoreIDs); diff != "" {
					t.Errorf("annotations after labelAll mismatch (-want +got):\n%s", diff)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var id ids
			raw := eval[json.RawMessage](t, p, setup)
			if err := json.Unmarshal(raw, &id); err != nil {
				t.Fatal(err)
			}
			before := state(t, p)
			eval[any](t, p, fmt.Sprintf(`((ids) => %s)(%s)`, tc.edit, js(map[string]string{"actor": id.Actor, "claim": id.Claim, "rel": id.Rel})))
			after := state(t, p)
			tc.check(t, id, before, after)
			if !eval[bool](t, p, `spanmark.undo()`) {
				t.Errorf("undo() = false after %s, want true", tc.name)
			}
			if diff := cmp.Diff(before, state(t, p), ignoreTimes, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("after undo, state differs from before the edit (-before +got):\n%s", diff)
			}
			if !eval[bool](t, p, `spanmark.redo()`) {
				t.Errorf("redo() = false after undo, want true")
			}
			if diff := cmp.Diff(after, state(t, p), ignoreTimes, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("after redo, state differs from after the edit (-after +got):\n%s", diff)
			}
			if eval[bool](t, p, `spanmark.redo()`) {
				t.Errorf("a second redo() = true, want false")
			}
		})
	}
	p.CheckProblems(t)
}

// changed returns a check that the edit changed exactly what f changes.
func changed[I any](f func(a *annotations.Annotation, id I)) func(t *testing.T, id I, before, after docState) {
	return func(t *testing.T, id I, before, after docState) {
		t.Helper()
		w := docState{Annotations: slices.Clone(before.Annotations), Relations: before.Relations}
		for i := range w.Annotations {
			f(&w.Annotations[i], id)
		}
		if diff := cmp.Diff(w, after, ignoreTimes, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("state mismatch (-want +got):\n%s", diff)
		}
	}
}

// TestEditsThroughUI does the same kinds of edit the way a person does:
// focus a highlight, use the detail panel, press Delete, Ctrl+Z,
// Ctrl+Shift+Z and Ctrl+Y, and click the undo and redo buttons.
func TestEditsThroughUI(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	rusS, rusE := find(t, text, "Trump", 0)
	claimS, claimE := find(t, text, "the war appears to be at a standstill", 0)
	actor := eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, rusS, rusE))
	claim := eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "claim"})`, claimS, claimE))
	base := state(t, p)

	focus := func(id string) {
		t.Helper()
		sel := fmt.Sprintf(`#article span.hl[data-first=%q]`, id)
		waitFor(t, p, "the highlight of "+id, fmt.Sprintf(`document.querySelector(%s) !== null`, js(sel)))
		clickSelector(t, p, sel)
		waitFor(t, p, "the detail panel", `__t.visible("#detail")`)
		var quote string
		for _, a := range list(t, p) {
			if a.ID == id {
				quote = a.Quote
			}
		}
		waitWithin(t, p, 3*time.Second, "the detail panel to show "+id,
			fmt.Sprintf(`document.getElementById("detail-quote").textContent === %s`, js(quote)))
	}
	check := func(what string, want docState) {
		t.Helper()
		if diff := cmp.Diff(want, state(t, p), ignoreTimes, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: state mismatch (-want +got):\n%s", what, diff)
		}
	}

	t.Run("relabel_in_detail", func(t *testing.T) {
		focus(claim)
		clickSelector(t, p, `#detail button[data-label="proposal"]`)
		waitFor(t, p, "the relabel", fmt.Sprintf(`spanmark.list().some((a) => a.id === %q && a.label === "proposal")`, claim))
		key(t, p, "z", chromedp.ModifierCtrl)
		waitFor(t, p, "undo by Ctrl+Z", fmt.Sprintf(`spanmark.list().some((a) => a.id === %q && a.label === "claim")`, claim))
		check("after Ctrl+Z", base)
		key(t, p, "Z", chromedp.ModifierCtrl, chromedp.ModifierShift)
		waitFor(t, p, "redo by Ctrl+Shift+Z", fmt.Sprintf(`spanmark.list().some((a) => a.id === %q && a.label === "proposal")`, claim))
		clickSelector(t, p, "#undo")
		waitFor(t, p, "undo by the button", fmt.Sprintf(`spanmark.list().some((a) => a.id === %q && a.label === "claim")`, claim))
		check("after the undo button", base)
	})

	t.Run("note_and_entity_in_detail", func(t *testing.T) {
		focus(actor)
		for _, f := range []struct{ sel, value, field string }{
			{"#detail-entity", "Russian Federation", "entity"},
			{"#detail-note", "Named by the author, not quoted.", "note"},
		} {
			clickSelector(t, p, f.sel)
			do(t, p, "type into "+f.sel, chromedp.KeyEvent(f.value))
			key(t, p, kb.Tab) // leaving the field commits it
			waitFor(t, p, "the "+f.field, fmt.Sprintf(`spanmark.list().some((a) => a.id === %q && a[%q] === %q)`, actor, f.field, f.value))
		}
		key(t, p, "y", chromedp.ModifierCtrl) // nothing to redo: must change nothing
		w := base
		w.Annotations = slices.Clone(base.Annotations)
		for i := range w.Annotations {
			if w.Annotations[i].ID == actor {
				w.Annotations[i].Entity = "Russian Federation"
				w.Annotations[i].Note = "Named by the author, not quoted."
			}
		}
		check("after typing", w)
		eval[bool](t, p, `spanmark.undo()`)
		eval[bool](t, p, `spanmark.undo()`)
		check("after two undos", base)
	})

	t.Run("link_in_detail", func(t *testing.T) {
		focus(claim)
		eval[any](t, p, `(() => {
  const type = document.getElementById("link-type");
  type.value = "source"; type.dispatchEvent(new Event("change", {bubbles: true}));
})()`)
		// The picker lists the one actor; the arrow and Enter choose it.
		clickSelector(t, p, "#link-target")
		key(t, p, kb.ArrowDown)
		waitFor(t, p, "the actor in the picker", `__t.visible("#link-options [role=option]")`)
		key(t, p, kb.ArrowDown)
		key(t, p, kb.Enter)
		clickSelector(t, p, "#link-add")
		waitFor(t, p, "the link", `spanmark.relations().length === 1`)
		if diff := cmp.Diff([]annotations.Relation{{Type: "source", From: claim, To: actor}}, relations(t, p),
			cmpopts.IgnoreFields(annotations.Relation{}, "ID")); diff != "" {
			t.Errorf("relations mismatch (-want +got):\n%s", diff)
		}
		key(t, p, "z", chromedp.ModifierCtrl)
		waitFor(t, p, "the undone link", `spanmark.relations().length === 0`)
		check("after undoing the link", base)
	})

	t.Run("link_mode_click", func(t *testing.T) {
		// Pick the other end in the text: select the claim, press l,
		// click the actor's highlight.
		focus(claim)
		eval[any](t, p, `(() => { const s = document.getElementById("link-type"); s.value = "target"; s.dispatchEvent(new Event("change", {bubbles: true})); })()`)
		do(t, p, "focus the claim", chromedp.Focus(chromedp.CSS(fmt.Sprintf(`#article span.hl[data-first=%q]`, claim))))
		key(t, p, "l")
		waitFor(t, p, "link mode", `document.documentElement.classList.contains("linking")`)
		clickSelector(t, p, fmt.Sprintf(`#article span.hl[data-first=%q]`, actor))
		waitFor(t, p, "the link", `spanmark.relations().length === 1`)
		if diff := cmp.Diff([]annotations.Relation{{Type: "target", From: claim, To: actor}}, relations(t, p),
			cmpopts.IgnoreFields(annotations.Relation{}, "ID")); diff != "" {
			t.Errorf("relations mismatch (-want +got):\n%s", diff)
		}
		clickSelector(t, p, "#undo")
		waitFor(t, p, "the undone link", `spanmark.relations().length === 0`)
		check("after undoing the link", base)
	})

	t.Run("label_all_button", func(t *testing.T) {
		focus(actor)
		clickSelector(t, p, "#label-all")
		waitFor(t, p, "four actors", `spanmark.list().filter((a) => a.label === "actor").length === 4`)
		for _, a := range list(t, p) {
			if a.Label == "actor" && a.Quote != "Trump" {
				t.Errorf("label all made %+v, want only quotes \"Trump\"", a)
			}
		}
		clickSelector(t, p, "#undo")
		waitFor(t, p, "one actor again", `spanmark.list().filter((a) => a.label === "actor").length === 1`)
		check("after undoing label all", base)
	})

	t.Run("tab_to_highlight", func(t *testing.T) {
		// Keyboard only: Tab from the top of the page to the article, then
		// ] until the actor's highlight has focus, then delete it with
		// Backspace.
		eval[any](t, p, `(document.activeElement && document.activeElement.blur(), getSelection().removeAllRanges(), window.scrollTo(0, 0))`)
		for range 40 {
			if eval[bool](t, p, `document.activeElement === document.getElementById("article")`) {
				break
			}
			key(t, p, kb.Tab)
		}
		target := fmt.Sprintf(`document.activeElement && document.activeElement.matches(%s)`, js(fmt.Sprintf(`#article span.hl[data-first=%q]`, actor)))
		found := false
		for range 20 {
			key(t, p, "]")
			if eval[bool](t, p, target) {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("Tab to the article and 20 presses of ] never focused the highlight of %s", actor)
		}
		key(t, p, kb.Backspace)
		waitFor(t, p, "the deletion by Backspace", fmt.Sprintf(`!spanmark.list().some((a) => a.id === %q)`, actor))
		key(t, p, "z", chromedp.ModifierCtrl)
		waitFor(t, p, "the undone deletion", fmt.Sprintf(`spanmark.list().some((a) => a.id === %q)`, actor))
		check("after undoing the deletion", base)
	})

	t.Run("delete_key", func(t *testing.T) {
		focus(actor)
		do(t, p, "focus the highlight", chromedp.Focus(chromedp.CSS(fmt.Sprintf(`#article span.hl[data-first=%q]`, actor))))
		key(t, p, kb.Delete)
		waitFor(t, p, "the deletion", fmt.Sprintf(`!spanmark.list().some((a) => a.id === %q)`, actor))
		key(t, p, "z", chromedp.ModifierCtrl)
		waitFor(t, p, "the undone deletion", fmt.Sprintf(`spanmark.list().some((a) => a.id === %q)`, actor))
		check("after undoing the deletion", base)
		clickSelector(t, p, "#redo")
		waitFor(t, p, "the redone deletion", fmt.Sprintf(`!spanmark.list().some((a) => a.id === %q)`, actor))
	})
	p.CheckProblems(t)
}

// TestMultiscriptOffsets annotates an article of flags, ZWJ sequences, CJK,
// combining marks and right-to-left text, through the API, a mouse drag and
// a selection, and checks that every exported text[start:end] is the quote,
// in Go and in Python.
func TestMultiscriptOffsets(t *testing.T) {
	b, err := os.ReadFile("../testdata/articles/multiscript.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := []rune(annotations.Normalize(string(b)))
	p := openApp(t)
	eval[string](t, p, fmt.Sprintf(`spanmark.load({text: %s, title: "multiscript", source: "multiscript.txt"})`, js(string(text))))
	waitFor(t, p, "the article", `document.querySelectorAll("#article p[data-start]").length === 7`)

	var wantAnns []annotations.Annotation
	// Through the API, with snapping off: the exact spans.
	for _, q := range []struct{ quote, label string }{
		{"🇯🇵 Japan", "actor"},
		{"👨‍👩‍👧‍👦", "actor"},
		{"👩🏽‍🔬", "actor"},
		{"🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland", "actor"},
		{"東京の外務省", "actor"},
		{"「対話を続ける」", "claim"},
		{"cafe\u0301", "actor"},
		{"Hà Nội", "actor"},
		{"दिल्ली", "actor"},
		{"وزير الخارجية", "actor"},
		{"\"השיחות יימשכו\"", "claim"},
		{"𝔉𝔯𝔞𝔨𝔱𝔲𝔯", "proposal"},
	} {
		s, e := find(t, text, q.quote, 0)
		eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: %q, snap: false})`, s, e, q.label))
		wantAnns = append(wantAnns, want(text, q.label, s, e))
	}
	// A mouse drag over a flag and a word, labelled with key 1.
	s, e := find(t, text, "🇺🇦 Ukraine", 0)
	drag(t, p, s, e)
	key(t, p, "1")
	waitFor(t, p, "the dragged annotation", fmt.Sprintf(`spanmark.list().length === %d`, len(wantAnns)+1))
	wantAnns = append(wantAnns, want(text, "actor", s, e))
	// Selections set on the DOM (right-to-left and Korean text, where a
	// drag's direction on screen is not the text's), labelled with keys.
	for _, q := range []struct{ quote, key, label string }{
		{"الحوار مستمر", "2", "claim"},
		{"한국 외교부도", "1", "actor"},
		{"São Paulo", "1", "actor"},
	} {
		s, e := find(t, text, q.quote, 0)
		eval[any](t, p, fmt.Sprintf(`__t.select(%d, %d)`, s, e))
		key(t, p, q.key)
		waitFor(t, p, "the annotation of "+q.quote, fmt.Sprintf(`spanmark.list().length === %d`, len(wantAnns)+1))
		wantAnns = append(wantAnns, want(text, q.label, s, e))
	}

	f := exportFile(t, p)
	if diff := cmp.Diff(sortAnns(wantAnns), f.Annotations, ignoreIDs); diff != "" {
		t.Errorf("exported annotations mismatch (-want +got):\n%s", diff)
	}
	doc := []rune(f.Document.Text)
	for _, a := range f.Annotations {
		if a.Start < 0 || a.End > len(doc) || a.Start >= a.End {
			t.Errorf("%s: [%d,%d) is not a span of the %d code point text", a.ID, a.Start, a.End, len(doc))
			continue
		}
		if got := string(doc[a.Start:a.End]); got != a.Quote {
			t.Errorf("%s: text[%d:%d] = %q, want the quote %q", a.ID, a.Start, a.End, got, a.Quote)
		}
	}
	for _, a := range f.Annotations {
		checkRendered(t, p, a)
	}

	t.Run("python", func(t *testing.T) {
		py, err := exec.LookPath("python3")
		if err != nil {
			t.Skip("no python3 on PATH")
		}
		// Python's str indexes code points: the unit of our offsets.
		const prog = `import json, sys
f = json.load(sys.stdin)
text = f["document"]["text"]
bad = [a["id"] for a in f["annotations"] if text[a["start"]:a["end"]] != a["quote"]]
print(len(f["annotations"]), " ".join(bad))`
		cmd := exec.Command(py, "-c", prog)
		cmd.Stdin = strings.NewReader(eval[string](t, p, `spanmark.export("spanmark")`))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("python3: %v", err)
		}
		if diff := cmp.Diff(fmt.Sprintf("%d \n", len(wantAnns)), string(out)); diff != "" {
			t.Errorf("python3 count and ids whose text[start:end] != quote (-want +got):\n%s", diff)
		}
	})
	p.CheckProblems(t)
}
