package argmap

import (
	"strconv"
	"strings"
)

// palette colours statement labels whose schema gives no colour (Okabe–Ito,
// like the default schema).
var palette = [...]string{"#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"}

// dashes tell statement labels apart without colour.
var dashes = [...]string{"", "6 3", "2 3", "8 3 2 3"}

const (
	actorFill   = "#E8F0F8"
	actorStroke = "#0072B2"
	legendLine  = 18
)

// svgStyle shows what has the pointer or the keyboard focus. Colours and
// sizes are attributes, so the drawing looks the same where styles are
// not applied.
const svgStyle = `.argmap .actor:hover circle,.argmap .actor:focus circle{stroke-width:3;fill:#FFF3C4}` +
	`.argmap .caption{display:none}.argmap g:hover>.caption,.argmap g:focus>.caption{display:inline}` +
	`.argmap .statement:hover path,.argmap .statement:focus path{stroke-width:3}` +
	`.argmap .statement:hover circle,.argmap .statement:focus circle{r:6}` +
	// A focus ring would go round the caption too, which is part of
	// the group: the thicker lines, the fill and the caption show focus.
	`.argmap .actor:focus,.argmap .statement:focus{outline:none}`

// Style is the CSS of the drawing's <style> element, which [Drawing.SVG]
// writes. A page whose Content-Security-Policy refuses inline style
// removes that element and applies these rules itself (web/style.css does;
// a test in web keeps the two equal).
const Style = svgStyle

// SVG writes the drawing as a standalone SVG document. Every actor and
// statement is a group that takes the keyboard focus (tabindex, in drawing
// order: actors around the circle from the top, then statements in map
// order), with a <title> that shows on hover, a caption below the circle
// that shows on hover and focus (by the SVG's own style), and an
// aria-label that screen readers read; data-actor and data-statement give
// the index into [Map.Actors] and [Map.Statements], and a statement's
// data-document and data-annotation name its span. Text from the files is
// escaped; nothing in it can become markup.
func (d *Drawing) SVG() string {
	m := d.Map
	var b strings.Builder
	b.Grow(512 + 256*len(d.Nodes) + 512*len(m.Statements))
	// Below the circle: a line for the caption of what has the focus or
	// the pointer, then the legend.
	legendH := float64(legendLine*(len(m.Labels)+2) + margin)
	h := d.Height + legendH
	captionY := d.Height + float64(margin) + legendLine/2
	// The caption is cut to what the drawing's width holds at 11 pixels.
	captionLen := max(20, int((d.Width-2*margin)/(0.6*11)))

	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="argmap" width="`)
	writeFloat(&b, d.Width)
	b.WriteString(`" height="`)
	writeFloat(&b, h)
	b.WriteString(`" viewBox="0 0 `)
	writeFloat(&b, d.Width)
	b.WriteByte(' ')
	writeFloat(&b, h)
	b.WriteString(`" role="graphics-document document" aria-labelledby="argmap-title" aria-describedby="argmap-desc" font-family="sans-serif" font-size="` +
		strconv.Itoa(FontSize) + `">` + "\n<title id=\"argmap-title\">")
	writeXML(&b, m.title())
	b.WriteString("</title>\n<desc id=\"argmap-desc\">")
	b.WriteString("Actors are circles sized by their mentions; each claim or proposal is an arrow from its source to its target, " +
		"or a small dot by its actor when it lacks one. Tab moves through the actors, then the statements; each says what it is.")
	b.WriteString("</desc>\n<style>" + svgStyle + "</style>\n<defs>\n")
	for i := range m.Labels {
		b.WriteString(`<marker id="argmap-arrow-` + strconv.Itoa(i) +
			`" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="`)
		b.WriteString(labelColor(m, i))
		b.WriteString("\"/></marker>\n")
	}
	b.WriteString("</defs>\n")

	sums := m.Summaries()
	b.WriteString("<g class=\"actors\">\n")
	for _, nd := range d.Nodes {
		if nd.Actor < 0 {
			continue
		}
		desc := actorText(m, sums[nd.Actor])
		b.WriteString(`<g class="actor" tabindex="0" focusable="true" role="img" data-actor="` + strconv.Itoa(nd.Actor) + `" aria-label="`)
		writeXML(&b, desc)
		b.WriteString(`"><title>`)
		writeXML(&b, desc)
		b.WriteString(`</title><circle cx="`)
		writePoint(&b, nd.Center, `" cy="`)
		b.WriteString(`" r="`)
		writeFloat(&b, nd.R)
		b.WriteString(`" fill="` + actorFill + `" stroke="` + actorStroke + `" stroke-width="1.5"/><text x="`)
		writePoint(&b, nd.LabelAt, `" y="`)
		b.WriteString(`" transform="rotate(`)
		writeFloat(&b, nd.Angle)
		b.WriteByte(' ')
		writePoint(&b, nd.LabelAt, " ")
		b.WriteString(`)" dominant-baseline="central"`)
		if nd.End {
			b.WriteString(` text-anchor="end"`)
		}
		b.WriteString(` fill="#222">`)
		writeXML(&b, nd.Label)
		b.WriteString("</text>")
		writeCaption(&b, captionY, shorten(desc, captionLen))
		b.WriteString("</g>\n")
	}
	b.WriteString("</g>\n<g class=\"statements\" fill=\"none\" stroke-width=\"1.5\">\n")
	for k := 0; k < len(d.Arrows); {
		si := d.Arrows[k].Statement
		s := m.Statements[si]
		l := m.label(s.Label)
		color, dash := "#555", ""
		if l >= 0 {
			color, dash = labelColor(m, l), dashes[l%len(dashes)]
		}
		desc := statementText(m, s)
		b.WriteString(`<g class="statement" tabindex="0" focusable="true" role="img" data-statement="` + strconv.Itoa(si) +
			`" data-document="` + strconv.Itoa(s.Document) + `" data-annotation="`)
		writeXML(&b, s.ID)
		b.WriteString(`" aria-label="`)
		writeXML(&b, desc)
		b.WriteString(`"><title>`)
		writeXML(&b, desc)
		if s.Note != "" {
			b.WriteString("\nNote: ")
			writeXML(&b, s.Note)
		}
		b.WriteString("</title>")
		writeCaption(&b, captionY, shorten(desc, captionLen))
		for ; k < len(d.Arrows) && d.Arrows[k].Statement == si; k++ {
			ar := d.Arrows[k]
			b.WriteString(`<path d="M`)
			writePoint(&b, ar.P[0], ",")
			b.WriteByte('C')
			writePoint(&b, ar.P[1], ",")
			b.WriteByte(' ')
			writePoint(&b, ar.P[2], ",")
			b.WriteByte(' ')
			writePoint(&b, ar.P[3], ",")
			b.WriteString(`" stroke="` + color + `"`)
			if dash != "" {
				b.WriteString(` stroke-dasharray="` + dash + `"`)
			}
			if l >= 0 {
				b.WriteString(` marker-end="url(#argmap-arrow-` + strconv.Itoa(l) + `)"`)
			}
			b.WriteString("/>")
		}
		for _, nd := range d.Nodes[len(m.Actors):] {
			if nd.Statement == si {
				b.WriteString(`<circle cx="`)
				writePoint(&b, nd.Center, `" cy="`)
				b.WriteString(`" r="`)
				writeFloat(&b, nd.R)
				b.WriteString(`" fill="` + color + `" stroke="none"/>`)
			}
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</g>\n<g class=\"legend\" font-size=\"11\" fill=\"#222\">\n")
	y := d.Height + float64(margin) + legendLine
	for i, l := range m.Labels {
		b.WriteString(`<path d="M` + strconv.Itoa(margin) + ",")
		writeFloat(&b, y+legendLine/2)
		b.WriteString(`h30" stroke="` + labelColor(m, i) + `" stroke-width="1.5"`)
		if dash := dashes[i%len(dashes)]; dash != "" {
			b.WriteString(` stroke-dasharray="` + dash + `"`)
		}
		b.WriteString(` marker-end="url(#argmap-arrow-` + strconv.Itoa(i) + `)"/><text x="` + strconv.Itoa(margin+40) + `" y="`)
		writeFloat(&b, y+legendLine/2)
		b.WriteString(`" dominant-baseline="central">`)
		writeXML(&b, labelName(l.Name, l.ID)+": from source to target")
		b.WriteString("</text>\n")
		y += legendLine
	}
	b.WriteString(`<text x="` + strconv.Itoa(margin) + `" y="`)
	writeFloat(&b, y+legendLine/2)
	b.WriteString(`" dominant-baseline="central">circle: an actor, sized by mentions; dot: a statement without a source or target</text>` + "\n")
	b.WriteString("</g>\n</svg>\n")
	return b.String()
}

// writeCaption writes the line that shows, below the circle, what an
// actor or statement is while it has the focus or the pointer: <title>
// shows on hover only, and not in every viewer.
func writeCaption(b *strings.Builder, y float64, text string) {
	b.WriteString(`<text class="caption" x="` + strconv.Itoa(margin) + `" y="`)
	writeFloat(b, y)
	b.WriteString(`" dominant-baseline="central" font-size="11" fill="#000" stroke="none">`)
	writeXML(b, text)
	b.WriteString("</text>")
}

func writePoint(b *strings.Builder, p Point, sep string) {
	writeFloat(b, p.X)
	b.WriteString(sep)
	writeFloat(b, p.Y)
}

// labelColor returns the colour of m.Labels[i]: the schema's, when it is
// of the form #rrggbb, else one of the palette.
func labelColor(m *Map, i int) string {
	c := m.Labels[i].Color
	if len(c) == 7 && c[0] == '#' && strings.Trim(c[1:], "0123456789abcdefABCDEF") == "" {
		return c
	}
	return palette[i%len(palette)]
}

func labelName(name, id string) string {
	if name != "" {
		return name
	}
	return id
}

// title is the drawing's title: what it shows, and of which documents.
func (m *Map) title() string {
	t := "Argument map: " + plural(len(m.Actors), "actor") + ", " + plural(len(m.Statements), "statement")
	if len(m.Documents) == 1 {
		t += ", in " + m.Documents[0].Name
	} else if len(m.Documents) > 1 {
		t += ", in " + plural(len(m.Documents), "document")
	}
	return t
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// actorText says what the map holds about an actor, as in "Russia: 4
// mentions; source of 3 (Claim 2, Proposal 1); target of 1 (Claim 1)".
func actorText(m *Map, s Summary) string {
	a := m.Actors[s.Actor]
	t := a.Name + ": " + plural(len(a.Mentions), "mention")
	part := func(what string, n int, counts []int) {
		if n == 0 {
			return
		}
		t += "; " + what + " " + strconv.Itoa(n) + " ("
		first := true
		for i, c := range counts {
			if c == 0 {
				continue
			}
			if !first {
				t += ", "
			}
			first = false
			t += labelName(m.Labels[i].Name, m.Labels[i].ID) + " " + strconv.Itoa(c)
		}
		t += ")"
	}
	part("source of", len(s.Sources), s.SourceCounts)
	part("target of", len(s.Targets), s.TargetCounts)
	return t
}

// statementText says what a statement is, as in `Claim by Russia about
// Donald Trump: “…”`, then the document when the map has several.
func statementText(m *Map, s Statement) string {
	name := s.Label
	if l := m.label(s.Label); l >= 0 {
		name = labelName(m.Labels[l].Name, s.Label)
	}
	if len(s.Sources) > 0 {
		name += " by " + m.names(s.Sources)
	}
	if len(s.Targets) > 0 {
		name += " about " + m.names(s.Targets)
	}
	name += ": “" + s.Quote + "”"
	if len(m.Documents) > 1 {
		name += " (" + m.Documents[s.Document].Name + ")"
	}
	return name
}

// names returns the names of actors, joined by "; ".
func (m *Map) names(actors []int) string {
	var b strings.Builder
	for i, a := range actors {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(m.Actors[a].Name)
	}
	return b.String()
}
