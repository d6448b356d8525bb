package annotations

// A small JSON parser that keeps where each value starts, so that decoders
// can name the line of any problem, and the JSON path of syntax errors too.
// encoding/json reports neither paths for unknown fields nor the position of
// semantic errors. Strings with escapes are unescaped by encoding/json, so
// the two agree on every string; numbers are kept as their literal text.

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

type jkind uint8

const (
	kindNull jkind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

func (k jkind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// jvalue is a parsed JSON value and the byte offset where it starts.
type jvalue struct {
	kind   jkind
	off    int
	s      string // a string's value, or a number's literal
	b      bool
	elems  []*jvalue
	fields []jfield // in input order; keys are unique
}

type jfield struct {
	key string
	val *jvalue
}

// field returns the value of key in object v, or nil.
func (v *jvalue) field(key string) *jvalue {
	for _, f := range v.fields {
		if f.key == key {
			return f.val
		}
	}
	return nil
}

// parser reads one JSON value from data, which must be valid UTF-8.
type parser struct {
	data []byte
	pos  int
	// path holds the keys (string) and indexes (int) from the root to the
	// value being read, for errors.
	path []any
}

func (p *parser) parse() (*jvalue, error) {
	p.space()
	if p.pos == len(p.data) {
		return nil, &PathError{Line: 1, Err: fmt.Errorf("empty input")}
	}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.data) {
		return nil, p.errorf("unexpected %s after the end of the top-level value", p.what())
	}
	return v, nil
}

func (p *parser) pathString() string {
	s := ""
	for _, e := range p.path {
		switch e := e.(type) {
		case string:
			s = join(s, e)
		case int:
			s = index(s, e)
		}
	}
	return s
}

func (p *parser) errorf(format string, args ...any) error {
	return &PathError{
		Path: p.pathString(),
		Line: lineAt(p.data, p.pos),
		Err:  fmt.Errorf("column %d: %s", columnAt(p.data, p.pos), fmt.Sprintf(format, args...)),
	}
}

// what names the input at p.pos for an error.
func (p *parser) what() string {
	if p.pos >= len(p.data) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	return "character " + strconv.QuoteRune(r)
}

func (p *parser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value() (*jvalue, error) {
	if len(p.path) > maxDepth {
		return nil, p.errorf("nested more than %d levels deep", maxDepth)
	}
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input, want a value")
	}
	off := p.pos
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		return &jvalue{kind: kindString, off: off, s: s}, nil
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case p.literal("true"):
		return &jvalue{kind: kindBool, off: off, b: true}, nil
	case p.literal("false"):
		return &jvalue{kind: kindBool, off: off}, nil
	case p.literal("null"):
		return &jvalue{kind: kindNull, off: off}, nil
	}
	return nil, p.errorf("unexpected %s, want a value", p.what())
}

func (p *parser) literal(word string) bool {
	if len(p.data)-p.pos >= len(word) && string(p.data[p.pos:p.pos+len(word)]) == word {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *parser) object() (*jvalue, error) {
	v := &jvalue{kind: kindObject, off: p.pos}
	p.pos++ // {
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("unexpected %s, want a field name in double quotes", p.what())
		}
		keyStart := p.pos
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		p.path = append(p.path, key)
		for _, f := range v.fields {
			if f.key == key {
				p.pos = keyStart
				return nil, p.errorf("field %q appears twice", key)
			}
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("unexpected %s after a field name, want ':'", p.what())
		}
		p.pos++
		p.space()
		val, err := p.value()
		if err != nil {
			return nil, err
		}
		v.fields = append(v.fields, jfield{key, val})
		p.path = p.path[:len(p.path)-1]
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input, want ',' or '}'")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return v, nil
		default:
			return nil, p.errorf("unexpected %s after a field, want ',' or '}'", p.what())
		}
	}
}

func (p *parser) array() (*jvalue, error) {
	v := &jvalue{kind: kindArray, off: p.pos}
	p.pos++ // [
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		v.elems = []*jvalue{}
		return v, nil
	}
	for i := 0; ; i++ {
		p.path = append(p.path, i)
		p.space()
		el, err := p.value()
		if err != nil {
			return nil, err
		}
		v.elems = append(v.elems, el)
		p.path = p.path[:len(p.path)-1]
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input, want ',' or ']'")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return v, nil
		default:
			return nil, p.errorf("unexpected %s after an array element, want ',' or ']'", p.what())
		}
	}
}

// string reads a string starting at the opening quote at p.pos.
func (p *parser) string() (string, error) {
	start := p.pos
	p.pos++
	escaped := false
	for p.pos < len(p.data) {
		switch c := p.data[p.pos]; {
		case c == '"':
			p.pos++
			raw := p.data[start:p.pos]
			if !escaped {
				return string(raw[1 : len(raw)-1]), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				p.pos = start
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
	p.pos = len(p.data)
	return "", p.errorf("unexpected end of input in a string")
}

// number reads a JSON number and keeps its literal.
func (p *parser) number() (*jvalue, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.data[p.pos] == '-' {
		p.pos++
	}
	intStart := p.pos
	if digits() == 0 {
		return nil, p.errorf("unexpected %s in a number", p.what())
	}
	if p.data[intStart] == '0' && p.pos-intStart > 1 {
		p.pos = intStart
		return nil, p.errorf("number with a leading zero")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errorf("unexpected %s in a number", p.what())
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errorf("unexpected %s in a number", p.what())
		}
	}
	return &jvalue{kind: kindNumber, off: start, s: string(p.data[start:p.pos])}, nil
}
