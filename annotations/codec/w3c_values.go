package codec

import (
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
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
	var to *jvalue
	toPath := ""
	for _, b := range w.bodyList(v, path) {
		if w.err != nil {
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
				w.fail(b.v.field("value"), join(b.path, "value"), "unknown relation type %q (the schema has %s)", value, relationList(w.schema))
			case typePath == "":
				r.Type, typePath = rt.ID, b.path
			case rt.ID != r.Type:
				w.fail(b.v.field("value"), join(b.path, "value"), "a second relation type %q (%s is %q)", value, typePath, r.Type)
			}
			continue
		}
		if to == nil {
			to, toPath = b.v, b.path
		} else {
			w.fail(b.v, b.path, "a second linked resource; a relation links one annotation to one other (%s)", toPath)
		}
	}
	if w.err != nil {
		return r
	}
	if typePath == "" && !w.ownSchema {
		// A link without a tag, in a file without a schema of its own.
		rt, ok := w.findRelation(untaggedRelation)
		if !ok {
			rt = w.addRelation(untaggedRelation)
		}
		r.Type, typePath = rt.ID, join(path, "body")
	}
	if typePath == "" {
		w.fail(v, join(path, "body"), "no TextualBody with purpose \"tagging\" names the relation type (the schema has %s)", relationList(w.schema))
		return r
	}
	tp := join(path, "target")
	targets := listOf(v.field("target"))
	var from *jvalue
	fromPath := tp
	switch {
	case len(targets) == 1 && to != nil:
		from = targets[0]
		if v.field("target").kind == kindArray {
			fromPath = index(tp, 0)
		}
	case len(targets) == 2 && to == nil && v.field("target").kind == kindArray:
		from, fromPath = targets[0], index(tp, 0)
		to, toPath = targets[1], index(tp, 1)
	default:
		w.fail(v, tp, "a relation needs one target (from) and a body with purpose \"linking\" (to), or two targets in order")
		return r
	}
	rt, _ := w.schema.Relation(r.Type)
	var labels [2]string
	for i, e := range []struct {
		v    *jvalue
		path string
		id   *string
	}{{from, fromPath, &r.From}, {to, toPath, &r.To}} {
		iri, p := w.resourceIRI(e.v, e.path)
		if w.err != nil {
			return r
		}
		id, ok := w.byIRI[iri]
		if !ok {
			w.fail(e.v, p, "no annotation in this file has id %q", iri)
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
		w.fail(to, toPath, "links annotation %q to itself", r.To)
	case !rt.Allows(labels[0], labels[1]):
		w.fail(v, path, "a %q relation cannot go from %s to %s", r.Type, labels[0], labels[1])
	}
	// Relation ids and annotation ids are apart in a file, but one IRI
	// names one thing in an export, so a relation takes neither.
	r.ID = w.localID(it.iri, "r", n+1, func(id string) bool { return relIDs[id] || w.taken(id) })
	return r
}

// resourceIRI returns the IRI of a linked resource: an IRI string, or an
// object with an id, or a SpecificResource with a source and no selector.
func (w *w3cDecoder) resourceIRI(v *jvalue, path string) (string, string) {
	switch {
	case v.kind == kindString:
		return w.iri(v, path), path
	case v.kind != kindObject:
		w.wrongType(v, path, "an IRI or an object with an id or source")
	case v.field("source") != nil:
		return w.iri(v.field("source"), join(path, "source")), join(path, "source")
	case v.field("id") != nil:
		return w.iri(v.field("id"), join(path, "id")), join(path, "id")
	default:
		w.fail(v, path, "names no annotation: want an IRI, an id or a source")
	}
	return "", path
}

// iri reads an IRI: a string, an object with an id, or a list of one.
func (w *w3cDecoder) iri(v *jvalue, path string) string {
	if w.err != nil {
		return ""
	}
	if v.kind == kindArray && len(v.elems) == 1 {
		v = v.elems[0]
	}
	if v.kind == kindObject && v.field("id") != nil {
		v, path = v.field("id"), join(path, "id")
	}
	s := w.str(v, path)
	if w.err == nil && s == "" {
		w.fail(v, path, "empty IRI")
	}
	return s
}

// agentName returns the name of a creator, an Agent object or list of one.
func (w *w3cDecoder) agentName(v *jvalue, path string) string {
	if v.kind == kindArray && len(v.elems) == 1 {
		v = v.elems[0]
	}
	if v.kind == kindString {
		return v.s // the creator's IRI, as many tools give it
	}
	if v.kind != kindObject {
		return ""
	}
	for _, k := range []string{"name", "nickname"} {
		if n := v.field(k); n != nil && n.kind == kindString {
			return n.s
		}
	}
	return ""
}

// hasType reports whether the "type" of object v is t, or a list holding t.
func (w *w3cDecoder) hasType(v *jvalue, path, t string) bool {
	return slices.Contains(w.strs(v.field("type"), join(path, "type")), t)
}

// strs reads a string or a list of strings; nil reads as none.
func (w *w3cDecoder) strs(v *jvalue, path string) []string {
	if w.err != nil || v == nil {
		return nil
	}
	if v.kind == kindString {
		return []string{v.s}
	}
	if v.kind != kindArray {
		w.wrongType(v, path, "a string or a list of strings")
		return nil
	}
	out := make([]string, len(v.elems))
	for i, e := range v.elems {
		out[i] = w.str(e, index(path, i))
	}
	return out
}

// listOf returns the elements of an array, or v alone; nil for nil.
func listOf(v *jvalue) []*jvalue {
	switch {
	case v == nil:
		return nil
	case v.kind == kindArray:
		return v.elems
	}
	return []*jvalue{v}
}

// describeJSON names a value for an error: a string quoted, else its kind.
func describeJSON(v *jvalue) string {
	switch {
	case v == nil:
		return "no type"
	case v.kind == kindString:
		return strconv.Quote(v.s)
	}
	return v.kind.String()
}

// relationList names the schema's relation types for a message.
func relationList(s annotations.Schema) string {
	if len(s.Relations) == 0 {
		return "none"
	}
	return strings.Join(s.RelationIDs(), ", ")
}
