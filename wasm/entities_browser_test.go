//go:build !js

package main

// Browser tests of the entity field, offered only for labels that take
// entities (annotations.Label.TakesEntities).

import (
	"fmt"
	"testing"
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
