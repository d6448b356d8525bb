package project

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The JSON Schema in docs/spanmark-project.schema.json describes project
// files and the corpus header for other programs; this package is the
// reference. This test keeps the two in step: the golden projects, the
// demo and an encoded corpus validate, and files the schema can see are
// broken do not.

const schemaBase = "https://github.com/spanmark/spanmark/docs/"

func compileSchema(t *testing.T, ref string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	for _, name := range []string{"spanmark.schema.json", "spanmark-project.schema.json"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "docs", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource(schemaBase+name, doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile(schemaBase + ref)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(s *jsonschema.Schema, data []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

func TestProjectSchema(t *testing.T) {
	s := compileSchema(t, "spanmark-project.schema.json")
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "projects", "*.project.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden projects: %v", err)
	}
	demo := filepath.Join("..", "..", "web", "demo", "project.json")
	for _, p := range append(paths, demo) {
		t.Run(filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := validate(s, data); err != nil {
				t.Errorf("a valid project fails the schema: %v", err)
			}
			pr, err := Decode(data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			enc, err := Encode(pr)
			if err != nil {
				t.Fatal(err)
			}
			if err := validate(s, enc); err != nil {
				t.Errorf("an encoded project fails the schema: %v", err)
			}
			if p == demo && !bytes.Equal(enc, data) {
				t.Errorf("%s is not what Encode writes for it; write it with Encode", p)
			}
		})
	}

	for _, tc := range []struct{ name, old, new string }{
		{"version_2", `"spanmark-project": 1`, `"spanmark-project": 2`},
		{"unknown_field", `"title": "Demo"`, `"titel": "Demo"`},
		{"no_documents", smallProject[strings.Index(smallProject, `"documents"`):], `"documents": []}`},
		{"bad_id", `"id": "d2"`, `"id": "d 2"`},
		{"rooted", `"articles/d1.txt"`, `"/etc/passwd"`},
		{"scheme", `"articles/d1.txt"`, `"javascript:alert(1)"`},
		{"backslash", `"articles/d1.txt"`, `"articles\\d1.txt"`},
		{"missing_path", `, "path": "articles/d1.txt"`, ``},
		{"bad_schema", `"title": "Demo",`, `"title": "Demo", "schema": {"labels": []},`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(smallProject, tc.old) {
				t.Fatalf("%q is not in the project", tc.old)
			}
			data := []byte(strings.Replace(smallProject, tc.old, tc.new, 1))
			if err := validate(s, data); err == nil {
				t.Errorf("the schema accepts a project with %s", tc.new)
			}
			if _, err := Decode(data); err == nil {
				t.Errorf("Decode accepts a project with %s", tc.new)
			}
		})
	}
}

func TestCorpusSchema(t *testing.T) {
	header := compileSchema(t, "spanmark-project.schema.json#/$defs/corpusHeader")
	file := compileSchema(t, "spanmark.schema.json")
	h, files := smallCorpus(t)
	data, err := EncodeCorpus(h, files)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if err := validate(header, []byte(lines[0])); err != nil {
		t.Errorf("the corpus header fails the schema: %v", err)
	}
	for i, line := range lines[1:] {
		if err := validate(file, []byte(line)); err != nil {
			t.Errorf("line %d fails the file schema: %v", i+2, err)
		}
	}
	bad := strings.Replace(lines[0], `"status":"done"`, `"status":"finished"`, 1)
	if err := validate(header, []byte(bad)); err == nil {
		t.Errorf("the schema accepts a header with status \"finished\"")
	}
}

// TestDemoProject checks that every article of the demo project that
// ships with the app is where its path says, resolved as the page
// resolves it, and that the sample article is the app's, byline included.
func TestDemoProject(t *testing.T) {
	web := filepath.Join("..", "..", "web")
	p, err := Decode(readFile(t, filepath.Join(web, "demo", "project.json")))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range p.Documents {
		u, err := ResolvePath("demo/project.json", d.Path)
		if err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
		if b := readFile(t, filepath.Join(web, filepath.FromSlash(u))); len(bytes.TrimSpace(b)) == 0 {
			t.Errorf("%s: %s is empty", d.ID, u)
		}
	}
	if !bytes.Equal(readFile(t, filepath.Join(web, "demo", "articles", "sample.txt")), readFile(t, filepath.Join(web, "sample.txt"))) {
		t.Errorf("web/demo/articles/sample.txt differs from web/sample.txt; copy it unchanged, with its byline")
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
