package jsonio

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// FuzzParseJSON checks the position-keeping parser against encoding/json:
// both accept the same documents (within the depth limit) and read the same
// strings.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`"a\nb"`, `"\u00e9\ud83e\udd80"`, `"\ud800"`, `"\udc00\ud800x"`, `[1,-0.5e+3,true,null,{}]`, `{"a":{"b":[]}}`, `01`, `"\x"`, `1.`, `"\/\b\f\r\t\\"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) || strings.Count(string(data), "[")+strings.Count(string(data), "{") > MaxDepth {
			return // Decode checks UTF-8 first, and refuses deep nesting
		}
		var want any
		wantErr := json.Unmarshal(data, &want)
		var typeErr *json.UnmarshalTypeError
		if errors.As(wantErr, &typeErr) {
			return // a number too large for float64: fine for us, refused later
		}
		p := Parser{Data: data}
		v, err := p.Parse()
		if err != nil && wantErr == nil && strings.Contains(err.Error(), "appears twice") {
			return // encoding/json keeps the last of repeated fields; we refuse them
		}
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("parse error %v, encoding/json error %v", err, wantErr)
		}
		if err != nil {
			return
		}
		if diff := cmp.Diff(want, toAny(v)); diff != "" {
			t.Fatalf("parsed value (-encoding/json +ours):\n%s", diff)
		}
	})
}

// toAny converts a parsed value to what encoding/json decodes into any.
func toAny(v *Value) any {
	switch v.Kind {
	case KindNull:
		return nil
	case KindBool:
		return v.Bool
	case KindNumber:
		var f float64
		json.Unmarshal([]byte(v.Lit), &f)
		return f
	case KindString:
		return v.Lit
	case KindArray:
		out := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			out[i] = toAny(e)
		}
		return out
	}
	out := map[string]any{}
	for _, f := range v.Fields {
		out[f.Key] = toAny(f.Val)
	}
	return out
}
