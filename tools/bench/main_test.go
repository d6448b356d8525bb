package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRunQuick runs the whole benchmark in its small version, so that the
// command cannot rot. It checks the table's rows, not the numbers: speed
// targets are for people reading the table, not for assertions.
func TestRunQuick(t *testing.T) {
	if _, err := findChromium(""); err != nil {
		if os.Getenv("SPANMARK_BROWSER") == "required" {
			t.Fatalf("SPANMARK_BROWSER=required: %v", err)
		}
		t.Skipf("no browser (set SPANMARK_BROWSER=required to fail instead): %v", err)
	}
	if testing.Short() {
		t.Skip("builds the site and starts a browser; skipped with -short")
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-quick"}, &stdout, &stderr); code != 0 {
		t.Fatalf("run(-quick) = %d, want 0; stderr:\n%s", code, stderr.String())
	}
	for _, want := range []string{
		"wasm size raw / gzip",
		"interactive, sample article",
		" KB article (?article=)",
		"spanmark.load of the ",
		"label with 0 annotations",
		"label with 15 annotations", // 10 in bulk and the 5 measured before
		"label with 110 annotations",
		"export 115 annotations", // 100 in bulk and 5 measured at each of 3 levels
		"import 115 annotations",
		"import 115 annotations onto the article edited",
		"import 115 annotations as W3C onto the article edited",
		"label by key after a mouse selection, 115 annotations",
		"interactive / floor, cold",
		"coming back to an article of one's own: text painted",
		"an article of the site by ?article=, sent 80 ms after asked: interactive",
		"compiled wasm in the code cache after the first | second visit",
		"openProject of 20 documents",
		"documents panel, 20 rows",
		"openDocument of a 50 KB article",
		"exportProject corpus of 20 documents (3 with 3 annotations",
		"exportProject w3c of 20 documents",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("run(-quick) printed no row %q; got:\n%s", want, stdout.String())
		}
	}
}

// TestWasmCacheSize reads a code cache laid out as Chromium's: entries
// beside an index file and an index folder, which are not compiled code.
func TestWasmCacheSize(t *testing.T) {
	dir := t.TempDir()
	if n, err := wasmCacheSize(dir); n != 0 || err != nil {
		t.Errorf("wasmCacheSize of a profile with no code cache = %d, %v; want 0, nil", n, err)
	}
	cache := filepath.Join(dir, "Default", "Code Cache", "wasm")
	if err := os.MkdirAll(filepath.Join(cache, "index-dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, size := range map[string]int{"index": 24, "index-dir/the-real-index": 600, "0a199a3ba2bb4e5e_0": 1000, "10ac048845513c47_0": 234} {
		if err := os.WriteFile(filepath.Join(cache, name), make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := wasmCacheSize(dir); n != 1234 || err != nil {
		t.Errorf("wasmCacheSize = %d, %v; want 1234, nil", n, err)
	}
}

func TestRunFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"help", []string{"-h"}, 0},
		{"unknown_flag", []string{"-nope"}, 2},
		{"extra_argument", []string{"x"}, 2},
		{"no_samples", []string{"-samples", "0"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := run(tc.args, &stdout, &stderr); got != tc.want {
				t.Errorf("run(%q) = %d, want %d; stderr:\n%s", tc.args, got, tc.want, stderr.String())
			}
		})
	}
}

func TestPercentile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3, 6, 7, 8, 9, 10}
	for _, tc := range []struct {
		p, want float64
	}{{50, 5}, {95, 10}, {10, 1}, {100, 10}} {
		if got := percentile(xs, tc.p); got != tc.want {
			t.Errorf("percentile(%v, %v) = %v, want %v", xs, tc.p, got, tc.want)
		}
	}
	if got := percentile(nil, 50); got != 0 {
		t.Errorf("percentile(nil, 50) = %v, want 0", got)
	}
}

func TestWordSpans(t *testing.T) {
	got := wordSpans([]rune("Hé said: “no”, 2 times."))
	want := [][2]int{{0, 2}, {3, 7}, {10, 12}, {15, 16}, {17, 22}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("wordSpans mismatch (-want +got):\n%s", diff)
	}
}
