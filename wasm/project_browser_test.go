//go:build !js

package main

// Browser tests of projects: a project.json on the site names documents,
// which open by ?project=, move by keys, keep a status each, come back
// after a reload and export as one corpus.

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/project"
	"github.com/spanmark/spanmark/tools/browser"
)

// hostileTitle must show as text wherever a title goes.
const hostileTitle = `<img src=x onerror="window.__pwned=1">Beta`

// projectSite serves the built site with a project under /proj/: three
// documents (text, HTML, and a Spanmark file with one annotation) and a
// fourth whose file is missing.
func projectSite(t *testing.T) http.Handler {
	t.Helper()
	set := annotations.NewSet(annotations.NewDocument("Gamma\nThe council met on Monday.", "Gamma", ""), annotations.DefaultSchema())
	if _, err := set.Apply(annotations.Add{Label: "actor", Start: 10, End: 17}, time.Unix(1e9, 0)); err != nil {
		t.Fatal(err)
	}
	gamma, err := codec.Encode(annotations.NewFile(set, "", time.Unix(1e9, 0)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"/proj/project.json": `{
  "spanmark-project": 1,
  "title": ` + js("Council <b>watch</b>") + `,
  "documents": [
    {"id": "alpha", "title": "Alpha", "path": "alpha.txt"},
    {"id": "beta", "title": ` + js(hostileTitle) + `, "path": "texts/beta.html"},
    {"id": "gamma", "title": "Gamma", "path": "gamma.json"},
    {"id": "gone", "title": "Gone", "path": "gone.txt"}
  ]
}`,
		"/proj/alpha.txt":       "Alpha\nThe mayor said the budget was balanced.\n",
		"/proj/texts/beta.html": "<html><body><h1>Beta</h1><p>The minister <b>denied</b> it.</p><script>window.__pwned=1</script></body></html>",
		"/proj/gamma.json":      string(gamma),
		"/proj/lost.json":       `{"spanmark-project": 1, "title": "Lost", "documents": [{"id": "gone", "path": "gone.txt"}]}`,
		"/proj/bad.json":        "{\n  \"spanmark-project\": 1,\n  \"title\": \"Bad\",\n  \"documents\": [{\"id\": \"a\", \"path\": \"../outside.txt\"}]\n}\n",
	}
	mux := http.NewServeMux()
	mux.Handle("/", browser.Handler(browser.Site(t).FS()))
	mux.HandleFunc("/proj/", func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	})
	return mux
}

// projectView is the project as spanmark.project() reports it.
type projectView struct {
	Title     string
	Current   string
	Documents []struct {
		ID, Title, Status, Missing string
		Count                      int
	}
}

func viewProject(t *testing.T, p *browser.Page) projectView {
	t.Helper()
	return eval[projectView](t, p, `spanmark.project()`)
}

// statuses sums up a project view as "id:status:count" per document.
func (v projectView) statuses() []string {
	var out []string
	for _, d := range v.Documents {
		s := d.ID + ":" + d.Status + ":" + string(rune('0'+d.Count))
		if d.Missing != "" {
			s += ":missing"
		}
		out = append(out, s)
	}
	return out
}

func waitCurrent(t *testing.T, p *browser.Page, id string) {
	t.Helper()
	waitFor(t, p, "document "+id+" to open", `spanmark.project() && spanmark.project().current === `+js(id)+
		` && document.querySelector("#project-docs [aria-current]")?.dataset.doc === `+js(id))
}

// TestProjectWalk opens a project by ?project=, labels the first
// document, moves through the others by key, marks one done, meets the
// missing one, reloads, and exports the corpus.
func TestProjectWalk(t *testing.T) {
	mux := projectSite(t)
	p := browser.NewOn(t, mux)
	installLib(t, p)
	p.Do("open ?project=", chromedp.Navigate(p.URL+"?project=proj/project.json"))
	p.WaitReady()
	waitCurrent(t, p, "alpha")
	if got := openDoc(t, p); got.Title != "Alpha" || got.Source != "alpha.txt" {
		t.Errorf("first document: got %q from %q, want Alpha from alpha.txt", got.Title, got.Source)
	}

	eval[string](t, p, `spanmark.annotate({start: 10, end: 15, label: "actor"})`)
	key(t, p, "n")
	waitCurrent(t, p, "beta")
	if got := openDoc(t, p); got.Title != hostileTitle || strings.Contains(got.Text, "pwned") {
		t.Errorf("the HTML document: title %q, text %q; want the title as given and no script text", got.Title, got.Text)
	}
	key(t, p, "n")
	waitCurrent(t, p, "gamma")
	key(t, p, "d")
	waitFor(t, p, "gamma marked done", `spanmark.project().documents[2].status === "done"`)
	key(t, p, "n")
	waitFor(t, p, "gone shown missing", `spanmark.project().documents[3].missing !== undefined && document.querySelector("[data-missing]") !== null`)
	if s := statusText(t, p); !strings.Contains(s, "gone.txt") || !strings.Contains(s, "404") {
		t.Errorf("#status after the missing document = %q, want it to name gone.txt and the 404", s)
	}
	for _, msg := range p.TakeProblems() {
		if !strings.Contains(msg, "gone.txt") { // its 404 is expected
			t.Errorf("browser: %s", msg)
		}
	}
	wantStatuses := []string{"alpha:progress:1", "beta:new:0", "gamma:done:1", "gone:new:0:missing"}
	if diff := cmp.Diff(wantStatuses, viewProject(t, p).statuses()); diff != "" {
		t.Errorf("statuses before the reload (-want +got):\n%s", diff)
	}
	checkInert(t, p, "project")
	if got := eval[string](t, p, `document.getElementById("project-docs").textContent`); !strings.Contains(got, hostileTitle) {
		t.Errorf("the documents panel reads %q, want the hostile title as text", got)
	}

	eval[any](t, p, `spanmark.flush()`)
	p.Do("open the page without ?project=", chromedp.Navigate(p.URL))
	p.WaitReady()
	waitCurrent(t, p, "gamma")
	wantStatuses[3] = "gone:new:0" // missing is found out again when opened
	if diff := cmp.Diff(wantStatuses, viewProject(t, p).statuses()); diff != "" {
		t.Errorf("statuses after the reload (-want +got):\n%s", diff)
	}

	eval[any](t, p, `(document.getElementById("annotator").value = "Ada", document.getElementById("annotator").dispatchEvent(new Event("change")))`)
	jsonl := eval[string](t, p, `spanmark.exportProject("jsonl")`)
	if n := strings.Count(jsonl, "\n"); n != 2 {
		t.Errorf("exportProject(\"jsonl\") has %d lines, want 2 (alpha's and gamma's annotations):\n%s", n, jsonl)
	}
	checkCorpus(t, p)
	checkProjectW3C(t, p)
	p.CheckProblems(t)
}

// checkProjectW3C exports the project as one W3C collection and checks,
// for each annotation, its quote, label, creator and target source, and
// the documents listed, against what the project's work is.
func checkProjectW3C(t *testing.T, p *browser.Page) {
	t.Helper()
	data := eval[string](t, p, `spanmark.exportProject("w3c")`)
	var c struct {
		ID, Type  string
		Total     int
		Documents []struct{ ID, Title, Source string } `json:"spanmark:documents"`
		First     struct {
			Items []struct {
				Creator struct{ Name string }
				Body    []struct{ Purpose, Value string }
				Target  struct {
					Source   string
					Selector []struct{ Type, Exact string }
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		t.Fatalf("exportProject(\"w3c\"): %v\n%s", err, short(data))
	}
	type item struct{ Source, Quote, Label, Creator string }
	var got []item
	for _, it := range c.First.Items {
		x := item{Source: it.Target.Source, Creator: it.Creator.Name}
		for _, s := range it.Target.Selector {
			if s.Type == "TextQuoteSelector" {
				x.Quote = s.Exact
			}
		}
		for _, b := range it.Body {
			if b.Purpose == "tagging" {
				x.Label = b.Value
			}
		}
		got = append(got, x)
	}
	var docs []string
	urn := map[string]string{} // document path to its IRI
	for _, d := range c.Documents {
		docs = append(docs, d.Title+" "+d.Source)
		urn[d.Source] = "urn:" + d.ID
	}
	if diff := cmp.Diff([]string{"Alpha alpha.txt", "Gamma gamma.json"}, docs); diff != "" {
		t.Errorf("the W3C collection's documents (-want +got):\n%s", diff)
	}
	want := []item{
		{Source: urn["alpha.txt"], Quote: "mayor", Label: "actor", Creator: "Ada"},
		{Source: urn["gamma.json"], Quote: "council", Label: "actor", Creator: "Ada"},
	}
	if diff := cmp.Diff(want, got); diff != "" || !strings.HasPrefix(want[0].Source, "urn:sha256:") || want[0].Source == want[1].Source {
		t.Errorf("the W3C collection's annotations (-want +got):\n%s\nsources %q", diff, urn)
	}
	if c.Type != "AnnotationCollection" || c.Total != 2 || c.ID != p.URL+"proj/project.json" {
		t.Errorf("the W3C collection is a %q of %d named %q, want an AnnotationCollection of 2 named %q", c.Type, c.Total, c.ID, p.URL+"proj/project.json")
	}
}

// checkCorpus exports the project's corpus, decodes it with the package
// that defines it and checks the parts that matter: the annotator, each
// document's status and the quotes of its work. It then imports a broken
// copy, which must change nothing, and the corpus itself.
func checkCorpus(t *testing.T, p *browser.Page) {
	t.Helper()
	data := eval[string](t, p, `spanmark.exportProject("corpus")`)
	c, err := project.DecodeCorpus([]byte(data))
	if err != nil {
		t.Fatalf("decode the exported corpus: %v\n%s", err, short(data))
	}
	type doc struct {
		ID, Status, Annotator string
		Quotes                []string
	}
	var got []doc
	for i, d := range c.Header.Documents {
		x := doc{ID: d.ID, Status: string(d.Status)}
		if f := c.Files[i]; f != nil {
			x.Annotator = f.Annotator
			for _, a := range f.Annotations {
				x.Quotes = append(x.Quotes, a.Quote)
			}
		}
		got = append(got, x)
	}
	want := []doc{
		{ID: "alpha", Status: "progress", Annotator: "Ada", Quotes: []string{"mayor"}},
		{ID: "beta", Status: "new"},
		{ID: "gamma", Status: "done", Annotator: "Ada", Quotes: []string{"council"}},
		{ID: "gone", Status: "new"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the exported corpus (-want +got):\n%s", diff)
	}
	if c.Header.Annotator != "Ada" || c.Header.Title != "Council <b>watch</b>" {
		t.Errorf("corpus header: annotator %q, title %q; want Ada and the project's title", c.Header.Annotator, c.Header.Title)
	}

	before := viewProject(t, p)
	broken := strings.Replace(data, `"council"`, `"council`, 1)
	if r := try(t, p, `spanmark.importProject(`+js(broken)+`)`); r.OK || !strings.Contains(r.Err, "line 3") {
		t.Errorf("importProject(a corpus broken on line 3) = ok %v, error %q; want an error naming line 3", r.OK, r.Err)
	}
	if diff := cmp.Diff(before, viewProject(t, p)); diff != "" {
		t.Errorf("a refused import changed the project (-before +after):\n%s", diff)
	}
	type report struct{ Documents, Annotations, Moved, Orphaned int }
	if r := eval[report](t, p, `spanmark.importProject(`+js(data)+`)`); r != (report{Documents: 2, Annotations: 2}) {
		t.Errorf("importProject(the corpus) = %+v, want 2 documents with 2 annotations", r)
	}
	if diff := cmp.Diff(before.statuses(), viewProject(t, p).statuses()); diff != "" {
		t.Errorf("importing the project's own corpus changed it (-before +after):\n%s", diff)
	}
	// The import wrote stored documents again, each a revision later:
	// their summaries say so too.
	checkAgree(t, p, "after importing the corpus")
}

// TestProjectBadFile opens a project.json whose document leaves the
// project's folder: #status names the file, line and field, and the
// sample opens instead.
func TestProjectBadFile(t *testing.T) {
	p := browser.NewOn(t, projectSite(t))
	installLib(t, p)
	p.Do("open ?project=", chromedp.Navigate(p.URL+"?project=proj/bad.json"))
	p.WaitReady()
	waitFor(t, p, "the error", `__t.status().includes("proj/bad.json")`)
	if s := statusText(t, p); !strings.Contains(s, "line 4") || !strings.Contains(s, "documents[0].path") {
		t.Errorf("#status = %q, want it to name line 4 and documents[0].path", s)
	}
	if got := openDoc(t, p); got.Source != "sample" {
		t.Errorf("after a bad project the open document comes from %q, want the sample", got.Source)
	}
	if v := eval[any](t, p, `spanmark.project()`); v != nil {
		t.Errorf("spanmark.project() after a bad project = %v, want null", v)
	}

	// A project whose only document is missing opens, and says so.
	v := eval[projectView](t, p, `spanmark.openProject("proj/lost.json")`)
	if v.Title != "Lost" || len(v.Documents) != 1 || !strings.Contains(v.Documents[0].Missing, "404") {
		t.Errorf("openProject(a project with its only document missing) = %+v, want Lost with gone missing (404)", v)
	}
	for _, msg := range p.TakeProblems() {
		if !strings.Contains(msg, "gone.txt") { // its 404 is expected
			t.Errorf("browser: %s", msg)
		}
	}
}

// TestProjectDemo opens the demo project the site ships and walks to its
// last document.
func TestProjectDemo(t *testing.T) {
	p := browser.NewTab(t)
	installLib(t, p)
	p.Do("open the demo project", chromedp.Navigate(p.URL+"?project=demo/project.json"))
	p.WaitReady()
	waitCurrent(t, p, "sample")
	key(t, p, "n")
	waitCurrent(t, p, "river-road")
	key(t, p, "n")
	waitCurrent(t, p, "school-meals")
	if got := openDoc(t, p); got.Source != "articles/school-meals.txt" {
		t.Errorf("the third demo document comes from %q, want articles/school-meals.txt", got.Source)
	}
	p.CheckProblems(t)
}

// TestProjectImportCounts imports work into a project document: the
// panel counts it and the document is in progress at once, without
// leaving it.
func TestProjectImportCounts(t *testing.T) {
	p := browser.NewTab(t)
	installLib(t, p)
	p.Do("open the demo project", chromedp.Navigate(p.URL+"?project=demo/project.json"))
	p.WaitReady()
	waitCurrent(t, p, "sample")
	work, err := os.ReadFile("../testdata/files/sample.spanmark.json")
	if err != nil {
		t.Fatal(err)
	}
	eval[any](t, p, `spanmark.import(`+js(string(work))+`)`)
	waitFor(t, p, "the panel counting the import", `(() => {
  const d = spanmark.project().documents[0];
  return d.count === spanmark.list().length && d.count > 0 && d.status === "progress";
})()`)
	p.CheckProblems(t)
}

// TestProjectRowKeepsFocus clicks a document in the panel, whose row is
// drawn again as it opens, and then labels, which draws it again: the
// keyboard focus stays on the row's button each time, so Tab goes on
// from there.
func TestProjectRowKeepsFocus(t *testing.T) {
	p := browser.NewTab(t)
	installLib(t, p)
	p.Do("open the demo project", chromedp.Navigate(p.URL+"?project=demo/project.json"))
	p.WaitReady()
	waitCurrent(t, p, "sample")
	id := eval[string](t, p, `spanmark.project().documents[1].id`)
	row := `#project-docs button[data-doc="` + id + `"]`
	focused := `document.activeElement.matches(` + js(row) + `) && document.activeElement.isConnected`
	do(t, p, "click the second document", chromedp.Click(row))
	waitCurrent(t, p, id)
	if !eval[bool](t, p, focused) {
		t.Errorf("after clicking %s and its row being drawn again, the focus is on %s, want the row's button", id,
			eval[string](t, p, `document.activeElement.outerHTML.slice(0, 120)`))
	}
	eval[string](t, p, `spanmark.annotate({start: 0, end: 4, label: "actor"})`)
	waitFor(t, p, "the row counting the label", `document.querySelector(`+js(row)+`).parentElement.textContent.includes("1 annotation")`)
	if !eval[bool](t, p, focused) {
		t.Errorf("after a label redrew the row, the focus is on %s, want the row's button",
			eval[string](t, p, `document.activeElement.outerHTML.slice(0, 120)`))
	}
	p.CheckProblems(t)
}
