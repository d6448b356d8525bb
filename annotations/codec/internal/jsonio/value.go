// Package jsonio is the JSON that the native format (package codec) and
// the W3C one (codec/w3c) share: a small parser that keeps positions
// (value.go), readers that name the line and JSON path of any problem
// (reader.go), a writer that writes as encoding/json would (writer.go),
// and the objects of the native format that W3C exports carry in their
// extension properties: schema, annotation, conflict and orphans
// (objects.go). It is internal so that its exported names, which exist for
// those two packages, are no part of the codecs' API.
package jsonio

// A small JSON parser that keeps where each value starts, so that decoders
// can name the line of any problem, and the JSON path of syntax errors too.
// encoding/json reports neither paths for unknown fields nor the position of
// semantic errors. Strings decode as encoding/json decodes them (a lone
// surrogate escape becomes U+FFFD); numbers are kept as their literal text.

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

type Kind uint8

const (
	KindNull Kind = iota
	KindBool
	KindNumber
	KindString
	KindArray
	KindObject
)

func (k Kind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// Value is a parsed JSON value and the byte offset where it starts.
type Value struct {
	Kind   Kind
	Off    int
	Lit    string // a string's value, or a number's literal
	Bool   bool
	Elems  []*Value
	Fields []Field // in input order; keys are unique
}

type Field struct {
	Key string
	Val *Value
}

// field returns the value of key in object v, or nil.
func (v *Value) Field(key string) *Value {
	for _, f := range v.Fields {
		if f.Key == key {
			return f.Val
		}
	}
	return nil
}

// parser reads one JSON value from data, which must be valid UTF-8.
type Parser struct {
	Data []byte
	pos  int
	// path holds the keys and indexes from the root to the value being
	// read, for errors.
	path []pathStep
	// slab hands out values in chunks, and keys interns field names:
	// a file is mostly many small objects with the same few keys.
	slab   []Value
	farena []Field
	keys   [128]string
	keyMap map[string]string
	values [512]string
	// fstack and estack collect the fields and elements of the objects and
	// arrays being read; each gets an exact-size copy when it ends.
	fstack []Field
	estack []*Value
	// hook, when set, is offered each element of an array that is the
	// value of a top-level field, as soon as the element is read. When it
	// returns true the element is not kept in the tree and its values are
	// reused for the next element, so codec.Decode turns annotations into
	// values one by one and the tree never holds them all. The hook must
	// not keep v or anything under it.
	Hook   func(key string, i int, v *Value) bool
	chunks int // slab chunks allocated, to know whether a reuse is safe
}

// pathStep is an object key, when index is -1, or an array index.
type pathStep struct {
	Key   string
	index int
}

// newFields returns a copy of fs from the field arena, which is reused
// like the slab.
func (p *Parser) newFields(fs []Field) []Field {
	if len(fs) > len(p.farena) {
		if len(fs) > 256 {
			return slices.Clone(fs)
		}
		p.farena = make([]Field, 1024)
		p.chunks++
	}
	out := p.farena[:len(fs):len(fs)]
	copy(out, fs)
	p.farena = p.farena[len(fs):]
	return out
}

func (p *Parser) newValue(k Kind, off int) *Value {
	if len(p.slab) == 0 {
		p.slab = make([]Value, 256)
		p.chunks++
	}
	v := &p.slab[0]
	p.slab = p.slab[1:]
	*v = Value{Kind: k, Off: off} // the slot may be reused (see hook)
	return v
}

func (p *Parser) Parse() (*Value, error) {
	p.space()
	if p.pos == len(p.Data) {
		return nil, &annotations.PathError{Line: 1, Err: lite.Errorf("empty input")}
	}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.Data) {
		return nil, p.errorf("unexpected %s after the end of the top-level value", p.what())
	}
	return v, nil
}

func (p *Parser) pathString() string {
	s := ""
	for _, e := range p.path {
		if e.index < 0 {
			s = Join(s, e.Key)
		} else {
			s = Index(s, e.index)
		}
	}
	return s
}

func (p *Parser) errorf(format string, args ...any) error {
	return &annotations.PathError{
		Path: p.pathString(),
		Line: LineAt(p.Data, p.pos),
		Err:  lite.Errorf("column %d: %s", ColumnAt(p.Data, p.pos), lite.Sprintf(format, args...)),
	}
}

// what names the input at p.pos for an error.
func (p *Parser) what() string {
	if p.pos >= len(p.Data) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.Data[p.pos:])
	return "character " + strconv.QuoteRune(r)
}

func (p *Parser) space() {
	for p.pos < len(p.Data) {
		switch p.Data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *Parser) value() (*Value, error) {
	if len(p.path) > MaxDepth {
		return nil, p.errorf("nested more than %d levels deep", MaxDepth)
	}
	if p.pos >= len(p.Data) {
		return nil, p.errorf("unexpected end of input, want a value")
	}
	off := p.pos
	switch c := p.Data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		v := p.newValue(KindString, off)
		v.Lit = s
		return v, nil
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case p.literal("true"):
		v := p.newValue(KindBool, off)
		v.Bool = true
		return v, nil
	case p.literal("false"):
		return p.newValue(KindBool, off), nil
	case p.literal("null"):
		return p.newValue(KindNull, off), nil
	}
	return nil, p.errorf("unexpected %s, want a value", p.what())
}

func (p *Parser) literal(word string) bool {
	if len(p.Data)-p.pos >= len(word) && string(p.Data[p.pos:p.pos+len(word)]) == word {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *Parser) object() (*Value, error) {
	v := p.newValue(KindObject, p.pos)
	p.pos++ // {
	p.space()
	if p.pos < len(p.Data) && p.Data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	base := len(p.fstack)
	for {
		p.space()
		if p.pos >= len(p.Data) || p.Data[p.pos] != '"' {
			return nil, p.errorf("unexpected %s, want a field name in double quotes", p.what())
		}
		keyStart := p.pos
		key, err := p.key()
		if err != nil {
			return nil, err
		}
		p.path = append(p.path, pathStep{Key: key, index: -1})
		for _, f := range p.fstack[base:] {
			if f.Key == key {
				p.pos = keyStart
				return nil, p.errorf("field %q appears twice", key)
			}
		}
		p.space()
		if p.pos >= len(p.Data) || p.Data[p.pos] != ':' {
			return nil, p.errorf("unexpected %s after a field name, want ':'", p.what())
		}
		p.pos++
		p.space()
		val, err := p.value()
		if err != nil {
			return nil, err
		}
		p.fstack = append(p.fstack, Field{key, val})
		p.path = p.path[:len(p.path)-1]
		p.space()
		if p.pos >= len(p.Data) {
			return nil, p.errorf("unexpected end of input, want ',' or '}'")
		}
		switch p.Data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			v.Fields = p.newFields(p.fstack[base:])
			p.fstack = p.fstack[:base]
			return v, nil
		default:
			return nil, p.errorf("unexpected %s after a field, want ',' or '}'", p.what())
		}
	}
}

func (p *Parser) array() (*Value, error) {
	v := p.newValue(KindArray, p.pos)
	p.pos++ // [
	p.space()
	if p.pos < len(p.Data) && p.Data[p.pos] == ']' {
		p.pos++
		v.Elems = []*Value{}
		return v, nil
	}
	base := len(p.estack)
	for i := 0; ; i++ {
		p.path = append(p.path, pathStep{index: i})
		p.space()
		saved, savedF, chunks := p.slab, p.farena, p.chunks
		el, err := p.value()
		if err != nil {
			return nil, err
		}
		if p.Hook != nil && len(p.path) == 2 && p.path[0].index < 0 && p.Hook(p.path[0].Key, i, el) {
			if p.chunks == chunks {
				p.slab, p.farena = saved, savedF
			}
		} else {
			p.estack = append(p.estack, el)
		}
		p.path = p.path[:len(p.path)-1]
		p.space()
		if p.pos >= len(p.Data) {
			return nil, p.errorf("unexpected end of input, want ',' or ']'")
		}
		switch p.Data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			v.Elems = slices.Clone(p.estack[base:])
			p.estack = p.estack[:base]
			return v, nil
		default:
			return nil, p.errorf("unexpected %s after an array element, want ',' or ']'", p.what())
		}
	}
}

// key reads a field name. Names without escapes are interned in a small
// cache, so that the thousands of "start" keys of a file share one string
// and cost no allocation; a cache slot is picked from the length and the
// first and last bytes, which tells most of the format's field names apart.
func (p *Parser) key() (string, error) {
	end := p.pos + 1
	for end < len(p.Data) && end-p.pos <= 32 && p.Data[end] != '"' && p.Data[end] != '\\' && p.Data[end] >= 0x20 {
		end++
	}
	if end >= len(p.Data) || p.Data[end] != '"' || end-p.pos > 32 {
		return p.string()
	}
	b := p.Data[p.pos+1 : end]
	h := len(b)
	if len(b) > 0 {
		h = h*31 + int(b[0])*7 + int(b[len(b)-1])
	}
	slot := &p.keys[h&(len(p.keys)-1)]
	if *slot != string(b) {
		// Two names share the slot: the map settles it without allocating.
		k, ok := p.keyMap[string(b)]
		if !ok {
			if p.keyMap == nil {
				p.keyMap = map[string]string{}
			}
			k = string(b)
			p.keyMap[k] = k
		}
		*slot = k
	}
	p.pos = end + 1
	return *slot, nil
}

// intern returns b as a string. Short strings go through a small cache,
// because files repeat them: labels, entities and times. A miss replaces
// the slot, so the cache costs a comparison and never grows.
func (p *Parser) intern(b []byte) string {
	if len(b) == 0 || len(b) > 32 {
		return string(b)
	}
	h := len(b)*31 + int(b[0])*7 + int(b[len(b)-1])*3 + int(b[len(b)/2])
	slot := &p.values[h&(len(p.values)-1)]
	if *slot != string(b) {
		*slot = string(b)
	}
	return *slot
}

// string reads a string starting at the opening quote at p.pos.
func (p *Parser) string() (string, error) {
	start := p.pos
	p.pos++
	escaped := false
	for p.pos < len(p.Data) {
		switch c := p.Data[p.pos]; {
		case c == '"':
			p.pos++
			raw := p.Data[start:p.pos]
			if !escaped {
				return p.intern(raw[1 : len(raw)-1]), nil
			}
			s, bad := unescape(raw[1 : len(raw)-1])
			if bad >= 0 {
				p.pos = start + 1 + bad
				return "", p.errorf("invalid escape in string")
			}
			return s, nil
		case c == '\\':
			escaped = true
			p.pos += 2
		case c < 0x20:
			return "", p.errorf("control character %U in string; write it escaped", rune(c))
		default:
			p.pos++
		}
	}
	p.pos = len(p.Data)
	return "", p.errorf("unexpected end of input in a string")
}

// number reads a JSON number and keeps its literal.
func (p *Parser) number() (*Value, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.Data) && p.Data[p.pos] >= '0' && p.Data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.Data[p.pos] == '-' {
		p.pos++
	}
	intStart := p.pos
	if digits() == 0 {
		return nil, p.errorf("unexpected %s in a number", p.what())
	}
	if p.Data[intStart] == '0' && p.pos-intStart > 1 {
		p.pos = intStart
		return nil, p.errorf("number with a leading zero")
	}
	if p.pos < len(p.Data) && p.Data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errorf("unexpected %s in a number", p.what())
		}
	}
	if p.pos < len(p.Data) && (p.Data[p.pos] == 'e' || p.Data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.Data) && (p.Data[p.pos] == '+' || p.Data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errorf("unexpected %s in a number", p.what())
		}
	}
	v := p.newValue(KindNumber, start)
	v.Lit = string(p.Data[start:p.pos])
	return v, nil
}

// unescape decodes the body of a JSON string that holds escapes. It returns
// the offset in b of a bad escape, or -1.
func unescape(b []byte) (string, int) {
	var out strings.Builder // its String makes no copy
	out.Grow(len(b))
	for i := 0; i < len(b); {
		c := b[i]
		if c != '\\' {
			j := i + 1
			for j < len(b) && b[j] != '\\' {
				j++
			}
			out.Write(b[i:j])
			i = j
			continue
		}
		if i+1 >= len(b) {
			return "", i
		}
		switch b[i+1] {
		case '"', '\\', '/':
			out.WriteByte(b[i+1])
		case 'b':
			out.WriteByte('\b')
		case 'f':
			out.WriteByte('\f')
		case 'n':
			out.WriteByte('\n')
		case 'r':
			out.WriteByte('\r')
		case 't':
			out.WriteByte('\t')
		case 'u':
			r, ok := hex4(b[i+2:])
			if !ok {
				return "", i
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
					if r2, ok := hex4(b[i+2:]); ok {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							i += 6
							out.WriteRune(dec)
							continue
						}
					}
				}
				r = utf8.RuneError
			}
			out.WriteRune(r)
			continue
		default:
			return "", i
		}
		i += 2
	}
	return out.String(), -1
}

// hex4 reads four hex digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		d := lite.Unhex(c)
		if d < 0 {
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}
