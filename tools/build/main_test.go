package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRunFlags(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string // first line
	}{
		{"unknown_flag", []string{"-x"}, 2, "flag provided but not defined: -x"},
		{"argument", []string{"dist"}, 2, `build: unexpected argument "dist"`},
		{"negative_budget", []string{"-budget", "-5"}, 2, "build: -budget: want a size in KB of 0 or more, got -5"},
		{"bad_budget", []string{"-budget", "big"}, 2, `invalid value "big" for flag -budget: parse error`},
		{"empty_out", []string{"-o", ""}, 2, "build: -o: want a directory, got an empty name"},
		{"help", []string{"-h"}, 0, "usage: go run ./tools/build [-o dist] [-budget 1000] [-later-budget 1000]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := run(tt.args, &stdout, &stderr)
			first, _, _ := strings.Cut(stderr.String(), "\n")
			if diff := cmp.Diff(tt.wantStderr, first); diff != "" || code != tt.wantCode {
				t.Errorf("run(%q) = %d, want %d; first line of stderr (-want +got):\n%s", tt.args, code, tt.wantCode, diff)
			}
		})
	}
}

// TestRunBudget builds for real with a budget no build can meet: the
// command fails and says why, and still writes the site for inspection.
func TestRunBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not compiling the wasm")
	}
	dir := filepath.Join(t.TempDir(), "dist")
	var stdout, stderr strings.Builder
	code := run([]string{"-o", dir, "-budget", "1", "-quick"}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("run with -budget 1 = %d, want 1; stderr:\n%s", code, stderr.String())
	}
	if want := "build: size budget: the first load transfers "; !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("stderr does not begin with %q:\n%s", want, stderr.String())
	}
	if !strings.Contains(stderr.String(), "over the budget of 1 KB") {
		t.Errorf("stderr does not name the budget:\n%s", stderr.String())
	}
	for _, want := range []string{"file ", "app.", ".wasm", "first load (", "index.html", "sw.js"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("size table lacks %q:\n%s", want, stdout.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Errorf("the site was not written: %v", err)
	}
}
