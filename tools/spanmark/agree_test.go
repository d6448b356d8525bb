package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/w3c"
)

// The -update flag may be defined by another test file of this package;
// define it only if nobody has (package variables are set before init runs).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// teamPaths are the three hand-made annotations of the sample article.
var teamPaths = []string{
	"../../testdata/agree/sample-alice.json",
	"../../testdata/agree/sample-bob.json",
	"../../testdata/agree/sample-carol.json",
}

// runCmd runs the CLI with args and returns its exit status and outputs.
func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// golden compares got with the file at path, rewriting it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if updating() {
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

// writeFile encodes f into dir/name and returns the path.
func writeFile(t *testing.T, dir, name string, f *annotations.File) string {
	t.Helper()
	b, err := codec.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readTeamFile(t *testing.T, path string) *annotations.File {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := codec.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestAgreeTable(t *testing.T) {
	code, out, errs := runCmd(t, append([]string{"agree"}, teamPaths...)...)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	golden(t, "../../testdata/agree/agreement.txt", out)
}

func TestAgreeJSONGolden(t *testing.T) {
	code, out, errs := runCmd(t, append([]string{"agree", "--json"}, teamPaths...)...)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	golden(t, "../../testdata/agree/agreement.json", out)
}

func TestAgreeJSON(t *testing.T) {
	// --json may come after the files.
	code, out, errs := runCmd(t, "agree", teamPaths[0], teamPaths[1], "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var got struct {
		Annotators []string `json:"annotators"`
		Units      int      `json:"units"`
		Overall    struct {
			KappaKind string   `json:"kappa_kind"`
			Kappa     *float64 `json:"kappa"`
			Alpha     *float64 `json:"alpha"`
		} `json:"overall"`
		Disagreements []json.RawMessage `json:"disagreements"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if diff := cmp.Diff([]string{"alice", "bob"}, got.Annotators); diff != "" {
		t.Errorf("annotators (-want +got):\n%s", diff)
	}
	if got.Units != 7079 || got.Overall.KappaKind != "cohen" || got.Overall.Kappa == nil || got.Overall.Alpha == nil {
		t.Errorf("units %d, kappa kind %q, kappa %v, alpha %v; want 7079, cohen and two numbers",
			got.Units, got.Overall.KappaKind, got.Overall.Kappa, got.Overall.Alpha)
	}
	if len(got.Disagreements) == 0 {
		t.Errorf("no disagreements between alice and bob")
	}
}

func TestAgreeErrors(t *testing.T) {
	dir := t.TempDir()
	alice := readTeamFile(t, teamPaths[0])

	odd := readTeamFile(t, teamPaths[1])
	odd.Schema.Labels = append(odd.Schema.Labels, annotations.Label{ID: "place", Name: "Place"})
	oddPath := writeFile(t, dir, "odd.json", odd)

	other := annotations.NewFile(annotations.NewSet(annotations.NewDocument("Another article.\nShort.", "", ""),
		annotations.DefaultSchema()), "dora", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	otherPath := writeFile(t, dir, "other.json", other)

	broken := filepath.Join(dir, "broken.json")
	b, _ := codec.Encode(alice)
	b = bytes.Replace(b, []byte(`"end": `), []byte(`"end": "x`), 1)
	if err := os.WriteFile(broken, b, 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string
	}{
		{"one_file", []string{teamPaths[0]}, 2, "need at least two files"},
		{"unknown_flag", []string{"--bogus", teamPaths[0], teamPaths[1]}, 2, "flag provided but not defined"},
		{"missing_file", []string{teamPaths[0], filepath.Join(dir, "nope.json")}, 1, "nope.json"},
		{"malformed", []string{teamPaths[0], broken}, 1, "broken.json: line "},
		{"different_schemas", []string{teamPaths[0], oddPath}, 1, `odd.json has label "place" that sample-alice.json lacks`},
		{"different_documents", []string{teamPaths[0], otherPath}, 1, "different documents: other.json is \"Another article.\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCmd(t, append([]string{"agree"}, tc.args...)...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d", code, tc.wantCode)
			}
			if !strings.Contains(errs, tc.want) {
				t.Errorf("stderr %q does not contain %q", errs, tc.want)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing on error", out)
			}
		})
	}
}

func TestAgreeEditedText(t *testing.T) {
	// Bob annotated an edited copy of the article (same title): a sentence
	// added early on, with an actor alice's text does not have.
	bob := readTeamFile(t, teamPaths[1])
	edited := strings.Replace(bob.Document.Text, "In a noteworthy exchange,", "Zakharova dismissed the report. In a noteworthy exchange,", 1)
	doc := annotations.NewDocument(edited, bob.Document.Title, bob.Document.Source)
	s, _, err := anchor.Place(bob, doc)
	if err != nil {
		t.Fatal(err)
	}
	at := strings.Index(edited, "Zakharova")
	if _, err := s.Apply(annotations.Add{Label: "actor", Start: at, End: at + len("Zakharova")}, time.Date(2026, 11, 27, 8, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, t.TempDir(), "bob-edited.json", annotations.NewFile(s, "bob", time.Date(2026, 11, 27, 8, 30, 0, 0, time.UTC)))
	code, out, errs := runCmd(t, "agree", teamPaths[0], path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	for _, want := range []string{
		"27 moved, 1 not placed", // every span after the new sentence
		`not placed: bob a32 actor "Zakharova"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output does not contain %q:\n%s", want, out)
		}
	}
}

func TestAgreeTextPerFile(t *testing.T) {
	// Two W3C files of different versions of the article: each gets its
	// own --text, in order.
	dir := t.TempDir()
	alice := readTeamFile(t, teamPaths[0])
	bob := readTeamFile(t, teamPaths[1])
	edited := strings.Replace(bob.Document.Text, "In a noteworthy exchange,", "Zakharova dismissed the report. In a noteworthy exchange,", 1)
	s, _, err := anchor.Place(bob, annotations.NewDocument(edited, bob.Document.Title, bob.Document.Source))
	if err != nil {
		t.Fatal(err)
	}
	var paths, texts []string
	for i, f := range []*annotations.File{alice, annotations.NewFile(s, "bob", bob.Exported.UTC())} {
		name := []string{"alice", "bob"}[i]
		b, err := w3c.Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		p, tp := filepath.Join(dir, name+".jsonld"), filepath.Join(dir, name+".txt")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(tp, []byte(f.Document.Text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths, texts = append(paths, p), append(texts, tp)
	}
	code, out, errs := runCmd(t, "agree", "--text", texts[0], "--text", texts[1], paths[0], paths[1])
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(out, "moved, 0 not placed") {
		t.Errorf("bob's spans are not all placed on alice's text:\n%s", out)
	}
	code, _, errs = runCmd(t, "agree", "--text", texts[0], "--text", texts[1], paths[0], paths[1], paths[1])
	if code != 1 || !strings.Contains(errs, "the 2 --text files are for the files before it") {
		t.Errorf("three files, two texts: exit %d, stderr %q", code, errs)
	}
}
