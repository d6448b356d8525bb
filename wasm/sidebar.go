//go:build js && wasm

package main

import (
	"slices"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The sidebar lists the annotations grouped by label with counts,
// filterable by label and text; the actors grouped by entity; each claim
// and proposal with its source and target actors; and the orphans of an
// import. It is rebuilt as HTML strings (escaped by annotations.AppendEscaped)
// a moment after the last change, off the labelling frame, so that
// labelling stays fast with thousands of annotations.

// listDelay is the debounce of the sidebar and overview, in milliseconds:
// long enough to batch a burst of edits, short enough to feel immediate.
const listDelay = 150

// maxListed bounds the items written per group; the filter narrows them.
const maxListed = 300

func (a *app) wireSidebar() {
	refresh := func(js.Value) { a.renderList() }
	dom.On(a.el.filterText, "input", refresh)
	dom.On(a.el.filterLabel, "change", refresh)
	// The lists in closed <details> are rendered when opened (closedList).
	opened := func(js.Value) {
		if a.page.listsStale && a.set != nil {
			a.page.listsStale = false
			a.renderActors()
			a.renderClaims()
		}
	}
	dom.On(a.el.actors.Get("parentElement"), "toggle", opened)
	dom.On(a.el.claims.Get("parentElement"), "toggle", opened)
	dom.On(a.el.sidebar, "click", func(ev js.Value) {
		if it := ev.Get("target").Call("closest", "[data-id]"); !it.IsNull() {
			a.selectAnnotation(it.Call("getAttribute", "data-id").String(), true)
			a.el.panel.Get("classList").Call("remove", classOpen)
		}
	})
	dom.On(a.el.sidebar, "keydown", func(ev js.Value) {
		if k := ev.Get("key").String(); k == "Enter" || k == " " {
			if it := ev.Get("target").Call("closest", "[data-id]"); !it.IsNull() {
				ev.Call("preventDefault")
				ev.Call("stopPropagation")
				a.selectAnnotation(it.Call("getAttribute", "data-id").String(), true)
			}
		}
	})
}

// togglePanel opens or closes the sidebar on a narrow screen.
func (a *app) togglePanel() {
	open := a.el.panel.Get("classList").Call("toggle", classOpen).Bool()
	dom.ByID(idPanelToggle).Call("setAttribute", "aria-expanded", strconv.FormatBool(open))
}

// listMaxWait bounds the debounce, in milliseconds: during a long burst
// of edits the list is still rebuilt this often.
const listMaxWait = 2000

// queueList schedules a rebuild of the sidebar and the overview a moment
// after the last change (longer with a large set, whose rebuild takes a
// while), and at most listMaxWait after the first one not yet shown.
func (a *app) queueList() {
	now := js.Global().Get("performance").Call("now").Float()
	if a.page.listQueued {
		if now-a.page.listSince > listMaxWait {
			return // due soon anyway
		}
		js.Global().Call("clearTimeout", a.page.listTimer)
	} else {
		a.page.listQueued, a.page.listSince = true, now
	}
	delay := listDelay
	if a.set != nil && a.set.Len() >= largeSet {
		delay = 3 * listDelay
	}
	a.page.listTimer = dom.After(delay, func() {
		a.page.listQueued = false
		if a.set == nil || a.set.Len() < largeSet {
			a.renderList()
			a.renderOverview()
			return
		}
		// A large set in steps, each its own task, so that a label or a
		// key press waits for one step at most.
		set := a.set
		steps := []func(){a.renderGroups, a.renderActors,
			func() { a.renderClaims(); a.renderOrphans() }, a.renderOverview}
		var next func()
		next = func() {
			if a.set != set || a.page.listQueued {
				return // another document, or a newer rebuild is on its way
			}
			steps[0]()
			if steps = steps[1:]; len(steps) > 0 {
				dom.After(0, next)
			}
		}
		next()
	})
}

// renderList rebuilds the whole sidebar.
func (a *app) renderList() {
	if a.set == nil {
		return
	}
	a.renderGroups()
	a.renderActors()
	a.renderClaims()
	a.renderOrphans()
}

// renderGroups rebuilds the list grouped by label, with its filter.
func (a *app) renderGroups() {
	s := a.set.Schema()
	query := strings.ToLower(strings.TrimSpace(a.el.filterText.Get("value").String()))
	a.labelsNow()
	only := a.el.filterLabel.Get("value").String()
	match := func(x *annotations.Annotation) bool {
		if only != "" && x.Label != only {
			return false
		}
		return query == "" || strings.Contains(strings.ToLower(x.Quote), query) ||
			strings.Contains(strings.ToLower(x.Note), query) || strings.Contains(strings.ToLower(x.Entity), query)
	}

	// One pass over the annotations, in order, keeping copies of only
	// the items listed.
	type group struct {
		items          []annotations.Annotation // the first maxListed that match
		matched, total int
	}
	groups := make(map[string]*group, len(s.Labels))
	for _, l := range s.Labels {
		groups[l.ID] = &group{}
	}
	for i := range a.set.Len() {
		x := a.set.At(i)
		g := groups[x.Label]
		if g == nil {
			continue
		}
		g.total++
		if match(&x) {
			if g.matched < maxListed {
				g.items = append(g.items, x)
			}
			g.matched++
		}
	}
	byFrom := a.relationsByFrom()
	var b []byte
	for _, l := range s.Labels {
		g := groups[l.ID]
		slot := strconv.Itoa(max(0, a.hl.Slot(l.ID)))
		b = append(b, `<details open class="group"><summary><span class="badge in-l`+slot+`">`...)
		b = annotations.AppendEscaped(b, annotations.Badge(l))
		b = append(b, `</span> `...)
		b = annotations.AppendEscaped(b, l.Name)
		b = append(b, ` <span class="count">`...)
		if g.matched != g.total {
			b = strconv.AppendInt(b, int64(g.matched), 10)
			b = append(b, " of "...)
		}
		b = strconv.AppendInt(b, int64(g.total), 10)
		b = append(b, `</span></summary><ul>`...)
		for i := range g.items {
			b = a.appendItem(b, &g.items[i], a.relText(byFrom[g.items[i].ID]))
		}
		if g.matched > len(g.items) {
			b = append(b, `<li class="more">and `...)
			b = strconv.AppendInt(b, int64(g.matched-len(g.items)), 10)
			b = append(b, ` more: filter to narrow the list</li>`...)
		}
		b = append(b, `</ul></details>`...)
	}
	a.el.list.Set("innerHTML", string(b))
}

// appendItem appends one list item for annotation x, with extra text.
func (a *app) appendItem(b []byte, x *annotations.Annotation, extra string) []byte {
	b = append(b, `<li tabindex="0" data-id="`...)
	b = annotations.AppendEscaped(b, x.ID)
	b = append(b, `" class="item in-l`...)
	b = strconv.AppendInt(b, int64(max(0, a.hl.Slot(x.Label))), 10)
	if x.Conflict != nil {
		b = append(b, ` cf`...)
	}
	b = append(b, `"><q>`...)
	b = annotations.AppendEscaped(b, clip(x.Quote, 90))
	b = append(b, `</q>`...)
	if x.Entity != "" {
		b = append(b, ` <span class="entity">`...)
		b = annotations.AppendEscaped(b, x.Entity)
		b = append(b, `</span>`...)
	}
	if extra != "" {
		b = append(b, ` <span class="rel">`...)
		b = annotations.AppendEscaped(b, extra)
		b = append(b, `</span>`...)
	}
	if x.Note != "" {
		b = append(b, `<span class="note">`...)
		b = annotations.AppendEscaped(b, clip(x.Note, 120))
		b = append(b, `</span>`...)
	}
	return append(b, `</li>`...)
}

// closedList reports whether list is in a closed <details>, and if so
// notes it to be rendered when opened (wireSidebar): with thousands of
// annotations, a list nobody looks at is not worth rebuilding after each
// label.
func (a *app) closedList(list js.Value) bool {
	closed := !list.Get("parentElement").Get("open").Bool()
	a.page.listsStale = a.page.listsStale || closed
	return closed
}

// renderActors groups the annotations that can be a relation's end
// (actors, in the default schema) by entity, or by quote without one.
func (a *app) renderActors() {
	if a.closedList(a.el.actors) {
		return
	}
	ends := map[string]bool{}
	for _, r := range a.set.Schema().Relations {
		for _, t := range r.To {
			ends[t] = true
		}
	}
	groups := map[string][]annotations.Annotation{}
	var names []string
	for i := range a.set.Len() {
		x := a.set.At(i)
		if !ends[x.Label] {
			continue
		}
		name := x.Entity
		if name == "" {
			name = x.Quote
		}
		if _, ok := groups[name]; !ok {
			names = append(names, name)
		}
		groups[name] = append(groups[name], x)
	}
	// Most mentioned first, ties in order of appearance. Sorted through
	// pointers: see lite.SortStableFunc (annotations/internal/lite) for why.
	ps := make([]*string, len(names))
	for i := range names {
		ps[i] = &names[i]
	}
	slices.SortStableFunc(ps, func(p, q *string) int { return len(groups[*q]) - len(groups[*p]) })
	var b []byte
	listed := 0 // items, bounded like the other groups
	for n, p := range ps {
		if n == maxListed || listed >= maxListed {
			break
		}
		g := groups[*p]
		listed += len(g)
		b = append(b, `<li><details><summary>`...)
		b = annotations.AppendEscaped(b, clip(*p, 60))
		b = append(b, ` <span class="count">`...)
		b = strconv.AppendInt(b, int64(len(g)), 10)
		b = append(b, `</span></summary><ul>`...)
		for i := range g {
			b = a.appendItem(b, &g[i], "")
		}
		b = append(b, `</ul></details></li>`...)
	}
	a.el.actors.Set("innerHTML", string(b))
}

// renderClaims lists each annotation that can be a relation's start
// (claims and proposals) with the actors its relations point to.
func (a *app) renderClaims() {
	if a.closedList(a.el.claims) {
		return
	}
	s := a.set.Schema()
	starts := map[string]bool{}
	for _, r := range s.Relations {
		for _, f := range r.From {
			starts[f] = true
		}
	}
	byFrom := a.relationsByFrom()
	var b []byte
	n := 0
	for i := range a.set.Len() {
		x := a.set.At(i)
		if !starts[x.Label] {
			continue
		}
		if n++; n > maxListed {
			break
		}
		e := a.relText(byFrom[x.ID])
		if e == "" {
			e = "no source or target yet"
		}
		b = a.appendItem(b, &x, e)
	}
	a.el.claims.Set("innerHTML", string(b))
}

// relationsByFrom returns the relations of the current work by the id of
// the annotation they start from.
func (a *app) relationsByFrom() map[string][]annotations.Relation {
	m := map[string][]annotations.Relation{}
	for _, r := range a.set.Relations() {
		m[r.From] = append(m[r.From], r)
	}
	return m
}

// relText says where the relations rs point, as "source: Lavrov;
// target: Ukraine": the entity of each end, or its quote.
func (a *app) relText(rs []annotations.Relation) string {
	e := ""
	for i, r := range rs {
		to, _ := a.set.Annotation(r.To)
		name := to.Entity
		if name == "" {
			name = clip(to.Quote, 40)
		}
		rt, _ := a.set.Schema().Relation(r.Type)
		if i > 0 {
			e += "; "
		}
		e += strings.ToLower(rt.Name) + ": " + name
	}
	return e
}

func (a *app) renderOrphans() {
	os := a.set.Orphans()
	a.el.orphans.Get("parentElement").Set("hidden", len(os) == 0)
	var b []byte
	for _, o := range os {
		b = append(b, `<li><q>`...)
		b = annotations.AppendEscaped(b, clip(o.Annotation.Quote, 90))
		b = append(b, `</q> <span class="rel">`...)
		b = annotations.AppendEscaped(b, a.label(o.Annotation.Label).Name+": "+o.Reason)
		b = append(b, `</span></li>`...)
	}
	a.el.orphans.Set("innerHTML", string(b))
}
