//go:build !js

package main

// spanmark.open and spanmark.import do what Open… and Import
// annotations… do with the same file: open restores the file's own
// article with its work, import places the work on the article already
// open. A project file opened alone says which documents it cannot read.

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/tools/browser"
)

// shownWork is the article shown and its annotations.
type shownWork struct {
	Title, Text string
	Spans       []string // "label [start,end) quote"
}

func workShown(t *testing.T, p *browser.Page) shownWork {
	t.Helper()
	f := exportFile(t, p)
	w := shownWork{Title: f.Document.Title, Text: f.Document.Text}
	for _, a := range f.Annotations {
		w.Spans = append(w.Spans, a.Label+" ["+strconv.Itoa(a.Start)+","+strconv.Itoa(a.End)+") "+a.Quote)
	}
	return w
}

// TestOpenAndImportLikeTheUI gives the same Spanmark file, of the sample
// article with a line added at its top, to Open… and spanmark.open, and
// to Import annotations… and spanmark.import, each in a fresh page on the
// sample, and compares what each shows.
func TestOpenAndImportLikeTheUI(t *testing.T) {
	sample := string(sampleRunes(t))
	text := "A preface, added.\n" + sample
	doc := annotations.NewDocument(text, "Edited sample", "edited.txt")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	s, e := find(t, []rune(text), "Steve Witkoff", 0)
	if _, err := set.Apply(annotations.Add{Label: "actor", Start: s, End: e}, time.Unix(1e9, 0)); err != nil {
		t.Fatal(err)
	}
	data, err := codec.Encode(annotations.NewFile(set, "tester", time.Unix(1e9, 0)))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "edited.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ss, se := find(t, []rune(sample), "Steve Witkoff", 0)
	opened := shownWork{Title: "Edited sample", Text: text, Spans: []string{"actor [" + strconv.Itoa(s) + "," + strconv.Itoa(e) + ") Steve Witkoff"}}
	imported := shownWork{Text: sample, Spans: []string{"actor [" + strconv.Itoa(ss) + "," + strconv.Itoa(se) + ") Steve Witkoff"}}

	for _, tc := range []struct {
		name, input, call string
		want              shownWork
	}{
		{"open", "#file-input", "open", opened},
		{"import", "#import-input", "import", imported},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ui := openApp(t)
			before := workShown(t, ui)
			do(t, ui, "choose the file", chromedp.SetUploadFiles(chromedp.CSS(tc.input), []string{path}))
			waitFor(t, ui, "the file's work shown", `spanmark.list().length === 1`)
			gotUI := workShown(t, ui)
			if tc.name == "import" {
				tc.want.Title = before.Title // import keeps the open article's title
			}
			if diff := cmp.Diff(tc.want, gotUI); diff != "" {
				t.Errorf("%s from the page (-want +got):\n%s", tc.input, diff)
			}

			api := openApp(t)
			eval[any](t, api, `spanmark.`+tc.call+`(`+js(string(data))+`)`)
			if diff := cmp.Diff(gotUI, workShown(t, api)); diff != "" {
				t.Errorf("spanmark.%s differs from %s (-page +API):\n%s", tc.call, tc.input, diff)
			}
			ui.CheckProblems(t)
			api.CheckProblems(t)
		})
	}
}

// TestOpenLoneProject opens a project.json on its own, by Open… and by
// spanmark.open: nothing changes, and the message names the documents it
// cannot read and the way that works.
func TestOpenLoneProject(t *testing.T) {
	proj := `{"spanmark-project": 1, "title": "Council", "documents": [
  {"id": "a", "path": "articles/a.txt"}, {"id": "b", "path": "articles/b.txt"},
  {"id": "c", "path": "c.html"}, {"id": "d", "path": "d.md"}, {"id": "e", "path": "e.txt"}]}`
	path := filepath.Join(t.TempDir(), "project.json")
	if err := os.WriteFile(path, []byte(proj), 0o644); err != nil {
		t.Fatal(err)
	}
	const want = "open project: a project file opened on its own comes without its documents, so none of its 5 documents " +
		"(articles/a.txt, …) can be read. Choose the folder that holds it with Open folder… instead."
	p := openApp(t)
	before := workShown(t, p)
	do(t, p, "choose project.json", chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{path}))
	waitFor(t, p, "the message", `__t.status() === `+js(want))
	r := try(t, p, `spanmark.open(`+js(proj)+`)`)
	if r.OK || r.Err != want {
		t.Errorf("spanmark.open(project.json): ok %v, error %q; want the error %q", r.OK, r.Err, want)
	}
	if diff := cmp.Diff(before, workShown(t, p)); diff != "" {
		t.Errorf("opening project.json alone changed the page (-before +after):\n%s", diff)
	}
	if got := eval[bool](t, p, `spanmark.project() === null`); !got {
		t.Errorf("opening project.json alone opened a project")
	}
	p.CheckProblems(t)
}
