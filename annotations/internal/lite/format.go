// Package lite holds the few stand-ins for standard-library code that the
// browser program cannot afford: a formatter for error messages instead of
// fmt, SHA-256 instead of crypto/sha256, one stable sort for every type,
// an RFC 3339 parser, and URL path escaping instead of net/url. Each is
// tested against the standard library code it replaces.
package lite

import (
	"errors"
	"strconv"
	"strings"
)

// Sprintf formats like fmt.Sprintf for the verbs this package's messages
// use: %d, %s, %q, %v, %w, %U, %.Nf and %%. %s and %v print strings,
// errors and the package's own named types listed in formatArg; there is
// deliberately no case for any Stringer, since an interface call on
// String() would keep the String method of every type that reaches an
// interface anywhere in the program. It exists so that the browser
// program, which links this package, need not link fmt: that saves about
// 115 KB of gzipped wasm, a tenth of the first load's budget. An argument a
// verb cannot print comes out as %!verb(?), as fmt would flag it.
func Sprintf(format string, args ...any) string {
	var b strings.Builder
	n := 0
	next := func() (any, bool) {
		if n >= len(args) {
			return nil, false
		}
		n++
		return args[n-1], true
	}
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		i++
		prec := -1
		if format[i] == '.' {
			j := i + 1
			for j < len(format) && format[j] >= '0' && format[j] <= '9' {
				j++
			}
			prec, _ = strconv.Atoi(format[i+1 : j])
			i = j
			if i == len(format) {
				break
			}
		}
		verb := format[i]
		if verb == '%' {
			b.WriteByte('%')
			continue
		}
		arg, ok := next()
		if !ok {
			b.WriteString("%!" + string(verb) + "(MISSING)")
			continue
		}
		b.WriteString(formatArg(verb, prec, arg))
	}
	return b.String()
}

func formatArg(verb byte, prec int, arg any) string {
	switch verb {
	case 'd':
		if n, ok := toInt(arg); ok {
			return strconv.FormatInt(n, 10)
		}
	case 'U':
		if n, ok := toInt(arg); ok {
			s := strings.ToUpper(strconv.FormatInt(n, 16))
			for len(s) < 4 {
				s = "0" + s
			}
			return "U+" + s
		}
	case 'f':
		if f, ok := arg.(float64); ok {
			return strconv.FormatFloat(f, 'f', max(prec, 0), 64)
		}
	case 'q':
		if s, ok := arg.(string); ok {
			return strconv.Quote(s)
		}
	case 's', 'v', 'w':
		switch a := arg.(type) {
		case string:
			return a
		case error:
			return a.Error()
		}
		if verb == 'v' {
			if n, ok := toInt(arg); ok {
				return strconv.FormatInt(n, 10)
			}
		}
	}
	return "%!" + string(verb) + "(?)"
}

func toInt(arg any) (int64, bool) {
	switch a := arg.(type) {
	case int:
		return int64(a), true
	case int64:
		return a, true
	case int32:
		return int64(a), true
	case uint8:
		return int64(a), true
	}
	return 0, false
}

// Errorf is fmt.Errorf over [Sprintf]: an error whose message is the
// formatted text, wrapping the argument of a %w verb if there is one.
func Errorf(format string, args ...any) error {
	msg := Sprintf(format, args...)
	if strings.Contains(format, "%w") {
		for _, a := range args {
			if err, ok := a.(error); ok {
				return &wrapError{msg: msg, err: err}
			}
		}
	}
	return errors.New(msg)
}

// wrapError is an error with its own message that still unwraps to err.
type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }
func (e *wrapError) Unwrap() error { return e.err }
