package argmap

import (
	"strconv"
	"strings"
)

// Tables writes the page's tables of the map as one XHTML fragment, a
// <div> in the XHTML namespace that a browser parses as
// application/xhtml+xml: per actor ([Map.Summaries]) the statements it is
// a source of and those that target it, with counts by label, then the
// actor × actor table of [Map.Matrix]. Every actor, statement and cell is a
// button whose data-document and data-annotation name the span to select
// (for an actor, its first mention; for a cell, its first statement), and
// an actor's also carries data-actor, the index that the drawing of
// [Drawing.SVG] uses. Text from the files is escaped, as in the drawing:
// nothing in it can become markup.
func (m *Map) Tables() string {
	var b strings.Builder
	b.Grow(1024 + 256*len(m.Actors) + 256*len(m.Statements))
	b.WriteString(`<div xmlns="http://www.w3.org/1999/xhtml" class="argmap-tables">` + "\n")
	b.WriteString(`<section class="by-actor"><h3>By actor</h3>` + "\n")
	for _, s := range m.Summaries() {
		if len(s.Sources)+len(s.Targets) == 0 {
			continue
		}
		a := m.Actors[s.Actor]
		b.WriteString(`<section class="actor"><h4>`)
		m.writeButton(&b, a.Mentions[0], ` data-actor="`+strconv.Itoa(s.Actor)+`"`, a.Name)
		b.WriteString(` <span class="count">` + plural(len(a.Mentions), "mention") + "</span></h4>\n")
		m.writeStatements(&b, "source of", s.Sources, s.SourceCounts)
		m.writeStatements(&b, "target of", s.Targets, s.TargetCounts)
		b.WriteString("</section>\n")
	}
	b.WriteString("</section>\n")

	mx := m.Matrix()
	if len(mx.Actors) > 0 {
		b.WriteString(`<table class="matrix"><caption>From source (rows) to target (columns)</caption>` + "\n<tr><td></td>")
		for _, a := range mx.Actors {
			b.WriteString(`<th scope="col">`)
			writeXML(&b, m.Actors[a].Name)
			b.WriteString("</th>")
		}
		b.WriteString("</tr>\n")
		for i, a := range mx.Actors {
			b.WriteString(`<tr><th scope="row">`)
			writeXML(&b, m.Actors[a].Name)
			b.WriteString("</th>")
			for _, c := range mx.Cells[i] {
				b.WriteString("<td>")
				if len(c.Statements) > 0 {
					m.writeButton(&b, m.Statements[c.Statements[0]].Mention, "", m.counts(c.Counts))
				}
				b.WriteString("</td>")
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
	b.WriteString("</div>\n")
	return b.String()
}

// writeStatements writes one actor's statements of one role, with their
// count, or nothing when there are none.
func (m *Map) writeStatements(b *strings.Builder, role string, stmts, counts []int) {
	if len(stmts) == 0 {
		return
	}
	b.WriteString(`<p class="role">` + role + " " + strconv.Itoa(len(stmts)) + ": ")
	writeXML(b, m.counts(counts))
	b.WriteString("</p>\n<ul>")
	for _, i := range stmts {
		s := m.Statements[i]
		b.WriteString(`<li class="l-`)
		writeXML(b, s.Label)
		b.WriteString(`">`)
		m.writeButton(b, s.Mention, "", statementText(m, s))
		b.WriteString("</li>")
	}
	b.WriteString("</ul>\n")
}

// writeButton writes a button that selects mention, with the extra
// attributes attrs (already escaped) and the text text.
func (m *Map) writeButton(b *strings.Builder, mention Mention, attrs, text string) {
	b.WriteString(`<button type="button" data-document="` + strconv.Itoa(mention.Document) + `" data-annotation="`)
	writeXML(b, mention.ID)
	b.WriteString(`"` + attrs + ">")
	writeXML(b, text)
	b.WriteString("</button>")
}

// counts says "Claim 2, Proposal 1" for counts in the order of m.Labels.
func (m *Map) counts(counts []int) string {
	var parts []string
	for i, c := range counts {
		if c > 0 {
			parts = append(parts, labelName(m.Labels[i].Name, m.Labels[i].ID)+" "+strconv.Itoa(c))
		}
	}
	return strings.Join(parts, ", ")
}
