package codec

import (
	"testing"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
)

func TestReader(t *testing.T) {
	data := []byte("{\n  \"a\": [1, \"x\"],\n  \"schema\": {\"labels\": [{\"id\": \"b c\", \"name\": \"B\"}]},\n  \"nested\": {\"schema\": {\"labels\": []}}\n}")
	r, root, err := NewReader(data, 1<<10)
	if err != nil {
		t.Fatal(err)
	}
	els := r.Array(r.Field(root, "a"))
	if n := r.Int(els[0]); n != 1 || r.Err() != nil {
		t.Fatalf("Int = %d, %v", n, r.Err())
	}
	for _, tc := range []struct {
		name string
		read func(r *Reader)
		want string
	}{
		{"wrong_type", func(r *Reader) { r.Int(els[1]) }, "line 2: a[1]: got a string, want an integer"},
		{"missing", func(r *Reader) { r.Object(r.Field(root, "b"), nil, 0) }, "line 1: b: missing"},
		{"unknown_field", func(r *Reader) { r.Object(root, []string{"a"}, 1) }, "line 3: schema: unknown field"},
		{"schema", func(r *Reader) { r.Schema(r.Field(root, "schema")) }, "line 3: schema.labels[0].id: \"b c\" is not a valid id (letters, digits, '-' and '_', at most 64)"},
		{"nested_schema", func(r *Reader) { r.Schema(r.Field(r.Field(root, "nested"), "schema")) }, "line 4: nested.schema.labels: no labels"},
		{"first_error_kept", func(r *Reader) { r.Fail(root, "first"); r.Fail(els[0], "second") }, "line 1: first"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _, _ := NewReader(data, 1<<10)
			tc.read(r)
			if _, ok := r.Err().(*annotations.PathError); !ok || r.Err().Error() != tc.want {
				t.Errorf("error %v, want %s", r.Err(), tc.want)
			}
		})
	}
	if _, _, err := NewReader(data, 10); err == nil {
		t.Errorf("NewReader over the size limit: no error")
	}
}

func TestEncodeCompact(t *testing.T) {
	f := codectest.SmallFile(t)
	b, err := EncodeCompact(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range b {
		if c == '\n' {
			t.Fatalf("EncodeCompact wrote a line break:\n%s", b)
		}
	}
	g, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Encode(f)
	got, _ := Encode(g)
	if string(want) != string(got) {
		t.Errorf("Decode(EncodeCompact(f)) differs from f")
	}
}
