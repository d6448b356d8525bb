package w3c

import (
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
)

// findLabel looks a label up by id, then by name ignoring case.
func (w *w3cDecoder) findLabel(s string) (annotations.Label, bool) {
	if l, ok := w.schema.Label(s); ok {
		return l, true
	}
	for _, l := range w.schema.Labels {
		if l.Name != "" && strings.EqualFold(l.Name, s) {
			return l, true
		}
	}
	return annotations.Label{}, false
}

func (w *w3cDecoder) findRelation(s string) (annotations.RelationType, bool) {
	if r, ok := w.schema.Relation(s); ok {
		return r, true
	}
	for _, r := range w.schema.Relations {
		if r.Name != "" && strings.EqualFold(r.Name, s) {
			return r, true
		}
	}
	return annotations.RelationType{}, false
}

// relation decodes a linking annotation into a relation: the type from its
// tagging body; from its target and to its linked body, or from and to the
// two targets in order.
func (w *w3cDecoder) relation(it w3cItem, relIDs map[string]bool, n int) annotations.Relation {
	v, path := it.v, it.path
	var r annotations.Relation
	typePath := ""
	var to *jsonio.Value
	toPath := ""
	for _, b := range w.bodyList(v, path) {
		if w.Err != nil {
			return r
		}
		if purpose, value, ok := w.textual(b.v, b.path); ok {
			if purpose != "tagging" && purpose != "classifying" {
				continue
			}
			rt, ok := w.findRelation(value)
			if !ok && !w.ownSchema && value != "" {
				rt, ok = w.addRelation(value), true
			}
			switch {
			case !ok:
				w.Fail(b.v.Field("value"), jsonio.Join(b.path, "value"), "unknown relation type %q (the schema has %s)", value, relationList(w.schema))
			case typePath == "":
				r.Type, typePath = rt.ID, b.path
			case rt.ID != r.Type:
				w.Fail(b.v.Field("value"), jsonio.Join(b.path, "value"), "a second relation type %q (%s is %q)", value, typePath, r.Type)
			}
			continue
		}
		if to == nil {
			to, toPath = b.v, b.path
		} else {
			w.Fail(b.v, b.path, "a second linked resource; a relation links one annotation to one other (%s)", toPath)
		}
	}
	if w.Err != nil {
		return r
	}
	if typePath == "" && !w.ownSchema {
		// A link without a tag, in a file without a schema of its own.
		rt, ok := w.findRelation(untaggedRelation)
		if !ok {
			rt = w.addRelation(untaggedRelation)
		}
		r.Type, typePath = rt.ID, jsonio.Join(path, "body")
	}
	if typePath == "" {
		w.Fail(v, jsonio.Join(path, "body"), "no TextualBody with purpose \"tagging\" names the relation type (the schema has %s)", relationList(w.schema))
		return r
	}
	tp := jsonio.Join(path, "target")
	targets := listOf(v.Field("target"))
	var from *jsonio.Value
	fromPath := tp
	switch {
	case len(targets) == 1 && to != nil:
		from = targets[0]
		if v.Field("target").Kind == jsonio.KindArray {
			fromPath = jsonio.Index(tp, 0)
		}
	case len(targets) == 2 && to == nil && v.Field("target").Kind == jsonio.KindArray:
		from, fromPath = targets[0], jsonio.Index(tp, 0)
		to, toPath = targets[1], jsonio.Index(tp, 1)
	default:
		w.Fail(v, tp, "a relation needs one target (from) and a body with purpose \"linking\" (to), or two targets in order")
		return r
	}
	rt, _ := w.schema.Relation(r.Type)
	var labels [2]string
	for i, e := range []struct {
		v    *jsonio.Value
		path string
		id   *string
	}{{from, fromPath, &r.From}, {to, toPath, &r.To}} {
		iri, p := w.resourceIRI(e.v, e.path)
		if w.Err != nil {
			return r
		}
		id, ok := w.byIRI[iri]
		if !ok {
			w.Fail(e.v, p, "no annotation in this file has id %q", iri)
			return r
		}
		*e.id = id
		labels[i] = w.ids[id]
	}
	if w.addedRelations[r.Type] && !rt.Allows(labels[0], labels[1]) {
		// A relation type made from what the file holds allows what it holds.
		for i := range w.schema.Relations {
			if x := &w.schema.Relations[i]; x.ID == r.Type {
				if !slices.Contains(x.From, labels[0]) {
					x.From = append(x.From, labels[0])
				}
				if !slices.Contains(x.To, labels[1]) {
					x.To = append(x.To, labels[1])
				}
				rt = *x
			}
		}
	}
	switch {
	case r.From == r.To:
		w.Fail(to, toPath, "links annotation %q to itself", r.To)
	case !rt.Allows(labels[0], labels[1]):
		w.Fail(v, path, "a %q relation cannot go from %s to %s", r.Type, labels[0], labels[1])
	}
	// Relation ids and annotation ids are apart in a file, but one IRI
	// names one thing in an export, so a relation takes neither.
	r.ID = w.localID(it.iri, "r", n+1, func(id string) bool { return relIDs[id] || w.taken(id) })
	return r
}

// resourceIRI returns the IRI of a linked resource: an IRI string, or an
// object with an id, or a SpecificResource with a source and no selector.
func (w *w3cDecoder) resourceIRI(v *jsonio.Value, path string) (string, string) {
	switch {
	case v.Kind == jsonio.KindString:
		return w.iri(v, path), path
	case v.Kind != jsonio.KindObject:
		w.WrongType(v, path, "an IRI or an object with an id or source")
	case v.Field("source") != nil:
		return w.iri(v.Field("source"), jsonio.Join(path, "source")), jsonio.Join(path, "source")
	case v.Field("id") != nil:
		return w.iri(v.Field("id"), jsonio.Join(path, "id")), jsonio.Join(path, "id")
	default:
		w.Fail(v, path, "names no annotation: want an IRI, an id or a source")
	}
	return "", path
}

// iri reads an IRI: a string, an object with an id, or a list of one.
func (w *w3cDecoder) iri(v *jsonio.Value, path string) string {
	if w.Err != nil {
		return ""
	}
	if v.Kind == jsonio.KindArray && len(v.Elems) == 1 {
		v = v.Elems[0]
	}
	if v.Kind == jsonio.KindObject && v.Field("id") != nil {
		v, path = v.Field("id"), jsonio.Join(path, "id")
	}
	s := w.Str(v, path)
	if w.Err == nil && s == "" {
		w.Fail(v, path, "empty IRI")
	}
	return s
}

// agentName returns the name of a creator, an Agent object or list of one.
func (w *w3cDecoder) agentName(v *jsonio.Value, path string) string {
	if v.Kind == jsonio.KindArray && len(v.Elems) == 1 {
		v = v.Elems[0]
	}
	if v.Kind == jsonio.KindString {
		return v.Lit // the creator's IRI, as many tools give it
	}
	if v.Kind != jsonio.KindObject {
		return ""
	}
	for _, k := range []string{"name", "nickname"} {
		if n := v.Field(k); n != nil && n.Kind == jsonio.KindString {
			return n.Lit
		}
	}
	return ""
}

// hasType reports whether the "type" of object v is t, or a list holding t.
func (w *w3cDecoder) hasType(v *jsonio.Value, path, t string) bool {
	return slices.Contains(w.strList(v.Field("type"), jsonio.Join(path, "type")), t)
}

// strs reads a string or a list of strings; nil reads as none.
func (w *w3cDecoder) strList(v *jsonio.Value, path string) []string {
	if w.Err != nil || v == nil {
		return nil
	}
	if v.Kind == jsonio.KindString {
		return []string{v.Lit}
	}
	if v.Kind != jsonio.KindArray {
		w.WrongType(v, path, "a string or a list of strings")
		return nil
	}
	out := make([]string, len(v.Elems))
	for i, e := range v.Elems {
		out[i] = w.Str(e, jsonio.Index(path, i))
	}
	return out
}

// listOf returns the elements of an array, or v alone; nil for nil.
func listOf(v *jsonio.Value) []*jsonio.Value {
	switch {
	case v == nil:
		return nil
	case v.Kind == jsonio.KindArray:
		return v.Elems
	}
	return []*jsonio.Value{v}
}

// describeJSON names a value for an error: a string quoted, else its kind.
func describeJSON(v *jsonio.Value) string {
	switch {
	case v == nil:
		return "no type"
	case v.Kind == jsonio.KindString:
		return strconv.Quote(v.Lit)
	}
	return v.Kind.String()
}

// relationList names the schema's relation types for a message.
func relationList(s annotations.Schema) string {
	if len(s.Relations) == 0 {
		return "none"
	}
	return strings.Join(s.RelationIDs(), ", ")
}
