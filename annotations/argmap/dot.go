package argmap

import (
	"strconv"
	"strings"
)

// DOT writes the map as a Graphviz digraph, with the same nodes and arrows
// as the drawing ([Layout]): actors are nodes "a1", "a2"... in the order of
// [Map.Actors], sized by mentions; each claim or proposal is an edge from a
// source to a target, coloured by label, or, when it lacks either, a small
// node "s1", "s2"... (numbered in [Map.Statements] order) with edges from
// its sources or to its targets. Edges and statement nodes carry the
// document, annotator, annotation id, quote and note as attributes
// (Graphviz keeps attributes it does not know), and the quote as tooltip.
func (m *Map) DOT() string {
	var b strings.Builder
	b.WriteString("digraph argmap {\n")
	b.WriteString("\tgraph [overlap=false, splines=true, fontname=\"Helvetica\", label=")
	writeDOT(&b, m.title())
	b.WriteString("];\n\tnode [shape=ellipse, fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"" + actorFill + "\", color=\"" + actorStroke + "\"];\n")
	b.WriteString("\tedge [fontname=\"Helvetica\", fontsize=8];\n")
	for i, a := range m.Actors {
		b.WriteString("\t\"a" + strconv.Itoa(i+1) + "\" [label=")
		writeDOT(&b, a.Name)
		b.WriteString(", mentions=" + strconv.Itoa(len(a.Mentions)) + ", entity=" + strconv.FormatBool(a.IsEntity) + ", penwidth=")
		writeFloatDOT(&b, 1+0.5*float64(len(a.Mentions)-1), 5)
		b.WriteString("];\n")
	}
	links := m.links()
	drawn := make([]bool, len(m.Statements))
	for _, l := range links {
		if (l.from < 0 || l.to < 0) && !drawn[l.stmt] {
			drawn[l.stmt] = true
			s := m.Statements[l.stmt]
			b.WriteString("\t\"s" + strconv.Itoa(l.stmt+1) + "\" [shape=point, width=0.08, color=\"" + m.statementColor(s) + "\", label=\"\", ")
			m.writeDOTStatement(&b, s)
			b.WriteString("];\n")
		}
	}
	for _, l := range links {
		s := m.Statements[l.stmt]
		b.WriteString("\t" + dotNode(l.from, l.stmt) + " -> " + dotNode(l.to, l.stmt) + " [label=")
		writeDOT(&b, s.Label)
		b.WriteString(", color=\"" + m.statementColor(s) + "\"")
		if li := m.label(s.Label); li >= 0 && dashes[li%len(dashes)] != "" {
			b.WriteString(", style=dashed")
		}
		b.WriteString(", ")
		m.writeDOTStatement(&b, s)
		b.WriteString("];\n")
	}
	b.WriteString("}\n")
	return b.String()
}

func dotNode(actor, stmt int) string {
	if actor < 0 {
		return "\"s" + strconv.Itoa(stmt+1) + "\""
	}
	return "\"a" + strconv.Itoa(actor+1) + "\""
}

func (m *Map) writeDOTStatement(b *strings.Builder, s Statement) {
	doc := m.Documents[s.Document]
	for _, kv := range [...][2]string{{"tooltip", s.Quote}, {"document", doc.Name}, {"annotator", doc.Annotator},
		{"annotation", s.ID}, {"statement", s.Label}, {"quote", s.Quote}, {"note", s.Note}} {
		if kv[1] == "" && kv[0] != "tooltip" {
			continue
		}
		if kv[0] != "tooltip" {
			b.WriteString(", ")
		}
		b.WriteString(kv[0] + "=")
		writeDOT(b, kv[1])
	}
}

func (m *Map) statementColor(s Statement) string {
	if l := m.label(s.Label); l >= 0 {
		return labelColor(m, l)
	}
	return "#555555"
}

// writeFloatDOT writes x, at most max, with one decimal.
func writeFloatDOT(b *strings.Builder, x, max float64) {
	if x > max {
		x = max
	}
	writeFloat(b, x)
}
