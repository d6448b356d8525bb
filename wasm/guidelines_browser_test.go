//go:build !js

package main

// Browser test of the guidelines panel: a project's guidelines, from its
// file or inline, and its labels' descriptions show as text, whatever
// they hold.

import (
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/tools/browser"
)

const hostileGuide = "# Rules <script>window.__pwned=1</script>\n\nMark <img src=x onerror=\"window.__pwned=2\"> every **actor**.\n<iframe src=\"javascript:window.__pwned=3\"></iframe>"

// guideSite is projectSite with two more projects under /guide/: one
// whose guidelines are a file beside it, one with them inline and a
// label whose description is markup.
func guideSite(t *testing.T) http.Handler {
	t.Helper()
	files := map[string]string{
		"/guide/file.json": `{"spanmark-project": 1, "title": "G", "guidelines": "rules/guide.md",
  "documents": [{"id": "d1", "path": "d1.txt"}]}`,
		"/guide/inline.json": `{"spanmark-project": 1, "title": "G", "guidelines": ` + js(hostileGuide) + `,
  "schema": {"labels": [{"id": "actor", "name": "Actor <b>x</b>", "key": "1", "description": "<img src=x onerror=\"window.__pwned=4\">who"}], "relations": []},
  "documents": [{"id": "d1", "path": "d1.txt"}]}`,
		"/guide/rules/guide.md": hostileGuide,
		"/guide/d1.txt":         "One\nThe mayor spoke.\n",
	}
	mux := http.NewServeMux()
	mux.Handle("/", projectSite(t))
	mux.HandleFunc("/guide/", func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	})
	return mux
}

// TestProjectGuidelines opens a project whose guidelines are a file and
// one whose guidelines and label description are inline markup.
func TestProjectGuidelines(t *testing.T) {
	p := browser.NewOn(t, guideSite(t))
	installLib(t, p)
	type guide struct {
		Text, Labels string
		Elements     int
	}
	read := `({text: document.getElementById("guide-text").textContent,
  labels: document.getElementById("guide-labels").textContent,
  elements: document.querySelectorAll("#guide-text *, #guide-labels dt *, #guide-labels dd *").length})`

	p.Do("open the project with a guidelines file", chromedp.Navigate(p.URL+"?project=guide/file.json"))
	p.WaitReady()
	waitCurrent(t, p, "d1")
	g := eval[guide](t, p, read)
	if g.Text != hostileGuide || g.Elements != 0 {
		t.Errorf("guidelines from a file: text %q with %d elements; want the file's text and no elements", g.Text, g.Elements)
	}
	if want := "ActorA person, group, organisation or state that speaks or acts"; len(g.Labels) < len(want) || g.Labels[:len(want)] != want {
		t.Errorf("the labels under the guidelines read %q, want them to start %q", g.Labels, want)
	}
	checkInert(t, p, "guidelines file")

	v := eval[projectView](t, p, `spanmark.openProject("guide/inline.json")`)
	if v.Current != "d1" {
		t.Fatalf("openProject(guide/inline.json) shows %q, want d1", v.Current)
	}
	g = eval[guide](t, p, read)
	if want := "Actor <b>x</b>" + `<img src=x onerror="window.__pwned=4">who`; g.Text != hostileGuide || g.Labels != want || g.Elements != 0 {
		t.Errorf("inline guidelines: %+v; want the text %q, labels %q and no elements", g, hostileGuide, want)
	}
	checkInert(t, p, "inline guidelines")
	p.CheckProblems(t)
}
