//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The label editor (#schema-dialog) edits a copy of the schema, the
// draft, and saves it as one annotations.SetSchema edit: the rules (ids,
// keys, colours, what a deleted label takes with it) are the model's,
// and undo brings back whatever a save removed. In a project the schema
// is the project's: a save is kept with the project's state and given to
// every document it opens (project.go).

// wireSchema wires the editor. Its rows carry data-k ("l" for a label,
// "r" for a relation type), data-i (the index) and data-f (the field);
// its buttons data-act.
func (a *app) wireSchema() {
	dlg := dom.ByID(idSchemaDialog)
	dom.On(dom.ByID(idSchemaEdit), "click", func(js.Value) {
		if a.set == nil {
			return
		}
		a.draft = a.set.Schema()
		a.draft.Labels = append([]annotations.Label(nil), a.draft.Labels...)
		a.draft.Relations = append([]annotations.RelationType(nil), a.draft.Relations...)
		a.renderSchema()
		dlg.Call("showModal")
	})
	dom.On(dlg, "input", func(ev js.Value) {
		t := ev.Get("target")
		i, _ := strconv.Atoi(t.Call("getAttribute", "data-i").String())
		v := t.Get("value").String()
		if t.Call("getAttribute", "data-k").String() == "l" && i < len(a.draft.Labels) {
			l := &a.draft.Labels[i]
			switch t.Call("getAttribute", "data-f").String() {
			case "id":
				l.ID = v
			case "name":
				l.Name = v
			case "key":
				l.Key = v
			case "color":
				l.Color = v
			case "desc":
				l.Description = v
			}
		} else if i < len(a.draft.Relations) {
			r := &a.draft.Relations[i]
			switch t.Call("getAttribute", "data-f").String() {
			case "id":
				r.ID = v
			case "name":
				r.Name = v
			case "from":
				r.From = strings.Fields(v)
			case "to":
				r.To = strings.Fields(v)
			}
		}
		a.schemaNote()
	})
	dom.On(dlg, "click", func(ev js.Value) {
		b := ev.Get("target").Call("closest", "button[data-act]")
		if b.IsNull() {
			return
		}
		i, _ := strconv.Atoi(b.Call("getAttribute", "data-i").String())
		ls, rs := a.draft.Labels, a.draft.Relations
		switch b.Call("getAttribute", "data-act").String() {
		case "up":
			if i > 0 {
				ls[i-1], ls[i] = ls[i], ls[i-1]
			}
		case "down":
			if i+1 < len(ls) {
				ls[i], ls[i+1] = ls[i+1], ls[i]
			}
		case "del":
			// The relation types forget the label too, so that the draft
			// stays valid.
			id := ls[i].ID
			a.draft.Labels = append(ls[:i:i], ls[i+1:]...)
			for j := range rs {
				rs[j].From = without(rs[j].From, id)
				rs[j].To = without(rs[j].To, id)
			}
		case "rdel":
			a.draft.Relations = append(rs[:i:i], rs[i+1:]...)
		case "add":
			a.draft.Labels = append(ls, annotations.Label{ID: newSchemaID("label", len(ls)+1, a.draft), Name: "New label"})
		case "radd":
			a.draft.Relations = append(rs, annotations.RelationType{ID: newSchemaID("relation", len(rs)+1, a.draft), Name: "New relation"})
		case "save":
			if err := a.setSchema(a.draft); err != nil {
				dom.ByID(idSchemaError).Set("textContent", err.Error())
				return
			}
			dlg.Call("close")
			return
		case "cancel":
			dlg.Call("close")
			return
		}
		a.renderSchema()
	})
}

// without returns ids less id, in a new slice.
func without(ids []string, id string) []string {
	var out []string
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

// newSchemaID returns prefix-n, or the first after it that the schema
// does not use.
func newSchemaID(prefix string, n int, s annotations.Schema) string {
	for ; ; n++ {
		id := prefix + "-" + strconv.Itoa(n)
		if _, ok := s.Label(id); !ok {
			if _, ok := s.Relation(id); !ok {
				return id
			}
		}
	}
}

// renderSchema fills the editor from the draft. Names and descriptions
// are set as input values, never as markup.
func (a *app) renderSchema() {
	cur := a.set.Schema()
	list := dom.ByID(idSchemaLabels)
	list.Set("textContent", "")
	for i, l := range a.draft.Labels {
		_, old := cur.Label(l.ID)
		li := dom.Create("li", "", "")
		li.Call("append",
			schemaInput("l", i, "id", "Id", l.ID, old),
			schemaInput("l", i, "name", "Name", l.Name, false),
			schemaInput("l", i, "key", "Key", l.Key, false),
			schemaInput("l", i, "color", "Colour", l.Color, false),
			schemaInput("l", i, "desc", "Description", l.Description, false),
			schemaButton("up", i, "↑", "Move "+l.Name+" up"),
			schemaButton("down", i, "↓", "Move "+l.Name+" down"),
			schemaButton("del", i, "Delete", "Delete "+l.Name))
		list.Call("append", li)
	}
	rels := dom.ByID(idSchemaRelations)
	rels.Set("textContent", "")
	for i, r := range a.draft.Relations {
		_, old := cur.Relation(r.ID)
		li := dom.Create("li", "", "")
		li.Call("append",
			schemaInput("r", i, "id", "Id", r.ID, old),
			schemaInput("r", i, "name", "Name", r.Name, false),
			schemaInput("r", i, "from", "From labels", strings.Join(r.From, " "), false),
			schemaInput("r", i, "to", "To labels", strings.Join(r.To, " "), false),
			schemaButton("rdel", i, "Delete", "Delete "+r.Name))
		rels.Call("append", li)
	}
	a.schemaNote()
}

// schemaNote says how many annotations a save would delete with their
// labels, and clears the last error.
func (a *app) schemaNote() {
	n := 0
	for i := range a.set.Len() {
		x := a.set.At(i)
		if _, ok := a.draft.Label(x.Label); !ok {
			n++
		}
	}
	note := ""
	if n > 0 {
		note = "Saving deletes " + formatCount(n, "annotation", "annotations") + " of the labels deleted (Undo brings them back)."
	}
	dom.ByID(idSchemaNote).Set("textContent", note)
	dom.ByID(idSchemaError).Set("textContent", "")
}

func schemaInput(kind string, i int, field, name, value string, readOnly bool) js.Value {
	in := dom.Create("input", "", "")
	if field == "color" {
		in.Set("type", "color")
		if value == "" {
			value = "#000000"
		}
	}
	in.Set("value", value)
	in.Set("readOnly", readOnly)
	in.Call("setAttribute", "aria-label", name)
	in.Call("setAttribute", "data-k", kind)
	in.Call("setAttribute", "data-i", strconv.Itoa(i))
	in.Call("setAttribute", "data-f", field)
	return in
}

func schemaButton(act string, i int, text, label string) js.Value {
	b := dom.Create("button", "", text)
	b.Set("type", "button")
	b.Call("setAttribute", "data-act", act)
	b.Call("setAttribute", "data-i", strconv.Itoa(i))
	b.Call("setAttribute", "aria-label", label)
	return b
}

// setSchema gives the document shown schema s, as one undoable edit.
func (a *app) setSchema(s annotations.Schema) error {
	c, err := a.apply(annotations.SetSchema{Schema: s})
	if err != nil {
		return err
	}
	msg := "Labels saved."
	if n := len(c.Removed); n > 0 {
		msg = "Labels saved; " + formatCount(n, "annotation", "annotations") + " of the labels deleted went with them (Undo brings them back)."
	}
	a.say(msg)
	return nil
}

// schemaChanged redraws everything that shows labels after a change of
// the schema (a save, its undo or redo), and keeps the schema with the
// open project.
func (a *app) schemaChanged() {
	a.hl = annotations.NewHighlighter(a.set.Schema())
	a.applySchema()
	for i := range a.page.shown {
		a.page.dirty[i] = true
	}
	if ps := a.proj; ps != nil && ps.current != "" {
		ps.p.Schema = a.set.Schema()
		ps.save()
		a.renderGuide()
	}
}

// schemaJSON is the schema of the document shown as a JavaScript object,
// shaped as in the native file.
func (a *app) schemaJSON() (any, error) {
	w := codec.NewWriter(true)
	w.Schema(a.set.Schema())
	return js.Global().Get("JSON").Call("parse", string(w.Bytes())), nil
}

// decodeSchema reads a schema object (JSON text) as the native file's.
func decodeSchema(data string) (annotations.Schema, error) {
	r, root, err := codec.NewReader([]byte(data), 1<<20)
	if err != nil {
		return annotations.Schema{}, errors.New("set schema: " + err.Error())
	}
	s := r.Schema(root)
	if err := r.Err(); err != nil {
		return annotations.Schema{}, errors.New("set schema: " + err.Error())
	}
	return s, nil
}
