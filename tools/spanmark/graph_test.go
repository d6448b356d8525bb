package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// argmapGolden is where annotations/argmap keeps its golden files of the
// sample; the CLI must write the same bytes, so that the page and the
// exports agree.
const argmapGolden = "../../annotations/argmap/testdata/"

func TestTableGraphGolden(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		golden string
	}{
		{"table_csv", []string{"table"}, "sample.csv"},
		{"table_to_csv", []string{"table", "--to", "csv"}, "sample.csv"},
		{"graph_dot", []string{"graph", "--to", "dot"}, "sample.dot"},
		{"graph_graphml", []string{"graph", "--to", "graphml"}, "sample.graphml"},
		{"graph_svg", []string{"graph", "--to", "svg"}, "sample.svg"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCmd(t, append(c.args, teamPaths...)...)
			if code != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			want := string(readBytes(t, argmapGolden+c.golden))
			if diff := cmp.Diff(want, out); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", c.args, c.golden, diff)
			}
		})
	}
}

func TestGraphOutputFile(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, out, golden string }{
		{"svg_by_extension", "map.svg", "sample.svg"},
		{"dot_by_gv", "map.gv", "sample.dot"},
		{"graphml_by_extension", "map.GraphML", "sample.graphml"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, c.out)
			code, stdout, errs := runCmd(t, append([]string{"graph", "-o", out}, teamPaths...)...)
			if code != 0 || errs != "" || stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, errs)
			}
			if diff := cmp.Diff(string(readBytes(t, argmapGolden+c.golden)), string(readBytes(t, out))); diff != "" {
				t.Errorf("%s (-want +got):\n%s", out, diff)
			}
		})
	}
}

func TestTableSeveralDocuments(t *testing.T) {
	code, out, errs := runCmd(t, "table", "--label", "claim", samplePath, multiscriptPath, teamPaths[0])
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, out)
	}
	docs := map[string]int{}
	for _, row := range rows[1:] {
		docs[row[0]]++
		if row[3] != "claim" {
			t.Errorf("--label claim kept a %s: %q", row[3], row)
		}
	}
	if len(docs) != 2 {
		// The sample file and alice's file are of one document.
		t.Errorf("rows of %d documents, want 2: %v", len(docs), docs)
	}
}

func TestTableGraphErrors(t *testing.T) {
	dir := t.TempDir()
	broken := put(t, dir, "broken.json", `{"spanmark": 1, "document": {}}`)
	cases := []struct {
		name string
		args []string
		code int
		say  string
	}{
		{"no_files", []string{"table"}, 2, "want at least one FILE"},
		{"table_to_dot", []string{"table", "--to", "dot", samplePath}, 2, `cannot write a table as "dot"`},
		{"graph_no_to", []string{"graph", samplePath}, 2, "--to is required"},
		{"graph_unknown_to", []string{"graph", "--to", "png", samplePath}, 2, `cannot write a graph as "png"`},
		{"unknown_label", []string{"graph", "--to", "dot", "--label", "claim,rumour", samplePath}, 2, `--label "rumour": no such label`},
		{"unknown_flag", []string{"table", "--bogus", samplePath}, 2, "flag provided but not defined"},
		{"missing_file", []string{"table", filepath.Join(dir, "nope.json")}, 1, "nope.json"},
		{"broken_file", []string{"graph", "--to", "svg", samplePath, broken}, 1, "broken.json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCmd(t, c.args...)
			if code != c.code || !strings.Contains(errs, c.say) {
				t.Errorf("%q: exit %d, stderr %q; want exit %d saying %q", c.args, code, errs, c.code, c.say)
			}
			if out != "" {
				t.Errorf("%q: wrote %q to stdout on error", c.args, out)
			}
		})
	}
	// A failed run leaves no output file behind.
	out := filepath.Join(dir, "map.svg")
	if code, _, _ := runCmd(t, "graph", "-o", out, broken); code != 1 {
		t.Errorf("graph of a broken file: exit %d, want 1", code)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s exists after a failed run (err %v)", out, err)
	}
}

func TestTableGraphHelp(t *testing.T) {
	for _, name := range []string{"table", "graph"} {
		code, out, _ := runCmd(t, name, "-h")
		if code != 0 || !strings.HasPrefix(out, "usage: spanmark "+name) {
			t.Errorf("%s -h: exit %d, output %q", name, code, out)
		}
	}
	_, out, _ := runCmd(t, "help")
	for _, s := range []string{"spanmark table [--from F]", "spanmark graph [--from F] --to dot|graphml|svg", "  table  ", "  graph  "} {
		if !strings.Contains(out, s) {
			t.Errorf("usage lacks %q", s)
		}
	}
}

// TestTableCorpus pools a project's corpus: the rows of every document
// with work, each with its document and the corpus's annotator, the same
// rows as the files give one by one.
func TestTableCorpus(t *testing.T) {
	dir := t.TempDir()
	path, _ := writeCorpus(t, dir, "ann.jsonl", "ann")
	code, out, errs := runCmd(t, "table", path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, out)
	}
	_, want, errs := runCmd(t, "table", samplePath, multiscriptPath)
	wantRows, err := csv.NewReader(strings.NewReader(want)).ReadAll()
	if err != nil {
		t.Fatalf("the files' table is not CSV: %v (%s)", err, errs)
	}
	if len(rows) != len(wantRows) || len(rows) < 3 {
		t.Fatalf("the corpus gives %d rows, the files %d; want the same, and some", len(rows), len(wantRows))
	}
	docs := map[string]bool{}
	for _, row := range rows[1:] {
		docs[row[0]] = true
		if row[1] != "ann" {
			t.Errorf("annotator %q, want the corpus's, ann: %q", row[1], row)
		}
	}
	if len(docs) != 2 {
		t.Errorf("rows of %d documents, want the 2 with work: %v", len(docs), docs)
	}
}
