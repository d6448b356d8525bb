package codec

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
)

// The JSON Schema in docs/spanmark.schema.json describes the format for
// other programs; codec.go is the reference. This test keeps the two in
// step: every golden file and encoded file validates, and files the schema
// can see are broken do not.

func compileFileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "spanmark.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://github.com/spanmark/spanmark/docs/spanmark.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateAgainst(s *jsonschema.Schema, data []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

func TestFileSchema(t *testing.T) {
	s := compileFileSchema(t)
	paths, err := filepath.Glob(codectest.Testdata("files", "*.spanmark.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	valid := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		valid[filepath.Base(p)] = data
	}
	small, err := Encode(codectest.SmallFile(t))
	if err != nil {
		t.Fatal(err)
	}
	valid["small"] = small
	for name, data := range valid {
		t.Run(name, func(t *testing.T) {
			if err := validateAgainst(s, data); err != nil {
				t.Errorf("a valid file fails the schema: %v", err)
			}
		})
	}

	base := string(small)
	for _, tc := range []struct{ name, old, new string }{
		{"version_2", `"spanmark": 1`, `"spanmark": 2`},
		{"unknown_field", `"annotator": "tester"`, `"annotater": "tester"`},
		{"unknown_annotation_field", `"quote": "Rubio"`, `"quote": "Rubio", "colour": "red"`},
		{"negative_start", `"start": 11`, `"start": -1`},
		{"fractional_end", `"end": 16`, `"end": 16.5`},
		{"missing_quote", `"quote": "Rubio",`, ``},
		{"bad_id", `"id": "sha256:`, `"id": "md5:`},
		{"crlf", `Riyadh.\n`, `Riyadh.\r\n`},
		{"bad_time", `"exported": "2026-11-27T09:00:00Z"`, `"exported": "yesterday"`},
		{"bad_colour", `"color": "#0072B2"`, `"color": "blue"`},
		{"relation_without_to", `"to": "a1"`, `"too": "a1"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.old) {
				t.Fatalf("%q is not in the file", tc.old)
			}
			data := []byte(strings.Replace(base, tc.old, tc.new, 1))
			if err := validateAgainst(s, data); err == nil {
				t.Errorf("the schema accepts a file with %s", tc.new)
			}
			if _, err := Decode(data); err == nil {
				t.Errorf("Decode accepts a file with %s", tc.new)
			}
		})
	}
}
