package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
	t.Run("convert_w3c", func(t *testing.T) {
		code, out, errs := runCmd(t, "convert", "--to", "w3c", path)
		if code != 0 {
			t.Fatalf("status %d, stderr %q", code, errs)
		}
		var c struct {
			Type      string
			Documents []struct{ ID, Title, Source string } `json:"spanmark:documents"`
			First     struct {
				Items []struct{ Target any }
			}
		}
		if err := json.Unmarshal([]byte(out), &c); err != nil {
			t.Fatal(err)
		}
		c2, err := project.DecodeCorpus([]byte(data))
		if err != nil {
			t.Fatal(err)
		}
		type doc struct{ ID, Title, Source string }
		var got, want []doc
		for _, d := range c.Documents {
			got = append(got, doc(d))
		}
		sources := map[string]int{}
		for i, f := range c2.Files {
			if f != nil {
				want = append(want, doc{f.Document.ID, c2.Header.Documents[i].Path[len("articles/"):], c2.Header.Documents[i].Path})
				sources["urn:"+f.Document.ID] = len(f.Annotations) + len(f.Relations)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" || c.Type != "AnnotationCollection" {
			t.Errorf("convert --to w3c: a %q whose documents differ (-want +got):\n%s", c.Type, diff)
		}
		n := map[string]int{}
		for _, it := range c.First.Items {
			var src string
			switch tg := it.Target.(type) {
			case map[string]any:
				src, _ = tg["source"].(string)
			case string: // a relation's target is its "from" annotation's IRI
				src, _, _ = strings.Cut(tg, "#")
			}
			n[src]++
		}
		if diff := cmp.Diff(sources, n); diff != "" {
			t.Errorf("convert --to w3c: items per document (-want +got):\n%s", diff)
		}
	})
	t.Run("convert_refused", func(t *testing.T) {
		code, _, errs := runCmd(t, "convert", "--to", "brat", path)
		if code != 1 || !strings.Contains(errs, "converts only --to jsonl or w3c") {
			t.Errorf("status %d, stderr %q", code, errs)
		}
	})
}

// teamCorpus writes the corpus of one annotator's file of the sample
// article as document "s", with document "n" new and, when extra, the
// same file again as document "x" that only this corpus has.
func teamCorpus(t *testing.T, dir, name, filePath string, extra bool, schema *annotations.Schema) string {
	t.Helper()
	f, err := codec.Decode(readBytes(t, filePath))
	if err != nil {
		t.Fatal(err)
	}
	if schema.Labels == nil {
		*schema = f.Schema
	}
	h := project.CorpusHeader{Title: "Team", Schema: *schema, Annotator: f.Annotator, Documents: []project.CorpusDocument{
		{Document: project.Document{ID: "s", Path: "s.txt"}, Status: project.StatusDone},
		{Document: project.Document{ID: "n", Path: "n.txt"}, Status: project.StatusNew},
	}}
	files := []*annotations.File{f, nil}
	if extra {
		h.Documents = append(h.Documents, project.CorpusDocument{Document: project.Document{ID: "x", Path: "x.txt"}, Status: project.StatusProgress})
		files = append(files, f)
	}
	b, err := project.EncodeCorpus(h, files)
	if err != nil {
		t.Fatal(err)
	}
	return put(t, dir, name, string(b))
}

func TestCorpusTeam(t *testing.T) {
	dir := t.TempDir()
	var schema annotations.Schema
	a := teamCorpus(t, dir, "alice.jsonl", teamPaths[0], true, &schema)
	b := teamCorpus(t, dir, "bob.jsonl", teamPaths[1], false, &schema)

	// The corpus agreement on document s is the agreement of the two files.
	_, single, _ := runCmd(t, "agree", "--json", teamPaths[0], teamPaths[1])
	var want agreeJSON
	if err := json.Unmarshal([]byte(single), &want); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, "agree", "--json", a, b)
	if code != 0 {
		t.Fatalf("agree: status %d: %s", code, errs)
	}
	var got corpusAgreeJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got.Documents) != 3 || got.Documents[0].Agreement == nil || got.Documents[1].Agreement != nil || got.Documents[2].Agreement != nil {
		t.Fatalf("documents: %s", out)
	}
	if g, w := got.Documents[0].Agreement.Overall.Exact.F1, want.Overall.Exact.F1; g != w {
		t.Errorf("exact F1 of document s %v, of the two files %v", g, w)
	}
	if got.Pooled == nil || strings.Join(got.PooledDocIDs, ",") != "s" || got.Pooled.Overall.Exact.F1 != want.Overall.Exact.F1 {
		t.Errorf("pooled over %v: %+v", got.PooledDocIDs, got.Pooled)
	}
	code, out, errs = runCmd(t, "agree", a, b)
	if code != 0 || !strings.Contains(out, "x: fewer than two annotators have a file") || !strings.Contains(out, "Pooled over 1 document (s)") {
		t.Errorf("agree: status %d, stdout %q, stderr %q", code, out, errs)
	}

	merged := filepath.Join(dir, "merged.jsonl")
	code, out, errs = runCmd(t, "merge", "-o", merged, a, b)
	if code != 0 {
		t.Fatalf("merge: status %d: %s", code, errs)
	}
	c, err := project.DecodeCorpus(readBytes(t, merged))
	if err != nil {
		t.Fatalf("merged corpus: %v", err)
	}
	var statuses []string
	for _, d := range c.Header.Documents {
		statuses = append(statuses, d.ID+":"+string(d.Status))
	}
	if s := strings.Join(statuses, " "); s != "s:done n:new x:progress" {
		t.Errorf("merged statuses %s; stdout %s", s, out)
	}
	if !strings.Contains(out, "x: only "+a+" has a file; kept as it is") {
		t.Errorf("merge stdout %q", out)
	}

	single2 := put(t, dir, "single.json", string(readBytes(t, teamPaths[1])))
	code, _, errs = runCmd(t, "agree", a, single2)
	if code != 1 || !strings.Contains(errs, "is not a corpus") {
		t.Errorf("agree of a corpus and a file: status %d, stderr %q", code, errs)
	}
}
