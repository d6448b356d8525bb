//go:build js && wasm

package main

import (
	"slices"
	"strconv"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The detail panel (#detail) edits the selected annotation: its label,
// note and entity, its links to actors, label-all and delete, and for a
// merged annotation with a conflict, accept (annotations.Resolve) or
// reject (annotations.Delete).

// wireDetail wires the panel's fields and lists; its buttons are in
// commands.go.
func (a *app) wireDetail() {
	on := func(id, event string, fn func(ev js.Value)) { dom.On(dom.ByID(id), event, fn) }
	on(idDetailLabels, "click", func(ev js.Value) {
		if b := ev.Get("target").Call("closest", "button[data-label]"); !b.IsNull() && a.selected != "" {
			a.do(annotations.Relabel{ID: a.selected, Label: b.Call("getAttribute", "data-label").String()})
		}
	})
	// The note and entity save as they are typed (fields.go).
	fill := func(js.Value) { a.fillEntityList() }
	dom.On(a.el.entity, "focus", fill)
	dom.On(a.el.entity, "input", fill)
	on(idLinkType, "change", func(js.Value) { a.resetPicker() })
	on(idLinkList, "click", func(ev js.Value) {
		t := ev.Get("target")
		if b := t.Call("closest", "button[data-unlink]"); !b.IsNull() {
			a.do(annotations.Unlink{ID: b.Call("getAttribute", "data-unlink").String()})
		} else if b := t.Call("closest", "button[data-goto]"); !b.IsNull() {
			a.selectAnnotation(b.Call("getAttribute", "data-goto").String(), true)
		}
	})
}

// resolveConflict keeps (accept) or deletes the selected annotation of a
// merge conflict.
func (a *app) resolveConflict(accept bool) {
	switch {
	case a.selected == "":
	case accept:
		a.do(annotations.Resolve{ID: a.selected})
		a.say("Accepted: the annotation is kept and no longer marked as a conflict.")
	default:
		a.do(annotations.Delete{IDs: []string{a.selected}})
	}
}

// do applies an edit from the UI and shows its error, if any.
func (a *app) do(e annotations.Edit) {
	if _, err := a.apply(e); err != nil {
		a.fail(err)
	}
}

func (a *app) deleteSelected() {
	if a.selected == "" {
		return
	}
	ann, _ := a.set.Annotation(a.selected)
	if _, err := a.apply(annotations.Delete{IDs: []string{a.selected}}); err != nil {
		a.fail(err)
		return
	}
	a.say("Deleted “" + clip(ann.Quote, 60) + "”. Undo with Ctrl+Z.")
	a.el.article.Call("focus", noScroll)
}

func (a *app) labelAll() {
	if a.selected == "" {
		return
	}
	c, err := a.apply(annotations.AddAll{ID: a.selected})
	if err != nil {
		a.fail(err)
		return
	}
	a.say("Labelled " + strconv.Itoa(len(c.Added)) + " more occurrences.")
}

// linkTo links the selected annotation and id with the relation type
// chosen in the panel, in whichever direction the schema allows
// (annotations.Set.Orient, as spanmark.link does).
func (a *app) linkTo(id string) {
	a.labelsNow()
	l := annotations.Link{Type: a.el.linkType.Get("value").String(), From: a.selected, To: id}
	a.setLinkMode(false)
	if _, err := a.apply(a.set.Orient(l)); err != nil {
		a.fail(err)
		return
	}
	a.say("Linked.")
	a.pick.pick = ""
	a.el.linkTarget.Set("value", "")
	a.selectAnnotation(a.selected, false)
}

// setLinkMode turns on or off the mode in which the next highlight
// clicked (or focused and entered) becomes the link's other end.
func (a *app) setLinkMode(on bool) {
	on = on && a.selected != ""
	a.linkMode = on
	a.el.root.Get("classList").Call("toggle", classLinking, on)
	dom.ByID(idLinkMode).Call("setAttribute", "aria-pressed", strconv.FormatBool(on))
	if on {
		a.say("Link mode: click or Tab to the other annotation and press Enter; Escape cancels.")
	}
}

// renderDetail fills #detail from the selected annotation, or hides it.
func (a *app) renderDetail() {
	ann, ok := a.set.Annotation(a.selected)
	a.el.detail.Set("hidden", !ok)
	if !ok {
		return
	}
	s := a.set.Schema()
	l := a.label(ann.Label)
	a.el.detailBadge.Set("textContent", annotations.Badge(l)+" "+l.Name)
	a.el.detailBadge.Set("className", "badge in-l"+strconv.Itoa(max(0, a.hl.Slot(ann.Label))))
	a.el.detailQuote.Set("textContent", clip(ann.Quote, 300))
	btns := a.el.detailLabels.Call("querySelectorAll", "button[data-label]")
	for i := range btns.Length() {
		b := btns.Index(i)
		b.Call("setAttribute", "aria-pressed", strconv.FormatBool(b.Call("getAttribute", "data-label").String() == ann.Label))
	}
	for _, f := range []struct {
		el    js.Value
		value string
	}{{a.el.note, ann.Note}, {a.el.entity, ann.Entity}} {
		if !a.typingIn(f.el) {
			f.el.Set("value", f.value)
		}
	}
	// Only a label that takes entities offers the field; one that has an
	// entity all the same (from before a relabel) shows it, to clear it.
	a.el.entityRow.Set("hidden", !l.TakesEntities() && ann.Entity == "")
	// The entity suggestions and link targets are made when the field or
	// the picker is used (fillEntityList, linkTargets), not here: this
	// runs on every label by key, and with thousands of annotations a scan
	// of them all would delay its frame. Here the picker is only emptied,
	// when another annotation is selected or the work changed in a way that
	// may change its targets.
	key := ann.ID + "/" + ann.Label + "/" + ann.Entity + "/" + strconv.Itoa(a.set.Len())
	if key != a.page.detailKey {
		a.page.detailKey = key
		a.resetPicker()
	}
	// Links.
	a.el.linkList.Set("textContent", "")
	for _, r := range a.set.RelationsOf(ann.ID) {
		other, dir := r.To, "→ "
		if r.To == ann.ID {
			other, dir = r.From, "← "
		}
		o, _ := a.set.Annotation(other)
		rt, _ := s.Relation(r.Type)
		name := rt.Name
		if name == "" {
			name = r.Type
		}
		li := dom.Create("li", "", "")
		li.Call("setAttribute", "data-rel", r.ID)
		g := dom.Create("button", "link-goto", dir+name+": "+clip(o.Quote, 50))
		g.Set("type", "button")
		g.Call("setAttribute", "data-goto", other)
		u := dom.Create("button", "unlink", "Unlink")
		u.Set("type", "button")
		u.Call("setAttribute", "data-unlink", r.ID)
		u.Call("setAttribute", "aria-label", "Unlink "+name+" "+clip(o.Quote, 50))
		li.Call("append", g, u)
		a.el.linkList.Call("append", li)
	}
	canLink := false
	for _, r := range s.Relations {
		canLink = canLink || slices.Contains(r.From, ann.Label) || slices.Contains(r.To, ann.Label)
	}
	a.el.linkForm.Set("hidden", !canLink)
	if ann.Conflict != nil {
		text := ""
		for i, v := range ann.Conflict.Votes {
			if i > 0 {
				text += "; "
			}
			lab := "no label"
			if v.Label != "" {
				lab = a.label(v.Label).Name
			}
			text += v.Annotator + ": " + lab
		}
		a.el.conflictVotes.Set("textContent", text)
	}
	a.el.conflict.Set("hidden", ann.Conflict == nil)
}

// fillEntityList lists the entities of the work as suggestions for the
// detail panel's entity field, when it takes focus or is typed in (not
// after each label: it scans every annotation), in order of appearance.
// The list is written only when it changed.
func (a *app) fillEntityList() {
	if a.set == nil {
		return
	}
	var b []byte
	seen := map[string]bool{}
	for i := range a.set.Len() {
		if o := a.set.At(i); o.Entity != "" && !seen[o.Entity] {
			seen[o.Entity] = true
			b = appendOption(b, o.Entity, o.Entity)
		}
	}
	// One write for the whole list, not a DOM call per option.
	if s := string(b); s != a.page.entities {
		a.page.entities = s
		a.el.entityList.Set("innerHTML", s)
	}
}
