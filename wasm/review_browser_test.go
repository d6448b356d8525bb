//go:build !js

package main

// The review of placements: a file imported onto an edited article moves
// its annotations, and the person steps through them, accepting one,
// fixing one by selecting the right words, and setting one aside.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

// reviewFile is a Spanmark file of the sample with three annotations and
// a relation from the claim to the first actor.
func reviewFile(t *testing.T, text []rune) []byte {
	t.Helper()
	doc := annotations.NewDocument(string(text), "", "sample")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	for i, q := range []struct{ quote, label string }{
		{"Steve Witkoff", "actor"}, {"the war appears to be at a standstill", "claim"}, {"Marco Rubio", "actor"},
	} {
		s, e := find(t, text, q.quote, 0)
		a := want(text, q.label, s, e)
		a.ID = fmt.Sprintf("a%d", i+1)
		if err := set.Insert(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := set.InsertRelation(annotations.Relation{ID: "r1", Type: "source", From: "a2", To: "a1"}); err != nil {
		t.Fatal(err)
	}
	b, err := codec.Encode(annotations.NewFile(set, "tester", t0Review))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var t0Review = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

type reviewItem struct {
	ID     string  `json:"id"`
	Method string  `json:"method"`
	Score  float64 `json:"score"`
	From   [2]int  `json:"from"`
	To     [2]int  `json:"to"`
}

// TestReviewPlacements imports a file onto an edited article, opens the
// review from #status, and accepts, fixes and sets aside one placement
// each, by keyboard and by mouse; the export then says so.
func TestReviewPlacements(t *testing.T) {
	p := openApp(t)
	old := sampleRunes(t)
	data := reviewFile(t, old)

	// The edit: a sentence inserted at the top moves everything, a word
	// inserted into the claim makes its placement fuzzy, and markup next
	// to the actors must stay text in the review.
	const hostile = `<img src=x onerror="window.__pwned=1">`
	edited := string(old)
	i := strings.Index(edited, "\n") + 1
	edited = edited[:i] + "Editor's note: this article was updated. " + edited[i:]
	edited = strings.Replace(edited, "at a standstill", "at a near standstill", 1)
	edited = strings.Replace(edited, "(L to R) Steve", "(L to R) "+hostile+" Steve", 1)
	text := []rune(edited)
	eval[any](t, p, `spanmark.load({text: `+js(edited)+`, title: "Edited"})`)

	got := eval[struct{ Moved, Orphaned int }](t, p, `spanmark.import(`+js(string(data))+`)`)
	if got.Moved != 3 || got.Orphaned != 0 {
		t.Fatalf("import moved %d and orphaned %d, want 3 and 0", got.Moved, got.Orphaned)
	}
	items := eval[[]reviewItem](t, p, `spanmark.review()`)
	byID := map[string]reviewItem{}
	for _, it := range items {
		byID[it.ID] = it
	}
	if len(items) != 3 || len(byID) != 3 {
		t.Fatalf("spanmark.review() = %+v, want a1, a2 and a3", items)
	}
	for id, q := range map[string]string{"a1": "Steve Witkoff", "a2": "", "a3": "Marco Rubio"} {
		it := byID[id]
		if q != "" {
			s, e := find(t, old, q, 0)
			ns, ne := find(t, text, q, 0)
			if it.From != [2]int{s, e} || it.To != [2]int{ns, ne} {
				t.Errorf("review item %s: from %v to %v, want from [%d %d] to [%d %d]", id, it.From, it.To, s, e, ns, ne)
			}
		}
		if it.Method == "" || it.Score <= 0 || it.Score > 1 {
			t.Errorf("review item %s: method %q, score %v; want a method and a score in (0, 1]", id, it.Method, it.Score)
		}
	}
	if m := byID["a2"].Method; m != "fuzzy" {
		t.Errorf("the edited claim was placed by %q, want fuzzy", m)
	}

	waitFor(t, p, "the review offered in #status",
		`document.getElementById("status-action").textContent === "Review 3 placements" && !document.getElementById("status-action").hidden`)
	clickSelector(t, p, "#status-action")
	waitFor(t, p, "the review, focused", `!document.getElementById("review").hidden && document.activeElement.id === "review-accept"`)

	// shown returns the quote the review shows from the file.
	shown := func() string {
		return eval[string](t, p, `document.querySelector("#review-was mark").textContent`)
	}
	// goTo steps with the arrow keys until the review shows quote.
	goTo := func(quote string) {
		t.Helper()
		for range 4 {
			if shown() == quote {
				return
			}
			key(t, p, kb.ArrowRight)
		}
		t.Fatalf("the review never showed %q (it shows %q; to review: %v)", quote, shown(), eval[[]reviewItem](t, p, `spanmark.review()`))
	}

	// Accept the claim, by keyboard.
	goTo("the war appears to be at a standstill")
	if now := eval[string](t, p, `document.querySelector("#review-now mark").textContent`); !strings.Contains(now, "near standstill") {
		t.Errorf("the review shows the claim placed on %q, want the edited words", now)
	}
	if pos := eval[string](t, p, `document.getElementById("review-pos").textContent`); !strings.Contains(pos, "fuzzy") || !strings.Contains(pos, "score") {
		t.Errorf("#review-pos = %q, want the method and the score", pos)
	}
	key(t, p, "a")
	waitFor(t, p, "the claim accepted", `spanmark.review().length === 2`)

	// Fix Steve Witkoff: select Mike Waltz instead and confirm.
	goTo("Steve Witkoff")
	if now := eval[string](t, p, `document.getElementById("review-now").textContent`); !strings.Contains(now, `onerror="window.__pwned=1">`) {
		t.Errorf("#review-now = %q, want the markup of the article shown as text", now)
	}
	if n := eval[int](t, p, `document.querySelectorAll("#review img").length`); n != 0 {
		t.Errorf("the review holds %d <img> elements; text became markup", n)
	}
	clickSelector(t, p, "#review-fix")
	waitFor(t, p, "the fix to ask for words", `document.getElementById("review-fix").textContent === "Confirm fix"`)
	ms, me := find(t, text, "Mike Waltz", 0)
	drag(t, p, ms, me)
	clickSelector(t, p, "#review-fix")
	waitFor(t, p, "the fix done", `spanmark.review().length === 1`)

	// Set Marco Rubio aside.
	goTo("Marco Rubio")
	clickSelector(t, p, "#review-orphan")
	waitFor(t, p, "the review done", `spanmark.review().length === 0 && document.getElementById("review").hidden`)

	f := exportFile(t, p)
	var gotSpans []string
	for _, a := range f.Annotations {
		gotSpans = append(gotSpans, fmt.Sprintf("%s %s %q", a.ID, a.Label, a.Quote))
	}
	claim := byID["a2"].To
	wantSpans := []string{
		fmt.Sprintf("a2 claim %q", string(text[claim[0]:claim[1]])),
		`a1 actor "Mike Waltz"`,
	}
	if diff := cmp.Diff(wantSpans, gotSpans); diff != "" {
		t.Errorf("exported annotations (-want +got):\n%s", diff)
	}
	if a1 := annOf(f, "a1"); a1.Start != ms || a1.End != me {
		t.Errorf("a1 at [%d,%d), want the words selected, [%d,%d)", a1.Start, a1.End, ms, me)
	}
	if len(f.Orphans) != 1 || f.Orphans[0].Annotation.ID != "a3" || f.Orphans[0].Annotation.Quote != "Marco Rubio" || f.Orphans[0].Reason == "" {
		t.Errorf("exported orphans = %+v, want a3 quoting Marco Rubio, with a reason", f.Orphans)
	}
	if len(f.Relations) != 1 || f.Relations[0].From != "a2" || f.Relations[0].To != "a1" {
		t.Errorf("exported relations = %+v, want r1 from a2 to a1", f.Relations)
	}

	// Both edits undo.
	eval[bool](t, p, `spanmark.undo()`)
	if f := exportFile(t, p); len(f.Orphans) != 0 || annOf(f, "a3").Quote != "Marco Rubio" {
		t.Errorf("after undo: orphans %+v, want a3 back on the text", f.Orphans)
	}
	eval[bool](t, p, `spanmark.undo()`)
	if a1 := annOf(exportFile(t, p), "a1"); a1.Quote != "Steve Witkoff" {
		t.Errorf("after a second undo a1 quotes %q, want Steve Witkoff", a1.Quote)
	}
	checkInert(t, p, "review")

	// The fix again, by keyboard alone: f, the words selected with
	// Shift+arrows, Enter; Escape then leaves the review.
	eval[any](t, p, `spanmark.import(`+js(string(data))+`)`)
	clickSelector(t, p, "#status-action")
	waitFor(t, p, "the review, focused", `!document.getElementById("review").hidden && document.activeElement.id === "review-accept"`)
	goTo("Steve Witkoff")
	key(t, p, "f")
	waitFor(t, p, "focus in the article to select the words", `document.activeElement.id === "article"`)
	caretTo(t, p, ms, false)
	caretTo(t, p, me, true)
	key(t, p, kb.Enter)
	waitFor(t, p, "the fix done by keyboard", `spanmark.review().length === 2 && document.activeElement.id === "review"`)
	if a1 := annOf(exportFile(t, p), "a1"); a1.Start != ms || a1.End != me {
		t.Errorf("after the keyboard fix a1 is at [%d,%d), want [%d,%d)", a1.Start, a1.End, ms, me)
	}
	key(t, p, kb.Escape)
	waitFor(t, p, "the review closed, focus on the article", `document.getElementById("review").hidden && document.activeElement.id === "article"`)
	if n := len(eval[[]reviewItem](t, p, `spanmark.review()`)); n != 2 {
		t.Errorf("after closing, %d placements to review, want the 2 left", n)
	}
	p.CheckProblems(t)
}

func annOf(f *annotations.File, id string) annotations.Annotation {
	for _, a := range f.Annotations {
		if a.ID == id {
			return a
		}
	}
	return annotations.Annotation{}
}
