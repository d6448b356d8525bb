package jsonio

import (
	"bytes"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// CheckInput refuses data over maxSize bytes or not valid UTF-8: what
// every decoder checks before parsing. op begins the size message.
func CheckInput(data []byte, maxSize int, op string) error {
	if len(data) > maxSize {
		return &annotations.PathError{Err: lite.Errorf("%sthe file is %d bytes, more than the limit of %d", op, len(data), maxSize)}
	}
	if !utf8.Valid(data) {
		off := InvalidUTF8At(data)
		return &annotations.PathError{Line: LineAt(data, off), Err: lite.Errorf("invalid UTF-8 at byte %d", off)}
	}
	return nil
}

func InvalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// LineAt returns the 1-based line of byte offset off in data.
func LineAt(data []byte, off int) int {
	off = min(off, len(data))
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// ColumnAt returns the 1-based column, in code points, of byte offset off.
func ColumnAt(data []byte, off int) int {
	off = min(off, len(data))
	return utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off]) + 1
}

// decoder turns the parsed JSON tree into a File, checking as it goes. It
// records only the first error; once d.Err is set the accessors return zero
// values and callers stop at the next check of d.Err.
//
// Paths are built only for errors: accessors take the object, its path and
// the key, so decoding a large valid file concatenates no strings.
type Decoder struct {
	Data []byte
	Lim  Limits
	Err  error
}

func (d *Decoder) Fail(v *Value, path string, format string, args ...any) {
	off := -1
	if v != nil {
		off = v.Off
	}
	d.FailAt(off, path, format, args...)
}

// failAt records an error at byte offset off, or with no line when off < 0.
func (d *Decoder) FailAt(off int, path string, format string, args ...any) {
	if d.Err == nil {
		line := 0
		if off >= 0 {
			line = LineAt(d.Data, off)
		}
		d.Err = &annotations.PathError{Path: path, Line: line, Err: lite.Errorf(format, args...)}
	}
}

// object checks that v is an object with every required field and no field
// outside allowed. The first nreq fields of allowed are the required ones.
func (d *Decoder) Object(v *Value, path string, allowed []string, nreq int) bool {
	if d.Err != nil {
		return false
	}
	if v.Kind != KindObject {
		d.WrongType(v, path, "an object")
		return false
	}
	for _, fl := range v.Fields {
		if !slices.Contains(allowed, fl.Key) {
			d.Fail(fl.Val, Join(path, fl.Key), "unknown field")
			return false
		}
	}
	for _, k := range allowed[:nreq] {
		if v.Field(k) == nil {
			d.Fail(v, Join(path, k), "missing")
			return false
		}
	}
	return true
}

func Join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func Index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func (d *Decoder) WrongType(v *Value, path, want string) {
	d.Fail(v, path, "got %s, want %s", v.Kind.String(), want)
}

// str returns v as a string; a nil v (an absent field) is "".
func (d *Decoder) Str(v *Value, path string) string {
	if d.Err != nil || v == nil {
		return ""
	}
	if v.Kind != KindString {
		d.WrongType(v, path, "a string")
		return ""
	}
	return v.Lit
}

// int returns v as an integer; a nil v is 0.
func (d *Decoder) Int(v *Value, path string) int {
	if d.Err != nil || v == nil {
		return 0
	}
	if v.Kind != KindNumber {
		d.WrongType(v, path, "an integer")
		return 0
	}
	n, ok := parseInt(v.Lit)
	if !ok {
		d.Fail(v, path, "%s is not an integer of at most 16 digits", v.Lit)
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

// Time returns v as a time to the second; a nil v or "" is zero.
func (d *Decoder) Time(v *Value, path string) annotations.Time {
	s := d.Str(v, path)
	if s == "" {
		return 0
	}
	t, ok := lite.ParseTime(s)
	if !ok {
		d.Fail(v, path, "%q is not an RFC 3339 time such as \"2025-02-18T09:30:00Z\"", s)
		return 0
	}
	return annotations.TimeOf(t)
}

// array returns the elements of v; a nil v is nil.
func (d *Decoder) Array(v *Value, path string) []*Value {
	if d.Err != nil || v == nil {
		return nil
	}
	if v.Kind != KindArray {
		d.WrongType(v, path, "an array")
		return nil
	}
	return v.Elems
}

// fields checks v like [decoder.object] and returns its fields by name.
func (d *Decoder) Fields(v *Value, path string, allowed []string, nreq int) map[string]*Value {
	if !d.Object(v, path, allowed, nreq) {
		return nil
	}
	m := make(map[string]*Value, len(v.Fields))
	for _, f := range v.Fields {
		m[f.Key] = f.Val
	}
	return m
}

func (d *Decoder) FieldStr(o *Value, path, key string) string {
	v := o.Field(key)
	if v != nil && v.Kind == KindString && d.Err == nil {
		return v.Lit
	}
	if v == nil || d.Err != nil {
		return ""
	}
	return d.Str(v, Join(path, key))
}

// FieldBool returns the boolean field key of object o, or absent when o
// has no such field.
func (d *Decoder) FieldBool(o *Value, path, key string, absent bool) bool {
	v := o.Field(key)
	switch {
	case v == nil || d.Err != nil:
		return absent
	case v.Kind != KindBool:
		d.WrongType(v, Join(path, key), "a boolean")
		return absent
	}
	return v.Bool
}

func (d *Decoder) FieldInt(o *Value, path, key string) int {
	v := o.Field(key)
	if v != nil && v.Kind == KindNumber && d.Err == nil {
		if n, ok := parseInt(v.Lit); ok {
			return n
		}
	}
	if v == nil || d.Err != nil {
		return 0
	}
	return d.Int(v, Join(path, key))
}

func (d *Decoder) FieldTime(o *Value, path, key string) annotations.Time {
	v := o.Field(key)
	if v != nil && v.Kind == KindString && d.Err == nil {
		if t, ok := lite.ParseTime(v.Lit); ok {
			return annotations.TimeOf(t)
		}
	}
	if v == nil || d.Err != nil {
		return 0
	}
	return d.Time(v, Join(path, key))
}

func (d *Decoder) FieldArray(o *Value, path, key string) []*Value {
	v := o.Field(key)
	if v != nil && v.Kind == KindArray && d.Err == nil {
		return v.Elems
	}
	if v == nil || d.Err != nil {
		return nil
	}
	return d.Array(v, Join(path, key))
}

// fieldStrings returns the array of strings field key of object o.
func (d *Decoder) FieldStrings(o *Value, path, key string) []string {
	els := d.FieldArray(o, path, key)
	if els == nil {
		return nil
	}
	out := make([]string, len(els))
	for i, e := range els {
		if e.Kind != KindString {
			d.WrongType(e, Index(Join(path, key), i), "a string")
			return nil
		}
		out[i] = e.Lit
	}
	return out
}
