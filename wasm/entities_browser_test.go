//go:build !js

package main

// Browser tests of the entity field, offered only for labels that take
// entities (annotations.Label.TakesEntities).

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestEntityFieldByLabel(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	as, ae := find(t, text, "Donald Trump", 0)
	cs, ce := find(t, text, "the existing sanctions are taking a toll", 0)
	actor := eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, as, ae))
	claim := eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "claim"})`, cs, ce))
	shows := func(id string, want bool, why string) {
		t.Helper()
		eval[any](t, p, fmt.Sprintf(`spanmark.select(%s)`, js(id)))
		waitFor(t, p, "the panel", `__t.visible("#detail")`)
		cond := `__t.visible("#entity-row")`
		if !want {
			cond = "!" + cond
		}
		waitFor(t, p, fmt.Sprintf("the entity field shown: %v (%s)", want, why), cond)
		focusKept(t, p, "selecting")
	}
	shows(actor, true, "an actor takes entities")
	shows(claim, false, "a claim takes none")
	// A relabelled actor keeps its entity: the field shows, to clear it.
	eval[any](t, p, fmt.Sprintf(`spanmark.entity(%s, "Trump")`, js(actor)))
	eval[any](t, p, fmt.Sprintf(`spanmark.relabel(%s, "proposal")`, js(actor)))
	shows(actor, true, "a proposal with an entity from before")
	eval[any](t, p, fmt.Sprintf(`spanmark.relabel(%s, "actor")`, js(actor)))

	// A file from before the field: every label takes entities.
	eval[any](t, p, `(() => {
  const f = JSON.parse(spanmark.export());
  for (const l of f.schema.labels) delete l.entities;
  return spanmark.import(f);
})()`)
	waitFor(t, p, "the import", `spanmark.list().length === 2`)
	claim = eval[string](t, p, `spanmark.list().find((a) => a.label === "claim").id`)
	shows(claim, true, "a claim, in a file without the field")
	p.CheckProblems(t)
}

// TestEntitySuggestions checks the entity field's suggestions: the
// distinct entities of the work, made when the field takes focus (not
// after each label), and made again after the entities changed.
func TestEntitySuggestions(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	var ids []string
	for i, q := range []string{"Donald Trump", "Trump", "Russia"} {
		s, e := find(t, text, q, 0)
		if i == 1 {
			s, e = find(t, text, q, 2)
		}
		ids = append(ids, eval[string](t, p, fmt.Sprintf(`spanmark.annotate({start: %d, end: %d, label: "actor"})`, s, e)))
	}
	eval[any](t, p, fmt.Sprintf(`spanmark.entity(%s, "Trump")`, js(ids[0])))
	eval[any](t, p, fmt.Sprintf(`spanmark.entity(%s, "Trump")`, js(ids[1])))
	eval[any](t, p, fmt.Sprintf(`spanmark.entity(%s, "Russian Federation")`, js(ids[2])))
	suggested := func() []string {
		return eval[[]string](t, p, `[...document.querySelectorAll("#entity-list option")].map((o) => o.value)`)
	}
	eval[any](t, p, fmt.Sprintf(`spanmark.select(%s)`, js(ids[2])))
	waitFor(t, p, "the entity field", `__t.visible("#entity-row")`)
	clickSelector(t, p, "#detail-entity")
	if diff := cmp.Diff([]string{"Russian Federation", "Trump"}, suggested(), cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("suggestions on focus (-want +got):\n%s", diff)
	}
	// The last actor with an entity loses it: it is no longer suggested
	// when the field takes focus again.
	eval[any](t, p, `document.getElementById("detail-entity").blur()`)
	eval[any](t, p, fmt.Sprintf(`spanmark.entity(%s, "")`, js(ids[2])))
	eval[any](t, p, fmt.Sprintf(`spanmark.select(%s)`, js(ids[0])))
	waitFor(t, p, "the entity field", `__t.visible("#entity-row") && document.getElementById("detail-entity").value === "Trump"`)
	clickSelector(t, p, "#detail-entity")
	if diff := cmp.Diff([]string{"Trump"}, suggested()); diff != "" {
		t.Errorf("suggestions after an entity was cleared (-want +got):\n%s", diff)
	}
	p.CheckProblems(t)
}
