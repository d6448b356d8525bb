package argmap

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The escapers below are the only way text from a file (entities, quotes,
// notes, document names) reaches the output of this package. Each writes
// the whole of s, so nothing a person typed is lost, but nothing in it can
// end a string, open an element or start a formula.

// writeXML writes s escaped for XML text and for attribute values in double
// or single quotes. Characters XML 1.0 does not allow (most C0 controls,
// U+FFFE, U+FFFF, and invalid UTF-8) become U+FFFD; tab, line feed and
// carriage return become character references, so that attribute values
// keep them instead of having them normalised to spaces.
func writeXML(b *strings.Builder, s string) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\t':
			b.WriteString("&#9;")
		case r == '\n':
			b.WriteString("&#10;")
		case r == '\r':
			b.WriteString("&#13;")
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r == utf8.RuneError:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
}

// writeDOT writes s as a double-quoted DOT string. Backslashes are doubled
// so that Graphviz's escapes (\N, \G, \l) are not expanded, line breaks
// become \n, and other control characters become spaces.
func writeDOT(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
		case r < 0x20 || r == 0x7F:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// writeCSV writes s as one CSV field (RFC 4180): quoted when it holds a
// comma, a double quote or a line break, with quotes doubled. A field that
// a spreadsheet would run as a formula, one starting with =, +, -, @, a
// tab or a carriage return (or their full-width forms), is prefixed with
// an apostrophe, which spreadsheets show as text and do not evaluate.
func writeCSV(b *strings.Builder, s string) {
	if r, _ := utf8.DecodeRuneInString(s); strings.ContainsRune("=+-@\t\r＝＋－＠", r) && s != "" {
		s = "'" + s
	}
	if !strings.ContainsAny(s, ",\"\r\n") {
		b.WriteString(s)
		return
	}
	b.WriteByte('"')
	b.WriteString(strings.ReplaceAll(s, `"`, `""`))
	b.WriteByte('"')
}

// writeFloat writes x with at most one decimal, the precision of the
// drawing: a tenth of a pixel.
func writeFloat(b *strings.Builder, x float64) {
	n := int64(x*10 + 0.5)
	if x < 0 {
		n = int64(x*10 - 0.5)
	}
	if n < 0 {
		b.WriteByte('-')
		n = -n
	}
	b.WriteString(strconv.FormatInt(n/10, 10))
	if n%10 != 0 {
		b.WriteByte('.')
		b.WriteByte(byte('0' + n%10))
	}
}
