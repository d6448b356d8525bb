package codec

import (
	"bytes"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// checkInput refuses data over the size limit or not valid UTF-8, the
// checks both decoders make before parsing; op starts the size message.
func checkInput(data []byte, lim limits, op string) error {
	if len(data) > lim.size {
		return &annotations.PathError{Err: lite.Errorf("%sthe file is %d bytes, more than the limit of %d", op, len(data), lim.size)}
	}
	if !utf8.Valid(data) {
		off := invalidUTF8At(data)
		return &annotations.PathError{Line: lineAt(data, off), Err: lite.Errorf("invalid UTF-8 at byte %d", off)}
	}
	return nil
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
	anns       [][]annotations.Annotation // chunks of annChunk, so that growing copies nothing
	annOffs    []annotationOffsets
	pendingErr error
}

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
		d.err = &annotations.PathError{Path: path, Line: line, Err: lite.Errorf(format, args...)}
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
		d.anns = append(d.anns, make([]annotations.Annotation, 0, annChunk))
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

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func (d *decoder) wrongType(v *jvalue, path, want string) {
	d.fail(v, path, "got %s, want %s", v.kind.String(), want)
}

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

// time returns v as a time to the second; a nil v or "" is zero.
func (d *decoder) time(v *jvalue, path string) annotations.Time {
	s := d.str(v, path)
	if s == "" {
		return 0
	}
	t, ok := lite.ParseTime(s)
	if !ok {
		d.fail(v, path, "%q is not an RFC 3339 time such as \"2025-02-18T09:30:00Z\"", s)
		return 0
	}
	return annotations.TimeOf(t)
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

// fieldBool returns the boolean field key of object o, or absent when o
// has no such field.
func (d *decoder) fieldBool(o *jvalue, path, key string, absent bool) bool {
	v := o.field(key)
	switch {
	case v == nil || d.err != nil:
		return absent
	case v.kind != kindBool:
		d.wrongType(v, join(path, key), "a boolean")
		return absent
	}
	return v.b
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

func (d *decoder) fieldTime(o *jvalue, path, key string) annotations.Time {
	v := o.field(key)
	if v != nil && v.kind == kindString && d.err == nil {
		if t, ok := lite.ParseTime(v.s); ok {
			return annotations.TimeOf(t)
		}
	}
	if v == nil || d.err != nil {
		return 0
	}
	return d.time(v, join(path, key))
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
