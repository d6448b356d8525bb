package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/exchange"
)

const formatsDir = "../../testdata/formats/"

// quotesOf lists a native file's annotations as "label [start,end) quote".
func quotesOf(t *testing.T, b []byte) []string {
	t.Helper()
	f, err := codec.Decode(b)
	if err != nil {
		t.Fatalf("not a valid spanmark file: %v\n%s", err, b)
	}
	var out []string
	for _, a := range f.Annotations {
		out = append(out, a.Label+" ["+itoa(a.Start)+","+itoa(a.End)+") "+a.Quote)
	}
	return out
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// emojiQuotes are the first six spans of every testdata/formats/emoji.*
// file, in code points.
var emojiQuotes = []string{
	"actor [3,9) Lavrov", "claim [15,34) the talks went well", "actor [38,43) Rubio",
	"proposal [56,74) a summit in Riyadh", "actor [76,87) The Kremlin", "actor [101,110) Zelenskyy",
}

func TestConvertToolFormats(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"brat_with_text", []string{"--from", "brat", "--text", formatsDir + "emoji.txt", formatsDir + "emoji.ann"},
			[]string{emojiQuotes[0], emojiQuotes[1], emojiQuotes[2], emojiQuotes[3], emojiQuotes[4],
				"claim [76,96) The Kremlin welcomed", emojiQuotes[5], "claim [101,118) Zelenskyy did not"}},
		{"doccano_utf16", []string{"--from", "doccano", formatsDir + "emoji.doccano.jsonl"}, emojiQuotes},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCmd(t, append([]string{"convert", "--to", "spanmark"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d, stderr %s", code, errs)
			}
			if diff := cmp.Diff(tc.want, quotesOf(t, []byte(out))); diff != "" {
				t.Errorf("annotations (-want +got):\n%s", diff)
			}
		})
	}
}

// TestConvertChain converts doccano → Label Studio → brat (+ txt) → spanmark
// → doccano through files, and checks that the spans are the same at the
// end and that the doccano offsets are UTF-16 again.
func TestConvertChain(t *testing.T) {
	dir := t.TempDir()
	step := func(args ...string) {
		t.Helper()
		if code, _, errs := runCmd(t, append([]string{"convert"}, args...)...); code != 0 {
			t.Fatalf("convert %v: exit %d, stderr %s", args, code, errs)
		}
	}
	ls := filepath.Join(dir, "emoji.json")
	ann := filepath.Join(dir, "emoji.ann")
	txt := filepath.Join(dir, "emoji.txt")
	native := filepath.Join(dir, "emoji.spanmark.json")
	back := filepath.Join(dir, "emoji.jsonl")
	step("--from", "doccano", "--to", "labelstudio", "-o", ls, formatsDir+"emoji.doccano.jsonl")
	step("--from", "labelstudio", "--to", "brat", "-o", ann, ls)
	step("--from", "labelstudio", "--to", "txt", "-o", txt, ls)
	step("--from", "brat", "--text", txt, "--to", "spanmark", "-o", native, ann)
	step("--to", "doccano", "-o", back, native)
	b, err := os.ReadFile(native)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(emojiQuotes, quotesOf(t, b)); diff != "" {
		t.Errorf("spans after the chain (-want +got):\n%s", diff)
	}
	type entity struct {
		Label string `json:"label"`
		Start int    `json:"start_offset"`
		End   int    `json:"end_offset"`
	}
	var orig, got struct {
		Entities  []entity          `json:"entities"`
		Relations []json.RawMessage `json:"relations"`
	}
	for _, x := range []struct {
		path string
		v    any
	}{{formatsDir + "emoji.doccano.jsonl", &orig}, {back, &got}} {
		b, err := os.ReadFile(x.path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, x.v); err != nil {
			t.Fatalf("%s: %v", x.path, err)
		}
	}
	if diff := cmp.Diff(orig.Entities, got.Entities); diff != "" {
		t.Errorf("doccano entities after the chain (-want +got):\n%s", diff)
	}
	if len(got.Relations) != len(orig.Relations) {
		t.Errorf("%d relations after the chain, want %d", len(got.Relations), len(orig.Relations))
	}
}

func TestConvertToolFormatErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"doccano_two_documents", []string{"--from", "doccano", "--to", "spanmark", formatsDir + "two-docs.doccano.jsonl"},
			"holds 2 documents (1: \"🇷🇺 Lavrov  … did not 😠.\"; 2: \"Putin 🙂 me … kyy waved.\"); pick one with --doc N (1 to 2)"},
		{"labelstudio_two_annotators", []string{"--from", "labelstudio", "--to", "spanmark", formatsDir + "emoji.labelstudio.json"},
			"by user 1; 2: \"🇷🇺 Lavrov  … did not 😠.\" by bob@example.org); pick one with --doc N (1 to 2)"},
		{"brat_without_text", []string{"--from", "brat", "--to", "spanmark", formatsDir + "emoji.ann"}, "holds no text (a brat .ann file does not carry it; name the .txt file beside it with --text)"},
		{"brat_to_doccano_without_text", []string{"--from", "brat", "--to", "doccano", formatsDir + "emoji.ann"},
			"encode doccano: the file holds no text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCmd(t, append([]string{"convert"}, tc.args...)...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(errs, tc.want) {
				t.Errorf("stderr %q does not contain %q", errs, tc.want)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
		})
	}
}

func TestAgreeLabelStudioAnnotators(t *testing.T) {
	// One Label Studio export with two people's annotations of a task is two
	// annotators.
	code, out, errs := runCmd(t, "agree", "--json", "--from", "labelstudio", formatsDir+"emoji.labelstudio.json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var got struct {
		Annotators []string `json:"annotators"`
		Overall    struct {
			Spans []int `json:"spans"`
		} `json:"overall"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"user 1", "bob@example.org"}, got.Annotators); diff != "" {
		t.Errorf("annotators (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{4, 3}, got.Overall.Spans); diff != "" {
		t.Errorf("spans per annotator (-want +got):\n%s", diff)
	}
}

func TestAgreeOneAnnotator(t *testing.T) {
	code, _, errs := runCmd(t, "agree", "--from", "doccano", formatsDir+"emoji.doccano.jsonl")
	if code != 2 || !strings.Contains(errs, "need at least two annotators") {
		t.Errorf("exit %d, stderr %q; want 2 and a message that two annotators are needed", code, errs)
	}
}

func TestConvertReportsWhatIsDropped(t *testing.T) {
	// The task's choices, rating and other results have no place in
	// Spanmark: convert
	// says so on stderr, with counts and places, and writes nothing with
	// exit status 1, unless --lossy accepts the loss (--strict, kept for
	// scripts, is the default).
	args := []string{"convert", "--from", "labelstudio", "--to", "labelstudio", formatsDir + "chinese.labelstudio.json"}
	warnings := []string{
		formatsDir + "chinese.labelstudio.json: warning: 1 × choices result dropped (about the whole task, which the model cannot hold) (line 1: annotations[0].result[10]: [\"正面\"])\n",
		"warning: 1 × span with the same label and range as another, merged into it",
	}
	for _, extra := range [][]string{nil, {"--strict"}} {
		code, out, errs := runCmd(t, append(args, extra...)...)
		if code != 1 || out != "" || !strings.Contains(errs, "not everything in it can be converted to labelstudio (the warnings above), so nothing was written; --lossy writes") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 1, nothing and a refusal", extra, code, out, errs)
		}
		for _, want := range warnings {
			if !strings.Contains(errs, want) {
				t.Errorf("%v: stderr %q lacks %q", extra, errs, want)
			}
		}
	}
	code, out, errs := runCmd(t, append(args, "--lossy")...)
	if code != 0 {
		t.Fatalf("--lossy: exit %d, stderr %s", code, errs)
	}
	for _, want := range warnings {
		if !strings.Contains(errs, want) {
			t.Errorf("--lossy: stderr %q lacks %q", errs, want)
		}
	}
	if !strings.Contains(out, `"地点"`) || strings.Contains(out, "label-3") {
		t.Errorf("output does not carry the label names:\n%s", out)
	}
}

// TestConvertReportsWhatIsLeftOut converts work with notes, entities and
// an orphan to formats without a place for them: each is named on stderr
// and nothing is written, unless --lossy; to W3C, which holds them all,
// nothing is said.
func TestConvertReportsWhatIsLeftOut(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "work.json")
	s := annotations.NewSet(annotations.NewDocument("The mayor spoke to Lavrov.", "", "test"), annotations.DefaultSchema())
	for _, e := range []annotations.Edit{
		annotations.Add{Label: "actor", Start: 4, End: 9, Note: "the town's", Entity: "Mayor Jones"},
		annotations.Add{Label: "actor", Start: 19, End: 25},
	} {
		if _, err := s.Apply(e, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	f := annotations.NewFile(s, "", time.Time{})
	f.Orphans = []annotations.Orphan{{Annotation: annotations.Annotation{ID: "a9", Label: "actor", Quote: "Putin"}, Reason: "not found"}}
	b, err := codec.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		to   string
		lost []string
	}{
		{"doccano", []string{"1 × notes of annotations not written", "1 × entities of annotations not written", "1 × orphans (annotations not placed in the text) not written"}},
		{"labelstudio", []string{"1 × entities of annotations not written", "1 × orphans"}},
		{"brat", []string{"1 × orphans"}},
		{"jsonl", []string{"1 × orphans"}},
		{"w3c", nil},
	} {
		code, out, errs := runCmd(t, "convert", "--to", tc.to, in)
		if tc.lost == nil {
			if code != 0 || errs != "" || out == "" {
				t.Errorf("to %s: exit %d, stderr %q; want 0, nothing said and the file written", tc.to, code, errs)
			}
			continue
		}
		if code != 1 || out != "" || !strings.Contains(errs, "so nothing was written") {
			t.Errorf("to %s: exit %d, stdout %q, stderr %q; want 1, nothing written and why", tc.to, code, out, errs)
		}
		for _, want := range tc.lost {
			if !strings.Contains(errs, want) {
				t.Errorf("to %s: stderr %q lacks %q", tc.to, errs, want)
			}
		}
		if code, out, _ := runCmd(t, "convert", "--lossy", "--to", tc.to, in); code != 0 || out == "" {
			t.Errorf("to %s --lossy: exit %d, want 0 and the file written", tc.to, code)
		}
	}
}

func TestConvertDocAndOffsets(t *testing.T) {
	dir := t.TempDir()
	// doccano issue #2290: a file whose offsets count code points.
	cp := filepath.Join(dir, "cp.jsonl")
	if err := os.WriteFile(cp, []byte(`{"text": "Our 🚒🚒🚒🚒🚒 drove past: the new firetruck is red.", "label": [[30, 39, "VEHICLE"]]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		want     []string
		stderrIs string
	}{
		{"doc_2", []string{"--from", "doccano", "--doc", "2", formatsDir + "two-docs.doccano.jsonl"},
			[]string{"actor [0,5) Putin", "actor [12,17) Trump", "actor [22,31) Zelenskyy"},
			formatsDir + "two-docs.doccano.jsonl: warning: 1 × field \"meta\" not read (line 2: meta)\n"},
		{"doc_by_annotator", []string{"--from", "labelstudio", "--doc", "bob@example.org", formatsDir + "emoji.labelstudio.json"},
			// The choices result dropped is user 1's, so not reported here.
			[]string{emojiQuotes[0], emojiQuotes[4], emojiQuotes[5]}, ""},
		{"doc_1_report", []string{"--from", "labelstudio", "--doc", "1", formatsDir + "emoji.labelstudio.json"},
			[]string{emojiQuotes[0], emojiQuotes[1], emojiQuotes[2], emojiQuotes[3]},
			formatsDir + "emoji.labelstudio.json: warning: 1 × choices result dropped (about the whole task, which the model cannot hold) (line 2: [0].annotations[0].result[6]: [\"Politics\"])\n"},
		{"offsets_codepoints", []string{"--from", "doccano", "--offsets", "codepoints", cp}, []string{"VEHICLE [30,39) firetruck"}, ""},
		{"offsets_utf16_warns", []string{"--from", "doccano", cp}, []string{"VEHICLE [25,34)  new fire"},
			cp + ": warning: 1 × span whose quote cuts a word, read in UTF-16 units after characters outside the BMP (does the file count code points? --offsets codepoints) (line 1: label[0])\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCmd(t, append([]string{"convert", "--lossy", "--to", "spanmark"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d, stderr %s", code, errs)
			}
			if diff := cmp.Diff(tc.want, quotesOf(t, []byte(out))); diff != "" {
				t.Errorf("annotations (-want +got):\n%s", diff)
			}
			if errs != tc.stderrIs {
				t.Errorf("stderr %q, want %q", errs, tc.stderrIs)
			}
		})
	}
}

func TestConvertToFromExtension(t *testing.T) {
	dir := t.TempDir()
	ann := filepath.Join(dir, "sample.ann")
	if code, _, errs := runCmd(t, "convert", "-o", ann, samplePath); code != 0 {
		t.Fatalf("-o .ann: exit %d, stderr %s", code, errs)
	}
	if b, err := os.ReadFile(ann); err != nil || !strings.HasPrefix(string(b), "T1\t") {
		t.Errorf("-o .ann wrote %q (%v), want brat", b, err)
	}
	code, _, errs := runCmd(t, "convert", "-o", filepath.Join(dir, "x.json"), samplePath)
	if code != 2 || !strings.Contains(errs, `--to is required (the extension of -o "`) {
		t.Errorf("-o .json: exit %d, stderr %q; want 2, since .json is spanmark and labelstudio", code, errs)
	}
	if code, out, _ := runCmd(t, "convert", "-h"); code != 0 || !strings.Contains(out, "-offsets string") || !strings.Contains(out, "-strict") {
		t.Errorf("convert -h lists no flags:\n%s", out)
	}
}

func TestConvertW3CArray(t *testing.T) {
	// A plain JSON array of annotations, as some tools write, is W3C.
	code, out, errs := runCmd(t, "convert", "--to", "w3c", samplePath)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var coll struct {
		First struct {
			Items []json.RawMessage `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal([]byte(out), &coll); err != nil || len(coll.First.Items) == 0 {
		t.Fatalf("no items in the W3C output (%v)", err)
	}
	arr, _ := json.Marshal(coll.First.Items)
	path := filepath.Join(t.TempDir(), "array.json")
	if err := os.WriteFile(path, arr, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCmd(t, "convert", "--to", "spanmark", "--text", sampleText, path)
	if code != 0 {
		t.Fatalf("array: exit %d, stderr %s", code, errs)
	}
	orig, err := codec.Decode(readBytes(t, samplePath))
	if err != nil {
		t.Fatal(err)
	}
	if got := quotesOf(t, []byte(out)); len(got) != len(orig.Annotations) {
		t.Errorf("%d annotations from the array, want %d", len(got), len(orig.Annotations))
	}
}

func TestAgreeByDocument(t *testing.T) {
	// Two annotators' doccano files of the same two documents: agree
	// compares one document at a time, not the lines of a file as
	// annotators.
	f := formatsDir + "two-docs.doccano.jsonl"
	code, _, errs := runCmd(t, "agree", "--from", "doccano", f, f)
	if code != 1 || !strings.Contains(errs, "holds 2 documents; pick the one to compare with --doc N (1 to 2)") {
		t.Errorf("without --doc: exit %d, stderr %q", code, errs)
	}
	code, out, errs := runCmd(t, "agree", "--json", "--from", "doccano", "--doc", "2", f, f)
	if code != 0 {
		t.Fatalf("--doc 2: exit %d, stderr %s", code, errs)
	}
	var got struct {
		Annotators []string `json:"annotators"`
		Overall    struct {
			Spans []int `json:"spans"`
		} `json:"overall"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{3, 3}, got.Overall.Spans); diff != "" {
		t.Errorf("spans per annotator of document 2 (-want +got):\n%s", diff)
	}
}

func TestValidateEveryDocument(t *testing.T) {
	// Without --doc, validate checks each document of a file that holds
	// several; with it, the one it picks.
	f := formatsDir + "chinese.doccano.jsonl"
	code, out, errs := runCmd(t, "validate", "--from", "doccano", f)
	want := f + "#1: ok (doccano, 5 code points, 2 annotations, 0 relations)\n" +
		f + "#2: ok (doccano, 27 code points, 7 annotations, 2 relations)\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errs, want)
	}
	code, out, _ = runCmd(t, "validate", "--from", "doccano", "--doc", "2", f)
	if want := f + ": ok (doccano, 27 code points, 7 annotations, 2 relations)\n"; code != 0 || out != want {
		t.Errorf("--doc 2: exit %d, stdout %q, want %q", code, out, want)
	}
}

// TestLeavesIsTrue writes work that has every part (notes, entities,
// conflicts, orphans) in each format that is read too, reads
// it back, and checks that the parts the format's table says it leaves
// out are what is missing, no more and no less: the warnings of convert
// rest on that table.
func TestLeavesIsTrue(t *testing.T) {
	s := annotations.NewSet(annotations.NewDocument("The mayor spoke to Lavrov.", "", "test"), annotations.DefaultSchema())
	if _, err := s.Apply(annotations.Add{Label: "actor", Start: 4, End: 9, Note: "the town's", Entity: "Mayor Jones"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	f := annotations.NewFile(s, "alice", time.Time{})
	f.Annotations[0].Conflict = &annotations.Conflict{Votes: []annotations.Vote{{Annotator: "alice", Label: "actor"}, {Annotator: "bob"}}}
	f.Orphans = []annotations.Orphan{{Annotation: annotations.Annotation{ID: "a9", Label: "actor", Quote: "Putin"}, Reason: "not found"}}
	has := func(g *annotations.File) map[part]bool {
		m := map[part]bool{orphans: len(g.Orphans) > 0}
		for _, a := range g.Annotations {
			m[notes] = m[notes] || a.Note != ""
			m[entities] = m[entities] || a.Entity != ""
			m[conflicts] = m[conflicts] || a.Conflict != nil
		}
		return m
	}
	for _, name := range []string{"spanmark", "w3c", "brat", "doccano", "labelstudio"} {
		ft := formats[name]
		b, err := ft.encode(f, readOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var g *annotations.File
		if name == "brat" {
			g, _, err = exchange.DecodeBrat(f.Document.Text, b, "work")
		} else {
			var gs []*annotations.File
			gs, _, err = ft.decode(b, "work", readOptions{})
			if err == nil {
				g = gs[0]
			}
		}
		if err != nil {
			t.Fatalf("%s: read back: %v", name, err)
		}
		kept := has(g)
		for _, p := range []part{notes, entities, orphans, conflicts} {
			if left := slices.Contains(ft.leaves, p); left == kept[p] {
				t.Errorf("%s: part %d kept: %v; the table says left out: %v", name, p, kept[p], left)
			}
		}
	}
}

// TestMergeRefusesLoss merges the two annotators of a Label Studio task,
// one of whose results (a choice about the whole task) the model cannot
// hold: merge names it and writes nothing, unless --lossy.
func TestMergeRefusesLoss(t *testing.T) {
	out := filepath.Join(t.TempDir(), "merged.json")
	args := []string{"merge", "--from", "labelstudio", "-o", out, formatsDir + "emoji.labelstudio.json"}
	code, _, errs := runCmd(t, args...)
	if _, err := os.Stat(out); code != 1 || err == nil || !strings.Contains(errs, "choices result dropped") || !strings.Contains(errs, "so nothing was written; --lossy") {
		t.Errorf("exit %d, written %v, stderr %q; want 1, nothing written and why", code, err == nil, errs)
	}
	if code, _, errs := runCmd(t, append(args, "--lossy")...); code != 0 {
		t.Errorf("--lossy: exit %d, stderr %q; want 0", code, errs)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("--lossy wrote nothing: %v", err)
	}
}
