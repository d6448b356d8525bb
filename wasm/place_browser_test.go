//go:build !js

package main

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestImportOffline imports a file onto an edited copy of its article with
// the network cut: the worker, which the service worker precached on the
// first visit, places the annotations again, and the page reports them
// moved, with their relation kept.
func TestImportOffline(t *testing.T) {
	p := openApp(t)
	p.WaitServiceWorker()
	p.SetOffline(true)
	p.Reload() // the service worker controls the page from now on

	const added = "A sentence added at the top.\n"
	eval[string](t, p, `spanmark.load({text: `+js(added+string(sampleRunes(t)))+`, title: "edited", source: "edited.txt"})`)
	type report struct{ Moved, Orphaned int }
	got := eval[report](t, p, `spanmark.import(`+js(string(goodFile(t)))+`)`)
	if diff := cmp.Diff(report{Moved: 2}, got); diff != "" {
		t.Errorf("import report mismatch (-want +got):\n%s", diff)
	}
	var quotes []string
	for _, a := range list(t, p) {
		quotes = append(quotes, a.Quote)
	}
	slices.Sort(quotes)
	if diff := cmp.Diff([]string{"Steve Witkoff", "the war appears to be at a standstill"}, quotes); diff != "" {
		t.Errorf("placed annotations (-want +got):\n%s", diff)
	}
	if f := exportFile(t, p); len(f.Relations) != 1 || f.Document.Title != "edited" {
		t.Errorf("after the import: %d relations on %q, want 1 on the edited article", len(f.Relations), f.Document.Title)
	}
	p.CheckProblems(t)
}
