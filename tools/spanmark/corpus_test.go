package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/project"
)

// writeCorpus writes a corpus of the sample file (document "s", done),
// a new document and the multiscript file (document "m", in progress),
// and returns its path and bytes.
func writeCorpus(t *testing.T, dir, name, annotator string) (string, string) {
	t.Helper()
	var files []*annotations.File
	for _, p := range []string{samplePath, multiscriptPath} {
		f, err := codec.Decode(readBytes(t, p))
		if err != nil {
			t.Fatal(err)
		}
		f.Schema = annotations.DefaultSchema()
		f.Annotator = annotator
		files = append(files, f)
	}
	h := project.CorpusHeader{Title: "Test", Schema: annotations.DefaultSchema(), Annotator: annotator, Documents: []project.CorpusDocument{
		{Document: project.Document{ID: "s", Path: "articles/s.txt"}, Status: project.StatusDone},
		{Document: project.Document{ID: "n", Path: "articles/n.txt"}, Status: project.StatusNew},
		{Document: project.Document{ID: "m", Path: "articles/m.txt"}, Status: project.StatusProgress},
	}}
	b, err := project.EncodeCorpus(h, []*annotations.File{files[0], nil, files[1]})
	if err != nil {
		t.Fatal(err)
	}
	return put(t, dir, name, string(b)), string(b)
}

func TestCorpusCommands(t *testing.T) {
	dir := t.TempDir()
	path, data := writeCorpus(t, dir, "ann.jsonl", "ann")
	sample, err := codec.Decode(readBytes(t, samplePath))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("validate", func(t *testing.T) {
		code, out, errs := runCmd(t, "validate", path)
		if code != 0 || !strings.Contains(out, "ok (corpus, 3 documents: 1 done, 1 in progress, 1 new; 2 files") {
			t.Errorf("status %d, stdout %q, stderr %q", code, out, errs)
		}
	})
	t.Run("validate_bad_line", func(t *testing.T) {
		bad := put(t, dir, "bad.jsonl", strings.Replace(data, `"label":"actor"`, `"label":"actors"`, 1))
		code, _, errs := runCmd(t, "validate", bad)
		if code != 1 || !strings.Contains(errs, bad+": line 2: annotations[") || !strings.Contains(errs, `unknown label "actors"`) {
			t.Errorf("status %d, stderr %q; want 1 and the line and path", code, errs)
		}
	})
	t.Run("stats", func(t *testing.T) {
		code, out, errs := runCmd(t, "stats", path)
		if code != 0 || !strings.Contains(out, "  n (articles/n.txt): new\n") || !strings.Contains(out, "all documents together:") {
			t.Errorf("status %d, stdout %q, stderr %q", code, out, errs)
		}
	})
	t.Run("stats_json", func(t *testing.T) {
		code, out, errs := runCmd(t, "stats", "--json", path)
		if code != 0 {
			t.Fatalf("status %d, stderr %q", code, errs)
		}
		var st corpusStatsJSON
		if err := json.Unmarshal([]byte(out), &st); err != nil {
			t.Fatal(err)
		}
		if len(st.Documents) != 3 || st.Documents[1].Stats != nil || st.Documents[0].Stats.Annotations != len(sample.Annotations) {
			t.Errorf("documents %+v", st.Documents)
		}
		if st.Total.Annotations < len(sample.Annotations) || st.Total.Annotations != st.Documents[0].Stats.Annotations+st.Documents[2].Stats.Annotations {
			t.Errorf("total %d annotations is not the sum of the documents'", st.Total.Annotations)
		}
	})
	t.Run("convert_jsonl", func(t *testing.T) {
		out := filepath.Join(dir, "out.jsonl")
		code, _, errs := runCmd(t, "convert", "--to", "jsonl", "-o", out, path)
		if code != 0 {
			t.Fatalf("status %d, stderr %q", code, errs)
		}
		lines := strings.Split(strings.TrimSuffix(string(readBytes(t, out)), "\n"), "\n")
		n := map[string]int{}
		for _, l := range lines {
			var row map[string]any
			if err := json.Unmarshal([]byte(l), &row); err != nil {
				t.Fatalf("row %q: %v", l, err)
			}
			n[row["project-document"].(string)]++
		}
		if n["s"] != len(sample.Annotations) || n["n"] != 0 || n["m"] == 0 {
			t.Errorf("rows per document %v", n)
		}
	})
	t.Run("convert_refused", func(t *testing.T) {
		code, _, errs := runCmd(t, "convert", "--to", "w3c", path)
		if code != 1 || !strings.Contains(errs, "converts only --to jsonl") {
			t.Errorf("status %d, stderr %q", code, errs)
		}
	})
}
