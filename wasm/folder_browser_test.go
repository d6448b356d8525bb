//go:build !js

package main

// Browser test of opening a folder as a project: the files are set on
// the folder input as a person's choice would set them, and are read
// from the folder, not fetched.

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/tools/browser"
)

// TestProjectFolder chooses a folder without a project.json: its
// articles become the project's documents, in path order, with hidden
// files and other kinds left out.
func TestProjectFolder(t *testing.T) {
	dir := writeFolder(t, "council notes", map[string]string{
		"b story.txt":      "B story\nThe mayor spoke.\n",
		"a.md":             "A\nThe council met.\n",
		"sub/c.html":       "<html><body><h1>C</h1><p>The minister <b>denied</b> it.</p><script>window.__pwned=1</script></body></html>",
		".hidden.txt":      "hidden",
		"data.csv":         "x,y",
		"sub/.git/HEAD.md": "not an article",
	})
	p := browser.NewTab(t)
	installLib(t, p)
	p.Do("open the page", chromedp.Navigate(p.URL))
	p.WaitReady()
	p.Do("choose the folder", chromedp.SetUploadFiles(chromedp.ID("folder-input"), []string{dir}))
	waitCurrent(t, p, "a")
	v := viewProject(t, p)
	type doc struct{ ID, Title string }
	var got []doc
	for _, d := range v.Documents {
		got = append(got, doc{d.ID, d.Title})
	}
	want := []doc{{"a", "a"}, {"b-story", "b story"}, {"c", "c"}}
	if v.Title != "council notes" || !cmp.Equal(want, got) {
		t.Errorf("the folder's project: title %q, documents %v; want council notes with %v", v.Title, got, want)
	}
	if d := openDoc(t, p); d.Source != "a.md" {
		t.Errorf("the first document comes from %q, want a.md", d.Source)
	}
	eval[string](t, p, `spanmark.annotate({start: 2, end: 13, label: "actor"})`)
	key(t, p, "n")
	waitCurrent(t, p, "b-story")
	key(t, p, "n")
	waitCurrent(t, p, "c")
	if d := openDoc(t, p); d.Source != "sub/c.html" {
		t.Errorf("the third document comes from %q, want sub/c.html", d.Source)
	}
	key(t, p, "p")
	waitCurrent(t, p, "b-story")
	key(t, p, "p")
	waitCurrent(t, p, "a")
	if n := len(list(t, p)); n != 1 {
		t.Errorf("back at the first document there are %d annotations, want the 1 made there", n)
	}
	checkInert(t, p, "folder")

	// A folder with a project.json is that project, its guidelines read
	// from the folder too.
	withProject := writeFolder(t, "with project", map[string]string{
		"project.json": `{"spanmark-project": 1, "title": "Mine", "guidelines": "rules.txt",
  "documents": [{"id": "x", "path": "texts/x.txt"}]}`,
		"rules.txt":   "Mark every actor.",
		"texts/x.txt": "X\nThe mayor spoke.\n",
	})
	p.Do("choose the folder with a project", chromedp.SetUploadFiles(chromedp.ID("folder-input"), []string{withProject}))
	waitCurrent(t, p, "x")
	if g := eval[string](t, p, `document.getElementById("guide-text").textContent`); g != "Mark every actor." {
		t.Errorf("the guidelines of the folder's project read %q, want rules.txt's text", g)
	}

	// A folder dropped on the page opens the same way.
	dropped := writeFolder(t, "dropped", map[string]string{"one.txt": "One\nThe mayor spoke.\n", "two.md": "Two\nThe council met.\n"})
	drag := &input.DragData{Files: []string{dropped}, DragOperationsMask: 1}
	for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
		if _, err := chromedp.Call(p.Context(), input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: 300, Y: 300, Data: drag}); err != nil {
			t.Fatalf("drag the folder (%s): %v", typ, err)
		}
	}
	waitCurrent(t, p, "one")
	if v := viewProject(t, p); v.Title != "dropped" || len(v.Documents) != 2 {
		t.Errorf("the dropped folder's project: %+v, want dropped with two documents", v)
	}
	p.CheckProblems(t)
}

// writeFolder writes files (by slash paths) into a new folder name and
// returns its path.
func writeFolder(t *testing.T, name string, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	for rel, body := range files {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestProjectFolderChanged works on a folder's article, then opens a
// folder of the same name whose article was edited, and one whose article
// is another: the page shows each folder's own text, never the text the
// work was saved on, with the work placed on it (moved with its words, or
// kept aside when they are gone) and says so. Opened untouched, the
// record is not rewritten: the first folder opens as it was left.
func TestProjectFolderChanged(t *testing.T) {
	const first = "A\nThe mayor spoke to the council.\n"
	const edited = "A\nYesterday, the mayor spoke to the council.\n"
	const other = "A\nThe weather was fine all week.\n"
	p := browser.NewTab(t)
	installLib(t, p)
	p.Do("open the page", chromedp.Navigate(p.URL))
	p.WaitReady()
	choose := func(text, what string) {
		t.Helper()
		dir := writeFolder(t, "notes", map[string]string{"a.txt": text})
		eval[any](t, p, `document.getElementById("status").textContent = ""`)
		p.Do("choose "+what, chromedp.SetUploadFiles(chromedp.ID("folder-input"), []string{dir}))
		waitCurrent(t, p, "a")
		waitFor(t, p, what+" shown", `JSON.parse(spanmark.export("spanmark")).document.text === `+js(text))
	}
	choose(first, "the folder")
	eval[string](t, p, `spanmark.annotate({start: 6, end: 11, label: "actor"})`) // "mayor"
	eval[any](t, p, `spanmark.flush()`)

	choose(edited, "the folder of the same name with the article edited")
	waitFor(t, p, "the message", `__t.status().includes("a.txt differs from the text its work was saved on")`)
	f := exportFile(t, p)
	if len(f.Annotations) != 1 || f.Annotations[0].Quote != "mayor" || len(f.Orphans) != 0 {
		t.Errorf("on the edited article: annotations %+v, orphans %d; want the one on \"mayor\", moved with it", f.Annotations, len(f.Orphans))
	}

	choose(other, "the folder of the same name with another article")
	waitFor(t, p, "the message", `__t.status().includes("could not be placed")`)
	if f := exportFile(t, p); len(f.Annotations) != 0 || len(f.Orphans) != 1 {
		t.Errorf("on the other article: %d annotations and %d orphans; want its work kept aside: 0 and 1", len(f.Annotations), len(f.Orphans))
	}

	choose(first, "the first folder again")
	if f := exportFile(t, p); len(f.Annotations) != 1 || f.Annotations[0].Start != 6 || len(f.Orphans) != 0 {
		t.Errorf("back on the first folder: annotations %+v, orphans %d; want the one made, where it was made", f.Annotations, len(f.Orphans))
	}
	p.CheckProblems(t)
}
