package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations/codec"
)

func TestSuggestCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "suggested.json")
	code, stdout, errs := runCmd(t, "suggest", "--text", "../../testdata/suggest/dev-sudan.txt", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if !strings.HasPrefix(stdout, "wrote "+out) {
		t.Errorf("stdout %q does not say what it wrote", stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f, err := codec.Decode(b)
	if err != nil {
		t.Fatalf("the output does not decode: %v", err)
	}
	if len(f.Annotations) == 0 || len(f.Relations) == 0 {
		t.Errorf("got %d annotations and %d relations, want some of each", len(f.Annotations), len(f.Relations))
	}

	// The output scores against the gold work with agree, and with the
	// output as work, suggest adds nothing: every suggestion is accepted.
	if code, _, errs := runCmd(t, "agree", "../../testdata/suggest/dev-sudan.gold.json", out); code != 0 {
		t.Errorf("agree gold output: exit %d, stderr %s", code, errs)
	}
	again := filepath.Join(dir, "again.json")
	if code, _, errs := runCmd(t, "suggest", "--with", out, "-o", again); code != 0 {
		t.Fatalf("suggest --with: exit %d, stderr %s", code, errs)
	}
	b2, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(b), string(b2)); diff != "" {
		t.Errorf("suggest --with its own output changed it (-first +second):\n%s", diff)
	}
}

func TestSuggestUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no_output", []string{"suggest", "--text", "x.txt"}, 2, "-o OUT is required"},
		{"no_input", []string{"suggest", "-o", "x.json"}, 2, "--text or --with is required"},
		{"missing_text", []string{"suggest", "--text", "missing.txt", "-o", "x.json"}, 1, "missing.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCmd(t, tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.err) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errs, tc.code, tc.err)
			}
		})
	}
}
