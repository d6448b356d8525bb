package argmap_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations/argmap"
	"github.com/spanmark/spanmark/annotations/codec"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// samplePaths are the three annotators' files of the sample article.
var samplePaths = []string{
	"../../testdata/agree/sample-alice.json",
	"../../testdata/agree/sample-bob.json",
	"../../testdata/agree/sample-carol.json",
}

// readSources decodes the files at paths into sources.
func readSources(t testing.TB, paths ...string) []argmap.Source {
	t.Helper()
	var out []argmap.Source
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := codec.Decode(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, argmap.FromFile(f, filepath.Base(p)))
	}
	return out
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got; -update rewrites):\n%s", path, diff)
	}
}

func TestGolden(t *testing.T) {
	m := argmap.New(readSources(t, samplePaths...))
	d := argmap.Layout(m)
	for _, c := range []struct{ name, got string }{
		{"sample.csv", m.CSV()},
		{"sample.dot", m.DOT()},
		{"sample.graphml", m.GraphML()},
		{"sample.svg", d.SVG()},
	} {
		t.Run(c.name, func(t *testing.T) { golden(t, c.name, c.got) })
	}
}
