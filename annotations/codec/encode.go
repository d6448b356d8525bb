package codec

import (
	"errors"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Encode writes f in the native "spanmark" v1 format. The output is
// deterministic: annotations are ordered by [Compare], relations by id (with
// numeric tails compared as numbers, so "r9" comes before "r10"), orphans
// like annotations; two-space indent, a trailing newline, times in RFC 3339
// UTC to the second, and <, > and & written as they are, because the
// readers are programs (Python, pandas, jq), not HTML pages. A zero
// Spanmark field is written as [Version].
func Encode(f *annotations.File) ([]byte, error) {
	return encode(f, false)
}

// EncodeCompact writes f like [Encode] but on one line, with no space
// after colons and no trailing newline: the form of each file in a
// project's corpus (package project), one file per line.
func EncodeCompact(f *annotations.File) ([]byte, error) {
	return encode(f, true)
}

func encode(f *annotations.File, compact bool) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode: no file")
	}
	if f.Spanmark != 0 && f.Spanmark != annotations.Version {
		return nil, lite.Errorf("encode: version %d is not supported (this program writes version %d)", f.Spanmark, annotations.Version)
	}
	anns := make([]*annotations.Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
	}
	slices.SortStableFunc(anns, annotations.Compare)
	rels := sortedRelations(f.Relations)

	// The writer produces what encoding/json's Encoder with SetIndent("",
	// "  ") and SetEscapeHTML(false) would, byte for byte (the tests check
	// this), three times faster and with one buffer.
	w := jsonWriter{b: make([]byte, 0, len(f.Document.Text)+450*len(f.Annotations)+120*len(f.Relations)+4096), compact: compact}
	w.open('{')
	w.key("spanmark")
	w.int(annotations.Version)
	w.key("document")
	w.open('{')
	w.str("id", f.Document.ID)
	w.str("title", f.Document.Title)
	w.strOmit("source", f.Document.Source)
	w.key("length")
	w.int(f.Document.Length)
	w.str("text", f.Document.Text)
	w.close('}')
	w.key("schema")
	w.schema(f.Schema)
	w.key("annotations")
	w.open('[')
	for _, a := range anns {
		w.elem()
		w.annotation(a)
	}
	w.close(']')
	w.key("relations")
	w.open('[')
	for _, r := range rels {
		w.elem()
		w.open('{')
		w.str("id", r.ID)
		w.str("type", r.Type)
		w.str("from", r.From)
		w.str("to", r.To)
		w.close('}')
	}
	w.close(']')
	if len(f.Orphans) > 0 {
		w.key("orphans")
		w.orphans(f.Orphans)
	}
	w.strOmit("annotator", f.Annotator)
	w.strOmit("exported", formatTime(f.Exported))
	w.close('}')
	if compact {
		return w.b, nil
	}
	return append(w.b, '\n'), nil
}

// jsonWriter writes JSON by hand for the encoders, indented by two spaces
// or, when compact, on one line, as encoding/json's Encoder would. After
// open, each member starts with key (objects) or elem (arrays), which write
// the comma and the line break before it. (The build compiles our
// packages without inlining: inlined at each of their hundreds of call
// sites, these small methods made the encoders three times larger in the
// browser program.)
type jsonWriter struct {
	b       []byte
	depth   int
	empty   bool // nothing written since the last open
	compact bool // no line breaks, and no space after a colon
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.b = append(w.b, c)
	w.empty = false
}

func (w *jsonWriter) newline() {
	if w.compact {
		return
	}
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, "  "...)
	}
}

func (w *jsonWriter) elem() {
	if !w.empty {
		w.b = append(w.b, ',')
	}
	w.newline()
	w.empty = false
}

func (w *jsonWriter) key(k string) {
	w.elem()
	w.b = appendJSONString(w.b, k)
	if w.compact {
		w.b = append(w.b, ':')
	} else {
		w.b = append(w.b, ": "...)
	}
}

func (w *jsonWriter) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

func (w *jsonWriter) intField(k string, n int) {
	w.key(k)
	w.int(n)
}

// strElem writes a string element of an array.
func (w *jsonWriter) strElem(v string) {
	w.elem()
	w.b = appendJSONString(w.b, v)
}

func (w *jsonWriter) str(k, v string) {
	w.key(k)
	w.b = appendJSONString(w.b, v)
}

// strOrNull writes a string field, or null when v is empty.
func (w *jsonWriter) strOrNull(k, v string) {
	w.key(k)
	if v == "" {
		w.b = append(w.b, "null"...)
	} else {
		w.b = appendJSONString(w.b, v)
	}
}

// strOmit writes a field that encoding/json would leave out when empty.
func (w *jsonWriter) strOmit(k, v string) {
	if v != "" {
		w.str(k, v)
	}
}

func (w *jsonWriter) strs(k string, vs []string) {
	w.key(k)
	w.open('[')
	for _, v := range vs {
		w.strElem(v)
	}
	w.close(']')
}

// schema writes s as an object of labels and relation types.
func (w *jsonWriter) schema(s annotations.Schema) {
	w.open('{')
	w.key("labels")
	w.open('[')
	for _, l := range s.Labels {
		w.elem()
		w.open('{')
		w.str("id", l.ID)
		w.str("name", l.Name)
		w.strOmit("key", l.Key)
		w.strOmit("color", l.Color)
		w.strOmit("description", l.Description)
		if l.NoEntities {
			w.key("entities") // absent is true
			w.b = append(w.b, "false"...)
		}
		w.close('}')
	}
	w.close(']')
	w.key("relations")
	w.open('[')
	for _, rt := range s.Relations {
		w.elem()
		w.open('{')
		w.str("id", rt.ID)
		w.str("name", rt.Name)
		w.strs("from", rt.From)
		w.strs("to", rt.To)
		w.strOmit("description", rt.Description)
		w.close('}')
	}
	w.close(']')
	w.close('}')
}

func (w *jsonWriter) annotation(a *annotations.Annotation) {
	w.open('{')
	w.str("id", a.ID)
	w.str("label", a.Label)
	w.key("start")
	w.int(a.Start)
	w.key("end")
	w.int(a.End)
	w.str("quote", a.Quote)
	w.str("prefix", a.Prefix)
	w.str("suffix", a.Suffix)
	w.strOmit("entity", a.Entity)
	w.strOmit("note", a.Note)
	if a.Conflict != nil {
		w.key("conflict")
		w.conflict(a.Conflict)
	}
	w.strOmit("created", formatTime(a.Created))
	w.strOmit("modified", formatTime(a.Modified))
	w.close('}')
}

func (w *jsonWriter) conflict(c *annotations.Conflict) {
	w.open('{')
	w.key("votes")
	w.open('[')
	for _, v := range c.Votes {
		w.elem()
		w.open('{')
		w.str("annotator", v.Annotator)
		w.strOmit("label", v.Label)
		w.close('}')
	}
	w.close(']')
	w.close('}')
}

// orphans writes os ordered like annotations, by [Compare].
func (w *jsonWriter) orphans(os []annotations.Orphan) {
	sorted := make([]*annotations.Orphan, len(os))
	for i := range os {
		sorted[i] = &os[i]
	}
	slices.SortStableFunc(sorted, func(a, b *annotations.Orphan) int { return annotations.Compare(&a.Annotation, &b.Annotation) })
	w.open('[')
	for _, o := range sorted {
		w.elem()
		w.open('{')
		w.key("annotation")
		w.annotation(&o.Annotation)
		w.str("reason", o.Reason)
		w.close('}')
	}
	w.close(']')
}

// sortedRelations returns a copy of rels ordered by id, with numeric tails
// compared as numbers.
func sortedRelations(rels []annotations.Relation) []annotations.Relation {
	out := slices.Clone(rels)
	lite.SortStableFunc(out, annotations.CompareRelations)
	return out
}

// appendJSONString appends s as a JSON string the way encoding/json does
// without HTML escaping: quotes, backslashes and control characters
// escaped (\b \f \n \r \t by name), U+2028 and U+2029 escaped for
// JavaScript, and invalid UTF-8 written as \ufffd.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', lite.HexDigits[c>>4], lite.HexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', lite.HexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// formatTime writes t as RFC 3339 in UTC, or "" for zero.
func formatTime(t annotations.Time) string {
	if t.IsZero() {
		return ""
	}
	return lite.FormatTime(t.UTC())
}
