package codec

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spanmark/spanmark/annotations"
)

// addCodecSeeds adds the golden files and a few small files as seeds.
func addCodecSeeds(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "files", "*.json"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	data, err := Encode(smallFile(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"spanmark": 1}`))
	f.Add([]byte(`{"spanmark": 2}`))
	f.Add([]byte(`[1, "\ud83e\udd80", "\ud800x", {"a": null}]`))
}

// sortedFile returns f with its lists in the order Encode writes them.
var sortedFile = cmp.Options{
	cmpopts.EquateEmpty(),
	cmpopts.SortSlices(func(a, b annotations.Annotation) bool { return annotations.Compare(&a, &b) < 0 }),
	cmpopts.SortSlices(func(a, b annotations.Relation) bool { return annotations.CompareIDs(a.ID, b.ID) < 0 }),
	cmpopts.SortSlices(func(a, b annotations.Orphan) bool { return annotations.Compare(&a.Annotation, &b.Annotation) < 0 }),
}

// FuzzDecode checks that Decode never panics, that every error is a
// *PathError, and that whatever decodes encodes, decodes again to the same
// file and encodes to the same bytes.
func FuzzDecode(f *testing.F) {
	addCodecSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Decode(data)
		if err != nil {
			var pe *annotations.PathError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *PathError: %v", err, err)
			}
			return
		}
		enc, err := Encode(file)
		if err != nil {
			t.Fatalf("Encode of a decoded file: %v", err)
		}
		if ref, err := encodeReference(file); err != nil || string(ref) != string(enc) {
			t.Fatalf("Encode differs from encoding/json (error %v):\n%s\n%s", err, ref, enc)
		}
		back, err := Decode(enc)
		if err != nil {
			t.Fatalf("Decode(Encode(Decode(x))): %v\n%s", err, enc)
		}
		if diff := cmp.Diff(file, back, sortedFile); diff != "" {
			t.Fatalf("Decode(Encode(f)) differs from f (-want +got):\n%s", diff)
		}
		again, err := Encode(back)
		if err != nil {
			t.Fatal(err)
		}
		if string(enc) != string(again) {
			t.Fatalf("Encode is not stable:\n%s\n%s", enc, again)
		}
	})
}

// FuzzParseJSON checks the position-keeping parser against encoding/json:
// both accept the same documents (within the depth limit) and read the same
// strings.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`"a\nb"`, `"\u00e9\ud83e\udd80"`, `"\ud800"`, `"\udc00\ud800x"`, `[1,-0.5e+3,true,null,{}]`, `{"a":{"b":[]}}`, `01`, `"\x"`, `1.`, `"\/\b\f\r\t\\"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) || strings.Count(string(data), "[")+strings.Count(string(data), "{") > maxDepth {
			return // Decode checks UTF-8 first, and refuses deep nesting
		}
		var want any
		wantErr := json.Unmarshal(data, &want)
		var typeErr *json.UnmarshalTypeError
		if errors.As(wantErr, &typeErr) {
			return // a number too large for float64: fine for us, refused later
		}
		p := parser{data: data}
		v, err := p.parse()
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
func toAny(v *jvalue) any {
	switch v.kind {
	case kindNull:
		return nil
	case kindBool:
		return v.b
	case kindNumber:
		var f float64
		json.Unmarshal([]byte(v.s), &f)
		return f
	case kindString:
		return v.s
	case kindArray:
		out := make([]any, len(v.elems))
		for i, e := range v.elems {
			out[i] = toAny(e)
		}
		return out
	}
	out := map[string]any{}
	for _, f := range v.fields {
		out[f.key] = toAny(f.val)
	}
	return out
}
