package annotations

// This file holds the native "spanmark" v1 JSON format: [Encode] writes a
// [File] deterministically and [Decode] reads one strictly. The format is
// described for users in docs/format.md, with a JSON Schema beside it in
// docs/spanmark.schema.json; a change here must be made there too (the
// tests check the golden files against that schema).

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of [Decode]. They keep a hostile or broken file from taking all the
// memory of a browser tab: 64 MiB is about ten novels of text, and a
// million annotations is far more than anyone marks by hand.
const (
	// MaxFileSize is the largest input Decode reads, in bytes.
	MaxFileSize = 64 << 20
	// MaxAnnotations bounds the annotations and orphans of a file together.
	MaxAnnotations = 1_000_000
	// MaxRelations bounds the relations of a file.
	MaxRelations = 1_000_000
	// maxDepth bounds the nesting of JSON arrays and objects. The format
	// itself nests six levels deep (orphans[i].annotation.conflict.votes[j]).
	maxDepth = 16
)

// timeLayout is how times are written: RFC 3339, UTC, to the second.
const timeLayout = "2006-01-02T15:04:05Z"

// limits are the bounds Decode enforces; tests lower them.
type limits struct {
	size, annotations, relations int
}

var defaultLimits = limits{size: MaxFileSize, annotations: MaxAnnotations, relations: MaxRelations}

// Encode writes f in the native "spanmark" v1 format. The output is
// deterministic: annotations are ordered by [Less], relations by id (with
// numeric tails compared as numbers, so "r9" comes before "r10"), orphans
// like annotations; two-space indent, a trailing newline, times in RFC 3339
// UTC to the second, and <, > and & written as they are, because the
// readers are programs (Python, pandas, jq), not HTML pages. A zero
// Spanmark field is written as [Version].
func Encode(f *File) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode: no file")
	}
	if f.Spanmark != 0 && f.Spanmark != Version {
		return nil, errorf("encode: version %d is not supported (this program writes version %d)", f.Spanmark, Version)
	}
	anns := make([]*Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
	}
	slices.SortStableFunc(anns, compareAnnotations)
	rels := sortedRelations(f.Relations)

	// The writer produces what encoding/json's Encoder with SetIndent("",
	// "  ") and SetEscapeHTML(false) would, byte for byte (the tests check
	// this), three times faster and with one buffer.
	w := jsonWriter{b: make([]byte, 0, len(f.Document.Text)+450*len(f.Annotations)+120*len(f.Relations)+4096)}
	w.open('{')
	w.key("spanmark")
	w.int(Version)
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
	return append(w.b, '\n'), nil
}

// jsonWriter writes JSON by hand for the encoders, indented by two spaces
// or, when compact, on one line, as encoding/json's Encoder would. After
// open, each member starts with key (objects) or elem (arrays), which write
// the comma and the line break before it. Its small methods are marked
// go:noinline: inlined at each of their hundreds of call sites they made
// the encoders three times larger in the browser program.
type jsonWriter struct {
	b       []byte
	depth   int
	empty   bool // nothing written since the last open
	compact bool // no line breaks, and no space after a colon
}

//go:noinline
func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

//go:noinline
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

//go:noinline
func (w *jsonWriter) elem() {
	if !w.empty {
		w.b = append(w.b, ',')
	}
	w.newline()
	w.empty = false
}

//go:noinline
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

//go:noinline
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
//
//go:noinline
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
func (w *jsonWriter) schema(s Schema) {
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

func (w *jsonWriter) annotation(a *Annotation) {
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

func (w *jsonWriter) conflict(c *Conflict) {
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

// orphans writes os ordered like annotations, by [Less].
func (w *jsonWriter) orphans(os []Orphan) {
	sorted := make([]*Orphan, len(os))
	for i := range os {
		sorted[i] = &os[i]
	}
	slices.SortStableFunc(sorted, func(a, b *Orphan) int { return compareAnnotations(&a.Annotation, &b.Annotation) })
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
func sortedRelations(rels []Relation) []Relation {
	out := slices.Clone(rels)
	sortStableFunc(out, compareRelations)
	return out
}

const hexDigits = "0123456789abcdef"

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
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
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
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
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

func compareAnnotations(a, b *Annotation) int {
	if Less(a, b) {
		return -1
	}
	if Less(b, a) {
		return 1
	}
	return 0
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// Decode reads a file in the native "spanmark" v1 format and checks it:
// the version, the shape (no unknown, repeated or missing fields, the right
// types), the document (normalised text whose length and sha256 identity
// match), the schema, and every annotation and relation (unique ids, known
// labels and types, spans inside the text, no duplicate spans, relation
// endpoints that exist and fit the type). Every error is a [*PathError]
// naming the JSON path of the problem and its line, such as
//
//	line 40: annotations[3].end: 7100 is past the end of the text (7079)
//
// A quote that disagrees with the text at its offsets is not an error here:
// Decode returns the file as written, and [File.Place] anchors such
// annotations again and reports what moved.
func Decode(data []byte) (*File, error) {
	return decode(data, defaultLimits)
}

func decode(data []byte, lim limits) (*File, error) {
	if len(data) > lim.size {
		return nil, &PathError{Err: errorf("the file is %d bytes, more than the limit of %d", len(data), lim.size)}
	}
	if !utf8.Valid(data) {
		off := invalidUTF8At(data)
		return nil, &PathError{Line: lineAt(data, off), Err: errorf("invalid UTF-8 at byte %d", off)}
	}
	d := decoder{data: data, lim: lim}
	p := parser{data: data, hook: d.take}
	root, err := p.parse()
	if err != nil {
		return nil, err
	}
	f := d.file(root)
	if d.err != nil {
		return nil, d.err
	}
	return f, nil
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int) int {
	off = min(off, len(data))
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// columnAt returns the 1-based column, in code points, of byte offset off.
func columnAt(data []byte, off int) int {
	off = min(off, len(data))
	return utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off]) + 1
}

// decoder turns the parsed JSON tree into a File, checking as it goes. It
// records only the first error; once d.err is set the accessors return zero
// values and callers stop at the next check of d.err.
//
// Paths are built only for errors: accessors take the object, its path and
// the key, so decoding a large valid file concatenates no strings.
type decoder struct {
	data []byte
	lim  limits
	err  error

	// The annotations, read by take while parsing: their count, the
	// values with where their fields are, and the first error in them,
	// reported when file comes to the annotations.
	nAnns      int
	anns       [][]Annotation // chunks of annChunk, so that growing copies nothing
	annOffs    []annotationOffsets
	pendingErr error
}

const annChunk = 1024

// annotationOffsets are the byte offsets of an annotation object and of
// the fields that the checks after parsing may complain about.
type annotationOffsets struct {
	off, id, label, start, end int
}

// Not inlined: it has hundreds of callers, and each inlined copy adds to
// the browser program (issue 3: the wasm size budget).
//
//go:noinline
func (d *decoder) fail(v *jvalue, path string, format string, args ...any) {
	off := -1
	if v != nil {
		off = v.off
	}
	d.failAt(off, path, format, args...)
}

// failAt records an error at byte offset off, or with no line when off < 0.
func (d *decoder) failAt(off int, path string, format string, args ...any) {
	if d.err == nil {
		line := 0
		if off >= 0 {
			line = lineAt(d.data, off)
		}
		d.err = &PathError{Path: path, Line: line, Err: errorf(format, args...)}
	}
}

// take is the parser's hook: it reads each element of the top-level
// "annotations" array into a pendingAnnotation, checking its shape; the
// checks that need the document and schema wait for file. An error is
// kept for later, so that a file of another version is refused for that.
func (d *decoder) take(key string, i int, v *jvalue) bool {
	if key != "annotations" {
		return false
	}
	d.nAnns = i + 1
	if d.pendingErr != nil || d.nAnns > d.lim.annotations {
		return true
	}
	a, offs := d.annotationShape(v, "annotations", i)
	if d.err != nil {
		d.pendingErr, d.err = d.err, nil
		return true
	}
	if len(d.anns) == 0 || len(d.anns[len(d.anns)-1]) == annChunk {
		d.anns = append(d.anns, make([]Annotation, 0, annChunk))
	}
	last := &d.anns[len(d.anns)-1]
	*last = append(*last, a)
	d.annOffs = append(d.annOffs, offs)
	return true
}

// object checks that v is an object with every required field and no field
// outside allowed. The first nreq fields of allowed are the required ones.
func (d *decoder) object(v *jvalue, path string, allowed []string, nreq int) bool {
	if d.err != nil {
		return false
	}
	if v.kind != kindObject {
		d.wrongType(v, path, "an object")
		return false
	}
	for _, fl := range v.fields {
		if !slices.Contains(allowed, fl.key) {
			d.fail(fl.val, join(path, fl.key), "unknown field")
			return false
		}
	}
	for _, k := range allowed[:nreq] {
		if v.field(k) == nil {
			d.fail(v, join(path, k), "missing")
			return false
		}
	}
	return true
}

// Not inlined: it has hundreds of callers, and each inlined copy adds to
// the browser program (issue 3: the wasm size budget).
//
//go:noinline
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// Not inlined: it has hundreds of callers, and each inlined copy adds to
// the browser program (issue 3: the wasm size budget).
//
//go:noinline
func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func (d *decoder) wrongType(v *jvalue, path, want string) {
	d.fail(v, path, "got %s, want %s", v.kind, want)
}

// The helpers below read a value at a path: str, int, time and array take
// the value and its full path, and are also used by the W3C decoder. The
// field helpers (fieldStr, fieldInt, ...) take an object, its path and a
// key, and build the path only for an error, so that decoding a large valid
// file concatenates no strings.

// str returns v as a string; a nil v (an absent field) is "".
func (d *decoder) str(v *jvalue, path string) string {
	if d.err != nil || v == nil {
		return ""
	}
	if v.kind != kindString {
		d.wrongType(v, path, "a string")
		return ""
	}
	return v.s
}

// int returns v as an integer; a nil v is 0.
func (d *decoder) int(v *jvalue, path string) int {
	if d.err != nil || v == nil {
		return 0
	}
	if v.kind != kindNumber {
		d.wrongType(v, path, "an integer")
		return 0
	}
	n, ok := parseInt(v.s)
	if !ok {
		d.fail(v, path, "%s is not an integer of at most 16 digits", v.s)
	}
	return n
}

// parseInt parses an integer literal within ±2^53, which keeps every
// offset exact in JavaScript and in Python floats too.
func parseInt(s string) (int, bool) {
	n, err := strconv.ParseInt(s, 10, 0)
	if err != nil || n > 1<<53 || n < -1<<53 {
		return 0, false
	}
	return int(n), true
}

// time returns v as a time in UTC to the second; a nil v or "" is the zero
// time.
func (d *decoder) time(v *jvalue, path string) time.Time {
	s := d.str(v, path)
	if s == "" {
		return time.Time{}
	}
	t, ok := parseRFC3339(s)
	if !ok {
		d.fail(v, path, "%q is not an RFC 3339 time such as \"2025-02-18T09:30:00Z\"", s)
		return time.Time{}
	}
	return t
}

// array returns the elements of v; a nil v is nil.
func (d *decoder) array(v *jvalue, path string) []*jvalue {
	if d.err != nil || v == nil {
		return nil
	}
	if v.kind != kindArray {
		d.wrongType(v, path, "an array")
		return nil
	}
	return v.elems
}

// fields checks v like [decoder.object] and returns its fields by name.
func (d *decoder) fields(v *jvalue, path string, allowed []string, nreq int) map[string]*jvalue {
	if !d.object(v, path, allowed, nreq) {
		return nil
	}
	m := make(map[string]*jvalue, len(v.fields))
	for _, f := range v.fields {
		m[f.key] = f.val
	}
	return m
}

func (d *decoder) fieldStr(o *jvalue, path, key string) string {
	v := o.field(key)
	if v != nil && v.kind == kindString && d.err == nil {
		return v.s
	}
	if v == nil || d.err != nil {
		return ""
	}
	return d.str(v, join(path, key))
}

func (d *decoder) fieldInt(o *jvalue, path, key string) int {
	v := o.field(key)
	if v != nil && v.kind == kindNumber && d.err == nil {
		if n, ok := parseInt(v.s); ok {
			return n
		}
	}
	if v == nil || d.err != nil {
		return 0
	}
	return d.int(v, join(path, key))
}

func (d *decoder) fieldTime(o *jvalue, path, key string) time.Time {
	v := o.field(key)
	if v != nil && v.kind == kindString && d.err == nil {
		if t, ok := parseUTC(v.s); ok {
			return t
		}
		if t, ok := parseRFC3339(v.s); ok {
			return t
		}
	}
	if v == nil || d.err != nil {
		return time.Time{}
	}
	return d.time(v, join(path, key))
}

// parseRFC3339 parses an RFC 3339 time as time.Parse(time.RFC3339, s)
// does, and returns it in UTC truncated to the second: what Spanmark keeps
// of a time. Like time.Parse it accepts a one-digit hour, a comma before
// the fraction of a second and zone offsets up to 24:60; the tests compare
// the two. (time.Parse costs the browser program
// 60 KB of WebAssembly.)
func parseRFC3339(s string) (time.Time, bool) {
	if t, ok := parseUTC(s); ok {
		return t, true
	}
	num := func(s string) (int, bool) {
		n := 0
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, s != ""
	}
	if len(s) < len("2006-01-02T1:04:05Z") {
		return time.Time{}, false
	}
	year, ok := num(s[:4])
	month, ok2 := num(s[5:7])
	day, ok3 := num(s[8:10])
	if !ok || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' || s[10] != 'T' {
		return time.Time{}, false
	}
	s = s[11:]
	hourLen := 2
	if s[1] == ':' {
		hourLen = 1
	}
	hour, ok := num(s[:hourLen])
	s = s[hourLen:]
	if !ok || len(s) < len(":04:05Z") || s[0] != ':' || s[3] != ':' {
		return time.Time{}, false
	}
	minute, ok2 := num(s[1:3])
	sec, ok3 := num(s[4:6])
	if !ok2 || !ok3 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	s = s[6:]
	if len(s) >= 2 && (s[0] == '.' || s[0] == ',') && '0' <= s[1] && s[1] <= '9' {
		s = s[2:]
		for len(s) > 0 && '0' <= s[0] && s[0] <= '9' {
			s = s[1:]
		}
	}
	offset := 0
	switch {
	case s == "Z":
	case len(s) == len("+07:00") && (s[0] == '+' || s[0] == '-') && s[3] == ':':
		hr, ok := num(s[1:3])
		mm, ok2 := num(s[4:6])
		if !ok || !ok2 || hr > 24 || mm > 60 {
			return time.Time{}, false
		}
		offset = (hr*60 + mm) * 60
		if s[0] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
	if t.Day() != day { // 2026-02-30 is not a day
		return time.Time{}, false
	}
	return t.Add(-time.Duration(offset) * time.Second), true
}

// parseUTC parses the times Spanmark writes, "2006-01-02T15:04:05Z", five
// times faster than time.Parse; anything else is left to time.Parse.
func parseUTC(s string) (time.Time, bool) {
	if len(s) != len(timeLayout) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' {
		return time.Time{}, false
	}
	var n [6]int
	for i, at := range [6]int{0, 5, 8, 11, 14, 17} {
		w := 2
		if i == 0 {
			w = 4
		}
		for _, c := range []byte(s[at : at+w]) {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			n[i] = n[i]*10 + int(c-'0')
		}
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], 0, time.UTC)
	// time.Date normalises 2026-02-30 to March; time.Parse refuses it.
	if t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] || t.Hour() != n[3] || t.Minute() != n[4] || t.Second() != n[5] {
		return time.Time{}, false
	}
	return t, true
}

func (d *decoder) fieldArray(o *jvalue, path, key string) []*jvalue {
	v := o.field(key)
	if v != nil && v.kind == kindArray && d.err == nil {
		return v.elems
	}
	if v == nil || d.err != nil {
		return nil
	}
	return d.array(v, join(path, key))
}

// fieldStrings returns the array of strings field key of object o.
func (d *decoder) fieldStrings(o *jvalue, path, key string) []string {
	els := d.fieldArray(o, path, key)
	if els == nil {
		return nil
	}
	out := make([]string, len(els))
	for i, e := range els {
		if e.kind != kindString {
			d.wrongType(e, index(join(path, key), i), "a string")
			return nil
		}
		out[i] = e.s
	}
	return out
}

var (
	fileFields         = []string{"spanmark", "document", "schema", "annotations", "relations", "orphans", "annotator", "exported"}
	documentFields     = []string{"id", "length", "text", "title", "source"}
	schemaFields       = []string{"labels", "relations"}
	labelFields        = []string{"id", "name", "key", "color", "description"}
	relationTypeFields = []string{"id", "name", "from", "to", "description"}
	annotationFields   = []string{"id", "label", "start", "end", "quote", "prefix", "suffix", "entity", "note", "conflict", "created", "modified"}
	conflictFields     = []string{"votes"}
	voteFields         = []string{"annotator", "label"}
	relationFields     = []string{"id", "type", "from", "to"}
	orphanFields       = []string{"annotation", "reason"}
)

func (d *decoder) file(root *jvalue) *File {
	if root.kind != kindObject {
		d.wrongType(root, "", "an object with a \"spanmark\" field")
		return nil
	}
	// The version comes first, so that a file of another kind or version is
	// refused for that reason rather than for a field it does not know.
	ver := root.field("spanmark")
	if ver == nil {
		d.fail(root, "spanmark", "missing; this is not a spanmark file")
		return nil
	}
	if ver.kind != kindNumber {
		d.wrongType(ver, "spanmark", "the version number 1")
		return nil
	}
	if ver.s != strconv.Itoa(Version) {
		d.fail(ver, "spanmark", "version %s is not supported (this program reads version %d)", ver.s, Version)
		return nil
	}
	if !d.object(root, "", fileFields, 4) {
		return nil
	}
	f := &File{Spanmark: Version}
	f.Document = d.document(root.field("document"))
	f.Schema = d.schema(root.field("schema"))
	f.Annotator = d.fieldStr(root, "", "annotator")
	f.Exported = d.fieldTime(root, "", "exported")
	if d.err != nil {
		return nil
	}
	sch := &f.Schema
	labels := map[string]string{} // annotation id -> label, of annotations and orphans
	// The elements of "annotations" were read by take while parsing, and
	// are not in the tree.
	d.fieldArray(root, "", "annotations")
	orphans := d.fieldArray(root, "", "orphans")
	if n := d.nAnns + len(orphans); n > d.lim.annotations && d.err == nil {
		d.fail(root.field("annotations"), "annotations", "%d annotations and orphans are more than the limit of %d", n, d.lim.annotations)
	}
	if d.err == nil && d.pendingErr != nil {
		d.err = d.pendingErr
	}
	if d.err != nil {
		return nil
	}
	f.Annotations = make([]Annotation, 0, len(d.annOffs))
	for _, c := range d.anns {
		f.Annotations = append(f.Annotations, c...)
	}
	type span struct {
		label      string
		start, end int
	}
	spans := make(map[span]int, len(f.Annotations))
	for i := range f.Annotations {
		a, offs := &f.Annotations[i], &d.annOffs[i]
		if d.annotationCheck(a, offs, "annotations", i, sch, labels); d.err != nil {
			return nil
		}
		n := f.Document.Length
		switch {
		case a.Start < 0:
			d.failAt(offs.start, index("annotations", i)+".start", "%d is negative", a.Start)
		case a.End > n:
			d.failAt(offs.end, index("annotations", i)+".end", "%d is past the end of the text (%d)", a.End, n)
		case a.End <= a.Start:
			d.failAt(offs.end, index("annotations", i)+".end", "%d is not after start %d", a.End, a.Start)
		}
		sp := span{a.Label, a.Start, a.End}
		if j, ok := spans[sp]; ok {
			d.failAt(offs.off, index("annotations", i), "same label and span as annotations[%d] (%q)", j, f.Annotations[j].ID)
		}
		if d.err != nil {
			return nil
		}
		spans[sp] = i
	}
	d.anns, d.annOffs = nil, nil
	if orphans != nil {
		f.Orphans = make([]Orphan, len(orphans))
	}
	for i, v := range orphans {
		p := index("orphans", i)
		if !d.object(v, p, orphanFields, 2) {
			return nil
		}
		a, _ := d.annotation(v.field("annotation"), p+".annotation", sch, labels)
		f.Orphans[i] = Orphan{Annotation: a, Reason: d.fieldStr(v, p, "reason")}
	}
	rels := d.fieldArray(root, "", "relations")
	if len(rels) > d.lim.relations {
		d.fail(root.field("relations"), "relations", "%d relations are more than the limit of %d", len(rels), d.lim.relations)
	}
	if d.err != nil {
		return nil
	}
	f.Relations = make([]Relation, len(rels))
	relIDs := make(map[string]int, len(rels))
	type link struct{ typ, from, to string }
	links := make(map[link]int, len(rels))
	for i, v := range rels {
		p := index("relations", i)
		if !d.object(v, p, relationFields, 4) {
			return nil
		}
		r := Relation{ID: d.fieldStr(v, p, "id"), Type: d.fieldStr(v, p, "type"), From: d.fieldStr(v, p, "from"), To: d.fieldStr(v, p, "to")}
		if d.err != nil {
			return nil
		}
		rt, typeOK := sch.Relation(r.Type)
		fromLabel, fromOK := labels[r.From]
		toLabel, toOK := labels[r.To]
		j, used := relIDs[r.ID]
		k, repeated := links[link{r.Type, r.From, r.To}]
		switch {
		case r.ID == "":
			d.fail(v.field("id"), p+".id", "empty")
		case used:
			d.fail(v.field("id"), p+".id", "%q is used twice (also relations[%d])", r.ID, j)
		case !typeOK:
			d.fail(v.field("type"), p+".type", "unknown relation type %q", r.Type)
		case !fromOK:
			d.fail(v.field("from"), p+".from", "no annotation has id %q", r.From)
		case !toOK:
			d.fail(v.field("to"), p+".to", "no annotation has id %q", r.To)
		case r.From == r.To:
			d.fail(v.field("to"), p+".to", "links annotation %q to itself", r.To)
		case !rt.Allows(fromLabel, toLabel):
			d.fail(v, p, "a %q relation cannot go from %s to %s", r.Type, fromLabel, toLabel)
		case repeated:
			d.fail(v, p, "repeats relations[%d] (%q): same type, from and to", k, f.Relations[k].ID)
		}
		if d.err != nil {
			return nil
		}
		relIDs[r.ID] = i
		links[link{r.Type, r.From, r.To}] = i
		f.Relations[i] = r
	}
	return f
}

func (d *decoder) document(v *jvalue) FileDocument {
	const p = "document"
	if !d.object(v, p, documentFields, 3) {
		return FileDocument{}
	}
	doc := FileDocument{
		ID:     d.fieldStr(v, p, "id"),
		Length: d.fieldInt(v, p, "length"),
		Text:   d.fieldStr(v, p, "text"),
		Title:  d.fieldStr(v, p, "title"),
		Source: d.fieldStr(v, p, "source"),
	}
	if d.err != nil {
		return doc
	}
	if norm := Normalize(doc.Text); norm != doc.Text {
		what := "carriage returns; lines must end with LF alone"
		if strings.HasPrefix(doc.Text, "\uFEFF") {
			what = "a byte order mark at the start"
		}
		d.fail(v.field("text"), "document.text", "is not normalised: it has %s", what)
		return doc
	}
	if n := utf8.RuneCountInString(doc.Text); doc.Length != n {
		d.fail(v.field("length"), "document.length", "%d is not the length of the text (%d code points)", doc.Length, n)
		return doc
	}
	if id := documentID(doc.Text); doc.ID != id {
		d.fail(v.field("id"), "document.id", "%q is not the identity of the text, which is %q", doc.ID, id)
	}
	return doc
}

func (d *decoder) schema(v *jvalue) Schema {
	if !d.object(v, "schema", schemaFields, 1) {
		return Schema{}
	}
	var s Schema
	labels := d.fieldArray(v, "schema", "labels")
	s.Labels = make([]Label, len(labels))
	for i, lv := range labels {
		p := index("schema.labels", i)
		if !d.object(lv, p, labelFields, 2) {
			return Schema{}
		}
		s.Labels[i] = Label{
			ID:          d.fieldStr(lv, p, "id"),
			Name:        d.fieldStr(lv, p, "name"),
			Key:         d.fieldStr(lv, p, "key"),
			Color:       d.fieldStr(lv, p, "color"),
			Description: d.fieldStr(lv, p, "description"),
		}
	}
	if rels := d.fieldArray(v, "schema", "relations"); rels != nil {
		s.Relations = make([]RelationType, len(rels))
		for i, rv := range rels {
			p := index("schema.relations", i)
			if !d.object(rv, p, relationTypeFields, 4) {
				return Schema{}
			}
			s.Relations[i] = RelationType{
				ID:          d.fieldStr(rv, p, "id"),
				Name:        d.fieldStr(rv, p, "name"),
				From:        d.fieldStrings(rv, p, "from"),
				To:          d.fieldStrings(rv, p, "to"),
				Description: d.fieldStr(rv, p, "description"),
			}
		}
	}
	if d.err != nil {
		return Schema{}
	}
	if err := s.Validate(); err != nil {
		if pe, ok := asError[*PathError](err); ok {
			d.fail(d.at(v, pe.Path), join("schema", pe.Path), "%v", pe.Err)
		} else {
			d.fail(v, "schema", "%v", err)
		}
		return Schema{}
	}
	return s
}

// at returns the value at a relative path such as "labels[2].id" under v,
// or the deepest value on the way that exists, for its line.
func (d *decoder) at(v *jvalue, path string) *jvalue {
	for path != "" {
		switch i := strings.IndexAny(path, ".["); {
		case i < 0:
			if next := v.field(path); next != nil {
				return next
			}
			return v
		case i > 0:
			next := v.field(path[:i])
			if next == nil {
				return v
			}
			v, path = next, path[i:]
		case path[0] == '.':
			path = path[1:]
		default: // "[n]..."
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return v
			}
			n, err := strconv.Atoi(path[1:end])
			if err != nil || v.kind != kindArray || n < 0 || n >= len(v.elems) {
				return v
			}
			v, path = v.elems[n], path[end+1:]
		}
	}
	return v
}

// annotation decodes an annotation or an orphan's annotation at path and
// records its id and label in labels. It checks what both share (a unique,
// non-empty id, a known label); the span checks are the caller's, since an
// orphan's offsets refer to a text that is gone. The second result is
// always nil; it is kept for the W3C decoder, written against an earlier
// version that returned the fields.
func (d *decoder) annotation(v *jvalue, p string, sch *Schema, labels map[string]string) (Annotation, map[string]*jvalue) {
	a, offs := d.annotationShape(v, p, -1)
	if d.err != nil {
		return Annotation{}, nil
	}
	if d.annotationCheck(&a, &offs, p, -1, sch, labels); d.err != nil {
		return Annotation{}, nil
	}
	return a, nil
}

// annotationPath is path, or path[i] when i >= 0. The callers that read
// many annotations pass the index, so that the path is made only for an
// error.
func annotationPath(path string, i int) string {
	if i < 0 {
		return path
	}
	return index(path, i)
}

// annotationShape reads the fields of the annotation v at
// annotationPath(path, i), checking their names and types.
func (d *decoder) annotationShape(v *jvalue, path string, i int) (Annotation, annotationOffsets) {
	p := annotationPath(path, i)
	if !d.object(v, p, annotationFields, 5) {
		return Annotation{}, annotationOffsets{}
	}
	a := Annotation{
		ID:       d.fieldStr(v, p, "id"),
		Label:    d.fieldStr(v, p, "label"),
		Start:    d.fieldInt(v, p, "start"),
		End:      d.fieldInt(v, p, "end"),
		Quote:    d.fieldStr(v, p, "quote"),
		Prefix:   d.fieldStr(v, p, "prefix"),
		Suffix:   d.fieldStr(v, p, "suffix"),
		Entity:   d.fieldStr(v, p, "entity"),
		Note:     d.fieldStr(v, p, "note"),
		Created:  d.fieldTime(v, p, "created"),
		Modified: d.fieldTime(v, p, "modified"),
	}
	if cv := v.field("conflict"); cv != nil && d.err == nil {
		a.Conflict = d.conflict(cv, p+".conflict")
	}
	return a, annotationOffsets{off: v.off, id: v.field("id").off, label: v.field("label").off,
		start: v.field("start").off, end: v.field("end").off}
}

// annotationCheck checks that the id of the annotation a at
// annotationPath(path, i) is non-empty and unused, and its label known, and
// records them in labels.
func (d *decoder) annotationCheck(a *Annotation, offs *annotationOffsets, path string, i int, sch *Schema, labels map[string]string) {
	switch _, used := labels[a.ID]; {
	case a.ID == "":
		d.failAt(offs.id, annotationPath(path, i)+".id", "empty")
	case used:
		d.failAt(offs.id, annotationPath(path, i)+".id", "%q is used twice", a.ID)
	default:
		if _, ok := sch.Label(a.Label); !ok {
			d.failAt(offs.label, annotationPath(path, i)+".label", "unknown label %q", a.Label)
		}
	}
	if d.err == nil {
		labels[a.ID] = a.Label
	}
}

func (d *decoder) conflict(v *jvalue, p string) *Conflict {
	if !d.object(v, p, conflictFields, 1) {
		return nil
	}
	votes := d.fieldArray(v, p, "votes")
	c := &Conflict{Votes: make([]Vote, len(votes))}
	for i, vv := range votes {
		vp := index(p+".votes", i)
		if !d.object(vv, vp, voteFields, 1) {
			return nil
		}
		c.Votes[i] = Vote{Annotator: d.fieldStr(vv, vp, "annotator"), Label: d.fieldStr(vv, vp, "label")}
	}
	return c
}
