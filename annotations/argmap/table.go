package argmap

import (
	"strconv"
	"strings"
)

// TableHeader is the first row of [Map.CSV].
var TableHeader = []string{"document", "annotator", "annotation", "label", "start", "end", "quote", "source entities", "target entities", "note"}

// CSV writes the map's statements as a CSV table (RFC 4180, "\n" line
// ends), one row per claim or proposal with [TableHeader] first: the
// document and annotator, the annotation's id, label and code point span,
// the quote, the names of its source and target actors (each list joined
// by "; "), and the note. Cells that a spreadsheet would run as a formula
// are prefixed with an apostrophe (see writeCSV).
func (m *Map) CSV() string {
	var b strings.Builder
	b.Grow(128 * (len(m.Statements) + 1))
	for i, h := range TableHeader {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(h)
	}
	b.WriteByte('\n')
	for _, s := range m.Statements {
		doc := m.Documents[s.Document]
		for i, cell := range []string{doc.Name, doc.Annotator, s.ID, s.Label,
			strconv.Itoa(s.Start), strconv.Itoa(s.End), s.Quote,
			m.names(s.Sources), m.names(s.Targets), s.Note} {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCSV(&b, cell)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
