//go:build !js

package main

// Browser test of the label editor: the schema of a project edited in
// the page, kept with the project, and a deleted label undone.

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/tools/browser"
)

// setField types value into the editor's field of label (kind "l") or
// relation type ("r") i, as the input event reports it.
func setField(t *testing.T, p *browser.Page, kind string, i int, field, value string) {
	t.Helper()
	sel := `#schema-dialog input[data-k="` + kind + `"][data-i="` + string(rune('0'+i)) + `"][data-f="` + field + `"]`
	eval[any](t, p, `(() => { const e = document.querySelector(`+js(sel)+`); e.value = `+js(value)+
		`; e.dispatchEvent(new Event("input", {bubbles: true})); })()`)
}

type schemaLabel struct{ ID, Name, Key, Color string }

func schemaLabels(t *testing.T, p *browser.Page) []schemaLabel {
	t.Helper()
	return eval[[]schemaLabel](t, p, `spanmark.schema().labels`)
}

// TestProjectSchemaEdit renames, recolours and adds labels in the
// editor, deletes a label in use and undoes that, and checks that the
// project's other documents and a reload keep the edited schema.
func TestProjectSchemaEdit(t *testing.T) {
	p := browser.NewOn(t, projectSite(t))
	installLib(t, p)
	p.Do("open ?project=", chromedp.Navigate(p.URL+"?project=proj/project.json"))
	p.WaitReady()
	waitCurrent(t, p, "alpha")
	eval[string](t, p, `spanmark.annotate({start: 10, end: 15, label: "actor"})`)
	eval[string](t, p, `spanmark.annotate({start: 21, end: 44, label: "claim"})`)
	eval[string](t, p, `spanmark.link({from: "a2", to: "a1", type: "source"})`)

	clickSelector(t, p, "#schema-edit")
	waitFor(t, p, "the editor", `document.getElementById("schema-dialog").open`)
	setField(t, p, "l", 0, "name", `Speaker <img src=x onerror="window.__pwned=1">`)
	setField(t, p, "l", 0, "color", "#8e44ad")
	clickSelector(t, p, `#schema-dialog button[data-act="add"]`)
	setField(t, p, "l", 3, "name", "Place")
	setField(t, p, "l", 3, "key", "4")
	clickSelector(t, p, `#schema-dialog button[data-act="save"]`)
	waitFor(t, p, "the editor to close", `!document.getElementById("schema-dialog").open`)
	want := []schemaLabel{
		{"actor", `Speaker <img src=x onerror="window.__pwned=1">`, "1", "#8e44ad"},
		{"claim", "Claim", "2", "#D55E00"},
		{"proposal", "Proposal", "3", "#009E73"},
		{"label-4", "Place", "4", ""},
	}
	if diff := cmp.Diff(want, schemaLabels(t, p)); diff != "" {
		t.Errorf("schema after rename, recolour and add (-want +got):\n%s", diff)
	}
	if n := len(list(t, p)); n != 2 {
		t.Errorf("after a rename there are %d annotations, want 2", n)
	}
	waitFor(t, p, "the toolbar to list the new names",
		`[...document.querySelectorAll("#toolbar [data-label]")].map(b => b.textContent).join("|").includes("Place4")`)
	if got := eval[string](t, p, `getComputedStyle(document.documentElement).getPropertyValue("--l0").trim()`); got != "#8e44ad" {
		t.Errorf("--l0 after the recolour = %q, want #8e44ad", got)
	}

	// A schema's own colour serves both themes, under the badge text it
	// was checked with: white, where the dark theme's own badges are dark.
	badges := func() []string {
		return eval[[]string](t, p, `["actor", "claim"].map(id => getComputedStyle(document.querySelector("#detail-labels [data-label=" + id + "] .badge") ?? document.querySelector("#toolbar [data-label=" + id + "] .badge")).color)`)
	}
	if diff := cmp.Diff([]string{"rgb(255, 255, 255)", "rgb(255, 255, 255)"}, badges()); diff != "" {
		t.Errorf("badge text, light theme (-want +got):\n%s", diff)
	}
	if _, err := chromedp.Call(p.Context(), emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"rgb(255, 255, 255)", "rgb(22, 24, 28)"}, badges()); diff != "" {
		t.Errorf("badge text, dark theme: the recoloured label's, then a default one's (-want +got):\n%s", diff)
	}

	// A colour too pale for the badge's text, or too dark for the dark
	// theme's page, is refused with the model's words.
	clickSelector(t, p, "#schema-edit")
	setField(t, p, "l", 1, "color", "#ffee88")
	clickSelector(t, p, `#schema-dialog button[data-act="save"]`)
	waitFor(t, p, "the error", `document.getElementById("schema-error").textContent.includes("labels[1].color")`)
	setField(t, p, "l", 1, "color", "#5a2d82")
	clickSelector(t, p, `#schema-dialog button[data-act="save"]`)
	waitFor(t, p, "the dark theme's error", `document.getElementById("schema-error").textContent.includes("dark theme's page")`)

	// Deleting the claim label deletes its annotation and the link.
	clickSelector(t, p, `#schema-dialog button[data-act="cancel"]`)
	clickSelector(t, p, "#schema-edit")
	clickSelector(t, p, `#schema-dialog button[data-act="del"][data-i="1"]`)
	waitFor(t, p, "the count of what goes", `document.getElementById("schema-note").textContent.includes("1 annotation")`)
	clickSelector(t, p, `#schema-dialog button[data-act="save"]`)
	waitFor(t, p, "the status", `__t.status().includes("1 annotation")`)
	if n, r := len(list(t, p)), len(relations(t, p)); n != 1 || r != 0 {
		t.Errorf("after deleting the claim label: %d annotations and %d relations, want 1 and 0", n, r)
	}
	clickSelector(t, p, "#undo")
	waitFor(t, p, "the undo", `spanmark.list().length === 2 && spanmark.relations().length === 1`)
	if got := eval[[]string](t, p, `spanmark.schema().labels.map(l => l.id)`); !cmp.Equal(got, []string{"actor", "claim", "proposal", "label-4"}) {
		t.Errorf("labels after undo = %v, want the claim label back", got)
	}

	r := try(t, p, `spanmark.setSchema({labels: [{id: "a", name: "A", key: "1"}, {id: "b", name: "B", key: "1"}], relations: []})`)
	if r.OK || !strings.Contains(r.Err, "labels[1].key") {
		t.Errorf("setSchema(two labels on one key) = ok %v, error %q; want an error naming labels[1].key", r.OK, r.Err)
	}

	// The project's other documents, and a visit later, have the edited schema.
	key(t, p, "n")
	waitCurrent(t, p, "beta")
	if diff := cmp.Diff(want, schemaLabels(t, p)); diff != "" {
		t.Errorf("schema of the next document (-want +got):\n%s", diff)
	}
	eval[any](t, p, `spanmark.flush()`)
	p.Do("reload", chromedp.Navigate(p.URL))
	p.WaitReady()
	waitCurrent(t, p, "beta")
	if diff := cmp.Diff(want, schemaLabels(t, p)); diff != "" {
		t.Errorf("schema after a reload (-want +got):\n%s", diff)
	}
	checkInert(t, p, "schema")
	p.CheckProblems(t)
}
