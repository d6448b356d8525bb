package argmap

import (
	"strconv"
	"strings"
)

// graphmlKey is an attribute that GraphML declares before the graph.
type graphmlKey struct{ id, domain, name, typ string }

// graphmlKeys are the attributes of nodes and edges. Nodes and edges have
// keys of their own (n_ and e_) with the same names, which Gephi and yEd
// read as the same column of each table.
var graphmlKeys = []graphmlKey{
	{"n_label", "node", "label", "string"},
	{"n_kind", "node", "kind", "string"},
	{"n_mentions", "node", "mentions", "int"},
	{"n_entity", "node", "entity", "boolean"},
	{"n_statement", "node", "statement", "string"},
	{"n_document", "node", "document", "string"},
	{"n_annotator", "node", "annotator", "string"},
	{"n_annotation", "node", "annotation", "string"},
	{"n_quote", "node", "quote", "string"},
	{"n_note", "node", "note", "string"},
	{"e_label", "edge", "label", "string"},
	{"e_kind", "edge", "kind", "string"},
	{"e_document", "edge", "document", "string"},
	{"e_annotator", "edge", "annotator", "string"},
	{"e_annotation", "edge", "annotation", "string"},
	{"e_quote", "edge", "quote", "string"},
	{"e_note", "edge", "note", "string"},
}

// GraphML writes the map as a GraphML document (for Gephi, yEd, networkx,
// igraph) with the nodes and edges of [Map.DOT]: actor nodes "a1"... with
// kind "actor", label, mentions and entity; statement nodes "s1"... with
// kind "statement" for claims and proposals that lack a source or target;
// and edges "e1"... whose kind is "statement" (source actor to target
// actor), "source" (actor to statement node) or "target" (statement node
// to actor). Edges and statement nodes carry the statement's label,
// document, annotator, annotation id, quote and note.
func (m *Map) GraphML() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range graphmlKeys {
		b.WriteString(`  <key id="` + k.id + `" for="` + k.domain + `" attr.name="` + k.name + `" attr.type="` + k.typ + `"/>` + "\n")
	}
	b.WriteString(`  <graph id="argmap" edgedefault="directed">` + "\n    <desc>")
	writeXML(&b, m.title())
	b.WriteString("</desc>\n")
	for i, a := range m.Actors {
		b.WriteString(`    <node id="a` + strconv.Itoa(i+1) + `">`)
		writeData(&b, "n_label", a.Name)
		writeData(&b, "n_kind", "actor")
		writeData(&b, "n_mentions", strconv.Itoa(len(a.Mentions)))
		writeData(&b, "n_entity", strconv.FormatBool(a.IsEntity))
		b.WriteString("</node>\n")
	}
	links := m.links()
	drawn := make([]bool, len(m.Statements))
	for _, l := range links {
		if (l.from < 0 || l.to < 0) && !drawn[l.stmt] {
			drawn[l.stmt] = true
			s := m.Statements[l.stmt]
			b.WriteString(`    <node id="s` + strconv.Itoa(l.stmt+1) + `">`)
			writeData(&b, "n_label", s.Label)
			writeData(&b, "n_kind", "statement")
			writeData(&b, "n_statement", s.Label)
			m.writeStatementData(&b, "n_", s)
			b.WriteString("</node>\n")
		}
	}
	for i, l := range links {
		s := m.Statements[l.stmt]
		kind := "statement"
		switch {
		case l.to < 0:
			kind = "source"
		case l.from < 0:
			kind = "target"
		}
		b.WriteString(`    <edge id="e` + strconv.Itoa(i+1) + `" source=` + dotNode(l.from, l.stmt) + ` target=` + dotNode(l.to, l.stmt) + `>`)
		writeData(&b, "e_label", s.Label)
		writeData(&b, "e_kind", kind)
		m.writeStatementData(&b, "e_", s)
		b.WriteString("</edge>\n")
	}
	b.WriteString("  </graph>\n</graphml>\n")
	return b.String()
}

func (m *Map) writeStatementData(b *strings.Builder, prefix string, s Statement) {
	doc := m.Documents[s.Document]
	writeData(b, prefix+"document", doc.Name)
	if doc.Annotator != "" {
		writeData(b, prefix+"annotator", doc.Annotator)
	}
	writeData(b, prefix+"annotation", s.ID)
	writeData(b, prefix+"quote", s.Quote)
	if s.Note != "" {
		writeData(b, prefix+"note", s.Note)
	}
}

func writeData(b *strings.Builder, key, value string) {
	b.WriteString(`<data key="` + key + `">`)
	writeXML(b, value)
	b.WriteString(`</data>`)
}
