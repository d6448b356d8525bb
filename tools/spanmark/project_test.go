package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/annotations/project"
)

func TestProjectInit(t *testing.T) {
	src := t.TempDir()
	a := put(t, src, "b-second.txt", "The second title\nText.")
	b := put(t, src, "a first.md", "# The first\nText.")
	rules := put(t, src, "rules.md", "Mark actors.")
	dir := filepath.Join(t.TempDir(), "proj")
	code, out, errs := runCmd(t, "project", "init", "-o", dir, "--guidelines", rules, a, b)
	if code != 0 {
		t.Fatalf("project init: status %d: %s", code, errs)
	}
	if !strings.Contains(out, "project of 2 documents") {
		t.Errorf("project init printed %q", out)
	}
	p, err := project.Decode(readBytes(t, filepath.Join(dir, "project.json")))
	if err != nil {
		t.Fatalf("project.json: %v", err)
	}
	want := []project.Document{
		{ID: "b-second", Title: "The second title", Path: "articles/b-second.txt"},
		{ID: "a-first", Title: "The first", Path: "articles/a first.md"},
	}
	if diff := cmp.Diff(want, p.Documents); diff != "" {
		t.Errorf("documents in the order given (-want +got):\n%s", diff)
	}
	if p.Title != "proj" || p.Guidelines != "guidelines.md" {
		t.Errorf("title %q, guidelines %q; want proj, guidelines.md", p.Title, p.Guidelines)
	}
	for _, name := range []string{"articles/b-second.txt", "articles/a first.md", "guidelines.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the project lacks %s: %v", name, err)
		}
	}

	t.Run("schema_from_file", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "p")
		code, _, errs := runCmd(t, "project", "init", "-o", dir, "--schema", samplePath, a)
		if code != 0 {
			t.Fatalf("status %d: %s", code, errs)
		}
	})
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"not_empty", []string{"-o", dir, a}, 1, "is not empty"},
		{"no_dir", []string{a}, 2, "-o DIR is required"},
		{"no_articles", []string{"-o", t.TempDir()}, 2, "no articles"},
		{"not_article", []string{"-o", filepath.Join(t.TempDir(), "x"), put(t, src, "notes.pdf", "")}, 1, "not an article"},
		{"same_name", []string{"-o", filepath.Join(t.TempDir(), "x"), a, a}, 1, "have the same file name"},
		{"bad_guidelines", []string{"-o", filepath.Join(t.TempDir(), "x"), "--guidelines", a + "x", a}, 1, "guidelines must be a .md or .txt file"},
		{"bad_schema", []string{"-o", filepath.Join(t.TempDir(), "x"), "--schema", a, a}, 1, "not a schema object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCmd(t, append([]string{"project", "init"}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Errorf("status %d, stderr %q; want %d and %q", code, errs, tc.code, tc.want)
			}
		})
	}
}
