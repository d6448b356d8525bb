//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The link target picker of the detail panel: an input whose typed text
// filters the annotations the selected one may be linked with, listed in
// #link-options (the ARIA combobox pattern: the input keeps focus, the
// arrows move aria-activedescendant, Enter chooses, Escape closes the
// list). It lists at most maxOptions, so that a novel's 1,667 actors cost
// a keystroke no more than fifty do; the typed text narrows the rest.

// maxOptions bounds the options listed at once.
const maxOptions = 50

// picker is the state of the link target picker.
type picker struct {
	cands  []pickItem // what the selected annotation may be linked with
	fresh  bool       // cands are collected for the current state (linkTargets)
	shown  []int      // indexes into cands of the options listed
	active int        // index into shown of the active option, or -1
	pick   string     // id of the annotation chosen, or ""
	list   js.Value   // #link-options
}

// pickItem is one candidate: its annotation's id, the text shown, and
// that text in lower case for filtering.
type pickItem struct{ id, text, lower string }

func (a *app) wirePicker() {
	p := &a.pick
	p.list = dom.ByID(idLinkOptions)
	in := a.el.linkTarget
	dom.On(in, "input", func(js.Value) {
		p.pick = ""
		a.filterPicker()
	})
	dom.On(in, "focus", func(js.Value) { a.linkTargets() })
	dom.On(in, "focusout", func(js.Value) { a.closePicker() })
	dom.On(in, "keydown", func(ev js.Value) {
		open := !p.list.Get("hidden").Bool()
		switch ev.Get("key").String() {
		case "ArrowDown", "ArrowUp":
			if !open {
				a.filterPicker()
			} else if ev.Get("key").String() == "ArrowDown" {
				a.activate(min(p.active+1, len(p.shown)-1))
			} else {
				a.activate(max(p.active-1, 0))
			}
		case "Enter":
			switch {
			case open && p.active >= 0:
				a.choose(p.active)
			case !open && p.pick != "":
				a.linkTo(p.pick)
			default:
				return
			}
		case "Escape":
			if !open {
				return // the page's Escape: back to the highlight
			}
			a.closePicker()
			ev.Call("stopPropagation")
		default:
			return
		}
		ev.Call("preventDefault")
	})
	// mousedown, not click: the input keeps focus, so the list is still
	// there when the choice lands.
	dom.On(p.list, "mousedown", func(ev js.Value) {
		ev.Call("preventDefault")
		if o := ev.Get("target").Call("closest", "[data-i]"); !o.IsNull() {
			k, _ := strconv.Atoi(o.Call("getAttribute", "data-i").String())
			a.choose(k)
		}
	})
}

// resetPicker empties the picker for another annotation, relation type
// or state of the work. Its candidates are collected when it is next used
// (linkTargets), not now: this runs on every label.
func (a *app) resetPicker() {
	p := &a.pick
	p.cands, p.fresh, p.pick = p.cands[:0], false, ""
	a.el.linkTarget.Set("value", "")
	a.closePicker()
	dom.ByID(idLinkAdd).Set("disabled", false)
}

// linkTargets collects, for the chosen relation type, the annotations the
// selected one may be linked with, unless they are collected already, and
// reports whether there are any.
func (a *app) linkTargets() bool {
	p := &a.pick
	if p.fresh || a.set == nil {
		return len(p.cands) > 0
	}
	p.fresh = true
	p.cands = p.cands[:0]
	a.labelsNow()
	ann, ok := a.set.Annotation(a.selected)
	rt, ok2 := a.set.Schema().Relation(a.el.linkType.Get("value").String())
	if ok && ok2 {
		for i := range a.set.Len() {
			o := a.set.At(i)
			if o.ID == ann.ID || !(rt.Allows(ann.Label, o.Label) || rt.Allows(o.Label, ann.Label)) {
				continue
			}
			text := clip(o.Quote, 50)
			if o.Entity != "" {
				text += " (" + o.Entity + ")"
			}
			p.cands = append(p.cands, pickItem{o.ID, text, strings.ToLower(text)})
		}
	}
	dom.ByID(idLinkAdd).Set("disabled", len(p.cands) == 0)
	return len(p.cands) > 0
}

// filterPicker lists the candidates that contain the typed text.
func (a *app) filterPicker() {
	p := &a.pick
	a.linkTargets()
	q := strings.ToLower(strings.TrimSpace(a.el.linkTarget.Get("value").String()))
	p.shown = p.shown[:0]
	for i := range p.cands {
		if len(p.shown) == maxOptions {
			break
		}
		if strings.Contains(p.cands[i].lower, q) {
			p.shown = append(p.shown, i)
		}
	}
	var b []byte
	for k, i := range p.shown {
		b = append(b, `<li role="option" aria-selected="false" id="lo-`...)
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, `" data-i="`...)
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, `">`...)
		b = annotations.AppendEscaped(b, p.cands[i].text)
		b = append(b, `</li>`...)
	}
	p.list.Set("innerHTML", string(b))
	p.list.Set("hidden", len(p.shown) == 0)
	a.el.linkTarget.Call("setAttribute", "aria-expanded", strconv.FormatBool(len(p.shown) > 0))
	p.active = -1
	a.el.linkTarget.Call("removeAttribute", "aria-activedescendant")
}

// activate makes option k of the list the active one.
func (a *app) activate(k int) {
	p := &a.pick
	if k < 0 || k >= len(p.shown) {
		return
	}
	if p.active >= 0 {
		dom.ByID("lo-"+strconv.Itoa(p.active)).Call("setAttribute", "aria-selected", "false")
	}
	p.active = k
	o := dom.ByID("lo-" + strconv.Itoa(k))
	o.Call("setAttribute", "aria-selected", "true")
	// Into the list's view, by the list's own scroll: scrollIntoView
	// would scroll the panel and the page too.
	top, h, l := o.Get("offsetTop").Int(), o.Get("offsetHeight").Int(), p.list
	if st := l.Get("scrollTop").Int(); top < st {
		l.Set("scrollTop", top)
	} else if bottom := top + h - l.Get("clientHeight").Int(); bottom > st {
		l.Set("scrollTop", bottom)
	}
	a.el.linkTarget.Call("setAttribute", "aria-activedescendant", "lo-"+strconv.Itoa(k))
}

// choose takes option k as the link's other end.
func (a *app) choose(k int) {
	p := &a.pick
	it := p.cands[p.shown[k]]
	p.pick = it.id
	a.el.linkTarget.Set("value", it.text)
	a.closePicker()
}

func (a *app) closePicker() {
	a.pick.list.Set("hidden", true)
	a.pick.active = -1
	a.el.linkTarget.Call("setAttribute", "aria-expanded", "false")
	a.el.linkTarget.Call("removeAttribute", "aria-activedescendant")
}
