package jsonio

import (
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Writer writes JSON by hand for the encoders, indented by two spaces
// or, when compact, on one line, as encoding/json's Encoder would. After
// open, each member starts with key (objects) or elem (arrays), which write
// the comma and the line break before it. (The build compiles our
// packages without inlining: inlined at each of their hundreds of call
// sites, these small methods made the encoders three times larger in the
// browser program.)
type Writer struct {
	Buf     []byte
	Depth   int
	Empty   bool // nothing written since the last open
	Compact bool // no line breaks, and no space after a colon
}

func (w *Writer) Open(c byte) {
	w.Buf = append(w.Buf, c)
	w.Depth++
	w.Empty = true
}

func (w *Writer) Close(c byte) {
	w.Depth--
	if !w.Empty {
		w.newline()
	}
	w.Buf = append(w.Buf, c)
	w.Empty = false
}

func (w *Writer) newline() {
	if w.Compact {
		return
	}
	w.Buf = append(w.Buf, '\n')
	for range w.Depth {
		w.Buf = append(w.Buf, "  "...)
	}
}

func (w *Writer) Elem() {
	if !w.Empty {
		w.Buf = append(w.Buf, ',')
	}
	w.newline()
	w.Empty = false
}

func (w *Writer) Key(k string) {
	w.Elem()
	w.Buf = AppendString(w.Buf, k)
	if w.Compact {
		w.Buf = append(w.Buf, ':')
	} else {
		w.Buf = append(w.Buf, ": "...)
	}
}

func (w *Writer) Int(n int) { w.Buf = strconv.AppendInt(w.Buf, int64(n), 10) }

func (w *Writer) IntField(k string, n int) {
	w.Key(k)
	w.Int(n)
}

// strElem writes a string element of an array.
func (w *Writer) StrElem(v string) {
	w.Elem()
	w.Buf = AppendString(w.Buf, v)
}

func (w *Writer) Str(k, v string) {
	w.Key(k)
	w.Buf = AppendString(w.Buf, v)
}

// strOrNull writes a string field, or null when v is empty.
func (w *Writer) StrOrNull(k, v string) {
	w.Key(k)
	if v == "" {
		w.Buf = append(w.Buf, "null"...)
	} else {
		w.Buf = AppendString(w.Buf, v)
	}
}

// strOmit writes a field that encoding/json would leave out when empty.
func (w *Writer) StrOmit(k, v string) {
	if v != "" {
		w.Str(k, v)
	}
}

func (w *Writer) Strs(k string, vs []string) {
	w.Key(k)
	w.Open('[')
	for _, v := range vs {
		w.StrElem(v)
	}
	w.Close(']')
}

// schema writes s as an object of labels and relation types.
func (w *Writer) Schema(s annotations.Schema) {
	w.Open('{')
	w.Key("labels")
	w.Open('[')
	for _, l := range s.Labels {
		w.Elem()
		w.Open('{')
		w.Str("id", l.ID)
		w.Str("name", l.Name)
		w.StrOmit("key", l.Key)
		w.StrOmit("color", l.Color)
		w.StrOmit("description", l.Description)
		if l.NoEntities {
			w.Key("entities") // absent is true
			w.Buf = append(w.Buf, "false"...)
		}
		w.Close('}')
	}
	w.Close(']')
	w.Key("relations")
	w.Open('[')
	for _, rt := range s.Relations {
		w.Elem()
		w.Open('{')
		w.Str("id", rt.ID)
		w.Str("name", rt.Name)
		w.Strs("from", rt.From)
		w.Strs("to", rt.To)
		w.StrOmit("description", rt.Description)
		w.Close('}')
	}
	w.Close(']')
	w.Close('}')
}

func (w *Writer) Annotation(a *annotations.Annotation) {
	w.Open('{')
	w.Str("id", a.ID)
	w.Str("label", a.Label)
	w.Key("start")
	w.Int(a.Start)
	w.Key("end")
	w.Int(a.End)
	w.Str("quote", a.Quote)
	w.Str("prefix", a.Prefix)
	w.Str("suffix", a.Suffix)
	w.StrOmit("entity", a.Entity)
	w.StrOmit("note", a.Note)
	if a.Conflict != nil {
		w.Key("conflict")
		w.Conflict(a.Conflict)
	}
	w.StrOmit("created", FormatTime(a.Created))
	w.StrOmit("modified", FormatTime(a.Modified))
	w.Close('}')
}

func (w *Writer) Conflict(c *annotations.Conflict) {
	w.Open('{')
	w.Key("votes")
	w.Open('[')
	for _, v := range c.Votes {
		w.Elem()
		w.Open('{')
		w.Str("annotator", v.Annotator)
		w.StrOmit("label", v.Label)
		w.Close('}')
	}
	w.Close(']')
	w.Close('}')
}

// orphans writes os ordered like annotations, by [Compare].
func (w *Writer) Orphans(os []annotations.Orphan) {
	sorted := make([]*annotations.Orphan, len(os))
	for i := range os {
		sorted[i] = &os[i]
	}
	slices.SortStableFunc(sorted, func(a, b *annotations.Orphan) int { return annotations.Compare(&a.Annotation, &b.Annotation) })
	w.Open('[')
	for _, o := range sorted {
		w.Elem()
		w.Open('{')
		w.Key("annotation")
		w.Annotation(&o.Annotation)
		w.Str("reason", o.Reason)
		w.Close('}')
	}
	w.Close(']')
}

// SortedRelations returns a copy of rels ordered by id, with numeric tails
// compared as numbers.
func SortedRelations(rels []annotations.Relation) []annotations.Relation {
	out := slices.Clone(rels)
	lite.SortStableFunc(out, annotations.CompareRelations)
	return out
}

// AppendString appends s as a JSON string the way encoding/json does
// without HTML escaping: quotes, backslashes and control characters
// escaped (\b \f \n \r \t by name), U+2028 and U+2029 escaped for
// JavaScript, and invalid UTF-8 written as \ufffd.
func AppendString(dst []byte, s string) []byte {
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

// FormatTime writes t as RFC 3339 in UTC, or "" for zero.
func FormatTime(t annotations.Time) string {
	if t.IsZero() {
		return ""
	}
	return lite.FormatTime(t.UTC())
}
