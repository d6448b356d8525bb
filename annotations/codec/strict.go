package codec

// This file lends the native decoder's strict reading and the encoder's
// writing to formats built on the native one, such as a Spanmark project
// and its corpus (package project), so that their errors name the line and
// JSON path the same way and the browser links one JSON parser, not two.
// Only what those formats need is exported.

import (
	"errors"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
)

// Reader reads a parsed JSON document strictly. It keeps only the first
// error, as a [*annotations.PathError] with the line and JSON path of the
// value; once there is an error every method returns zero values, so a
// caller reads on and checks [Reader.Err] where it must stop.
type Reader struct {
	d jsonio.Decoder
}

// Value is a JSON value read by a [Reader], with its JSON path. The zero
// Value, or one returned by [Reader.Field] for an absent key, is absent.
type Value struct {
	v    *jsonio.Value
	path string
	off  int // where v starts, or where its object starts when v is absent
}

// NewReader parses data, a JSON document of at most maxSize bytes, and
// returns a reader for it and its top-level value.
func NewReader(data []byte, maxSize int) (*Reader, Value, error) {
	if err := jsonio.CheckInput(data, maxSize, ""); err != nil {
		return nil, Value{}, err
	}
	p := jsonio.Parser{Data: data}
	root, err := p.Parse()
	if err != nil {
		return nil, Value{}, err
	}
	return &Reader{d: jsonio.Decoder{Data: data, Lim: jsonio.DefaultLimits}}, Value{v: root, off: root.Off}, nil
}

// Exists reports whether v is present.
func (v Value) Exists() bool { return v.v != nil }

// IsObject reports whether v is a JSON object.
func (v Value) IsObject() bool { return v.v != nil && v.v.Kind == jsonio.KindObject }

// Kind names the JSON type of v for errors, such as "an array", or
// "nothing" when v is absent.
func (v Value) Kind() string {
	if v.v == nil {
		return "nothing"
	}
	return v.v.Kind.String()
}

// Err returns the first error found, or nil.
func (r *Reader) Err() error { return r.d.Err }

// Fail records an error at v, unless there is one already.
func (r *Reader) Fail(v Value, format string, args ...any) {
	r.d.FailAt(v.off, v.path, format, args...)
}

// Object checks that v is an object with the first required keys of
// allowed, and no key outside allowed.
func (r *Reader) Object(v Value, allowed []string, required int) bool {
	if v.v == nil {
		if r.d.Err == nil {
			r.Fail(v, "missing")
		}
		return false
	}
	return r.d.Object(v.v, v.path, allowed, required)
}

// Field returns the value of key in the object v; it is absent when v
// has no such key.
func (r *Reader) Field(v Value, key string) Value {
	f := Value{path: jsonio.Join(v.path, key), off: v.off}
	if v.v != nil && v.v.Kind == jsonio.KindObject {
		if f.v = v.v.Field(key); f.v != nil {
			f.off = f.v.Off
		}
	}
	return f
}

// Str returns the string v; an absent v is "".
func (r *Reader) Str(v Value) string { return r.d.Str(v.v, v.path) }

// Int returns the integer v; an absent v is 0.
func (r *Reader) Int(v Value) int { return r.d.Int(v.v, v.path) }

// Array returns the elements of the array v; an absent v has none.
func (r *Reader) Array(v Value) []Value {
	els := r.d.Array(v.v, v.path)
	out := make([]Value, len(els))
	for i, e := range els {
		out[i] = Value{v: e, path: jsonio.Index(v.path, i), off: e.Off}
	}
	return out
}

// Schema reads v as a schema of the native format, which
// [annotations.Schema.Validate] accepts.
func (r *Reader) Schema(v Value) annotations.Schema {
	if v.v == nil {
		r.Object(v, jsonio.SchemaFields, 1)
		return annotations.Schema{}
	}
	if r.d.Err != nil {
		return annotations.Schema{}
	}
	s := r.d.Schema(v.v)
	// decoder.schema names paths from "schema".
	if pe, ok := errors.AsType[*annotations.PathError](r.d.Err); ok && v.path != "schema" {
		if rest, ok := strings.CutPrefix(pe.Path, "schema"); ok {
			pe.Path = v.path + rest
		}
	}
	return s
}

// Writer writes JSON as the native encoder does: deterministic, indented
// by two spaces or compact on one line, strings escaped like
// encoding/json without HTML escaping. After Open, each member starts
// with [Writer.Key] (objects) or [Writer.Elem] (arrays).
type Writer struct {
	w jsonio.Writer
}

// NewWriter returns an empty writer, compact or indented.
func NewWriter(compact bool) *Writer {
	return &Writer{w: jsonio.Writer{Compact: compact}}
}

// Bytes returns what was written.
func (w *Writer) Bytes() []byte { return w.w.Buf }

// Open starts an object ('{') or an array ('[').
func (w *Writer) Open(c byte) { w.w.Open(c) }

// Close ends an object ('}') or an array (']').
func (w *Writer) Close(c byte) { w.w.Close(c) }

// Key starts an object member.
func (w *Writer) Key(k string) { w.w.Key(k) }

// Elem starts an array element.
func (w *Writer) Elem() { w.w.Elem() }

// Str writes a string member.
func (w *Writer) Str(k, v string) { w.w.Str(k, v) }

// StrOmit writes a string member unless v is empty.
func (w *Writer) StrOmit(k, v string) { w.w.StrOmit(k, v) }

// Int writes an integer member.
func (w *Writer) Int(k string, n int) { w.w.IntField(k, n) }

// Schema writes s as the value of the member begun with [Writer.Key].
func (w *Writer) Schema(s annotations.Schema) { w.w.Schema(s) }
